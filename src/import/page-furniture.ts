import { slideMarker } from './block-vocabulary.ts';
import type { SourceLine } from './source-line.ts';

/**
 * Running headers, footers and page numbers: the lines a page layout repeats. They are found, not
 * assumed: a line counts as furniture when its shape (digits masked) recurs at the top or bottom of
 * most pages, or, in text without page breaks, when it is a "<title> <page number>" line and the
 * short lines right around it.
 */
export interface Furniture {
  /** The lines that remain, in order. */
  body: SourceLine[];
  /** The distinct furniture texts that were removed (e.g. the series and edition in a footer). */
  removed: string[];
}

const EDGE = 3;
const PAGE_NUMBER = /^(page\s+)?[-–(]?\s*\d{1,4}\s*[-–)]?(\s+(of|\/)\s+\d{1,4})?$/i;

export function removePageFurniture(lines: SourceLine[], title?: string): Furniture {
  const pages = groupByPage(lines.filter((l) => l.text.trim() !== '' || !l.layout));
  const drop = new Set<SourceLine>();
  if (pages.length >= 3) markRepeatedEdges(pages, drop);
  for (const page of pages) {
    for (const line of edgeLines(page)) if (PAGE_NUMBER.test(line.text.trim())) drop.add(line);
  }
  // Without page breaks (text from a converter that dropped them) repetition cannot be seen.
  if (title && pages.length < 3) markTitledHeaders(lines, title, drop);
  const removed = new Map<string, string>();
  for (const line of drop) {
    const text = clean(line.text);
    if (!PAGE_NUMBER.test(text) && !removed.has(shape(text))) removed.set(shape(text), text);
  }
  return { body: lines.filter((l) => !drop.has(l)), removed: [...removed.values()] };
}

function groupByPage(lines: SourceLine[]): SourceLine[][] {
  const pages = new Map<number, SourceLine[]>();
  for (const line of lines) {
    const page = pages.get(line.page) ?? [];
    page.push(line);
    pages.set(line.page, page);
  }
  return [...pages.values()];
}

function edgeLines(page: SourceLine[]): SourceLine[] {
  const text = page.filter((l) => l.text.trim() !== '');
  return [...text.slice(0, EDGE), ...text.slice(-EDGE)];
}

function shape(text: string): string {
  return clean(text).toLowerCase().replace(/\d+/g, '#');
}

function clean(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** A shape at a page's edge on at least half the pages (and three) is layout, not content. */
function markRepeatedEdges(pages: SourceLine[][], drop: Set<SourceLine>): void {
  const counts = new Map<string, number>();
  for (const page of pages) {
    for (const key of new Set(edgeLines(page).map((l) => shape(l.text)))) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const threshold = Math.max(3, Math.ceil(pages.length / 2));
  for (const page of pages) {
    for (const line of edgeLines(page)) {
      // "Slide 12" at the top of many pages is structure, however often it recurs.
      if (slideMarker(clean(line.text)) !== undefined) continue;
      if ((counts.get(shape(line.text)) ?? 0) >= threshold) drop.add(line);
    }
  }
}

/**
 * Without page breaks a header survives as "Module 1: <title>   8": the document's own title followed
 * by a page number. Short, unpunctuated lines within two lines of it (the footer) go with it.
 */
function markTitledHeaders(lines: SourceLine[], title: string, drop: Set<SourceLine>): void {
  const key = words(title);
  if (key.length < 3) return;
  lines.forEach((line, i) => {
    const text = clean(line.text);
    const match = /^(.*\S)\s+\d{1,4}$/.exec(text);
    if (!match?.[1] || !sameWords(words(match[1]), key)) return;
    drop.add(line);
    for (const j of [i - 2, i - 1, i + 1, i + 2]) {
      const near = lines[j];
      if (!near) continue;
      const t = clean(near.text);
      if (t !== '' && t.length <= 80 && !/[.:;?!]$/.test(t) && /\b(19|20)\d\d\b|ed\.|edition/i.test(t))
        drop.add(near);
    }
  });
}

function words(text: string): string[] {
  return text
    .trim()
    .toLowerCase()
    .replace(/^module\s+\d+\s*:?\s*/, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The header may drop a parenthesised acronym the title page has, e.g. "(POC)". */
function sameWords(a: string[], b: string[]): boolean {
  const shorter = a.length <= b.length ? a : b;
  const longer = a.length <= b.length ? b : a;
  return (
    shorter.length >= 3 && longer.length - shorter.length <= 1 && shorter.every((w, i) => longer[i] === w)
  );
}
