import { stringify } from 'yaml';
import type { SlideContent, SourceFile } from '../content/model.ts';
import type { ImportedBlock, ImportedCourse, ImportedSection, ImportedSlide } from './imported-course.ts';
import { slug } from './text-case.ts';

/** The imported course as the files of a course folder, in the documented format. */
export function writeCourse(course: ImportedCourse, sourceName: string): SourceFile[] {
  const files: SourceFile[] = [
    {
      path: 'course.md',
      text: `---\n${yaml(course.meta)}---\n\n<!-- Imported by \`lectern import\` from ${comment(sourceName)}; see import-report.md for what to review. -->\n`,
    },
  ];
  const usedSlideIds = new Set<string>();
  // Section ids share one namespace with slide and chart ids.
  const taken = new Set(
    course.sections.flatMap((s) => s.slides.flatMap((sl) => [`slide-${sl.number}`, sl.chartId ?? ''])),
  );
  course.sections.forEach((section, i) => {
    let id = uniqueSectionId(section, i, course.sections);
    if (taken.has(id)) id = `section-${id}`;
    taken.add(id);
    const name = `${String(i + 1).padStart(2, '0')}-${id}`.slice(0, 60).replace(/-+$/, '');
    files.push({ path: `sections/${name}.md`, text: sectionFile(section, id, usedSlideIds) });
  });
  return files;
}

function yaml(value: unknown): string {
  return stringify(value, { lineWidth: 100, minContentWidth: 40 });
}

function comment(text: string): string {
  return text.replace(/--+/g, '-');
}

function uniqueSectionId(section: ImportedSection, index: number, all: ImportedSection[]): string {
  const id = slug(section.title).slice(0, 48).replace(/-+$/, '') || `section-${index + 1}`;
  const clash = all.slice(0, index).some((s) => slug(s.title).slice(0, 48).replace(/-+$/, '') === id);
  return clash ? `${id}-${index + 1}` : id;
}

function sectionFile(section: ImportedSection, id: string, usedSlideIds: Set<string>): string {
  const front = yaml({ id, number: section.number, title: section.title });
  const parts = [`---\n${front}---`];
  for (const block of section.blocks) parts.push(blockText(block));
  for (const slide of section.slides) {
    parts.push(slideText(slide, usedSlideIds));
    for (const block of slide.blocks) parts.push(blockText(block));
  }
  return `${parts.join('\n\n')}\n`;
}

function slideText(slide: ImportedSlide, used: Set<string>): string {
  let id = `slide-${slide.number}`;
  for (let n = 2; used.has(id); n++) id = `slide-${slide.number}-${n}`;
  used.add(id);
  const attributes = [`#${id}`, `minutes=${slide.minutes}`];
  if (slide.outcomes.length > 0) attributes.push(`outcomes="${slide.outcomes.join(' ')}"`);
  if (slide.chartId) attributes.push(`chart=${slide.chartId}`);
  const body = [`# ${oneLine(slide.title)}`, ...slide.content.map(contentText)];
  return `:::slide{${attributes.join(' ')}}\n${body.map(safeLine).join('\n')}\n:::`;
}

function contentText(content: SlideContent): string {
  switch (content.type) {
    case 'bullets':
      return content.items.map((i) => `- ${oneLine(i.text)}`).join('\n');
    case 'quote':
      return `> ${oneLine(content.text)}`;
    case 'paragraph':
      return oneLine(content.text);
    case 'table':
      return content.rows.map((r) => `| ${r.map(oneLine).join(' | ')} |`).join('\n');
  }
}

function blockText(block: ImportedBlock): string {
  if (block.chart) {
    const { id, ...chart } = block.chart;
    return `:::handout{#${id} format=chart}\n${yaml(chart).trimEnd()}\n:::`;
  }
  const lines: string[] = [];
  if (block.questions) {
    if (block.questions.intro) lines.push(oneLine(block.questions.intro), '');
    for (const q of block.questions.items) {
      lines.push(`- ${oneLine(q.text)}`);
      if (q.answer) lines.push(`  Answer: ${oneLine(q.answer)}`);
    }
  }
  block.parts.forEach((part, i) => {
    const previous = block.parts[i - 1];
    const listLine = /^(- |1\. )/;
    if (i > 0 && !(listLine.test(part) && previous !== undefined && listLine.test(previous))) lines.push('');
    lines.push(oneLine(part));
  });
  const body = lines.length > 0 ? lines : ['…'];
  return `:::${block.kind}\n${body.map(safeLine).join('\n')}\n:::`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Imported words must not read as course syntax: a directive fence or an internal link. */
function safeLine(line: string): string {
  return line.replace(/^(\s*):::/, '$1\\:::').replace(/\]\(#/g, ']\\(#');
}
