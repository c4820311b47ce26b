/**
 * Visual lines of a PDF page from its placed text runs: runs on one baseline make a line, read left
 * to right with a space where the gap between them is wide; lines run top to bottom. Each line gets
 * its layout: left edge, baseline from the top, dominant size, boldness and colour, style spans.
 */
import type { SourceLine, TextSpan } from '../source-line.ts';
import { BLACK } from './glyph-colors.ts';

/** Runs whose baselines differ by less than this × font size share a line (superscripts included). */
const SAME_LINE = 0.4;
/** A gap wider than this × font size between two runs on a line reads as a space. */
const SPACE_GAP = 0.2;

/** One character of page text; `color` is null for white space, which takes its neighbour's style. */
export interface StyledChar {
  char: string;
  bold: boolean;
  color: string | null;
}

/** A text item placed on the page: x from the page's left edge, baseline from its bottom, in points. */
export interface Run {
  x: number;
  baseline: number;
  size: number;
  width: number;
  chars: StyledChar[];
}

/** The page's lines, numbered from 1; `pageTop` turns baselines into distances from the top. */
export function pageLines(runs: Run[], pageTop: number, page: number): SourceLine[] {
  const lines = groupLines(runs).flatMap((group) => toSourceLine(group, pageTop, page) ?? []);
  return lines.map((line, index) => ({ ...line, line: index + 1 }));
}

/** Runs on one baseline, top to bottom; each line's runs left to right. */
function groupLines(runs: Run[]): Run[][] {
  const sorted = [...runs].sort((p, q) => q.baseline - p.baseline || p.x - q.x);
  const groups: { baseline: number; size: number; runs: Run[] }[] = [];
  for (const run of sorted) {
    const group = groups.at(-1);
    if (group && group.baseline - run.baseline <= SAME_LINE * Math.max(group.size, run.size)) {
      group.runs.push(run);
    } else {
      groups.push({ baseline: run.baseline, size: run.size, runs: [run] });
    }
  }
  return groups.map((group) => group.runs.sort((p, q) => p.x - q.x));
}

const isBlank = (c: { char: string }) => /\s/.test(c.char);

function toSourceLine(runs: Run[], pageTop: number, page: number): SourceLine | null {
  const chars: StyledChar[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    const previous = chars.at(-1);
    const startsBlank = run.chars[0] === undefined || isBlank(run.chars[0]);
    if (previous && !isBlank(previous) && !startsBlank && run.x - end > SPACE_GAP * run.size) {
      chars.push({ char: ' ', bold: previous.bold, color: null });
    }
    chars.push(...run.chars);
    end = Math.max(end, run.x + run.width);
  }
  const first = chars.findIndex((c) => !isBlank(c));
  if (first < 0) return null;
  const spans = spansOf(chars.slice(first, chars.findLastIndex((c) => !isBlank(c)) + 1));

  const textRuns = runs.filter((run) => run.chars.some((c) => !isBlank(c)));
  const firstRun = textRuns[0] as Run;
  const main = textRuns.reduce((p, q) => (q.chars.length > p.chars.length ? q : p));
  const visible = textRuns.flatMap((run) =>
    run.chars.filter((c) => !isBlank(c)).map((c) => ({ ...c, size: round(run.size, 1) })),
  );
  return {
    text: spans.map((span) => span.text).join(''),
    page,
    line: 0,
    layout: {
      x: round(firstRun.x, 2),
      y: round(pageTop - main.baseline, 2),
      fontSize: mostCommon(visible.map((c) => c.size)) ?? round(main.size, 1),
      bold: visible.filter((c) => c.bold).length * 2 > visible.length,
      color: mostCommon(visible.map((c) => c.color ?? BLACK)) ?? BLACK,
      spans,
    },
  };
}

/** Runs of equal style; white space takes the style before it, so a space ends the span it follows. */
function spansOf(chars: StyledChar[]): TextSpan[] {
  const spans: TextSpan[] = [];
  let style = { bold: false, color: BLACK };
  for (const c of chars) {
    if (c.color !== null) style = { bold: c.bold, color: c.color };
    const span = spans.at(-1);
    if (span && span.bold === style.bold && span.color === style.color) span.text += c.char;
    else spans.push({ text: c.char, ...style });
  }
  return spans;
}

/** The most frequent value; the first seen wins a tie. */
function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestCount = 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
