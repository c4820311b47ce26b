/**
 * The course as the live views need it: one frame per slide (plus one for a section without slides,
 * such as the key-message summary), with HTML rendered once, and the notes the presenter reads.
 * Participant and projector decks hold only what is projected; the presenter deck holds everything.
 */
import MarkdownIt from 'markdown-it';
import mark from 'markdown-it-mark';
import type { AudienceTag, Block, Course, ListItem, Section, Slide, SlideContent } from '../content/model.ts';
import { findChart } from '../content/model.ts';

// html: false escapes any HTML in course text; ==words== becomes <mark> (the slide's own words).
const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(mark);

export interface Frame {
  index: number;
  /** The course slide number, or null for a section frame. */
  slideNumber: number | null;
  id: string;
  sectionNumber: number;
  sectionTitle: string;
  title: string;
  /** Projected content, safe HTML. */
  html: string;
  chartId: string | null;
  minutes: number;
  /** Planned minute at which this frame starts, from the start of the lecture. */
  plannedStart: number;
  outcomes: string[];
  activityIds: string[];
}

export interface NoteView {
  kind: Block['kind'];
  audience: AudienceTag[];
  html: string;
  addition: string | null;
  questions?: { text: string; answer: string | null }[];
}

export interface PresenterFrame extends Frame {
  notes: NoteView[];
}

export interface Deck {
  courseId: string;
  /** The mission pack whose points the presenter deck carries, if any. */
  mission: { id: string; name: string } | null;
  /** The learning outcomes, so that results by outcome can name them. */
  outcomes: { id: string; text: string }[];
  title: string;
  lectureMinutes: number;
  discussionMinutes: number;
  frames: Frame[];
}

export interface PresenterDeck extends Deck {
  frames: PresenterFrame[];
}

export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}

export function renderInline(text: string): string {
  return md.renderInline(text);
}

/** The deck with every note; `missionId` adds that mission pack's points at their slides. */
export function buildPresenterDeck(course: Course, missionId: string | null = null): PresenterDeck {
  const mission = course.missions.find((m) => m.id === missionId);
  const missionNotes = (slideId: string) =>
    (mission?.points ?? []).filter((p) => p.slideId === slideId).map((p) => noteView(p.block));
  const frames: PresenterFrame[] = [];
  let minute = 0;
  for (const section of course.sections) {
    const sectionNotes = section.blocks.map(noteView);
    if (section.slides.length === 0) {
      frames.push({
        ...sectionFrame(section, frames.length, minute),
        notes: sectionNotes,
        activityIds: section.activities.map((a) => a.id),
      });
      continue;
    }
    section.slides.forEach((slide, i) => {
      const frame = slideFrame(course, section, slide, frames.length, minute);
      // Blocks and activities before a section's first slide are read with that slide.
      const notes = [
        ...(i === 0 ? sectionNotes : []),
        ...slide.blocks.map(noteView),
        ...missionNotes(slide.id),
      ];
      const activityIds = [...(i === 0 ? section.activities.map((a) => a.id) : []), ...frame.activityIds];
      frames.push({ ...frame, notes, activityIds });
      minute += slide.minutes;
    });
  }
  return {
    courseId: course.meta.id,
    mission: mission ? { id: mission.id, name: mission.name } : null,
    outcomes: course.outcomes.map(({ id, text }) => ({ id, text })),
    title: course.meta.title,
    lectureMinutes: course.meta.duration.lecture,
    discussionMinutes: course.meta.duration.discussion,
    frames,
  };
}

/** The deck without notes: what the projector and the phones may hold. */
export function publicDeck(deck: PresenterDeck): Deck {
  return { ...deck, frames: deck.frames.map(({ notes: _notes, ...frame }) => frame) };
}

function sectionFrame(section: Section, index: number, minute: number): Frame {
  return {
    index,
    slideNumber: null,
    id: section.id,
    sectionNumber: section.number,
    sectionTitle: section.title,
    title: section.title,
    html: '',
    chartId: null,
    minutes: 0,
    plannedStart: minute,
    outcomes: [],
    activityIds: [],
  };
}

function slideFrame(course: Course, section: Section, slide: Slide, index: number, minute: number): Frame {
  const chart = slide.chartId ? findChart(course, slide.chartId) : undefined;
  const chartHtml = chart
    ? `<table class="chart"><caption>${escapeHtml(chart.title)}</caption><thead><tr>${chart.categories
        .map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`)
        .join('')}</tr></thead><tbody><tr>${chart.categories
        .map((c) => `<td><ul>${c.items.map((i) => `<li>${renderInline(i)}</li>`).join('')}</ul></td>`)
        .join('')}</tr></tbody></table>`
    : '';
  return {
    index,
    slideNumber: slide.number,
    id: slide.id,
    sectionNumber: section.number,
    sectionTitle: section.title,
    title: slide.title,
    html: slide.content.map(contentHtml).join('') + chartHtml,
    chartId: slide.chartId ?? null,
    minutes: slide.minutes,
    plannedStart: minute,
    outcomes: slide.outcomes,
    activityIds: slide.activities.map((a) => a.id),
  };
}

function contentHtml(content: SlideContent): string {
  switch (content.type) {
    case 'bullets':
      return listHtml(content.items);
    case 'quote':
      return `<blockquote>${renderInline(content.text)}</blockquote>`;
    case 'paragraph':
      return `<p>${renderInline(content.text)}</p>`;
    case 'table':
      return `<table>${content.rows
        .map((row) => `<tr>${row.map((cell) => `<td>${renderInline(cell)}</td>`).join('')}</tr>`)
        .join('')}</table>`;
  }
}

function listHtml(items: ListItem[]): string {
  if (items.length === 0) return '';
  return `<ul>${items.map((i) => `<li>${renderInline(i.text)}${listHtml(i.children)}</li>`).join('')}</ul>`;
}

function noteView(block: Block): NoteView {
  const base = {
    kind: block.kind,
    audience: block.audience,
    addition: block.addition?.cite ?? null,
  };
  if (block.kind === 'questions') {
    return {
      ...base,
      html: renderMarkdown(block.intro),
      questions: block.questions.map((q) => ({
        text: renderInline(q.text),
        answer: q.answer ? renderInline(q.answer) : null,
      })),
    };
  }
  if (block.kind === 'handout' && block.chart) {
    return { ...base, html: `<p>${escapeHtml(block.chart.title)}</p>` };
  }
  return { ...base, html: renderMarkdown(block.markdown) };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
