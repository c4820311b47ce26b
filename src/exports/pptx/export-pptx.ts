/**
 * The course as an editable PowerPoint deck: one slide per course slide (plus one for a section
 * without slides, such as the key-message summary), titles and bullets in real title/body
 * placeholders of named layouts, Chart 1.1 as a real table, and the presenter's notes as speaker notes.
 *
 * pptxgenjs builds the package (layouts, slides, tables, notes slides, sections, properties);
 * ooxml-fixups.ts then rewrites the placeholders' text so that it inherits the layouts' styles — see
 * that file for what pptxgenjs cannot do on its own.
 */
import pptxgenjs from 'pptxgenjs';
import type { Block, Chart, Course, ListItem, Section, Slide, SlideContent } from '../../content/model.ts';
import { findChart } from '../../content/model.ts';
import {
  bodyFontScale,
  CONTENT_W,
  LAYOUTS,
  type LayoutName,
  type LayoutSpec,
  type Paragraph,
  tableArea,
  wrappedLines,
} from './layouts.ts';
import { applyFixups, type SlidePlan } from './ooxml-fixups.ts';
import { inlineToPlainText, inlineToRuns } from './plain-text.ts';
import { legendNames, speakerNotes } from './speaker-notes.ts';

export interface PptxOptions {
  /** A mission pack whose points join the speaker notes at their slides (as in the presenter view). */
  missionId?: string | null;
}

/** One PowerPoint slide: a course slide, or a section that has no slides. */
export interface PptxFrame {
  id: string;
  section: Section;
  slide: Slide | null;
  title: string;
  /** The blocks read with this slide, in presenter order. */
  blocks: Block[];
}

// pptxgenjs declares its types as CommonJS, so under `nodenext` TypeScript types the default import as
// the module object, with the class at `.default`; Node loads the ES build, whose default is the class.
type PptxGenJS = pptxgenjs.default;
type PptxSlide = pptxgenjs.default.Slide;
type TableRow = pptxgenjs.default.TableRow;
const PptxGenJS: typeof pptxgenjs.default =
  (pptxgenjs as unknown as { default?: typeof pptxgenjs.default }).default ??
  (pptxgenjs as unknown as typeof pptxgenjs.default);

const LANG_TAGS: Record<Course['meta']['language'], string> = {
  en: 'en-US',
  fr: 'fr-FR',
  ar: 'ar-SA',
  es: 'es-ES',
  ru: 'ru-RU',
  zh: 'zh-CN',
};

export async function exportPptx(course: Course, options: PptxOptions = {}): Promise<Uint8Array> {
  const pres = new PptxGenJS();
  pres.layout = 'LAYOUT_WIDE';
  pres.title = course.meta.title;
  pres.subject = `Module ${course.meta.module} — ${course.meta.series}, ${course.meta.edition}`;
  pres.author = 'Lectern';
  pres.company = course.meta.series;
  const lang = LANG_TAGS[course.meta.language] ?? 'en-US';
  defineLayouts(pres);

  const names = legendNames(course);
  const plans: SlidePlan[] = [];
  let currentSection: Section | null = null;
  for (const frame of pptxFrames(course, options.missionId ?? null)) {
    if (frame.section !== currentSection) {
      currentSection = frame.section;
      pres.addSection({ title: sectionTitle(frame.section) });
    }
    const chart = frame.slide?.chartId ? findChart(course, frame.slide.chartId) : undefined;
    const tables = (frame.slide?.content ?? []).filter((c) => c.type === 'table');
    const paragraphs = frameParagraphs(frame);
    const layout = LAYOUTS[chooseLayout(frame, paragraphs, chart !== undefined || tables.length > 0)];

    const slide = pres.addSlide({ masterName: layout.name, sectionTitle: sectionTitle(frame.section) });
    // Plain text here; ooxml-fixups.ts replaces both text bodies with the paragraphs below.
    slide.addText(frame.title, { placeholder: 'title' });
    if (layout.body && paragraphs.length > 0) {
      slide.addText(paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('\n'), {
        placeholder: 'body',
      });
    }
    addTables(slide, layout, chart, tables, lang);

    const notes = speakerNotes(frame.blocks, names);
    if (notes) slide.addNotes(notes);
    plans.push({
      title: inlineToPlainText(frame.title),
      paragraphs: layout.body ? paragraphs : [],
      fontScale: bodyFontScale(paragraphs, layout),
      notes,
    });
  }

  const raw = (await pres.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
  return applyFixups(raw, { plans, layouts: Object.values(LAYOUTS), lang });
}

/**
 * The slides in deck order, as `buildPresenterDeck` (src/live/deck.ts) flattens them: one per course
 * slide, one per section without slides; blocks before a section's first slide are read with it,
 * then the slide's own blocks, then the mission pack's points for the slide.
 */
export function pptxFrames(course: Course, missionId: string | null = null): PptxFrame[] {
  const mission = course.missions.find((m) => m.id === missionId);
  const frames: PptxFrame[] = [];
  for (const section of course.sections) {
    if (section.slides.length === 0) {
      frames.push({ id: section.id, section, slide: null, title: section.title, blocks: section.blocks });
      continue;
    }
    section.slides.forEach((slide, i) => {
      const missionBlocks = (mission?.points ?? []).filter((p) => p.slideId === slide.id).map((p) => p.block);
      frames.push({
        id: slide.id,
        section,
        slide,
        title: slide.title,
        blocks: [...(i === 0 ? section.blocks : []), ...slide.blocks, ...missionBlocks],
      });
    });
  }
  return frames;
}

function sectionTitle(section: Section): string {
  // Numbered so that two sections with one title stay two PowerPoint sections.
  return `${section.number}. ${section.title}`;
}

function defineLayouts(pres: PptxGenJS): void {
  for (const layout of Object.values(LAYOUTS)) {
    const { title, body } = layout;
    pres.defineSlideMaster({
      title: layout.name,
      slideNumber: { x: CONTENT_W - 0.3, y: 6.95, w: 0.9, h: 0.35, fontSize: 12, align: 'right' },
      objects: [
        {
          placeholder: {
            options: { name: 'title', type: 'title', x: title.x, y: title.y, w: title.w, h: title.h },
          },
        },
        ...(body
          ? [
              {
                placeholder: {
                  options: {
                    name: 'body',
                    type: 'body' as const,
                    x: body.x,
                    y: body.y,
                    w: body.w,
                    h: body.h,
                  },
                },
              },
            ]
          : []),
      ],
    });
  }
}

function chooseLayout(frame: PptxFrame, paragraphs: readonly Paragraph[], hasTable: boolean): LayoutName {
  if (hasTable) return paragraphs.length > 0 ? 'Title, Text and Table' : 'Title Only';
  if (paragraphs.length === 0) return 'Section Header';
  // The course's opening slide (the module title) when it holds no list.
  if (frame.slide?.number === 1 && paragraphs.every((p) => p.level === null)) return 'Title Slide';
  return 'Title and Content';
}

/** The body text: the slide's bullets, quotes and paragraphs; a section's key points. */
function frameParagraphs(frame: PptxFrame): Paragraph[] {
  if (!frame.slide) {
    return frame.blocks.flatMap((b) => (b.kind === 'key-points' ? listParagraphs(b.points, 0) : []));
  }
  return frame.slide.content.flatMap((c): Paragraph[] => contentParagraphs(c));
}

function contentParagraphs(content: SlideContent): Paragraph[] {
  switch (content.type) {
    case 'bullets':
      return listParagraphs(content.items, 0);
    case 'quote':
      return [{ runs: inlineToRuns(content.text).map((r) => ({ ...r, italic: true })), level: null }];
    case 'paragraph':
      return [{ runs: inlineToRuns(content.text), level: null }];
    case 'table':
      return [];
  }
}

function listParagraphs(items: readonly ListItem[], level: number): Paragraph[] {
  return items.flatMap((item) => [
    { runs: inlineToRuns(item.text), level },
    ...listParagraphs(item.children, level + 1),
  ]);
}

// Tables: a chart (one column per category, its items as bullet lines) and any `|` table of the slide.

interface TableSpec {
  header: string[];
  cells: string[][];
  /** Each cell's lines are bullets (a chart) rather than one paragraph. */
  bullets: boolean;
}

function addTables(
  slide: PptxSlide,
  layout: LayoutSpec,
  chart: Chart | undefined,
  tables: readonly Extract<SlideContent, { type: 'table' }>[],
  lang: string,
): void {
  const specs: TableSpec[] = [];
  if (chart) {
    specs.push({
      header: chart.categories.map((c) => inlineToPlainText(c.label)),
      cells: chart.categories.map((c) => c.items.map((i) => inlineToPlainText(i))),
      bullets: true,
    });
  }
  for (const table of tables) {
    const [head = [], ...rest] = table.rows;
    const width = Math.max(...table.rows.map((r) => r.length));
    const pad = (row: string[]) => Array.from({ length: width }, (_, i) => inlineToPlainText(row[i] ?? ''));
    // One row per source row: cells hold one paragraph each, so transpose into columns of lines.
    const columns = Array.from({ length: width }, (_, col) => rest.map((row) => pad(row)[col] ?? ''));
    specs.push({ header: pad(head), cells: columns, bullets: false });
  }
  if (specs.length === 0) return;

  const area = tableArea(layout);
  const source = chart?.source ? `Source: ${inlineToPlainText(chart.source)}` : '';
  const footnote = source ? 0.35 : 0;
  const share = (area.h - footnote - 0.15 * (specs.length - 1)) / specs.length;
  let y = area.y;
  for (const spec of specs) {
    const { size, colW } = tableLayout(spec, area.w, share);
    const rows = spec.bullets ? chartRows(spec, size, lang) : gridRows(spec, lang);
    slide.addTable(rows, {
      x: area.x,
      y,
      w: area.w,
      colW,
      fontSize: size,
      valign: 'top',
      margin: TABLE_MARGIN_IN,
      border: { type: 'solid', pt: 1, color: 'BFBFBF' },
      autoPage: false,
    });
    y += share + 0.15;
  }
  if (source) {
    slide.addText(source, {
      x: area.x,
      y: area.y + area.h - footnote + 0.05,
      w: area.w - 1.2,
      h: footnote,
      fontSize: 11,
      italic: true,
      color: 'tx1',
      lang,
    });
  }
}

const TABLE_MARGIN_IN = 0.08;
const HEADER_CELL = { bold: true, color: 'bg1', fill: { color: 'accent1' } } as const;

function chartRows(spec: TableSpec, size: number, lang: string): TableRow[] {
  const header = spec.header.map((text) => ({ text, options: { ...HEADER_CELL, lang } }));
  const body = spec.cells.map((lines) => ({
    text: lines.map((text, i) => ({
      text,
      options: {
        bullet: { indent: Math.round(size * 0.9) },
        breakLine: i < lines.length - 1,
        paraSpaceAfter: 3,
        lang,
      },
    })),
  }));
  return [header, body];
}

function gridRows(spec: TableSpec, lang: string): TableRow[] {
  const height = Math.max(0, ...spec.cells.map((c) => c.length));
  const header = spec.header.map((text) => ({ text, options: { ...HEADER_CELL, lang } }));
  const body = Array.from({ length: height }, (_, row) =>
    spec.cells.map((col) => ({ text: col[row] ?? '', options: { lang } })),
  );
  return spec.header.some(Boolean) ? [header, ...body] : body;
}

/**
 * Column widths: each column at least as wide as its header label on one line (when the table's width
 * allows), the rest shared in proportion to the square root of each column's text.
 */
function columnWidths(spec: TableSpec, width: number, size: number): number[] {
  const marginIn = TABLE_MARGIN_IN * 2;
  // Header labels are bold: a little wider than body text.
  const labelW = spec.header.map((h) => (h.length * size * 0.55) / 72 + marginIn + 0.05);
  const fit = Math.min(1, width / labelW.reduce((a, b) => a + b, 0));
  const minW = labelW.map((w) => w * fit);
  const weights = spec.header.map((h, i) =>
    Math.sqrt(Math.max(40, h.length + (spec.cells[i] ?? []).join(' ').length)),
  );
  // Share the width by weight; columns whose share falls below their minimum get the minimum.
  const fixed = new Set<number>();
  for (;;) {
    const free = width - [...fixed].reduce((a, i) => a + (minW[i] ?? 0), 0);
    const total = weights.reduce((a, w, i) => (fixed.has(i) ? a : a + w), 0);
    const widths = weights.map((w, i) => (fixed.has(i) ? (minW[i] ?? 0) : (w / total) * free));
    const under = widths.findIndex((w, i) => !fixed.has(i) && w < (minW[i] ?? 0));
    if (under < 0) return widths.map((w) => Math.round(w * 1000) / 1000);
    fixed.add(under);
  }
}

/** The largest font size (18 pt down to 9 pt) at which the table's rows fit the height, and the widths. */
function tableLayout(spec: TableSpec, width: number, height: number): { size: number; colW: number[] } {
  const marginPt = TABLE_MARGIN_IN * 72 * 2;
  let size = 18;
  for (; size > 9; size--) {
    const colW = columnWidths(spec, width, size);
    const lineH = size * 1.2;
    const linesIn = (texts: readonly string[], col: number, indent: number) =>
      texts.reduce((n, t) => n + wrappedLines(t, (colW[col] ?? 1) * 72 - marginPt - indent, size), 0);
    const headerH = Math.max(...spec.header.map((h, col) => linesIn([h], col, 0))) * lineH + marginPt;
    let bodyH = 0;
    if (spec.bullets) {
      const tallest = Math.max(
        ...spec.cells.map((lines, col) => linesIn(lines, col, size * 0.9) * lineH + lines.length * 3),
      );
      bodyH = tallest + marginPt;
    } else {
      const rows = Math.max(0, ...spec.cells.map((c) => c.length));
      for (let r = 0; r < rows; r++) {
        bodyH += Math.max(...spec.cells.map((c, col) => linesIn([c[r] ?? ''], col, 0))) * lineH + marginPt;
      }
    }
    if (headerH + bodyH <= height * 72) return { size, colW };
  }
  return { size, colW: columnWidths(spec, width, size) };
}
