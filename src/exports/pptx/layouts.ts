/**
 * The deck's slide layouts (16:9, 13.333 × 7.5 in) and an estimate of how much text their body
 * placeholder holds. Sizes live in the layouts' list styles (see ooxml-fixups.ts), never on the text,
 * so that an instructor's theme restyles the whole deck.
 */
import type { Run } from './plain-text.ts';

export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;
const MARGIN_X = 0.6;
export const CONTENT_W = SLIDE_W - 2 * MARGIN_X;

export type LayoutName =
  | 'Title Slide'
  | 'Title and Content'
  | 'Section Header'
  | 'Title Only'
  | 'Title, Text and Table';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Paragraph style of one list level: size in points, left margin and hanging indent in points. */
interface LevelStyle {
  size: number;
  marL: number;
  indent: number;
  bullet: string | null;
  spaceBefore: number;
}

export interface LayoutSpec {
  name: LayoutName;
  /** The PowerPoint layout type (ST_SlideLayoutType) that lets a new template map its own layout. */
  type?: 'title' | 'obj' | 'secHead' | 'titleOnly';
  title: Box & { size: number; align: 'l' | 'ctr'; anchor: 't' | 'ctr' | 'b' };
  body?: Box & { levels: LevelStyle[]; align: 'l' | 'ctr' };
}

const TITLE_BAR = { x: MARGIN_X, y: 0.3, w: CONTENT_W, h: 1.2, size: 32, align: 'l', anchor: 'ctr' } as const;

const BULLET_LEVELS: LevelStyle[] = [
  { size: 24, marL: 27, indent: -27, bullet: '•', spaceBefore: 10 },
  { size: 20, marL: 58.5, indent: -22.5, bullet: '–', spaceBefore: 5 },
  { size: 18, marL: 90, indent: -18, bullet: '•', spaceBefore: 4 },
  { size: 18, marL: 126, indent: -18, bullet: '–', spaceBefore: 4 },
  { size: 18, marL: 162, indent: -18, bullet: '»', spaceBefore: 4 },
];

export const LAYOUTS: Record<LayoutName, LayoutSpec> = {
  'Title Slide': {
    name: 'Title Slide',
    type: 'title',
    title: { x: MARGIN_X, y: 1.6, w: CONTENT_W, h: 2.3, size: 44, align: 'ctr', anchor: 'b' },
    body: {
      x: MARGIN_X,
      y: 4.1,
      w: CONTENT_W,
      h: 1.6,
      align: 'ctr',
      levels: [{ size: 28, marL: 0, indent: 0, bullet: null, spaceBefore: 6 }],
    },
  },
  'Title and Content': {
    name: 'Title and Content',
    type: 'obj',
    title: TITLE_BAR,
    body: { x: MARGIN_X, y: 1.65, w: CONTENT_W, h: 5.25, align: 'l', levels: BULLET_LEVELS },
  },
  'Section Header': {
    name: 'Section Header',
    type: 'secHead',
    title: { x: MARGIN_X, y: 2.2, w: CONTENT_W, h: 2.6, size: 40, align: 'ctr', anchor: 'ctr' },
  },
  'Title Only': { name: 'Title Only', type: 'titleOnly', title: TITLE_BAR },
  'Title, Text and Table': {
    name: 'Title, Text and Table',
    title: TITLE_BAR,
    body: {
      x: MARGIN_X,
      y: 1.55,
      w: CONTENT_W,
      h: 1.2,
      align: 'l',
      levels: BULLET_LEVELS.map((l) => ({ ...l, size: l.size - 4 })),
    },
  },
};

/** Where tables go: below the title, or below the short body of 'Title, Text and Table'. */
export function tableArea(layout: LayoutSpec): Box {
  const top = layout.name === 'Title, Text and Table' ? 2.85 : 1.65;
  return { x: MARGIN_X, y: top, w: CONTENT_W, h: 6.9 - top };
}

/** A paragraph of the body placeholder. */
export interface Paragraph {
  runs: Run[];
  /** 0-based list level; null for a paragraph that is not a bullet (quote, question). */
  level: number | null;
}

const PT_PER_IN = 72;
// Calibri, the default theme font: an average character is about half an em wide.
const CHAR_EM = 0.5;
const LINE_HEIGHT = 1.2;
// Default text insets of a shape: 0.1 in left and right, 0.05 in top and bottom.
const INSET_X = 7.2 * 2;
const INSET_Y = 3.6 * 2;

/** Lines a paragraph takes at a font size in a width, wrapping at spaces. */
export function wrappedLines(text: string, widthPt: number, sizePt: number): number {
  const perLine = Math.max(1, Math.floor(widthPt / (sizePt * CHAR_EM)));
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const len = word.length;
    if (used === 0) {
      lines += Math.floor((len - 1) / perLine);
      used = ((len - 1) % perLine) + 1;
    } else if (used + 1 + len <= perLine) {
      used += 1 + len;
    } else {
      lines += 1 + Math.floor((len - 1) / perLine);
      used = ((len - 1) % perLine) + 1;
    }
  }
  return lines;
}

/**
 * The font scale (1 = as the layout says) at which the paragraphs fit the body placeholder, in steps of
 * 2.5 %; what PowerPoint itself writes as `<a:normAutofit fontScale>` when it shrinks text on overflow.
 */
export function bodyFontScale(paragraphs: readonly Paragraph[], layout: LayoutSpec): number {
  const body = layout.body;
  if (!body || paragraphs.length === 0) return 1;
  const width = body.w * PT_PER_IN - INSET_X;
  const height = body.h * PT_PER_IN - INSET_Y;
  const first = body.levels[0];
  for (let scale = 1; scale > 0.3; scale -= 0.025) {
    let used = 0;
    for (const p of paragraphs) {
      const style =
        p.level === null ? first : (body.levels[Math.min(p.level, body.levels.length - 1)] ?? first);
      if (!style) continue;
      const size = style.size * scale;
      const marL = p.level === null ? 0 : style.marL;
      const text = p.runs.map((r) => r.text).join('');
      used += style.spaceBefore + wrappedLines(text, width - marL, size) * size * LINE_HEIGHT;
    }
    if (used <= height) return Math.round(scale * 1000) / 1000;
  }
  return 0.3;
}
