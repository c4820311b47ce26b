/**
 * A PDF's lines read with pdf.js, page by page, with each character's font (for boldness) and fill
 * colour. Runs in the PDF reader thread (see pdf-thread.ts); readPdf() is the way in.
 */
import {
  AnnotationMode,
  getDocument,
  type PDFDocumentProxy,
  type PDFPageProxy,
  VerbosityLevel,
} from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ImportError } from '../import-error.ts';
import type { SourceLine } from '../source-line.ts';
import { ColorAligner, glyphColors } from './glyph-colors.ts';
import { pageLines, type Run } from './page-lines.ts';

/** Fewer visible characters than this over the whole document means pictures of text: OCR is needed. */
export const MIN_TEXT_CHARS = 20;

export interface PdfText {
  lines: SourceLine[];
  pageCount: number;
}

/** The document's lines; throws ImportError, and only ImportError. `data` is handed over to pdf.js. */
export async function readDocument(data: Uint8Array, maxPages: number): Promise<PdfText> {
  const task = getDocument({
    data,
    verbosity: VerbosityLevel.ERRORS,
    maxImageSize: 0, // images are never read: skipping their decoding keeps operator lists cheap
    disableFontFace: true,
    useWorkerFetch: false,
    stopAtErrors: false, // a damaged content stream yields what could be read, not a failure
  });
  try {
    return await readPages(await task.promise, maxPages);
  } catch (error) {
    throw importErrorOf(error);
  } finally {
    await task.destroy().catch(() => {});
  }
}

/** pdf.js failures as import errors; anything unforeseen counts as a damaged file. */
function importErrorOf(error: unknown): ImportError {
  if (error instanceof ImportError) return error;
  const name = error instanceof Error ? error.name : '';
  const detail = (error instanceof Error ? error.message : String(error)).slice(0, 200);
  if (name === 'PasswordException' || /encrypt|crypt filter|password/i.test(detail)) {
    return new ImportError('IMPORT_ENCRYPTED');
  }
  return new ImportError('IMPORT_CORRUPT', { detail: detail || name || 'unreadable PDF' });
}

async function readPages(doc: PDFDocumentProxy, maxPages: number): Promise<PdfText> {
  const pageCount = doc.numPages;
  if (pageCount === 0) throw new ImportError('IMPORT_EMPTY');
  if (pageCount > maxPages) throw new ImportError('IMPORT_TOO_LARGE', { pages: pageCount, limit: maxPages });
  const lines: SourceLine[] = [];
  let visible = 0;
  for (let number = 1; number <= pageCount; number++) {
    const page = await doc.getPage(number);
    for (const line of await readPage(page, number)) {
      lines.push(line);
      visible += line.text.replace(/\s+/g, '').length;
    }
    page.cleanup();
  }
  if (visible < MIN_TEXT_CHARS) throw new ImportError('IMPORT_SCANNED', { pages: pageCount });
  return { lines, pageCount };
}

/** A text item of pdf.js text content (the other kind, marked content, has no `str`). */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

async function readPage(page: PDFPageProxy, pageNumber: number): Promise<SourceLine[]> {
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const item of content.items) if ('str' in item && item.str !== '') items.push(item);
  if (!items.some((item) => /\S/.test(item.str))) return [];

  // The operator list carries the colours, and loading it loads the fonts whose bold flag we need.
  const operators = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
  const colors = new ColorAligner(glyphColors(operators.fnArray, operators.argsArray));
  const boldByFont = new Map<string, boolean>();
  const isBold = (fontName: string) => {
    const known = boldByFont.get(fontName);
    if (known !== undefined) return known;
    const bold = isBoldFont(page, fontName);
    boldByFont.set(fontName, bold);
    return bold;
  };

  const [left = 0, , , top = 0] = page.view;
  const runs: Run[] = [];
  for (const item of items) {
    // Every item is aligned, even one left out below, so that the colours stay in step.
    const bold = isBold(item.fontName);
    const chars = [...item.str].map((char) => ({
      char,
      bold,
      color: /\s/.test(char) ? null : colors.next(char),
    }));
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
    // Rotated or mirrored text (watermarks, margin notes) has no place in a top-to-bottom reading.
    if (a <= 0 || d <= 0 || Math.abs(b) + Math.abs(c) > 0.05 * (a + d)) continue;
    runs.push({ x: e - left, baseline: f, size: Math.hypot(c, d), width: item.width, chars });
  }
  return pageLines(runs, top, pageNumber);
}

/** pdf.js marks a font bold (or black) from its name; a font it could not load counts as regular. */
function isBoldFont(page: PDFPageProxy, fontName: string): boolean {
  try {
    if (!page.commonObjs.has(fontName)) return false;
    const font = page.commonObjs.get(fontName) as { bold?: boolean; black?: boolean } | null;
    return font?.bold === true || font?.black === true;
  } catch {
    return false;
  }
}
