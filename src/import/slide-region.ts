import type { SlideContent } from '../content/model.ts';
import type { ChartBody } from '../content/schemas.ts';
import { blockLabel, listMarker, slideMarker } from './block-vocabulary.ts';
import { hasUnclosedBracket, joinLines } from './join-lines.ts';
import type { LayoutLine } from './layout-line.ts';
import { slug } from './text-case.ts';

/**
 * The text of a slide picture, found backwards from its "Slide N" marker. Extraction prints a slide's
 * text twice (the picture's text and its shadow), so the region is what repeats right before the
 * marker, plus a title printed once above or below it; slides with a title alone are short,
 * unpunctuated lines. A "CHART n.n" line makes the region a chart, whose categories end in labels
 * the extraction glues to their last item ("Forced disappearanceThreats to freedom…").
 */
export interface SlideRegion {
  /** Index of the region's first line. */
  start: number;
  /** Undefined when the slide shows no title of its own (the section's title stands in). */
  title?: string;
  content: SlideContent[];
  chart?: ChartBody & { id: string };
}

interface Group {
  lines: LayoutLine[];
  twice: boolean;
}

const MAX_TITLE_LINES = 3;
const MAX_TITLE_LENGTH = 70;
/** A slide printed once holds at most this many lines (a long quote wraps over many). */
const MAX_ONCE_LINES = 30;

export function slideRegion(lines: LayoutLine[], from: number, marker: number): SlideRegion {
  const chartAt = findChartLine(lines, from, marker);
  const chart = chartAt >= 0 ? chartRegion(lines, from, chartAt, marker) : undefined;
  if (chart?.chart && chart.chart.categories.length > 0) return chart;

  const groups: Group[] = [];
  let p = marker;
  let best = { t: 0, k: 0 };
  for (let t = 0; t <= MAX_TITLE_LINES && marker - t > from; t++) {
    if (t > 0 && !titleLike(lines.slice(marker - t, marker))) continue;
    const k = repeatedRun(lines, from, marker - t);
    if (k > best.k) best = { t, k };
  }
  if (best.k > 0) {
    if (best.t > 0) groups.unshift(onceOrDoubled(lines.slice(marker - best.t, marker)));
    p = marker - best.t - 2 * best.k;
    groups.unshift({ lines: lines.slice(p, p + best.k), twice: true });
    for (;;) {
      const line = lines[p - 1];
      if (p - 1 >= from && line && doubledInLine(line.text)) {
        groups.unshift({ lines: [{ ...line, text: doubledInLine(line.text) ?? line.text }], twice: true });
        p -= 1;
        continue;
      }
      const k = repeatedRun(lines, from, p, 6);
      if (k === 0) break;
      p -= 2 * k;
      groups.unshift({ lines: lines.slice(p, p + k), twice: true });
    }
  }
  const printedOnce = groups.length === 0 ? onceRun(lines, from, marker) : [];
  if (printedOnce.length > MAX_TITLE_LINES) {
    // A slide printed once, as a block of short lines right above its marker: title, then points.
    const [title, ...points] = printedOnce;
    if (title) groups.push({ lines: [title], twice: false });
    for (const point of points) groups.push({ lines: [{ ...point, gapBefore: true }], twice: false });
    return { start: marker - printedOnce.length, ...titleAndContent(groups) };
  }
  for (let k = Math.min(MAX_TITLE_LINES, p - from); k >= 1; k--) {
    const candidate = lines.slice(p - k, p);
    if (titleLike(candidate)) {
      groups.unshift({ lines: candidate, twice: false });
      p -= k;
      break;
    }
  }
  return { start: p, ...titleAndContent(groups) };
}

/** The unbroken run of short, slide-like lines right above a marker, after a gap. */
function onceRun(lines: LayoutLine[], from: number, marker: number): LayoutLine[] {
  const run: LayoutLine[] = [];
  for (let i = marker - 1; i >= from && run.length < MAX_ONCE_LINES; i--) {
    const line = lines[i];
    if (
      !line ||
      line.text.length > MAX_TITLE_LENGTH ||
      blockLabel(line.text) ||
      slideMarker(line.text) !== undefined
    )
      return [];
    run.unshift(line);
    if (line.gapBefore) break;
  }
  return run[0]?.gapBefore && titleLike(run.slice(0, 1)) ? run : [];
}

/** Trailing lines printed once, unless each is itself doubled ("Module 1Module 1"). */
function onceOrDoubled(group: LayoutLine[]): Group {
  const halves = group.map((l) => doubledInLine(l.text));
  if (halves.every((h) => h !== undefined))
    return { lines: group.map((l, i) => ({ ...l, text: halves[i] ?? l.text })), twice: true };
  return { lines: group, twice: false };
}

function same(a: LayoutLine | undefined, b: LayoutLine | undefined): boolean {
  return a !== undefined && b !== undefined && a.text === b.text;
}

/** The largest k such that the k lines before `end` repeat the k lines before them. */
function repeatedRun(lines: LayoutLine[], from: number, end: number, max = 40): number {
  for (let k = Math.min(max, Math.floor((end - from) / 2)); k >= 1; k--) {
    let equal = true;
    for (let i = 0; i < k && equal; i++) equal = same(lines[end - 2 * k + i], lines[end - k + i]);
    if (equal && lines.slice(end - k, end).some((l) => l.text.length > 1)) return k;
  }
  return 0;
}

/** "Module 1Module 1": a line that is the same text twice over. */
export function doubledInLine(text: string): string | undefined {
  if (text.length < 4 || text.length % 2 !== 0) return undefined;
  const half = text.slice(0, text.length / 2);
  return half === text.slice(text.length / 2) && /[A-Za-z]/.test(half) ? half.trim() : undefined;
}

function titleLike(candidate: LayoutLine[]): boolean {
  const [first] = candidate;
  if (!first || !/^[\p{Lu}\p{N}“"‘']/u.test(first.text)) return false;
  return candidate.every(
    (l) =>
      l.text.length <= MAX_TITLE_LENGTH &&
      !/[.:;]$/.test(l.text) &&
      slideMarker(l.text) === undefined &&
      !blockLabel(l.text) &&
      !listMarker(l.text),
  );
}

function titleAndContent(groups: Group[]): { title?: string; content: SlideContent[] } {
  let titleGroup: Group | undefined;
  const first = groups[0];
  const last = groups[groups.length - 1];
  if (first && !first.twice) titleGroup = first;
  else if (last && !last.twice && groups.length > 1) titleGroup = last;
  else if (first && groups.length === 2 && first.lines.length <= 2) titleGroup = first;
  const rest = groups.filter((g) => g !== titleGroup);
  return {
    ...(titleGroup ? { title: joinLines(titleGroup.lines.map((l) => l.text)) } : {}),
    content: slideContent(rest),
  };
}

/** Each group's items are separated by gaps; short items are bullets, a long one a paragraph or quote. */
function slideContent(groups: Group[]): SlideContent[] {
  const content: SlideContent[] = [];
  const lone = groups.length === 1 && items(groups[0]?.lines ?? []).length === 1;
  for (const group of groups) {
    const list = items(group.lines);
    const [only] = list;
    if (
      list.length === 1 &&
      only !== undefined &&
      (lone || only.split(' ').length > 12 || /\?$/.test(only))
    ) {
      content.push(/^[“"]/.test(only) ? { type: 'quote', text: only } : { type: 'paragraph', text: only });
      continue;
    }
    const previous = content[content.length - 1];
    const bullets = list.map((text) => ({ text, children: [] }));
    if (previous?.type === 'bullets') previous.items.push(...bullets);
    else content.push({ type: 'bullets', items: bullets });
  }
  return content;
}

const CONNECTORS = /\b(to|of|and|the|for|in|on|a|an|or|with)$/i;

function items(lines: LayoutLine[]): string[] {
  const found: string[][] = [];
  for (const line of lines) {
    const previous = found[found.length - 1];
    const text = listMarker(line.text)?.rest ?? line.text;
    const previousText = previous?.join(' ') ?? '';
    const continues =
      previous !== undefined &&
      (!line.gapBefore ||
        CONNECTORS.test(previousText) ||
        (/^\S+$/.test(text) && !/[.?!]$/.test(previousText)) ||
        /^[a-z(]/.test(text));
    if (continues && previous) previous.push(text);
    else found.push([text]);
  }
  return found.map((f) => joinLines(f));
}

function findChartLine(lines: LayoutLine[], from: number, marker: number): number {
  for (let i = marker - 1; i >= from; i--)
    if (/^(chart|table|figure)\s+\d+(\.\d+)*\s*[:.–-]/i.test(lines[i]?.text ?? '')) return i;
  return -1;
}

const GLUED_LABEL = /^(.*?[\p{Ll})\]])(\p{Lu}[\s\S]*)$/u;

function chartRegion(lines: LayoutLine[], from: number, chartAt: number, marker: number): SlideRegion {
  let start = from;
  let title: string | undefined;
  for (let i = chartAt - 1; i >= from; i--) {
    const half = doubledInLine(lines[i]?.text ?? '');
    if (half) {
      start = i;
      title = half;
      break;
    }
  }
  const chartLine = lines[chartAt]?.text ?? '';
  const head = /^((?:chart|table|figure)\s+[\d.]+\s*[:.–-]\s*[^(]*?)\s*(?:\(([\s\S]*)\))?$/i.exec(chartLine);
  const sourceLine = lines.slice(chartAt + 1, marker).find((l) => /^\(.*\)$/.test(l.text));
  const categories: { id: string; label: string; items: string[] }[] = [];
  let pending: string[] = [];
  let label: string | undefined;
  const body = lines.slice(title ? start + 1 : start, chartAt);
  for (const line of body) {
    const text = line.text;
    if (label !== undefined && /…$|\.\.\.$/.test(text) && !GLUED_LABEL.test(text)) {
      const category = categories[categories.length - 1];
      if (category) {
        category.label = cleanLabel(`${category.label} ${text}`);
        category.id = slug(category.label);
      }
      label = undefined;
      continue;
    }
    label = undefined;
    const glued = GLUED_LABEL.exec(text);
    const previous = pending[pending.length - 1] ?? '';
    const continuation =
      pending.length > 0 && (/^[a-z]/.test(text) || (hasUnclosedBracket(previous) && !/\)$/.test(previous)));
    const itemText = glued?.[1] ?? text;
    if (continuation) pending[pending.length - 1] = joinLines([pending[pending.length - 1] ?? '', itemText]);
    else pending.push(itemText);
    if (glued?.[2]) {
      label = glued[2];
      if (pending.length > 0)
        categories.push({ id: slug(cleanLabel(glued[2])), label: cleanLabel(glued[2]), items: pending });
      pending = [];
    }
  }
  if (pending.length > 0) categories.push({ id: 'other', label: 'Other', items: pending });
  const id = slug(/^(\w+\s+[\d.]+)/.exec(chartLine)?.[1] ?? 'chart');
  const note = head?.[2]?.replace(/\*+/g, '').trim();
  const source = sourceLine?.text.slice(1, -1).trim();
  return {
    start,
    ...(title ? { title } : {}),
    content: [],
    chart: {
      id,
      title: head?.[1]?.trim() || chartLine,
      ...(note ? { note } : {}),
      ...(source ? { source } : {}),
      // Labels that follow their items mean the picture was read bottom-up: restore its order.
      categories: [...categories].reverse().map((c, i, all) => ({
        ...c,
        id: all.findIndex((d) => d.id === c.id) === i ? c.id : `${c.id}-${i + 1}`,
      })),
    },
  };
}

function cleanLabel(text: string): string {
  return text
    .replace(/(…|\.\.\.)$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Layouts that put the marker first ("[Slide 3]" then the slide's text): the slide is the unbroken
 * run of lines after the marker, its first line the title. Returns the index after the run.
 */
export function slideAfterMarker(
  lines: LayoutLine[],
  marker: number,
  end: number,
): SlideRegion & { end: number } {
  let i = marker + 1;
  const run: LayoutLine[] = [];
  while (i < end) {
    const line = lines[i];
    if (
      !line ||
      (run.length > 0 && line.gapBefore) ||
      blockLabel(line.text) ||
      slideMarker(line.text) !== undefined
    )
      break;
    run.push(line);
    i += 1;
  }
  const [title, ...rest] = run;
  return {
    start: marker,
    end: i,
    ...(title ? { title: title.text } : {}),
    content: rest.length > 0 ? slideContent([{ lines: rest, twice: false }]) : [],
  };
}

/** Whether a document's markers come before their slides' text: most are followed, without a gap, by a title. */
export function markersLead(lines: LayoutLine[], markers: number[]): boolean {
  const leading = markers.filter((m) => {
    const next = lines[m + 1];
    return next !== undefined && !next.gapBefore && titleLike([next]) && slideMarker(next.text) === undefined;
  });
  return markers.length > 0 && leading.length > markers.length / 2;
}
