/**
 * The small part of Markdown the model needs structured: slide content, list trees, questions and
 * internal links. Rendering of inline Markdown is left to the views.
 */
import type { ListItem, Question, SlideContent } from './model.ts';

const RE_HEADING = /^#\s+(.*)$/;
const RE_BULLET = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;
const RE_QUOTE = /^\s*>\s?(.*)$/;
const RE_TABLE = /^\s*\|(.*)\|\s*$/;
const RE_TABLE_RULE = /^\s*\|?[\s:|-]+\|?\s*$/;
const RE_ANSWER = /^\s*(?:\*\*)?(?:answer|réponse)\s*:\s*(?:\*\*)?\s*(.+)$/i;
const RE_INTERNAL_LINK = /\[[^\]]*\]\(#([^)\s]+)\)/g;
const RE_SLIDE_WORDS = /==([^=]+)==/g;

export interface SlideBody {
  title?: string;
  content: SlideContent[];
}

export function parseSlideBody(markdown: string): SlideBody {
  const content: SlideContent[] = [];
  let title: string | undefined;
  const lines = markdown.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const heading = RE_HEADING.exec(line);
    if (line.trim() === '') {
      i++;
    } else if (heading && title === undefined) {
      title = (heading[1] ?? '').trim();
      i++;
    } else if (RE_BULLET.test(line)) {
      const end = runEnd(lines, i, (l) => RE_BULLET.test(l) || /^\s{2,}\S/.test(l));
      content.push({ type: 'bullets', items: parseList(lines.slice(i, end)) });
      i = end;
    } else if (RE_QUOTE.test(line)) {
      const end = runEnd(lines, i, (l) => RE_QUOTE.test(l));
      const text = joinLines(lines.slice(i, end).map((l) => RE_QUOTE.exec(l)?.[1] ?? ''));
      content.push({ type: 'quote', text });
      i = end;
    } else if (RE_TABLE.test(line)) {
      const end = runEnd(lines, i, (l) => RE_TABLE.test(l));
      const rows = lines
        .slice(i, end)
        .filter((l) => !RE_TABLE_RULE.test(l))
        .map((l) => (RE_TABLE.exec(l)?.[1] ?? '').split('|').map((cell) => cell.trim()));
      content.push({ type: 'table', rows });
      i = end;
    } else {
      const end = runEnd(lines, i, (l) => l.trim() !== '' && !RE_BULLET.test(l) && !RE_QUOTE.test(l));
      content.push({ type: 'paragraph', text: joinLines(lines.slice(i, end)) });
      i = end;
    }
  }
  return title === undefined ? { content } : { title, content };
}

/** A list written with `-` or `1.` markers; deeper indentation nests, other lines continue an item. */
export function parseList(lines: readonly string[]): ListItem[] {
  const root: ListItem[] = [];
  const stack: { indent: number; item: ListItem }[] = [];
  for (const line of lines) {
    const bullet = RE_BULLET.exec(line);
    if (!bullet) {
      const last = stack.at(-1);
      if (last && line.trim() !== '') last.item.text = joinLines([last.item.text, line]);
      continue;
    }
    const indent = (bullet[1] ?? '').length;
    const item: ListItem = { text: (bullet[2] ?? '').trim(), children: [] };
    while (stack.length > 0 && (stack.at(-1)?.indent ?? 0) >= indent) stack.pop();
    const parent = stack.at(-1);
    (parent ? parent.item.children : root).push(item);
    stack.push({ indent, item });
  }
  return root;
}

/** Text before the first top-level list item, and the list itself. */
export function splitIntroAndList(markdown: string): { intro: string; list: string[] } {
  const lines = markdown.split('\n');
  const first = lines.findIndex((l) => RE_BULLET.test(l) && !/^\s/.test(l));
  if (first === -1) return { intro: joinLines(lines), list: [] };
  return { intro: joinLines(lines.slice(0, first)), list: lines.slice(first) };
}

export function parseQuestions(markdown: string): { intro: string; questions: Question[] } {
  const { intro, list } = splitIntroAndList(markdown);
  const questions: Question[] = [];
  for (const line of list) {
    const bullet = RE_BULLET.exec(line);
    const answer = RE_ANSWER.exec(line);
    const current = questions.at(-1);
    if (bullet && !/^\s/.test(line)) {
      questions.push({ text: (bullet[2] ?? '').trim() });
    } else if (current && answer) {
      current.answer = (answer[1] ?? '').trim();
    } else if (current && line.trim() !== '') {
      const stripped = line.replace(RE_BULLET, '$2');
      if (current.answer !== undefined) current.answer = joinLines([current.answer, stripped]);
      else current.text = joinLines([current.text, stripped]);
    }
  }
  return { intro, questions };
}

export interface Located<T> {
  value: T;
  /** 0-based line within the text, and 1-based column. */
  line: number;
  column: number;
}

export function internalLinks(markdown: string): Located<string>[] {
  return matchAll(markdown, RE_INTERNAL_LINK);
}

export function slideWords(markdown: string): Located<string>[] {
  return matchAll(markdown, RE_SLIDE_WORDS);
}

function matchAll(markdown: string, re: RegExp): Located<string>[] {
  const found: Located<string>[] = [];
  markdown.split('\n').forEach((line, index) => {
    for (const m of line.matchAll(re)) {
      found.push({ value: m[1] ?? '', line: index, column: (m.index ?? 0) + 1 });
    }
  });
  return found;
}

/** Joins wrapped source lines into one line of text. */
export function joinLines(lines: readonly string[]): string {
  return lines
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}

function runEnd(lines: readonly string[], from: number, belongs: (line: string) => boolean): number {
  let end = from + 1;
  while (end < lines.length && belongs(lines[end] ?? '')) end++;
  return end;
}
