/**
 * The fill colour of each character of a PDF page. pdf.js text content has no colour, but its
 * operator list does, and both come from the same text-showing operators in the same order: the
 * non-space characters of the two are walked side by side.
 */
import { normalizeUnicode, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const BLACK = '#000000';
/** How many operator-list glyphs the aligner may skip to find the next character of the text. */
const ALIGN_WINDOW = 8;

export interface GlyphColor {
  char: string;
  color: string;
}

/**
 * The non-space characters the page's text operators draw, in order, with the fill colour in force.
 * pdf.js turns every fill colour operator into setFillRGBColor('#rrggbb') and every text operator into
 * showText (glyphs with `unicode`, numbers for spacing); save/restore and form XObjects scope colour.
 * The glyphs are normalized as pdf.js normalizes text content (ligatures split, NBSP a space).
 */
export function glyphColors(fnArray: number[], argsArray: unknown[][]): GlyphColor[] {
  const out: GlyphColor[] = [];
  const stack: string[] = [];
  let color = BLACK;
  for (let i = 0; i < fnArray.length; i++) {
    const args = argsArray[i];
    switch (fnArray[i]) {
      case OPS.save:
      case OPS.paintFormXObjectBegin:
        stack.push(color);
        break;
      case OPS.restore:
      case OPS.paintFormXObjectEnd:
        color = stack.pop() ?? color;
        break;
      case OPS.setFillRGBColor:
        if (typeof args?.[0] === 'string' && /^#[0-9a-f]{6}$/i.test(args[0])) color = args[0].toLowerCase();
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        for (const glyph of Array.isArray(args?.[0]) ? args[0] : []) {
          const unicode = (glyph as { unicode?: unknown } | null)?.unicode;
          if (typeof unicode !== 'string') continue;
          for (const char of normalizeUnicode(unicode)) if (!/\s/.test(char)) out.push({ char, color });
        }
        break;
    }
  }
  return out;
}

/**
 * Walks the glyph colours along the text content's characters. A character the operator list lacks
 * (or has differently) takes the colour at hand without advancing; glyphs the text lacks are skipped.
 */
export class ColorAligner {
  private readonly glyphs: GlyphColor[];
  private at = 0;
  private last = BLACK;

  constructor(glyphs: GlyphColor[]) {
    this.glyphs = glyphs;
  }

  /** The colour of the next non-space character of the text, `char`. */
  next(char: string): string {
    const end = Math.min(this.glyphs.length, this.at + ALIGN_WINDOW);
    for (let i = this.at; i < end; i++) {
      const glyph = this.glyphs[i] as GlyphColor;
      if (glyph.char === char) {
        this.at = i + 1;
        this.last = glyph.color;
        return glyph.color;
      }
    }
    return this.glyphs[this.at]?.color ?? this.last;
  }
}
