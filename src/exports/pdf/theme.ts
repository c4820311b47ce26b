/** Page geometry, fonts and colours shared by Lectern's PDF exports. */
import type { BlockKind } from '../../content/model.ts';

/** A4 in points. */
export const PAGE = { size: 'A4', width: 595.28, height: 841.89 } as const;

export const MARGINS = { top: 72, bottom: 64, left: 64, right: 64 } as const;

/** The standard PDF fonts: no embedding needed, WinAnsi covers English and French. */
export const FONTS = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  boldItalic: 'Helvetica-BoldOblique',
} as const;

/** The one of FONTS for a style's weight and slant. */
export function fontName(style: { bold?: boolean | undefined; italic?: boolean | undefined }): string {
  if (style.bold) return style.italic ? FONTS.boldItalic : FONTS.bold;
  return style.italic ? FONTS.italic : FONTS.regular;
}

export const SIZES = {
  body: 10.5,
  small: 8.5,
  label: 9,
  h1: 22,
  h2: 14,
  h3: 12,
  h4: 11.5,
  slideTitle: 13,
} as const;

export const COLORS = {
  text: '#1a1a1a',
  muted: '#555555',
  /** Words shown on the slide ("bold, blue fonts" in the source). */
  slideWords: '#1f4e9c',
  heading: '#14365f',
  rule: '#9aa8bb',
  slideFill: '#eef2f8',
  slideBorder: '#5b7db1',
  tableHeadFill: '#dfe6f1',
  tableBorder: '#8094b4',
  link: '#1f4e9c',
  addition: '#8a4b00',
} as const;

/** One colour per kind of the symbols legend: the bar beside a block and its swatch in the legend. */
export const KIND_COLORS: Record<BlockKind, string> = {
  note: '#b5651d',
  speaking: '#1f4e9c',
  mission: '#2e7d32',
  example: '#7b1fa2',
  questions: '#c62828',
  handout: '#00838f',
  film: '#5d4037',
  'core-activity': '#ef6c00',
  'optional-activity': '#9e9d24',
  'key-points': '#283593',
};

/** The bar beside Lectern activities and mission packs' extra points. */
export const ACTIVITY_COLOR = '#607d8b';

/** Space between blocks, in points. */
export const GAP = 8;
