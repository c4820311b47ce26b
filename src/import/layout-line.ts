import type { SourcePlace } from './imported-course.ts';
import type { SourceLine } from './source-line.ts';

/**
 * A source line with what the layout says about it, the same way for text and PDF input: whether it
 * starts further in than the body (where a legend icon stood, which text extraction turns into a
 * leading space) and whether it is set in the slides' face rather than the body's.
 */
export interface LayoutLine {
  src: SourceLine;
  /** Trimmed, no-break spaces made plain, runs of spaces collapsed. */
  text: string;
  indented: boolean;
  slideFace: boolean;
  /** A blank line or a vertical gap comes before it (slides separate their bullets this way). */
  gapBefore: boolean;
  /** Runs set in bold colour (the source's "bold, blue fonts" for slide words in speaking points). */
  emphasis: string[];
}

export function layoutLines(lines: SourceLine[]): LayoutLine[] {
  const gaps = new Set<SourceLine>();
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (!previous || previous.text.trim() === '' || gapAbove(previous, line)) gaps.add(line);
  });
  const nonEmpty = lines.filter((l) => l.text.trim() !== '');
  const bodyX = mode(nonEmpty.flatMap((l) => (l.layout ? [Math.round(l.layout.x)] : [])));
  const bodySize = mode(nonEmpty.flatMap((l) => (l.layout ? [Math.round(l.layout.fontSize * 2) / 2] : [])));
  return nonEmpty.map((src) => {
    const layout = src.layout;
    const indented = layout ? bodyX !== undefined && layout.x > bodyX + 8 : /^[ \t\u00a0]/.test(src.text);
    const slideFace =
      src.text.includes('\u00a0') ||
      (layout !== undefined && bodySize !== undefined && Math.abs(layout.fontSize - bodySize) > 0.6);
    return {
      src,
      text: collapseSpaces(src.text),
      indented,
      slideFace,
      gapBefore: gaps.has(src),
      emphasis: emphasis(src),
    };
  });
}

function emphasis(line: SourceLine): string[] {
  return (line.layout?.spans ?? [])
    .filter((s) => s.bold && coloured(s.color))
    .map((s) => collapseSpaces(s.text))
    .filter(Boolean);
}

/** Not black or grey: some channel differs from the others. */
function coloured(hex: string): boolean {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return Math.max(r, g, b) - Math.min(r, g, b) > 40;
}

function gapAbove(previous: SourceLine, line: SourceLine): boolean {
  if (!previous.layout || !line.layout) return false;
  if (previous.page !== line.page) return true;
  return line.layout.y - previous.layout.y > 1.6 * line.layout.fontSize;
}

export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function mode(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  let best: number | undefined;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/**
 * The width the body text wraps at, in characters: the 98th percentile of line lengths. Paragraphs in
 * an indented box (notes to the instructor) wrap noticeably shorter, which tells them from speaking
 * points when their icons are lost.
 */
export function bodyWidth(lines: LayoutLine[]): number {
  const lengths = lines
    .map((l) => l.text.length)
    .filter((n) => n >= 40)
    .sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.98)] ?? 80;
}

/**
 * Whether a blank line ends a paragraph. Some extractions put blank lines inside paragraphs (Module
 * 1's text has one after most wrapped lines); there a gap says nothing. Measured: the share of gaps
 * that fall mid-sentence, before a line that goes on in lower case.
 */
export function gapsEndParagraphs(lines: LayoutLine[]): boolean {
  let gaps = 0;
  let midSentence = 0;
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (!previous || !line.gapBefore) return;
    gaps += 1;
    if (!/[.:;?!)”"]$/.test(previous.text) && /^[a-z]/.test(line.text)) midSentence += 1;
  });
  return gaps > 0 && midSentence / gaps < 0.1;
}

/** Where a line came from, as the report cites it (the first page and line when there is none). */
export function placeOf(line: LayoutLine | undefined): SourcePlace {
  return { page: line?.src.page ?? 1, line: line?.src.line ?? 1 };
}
