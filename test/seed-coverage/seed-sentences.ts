/**
 * Splits the text extracted from the source PDF (the "seed") into sentences and list items, and finds
 * the ones a course does not say. Pure functions: text and course in, units out.
 *
 * The extraction has a recognisable layout, which the rules below rely on:
 * - body text: one wrapped line per row, each ending in a space and followed by a blank line;
 * - slide text: printed twice in a row, each slide item's last line without a trailing space,
 *   followed by a "Slide N" marker;
 * - page headers/footers between pages, and a page's first line starting with a space.
 */
import type { Course } from '../../src/content/model.ts';
import { COVERAGE } from './allow-list.ts';

export interface SeedUnit {
  /** 1-based line of the seed where the unit starts. */
  line: number;
  text: string;
}

interface Line {
  line: number;
  text: string;
  /** The line started with whitespace: a page's first line, or an icon (note, speaking point) before it. */
  indented: boolean;
  /** The line ended without whitespace: the end of a slide item. */
  closed: boolean;
  /** A blank line comes before it: between paragraphs, but also between every two body lines. */
  gapBefore: boolean;
}

const HEADER = /^Module \d+: .+\s{2,}\d+$/; // "Module 1: Overview of the Protection of Civilians   8"
const FOOTER = /^UN Protection of Civilians PDT Standards, .*\(\d{4}\)$/;
const PAGE_NUMBER = /^\d+$/;
const SLIDE_MARKER = /^Slide\s+\d+$/;
const BULLET = /^[•\uf0b7\uf0a7\uf0d8▪◦]\s*/; // "•" and the Symbol-font bullets PDFs often extract to
const NUMBERED = /^\d+\.\s+/;
/** Lines shorter than this are not wrapped by the layout, so they end their paragraph or item. */
const SHORT_LINE = 60;
/** The chart's category labels are glued to the last item of their column ("taxation)Threats to property"). */
const GLUED_LABEL = /(?<=[\p{Ll})])(?=Threats to )/u;
/**
 * Sentence ends: punctuation, optional closing quotes, spaces, then a capital (optionally quoted). A URL
 * is a unit of its own too: the course keeps links in `url` fields, apart from the words around them.
 */
const SENTENCE_END = /(?<=[.?!][”"’)]*)\s+(?=[“"(]*\p{Lu})|\s+(?=https?:\/\/)/gu;
/** The caption of the Note-to-the-Instructor icon: the course says it with a `:::note` block instead. */
const NOTE_LABEL = /^Notes? to (?:the )?instructor:\s*/i;

/** Sentences, list items and headings of the seed, in reading order, without layout debris. */
export function seedSentences(text: string): SeedUnit[] {
  return toUnits(dropRepeats(cleanLines(text)));
}

function cleanLines(text: string): Line[] {
  const lines: Line[] = [];
  let gapBefore = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/\u00a0/g, ' ');
    const trimmed = line.trim();
    if (trimmed === '') gapBefore = true;
    if (trimmed === '' || HEADER.test(trimmed) || FOOTER.test(trimmed)) return;
    if (PAGE_NUMBER.test(trimmed) || SLIDE_MARKER.test(trimmed)) return;
    const indented = /^\s/.test(line);
    const closed = !/\s$/.test(line);
    // "Module 1Module 1", "ThreatsThreats": a slide title printed twice on one line.
    const once = trimmed.replace(/^(.{3,}?)\1$/u, '$1');
    const parts = once.split(GLUED_LABEL);
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const first = i === 0;
      lines.push({
        line: index + 1,
        text: part,
        indented: first && indented,
        closed: !last || closed,
        gapBefore: first && gapBefore,
      });
    });
    gapBefore = false;
  });
  return lines;
}

/** Removes the second copy of every block of lines that is immediately repeated (the doubled slide text). */
function dropRepeats(lines: Line[]): Line[] {
  const out = [...lines];
  const key = (l: Line | undefined) => l?.text.replace(/\s+/g, ' ');
  const repeatsAt = (i: number, k: number) => {
    for (let j = 0; j < k; j++) if (key(out[i + j]) !== key(out[i + k + j])) return false;
    return true;
  };
  for (let i = 0; i < out.length; i++) {
    for (let k = Math.floor((out.length - i) / 2); k >= 1; k--) {
      if (repeatsAt(i, k)) {
        out.splice(i + k, k);
        break;
      }
    }
  }
  return out;
}

function isHeading(text: string): boolean {
  // ALL CAPS with at least three capitals, not a sentence's end: "AIM", "LEARNING OUTCOMES" (not "POC.").
  return !/\p{Ll}/u.test(text) && (text.match(/\p{Lu}/gu) ?? []).length >= 3 && !/[.,;]$/.test(text);
}

/** Whether `line` (its marker already removed as `text`) starts a new unit rather than continuing `previous`. */
function startsUnit(previous: Line | undefined, line: Line, text: string, marker: boolean): boolean {
  if (!previous || marker) return true;
  const afterHeading = isHeading(previous.text);
  const heading = isHeading(text);
  if (afterHeading && heading) return line.gapBefore; // a heading wraps without a blank line
  if (afterHeading || heading) return true;
  if (previous.closed) return true; // end of a slide item
  if (/\)$/.test(previous.text) && /^\p{Lu}/u.test(text)) return true; // "… to participants)" + "Handout (…"
  if (line.indented && /^[“"(]*\p{Lu}/u.test(text)) return true; // an icon's block, or a new page's first paragraph
  // A short line was not wrapped by the layout, unless the next one plainly carries on the sentence.
  return previous.text.length < SHORT_LINE && !/^\p{Ll}/u.test(text);
}

/** A paragraph, item or heading, with the seed line where each of its pieces starts. */
interface Block {
  text: string;
  lines: { offset: number; line: number }[];
}

/** Joins wrapped lines into paragraphs, items and headings, then splits paragraphs into sentences. */
function toUnits(lines: Line[]): SeedUnit[] {
  const blocks: Block[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const marker = BULLET.test(line.text) || NUMBERED.test(line.text);
    const text = line.text.replace(BULLET, '').replace(NUMBERED, '');
    const current = blocks.at(-1);
    if (!current || startsUnit(previous, line, text, marker)) {
      blocks.push({ text: text.replace(NOTE_LABEL, ''), lines: [{ offset: 0, line: line.line }] });
    } else {
      // "peace-" + "keeping": undo the layout's hyphenation; otherwise a wrapped line is a space.
      const hyphenated = /\p{L}-$/u.test(current.text) && /^\p{Ll}/u.test(text);
      if (hyphenated) current.text = current.text.slice(0, -1);
      else current.text += ' ';
      current.lines.push({ offset: current.text.length, line: line.line });
      current.text += text;
    }
    previous = line;
  }
  return blocks.flatMap(sentences);
}

function sentences(block: Block): SeedUnit[] {
  const units: SeedUnit[] = [];
  let start = 0;
  const add = (end: number) => {
    const text = block.text.slice(start, end).replace(/\s+/g, ' ').trim();
    const line = block.lines.findLast((l) => l.offset <= start)?.line ?? 0;
    if (/[\p{L}\p{N}]/u.test(text)) units.push({ line, text });
  };
  for (const end of block.text.matchAll(SENTENCE_END)) {
    add(end.index);
    start = end.index + end[0].length;
  }
  add(block.text.length);
  return units;
}

/**
 * Both sides of the comparison: lower case, no accents, no HTML comments, Markdown link targets dropped
 * (the link text stays), and every run of anything but letters and digits as one space. That last step
 * is what unifies quotes, apostrophes and dashes and removes markup (`==`, `**`, `#`, `- `).
 */
export function normaliseForCoverage(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\]\([^)\s]*\)/g, ']')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Every string anywhere in the course model, whatever its shape. */
export function courseStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(courseStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(courseStrings);
  return [];
}

export interface Coverage {
  /** `from` → `to` replacements applied to the seed side: typos the course fixed. */
  corrections: readonly { from: string; to: string }[];
  /** Exact units (after corrections) the course deliberately does not hold as text. */
  allowed: readonly { unit: string }[];
}

/**
 * Seed units whose words do not appear, in order and on word boundaries, in the course's strings joined
 * into one text (so a unit may run across two fields, e.g. a profile's `component` and `text`).
 */
export function uncoveredUnits(seedText: string, course: Course, coverage: Coverage = COVERAGE): SeedUnit[] {
  const corpus = ` ${normaliseForCoverage(courseStrings(course).join('\n'))} `;
  const allowed = new Set(coverage.allowed.map((a) => a.unit));
  return seedSentences(seedText)
    .map((unit) => ({
      ...unit,
      text: coverage.corrections.reduce((text, c) => text.replaceAll(c.from, c.to), unit.text),
    }))
    .filter((unit) => !allowed.has(unit.text))
    .filter((unit) => !corpus.includes(` ${normaliseForCoverage(unit.text)} `));
}
