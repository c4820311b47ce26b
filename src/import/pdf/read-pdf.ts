/**
 * Reads a PDF into SourceLines: the text of each page grouped into visual lines in reading order, each
 * with its position, font size, boldness, fill colour and style spans. Nothing is removed (running
 * headers, page numbers): the next import step decides that from the whole list.
 *
 * The cheap checks happen here; pdf.js reads the document in a thread of its own (pdf-thread.ts).
 */
import { ImportError } from '../import-error.ts';
import { readInPdfThread } from './pdf-thread.ts';
import type { PdfText } from './read-document.ts';

export interface ReadPdfOptions {
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  /** Most pages accepted. */
  maxPages?: number;
  /** Longest a read may take before it is given up as IMPORT_CORRUPT, in milliseconds. */
  timeoutMs?: number;
}

export type ReadPdfResult = PdfText;

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_MAX_PAGES = 2000;
export const DEFAULT_TIMEOUT_MS = 120_000;
/** PDF readers accept the header anywhere in the first KiB (some files carry junk before it). */
const HEADER_WINDOW = 1024;

/**
 * The lines of every page of `bytes`, top to bottom, page after page. `bytes` is left untouched.
 * Rejects with ImportError, and only ImportError: IMPORT_EMPTY (no bytes, no pages), IMPORT_TOO_LARGE,
 * IMPORT_CORRUPT, IMPORT_ENCRYPTED (needs a password), IMPORT_SCANNED (pages without text: needs OCR).
 */
export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<ReadPdfResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new ImportError('IMPORT_EMPTY');
  if (bytes.length > maxBytes)
    throw new ImportError('IMPORT_TOO_LARGE', { size: bytes.length, limit: maxBytes });
  if (!hasPdfHeader(bytes)) throw new ImportError('IMPORT_CORRUPT', { detail: 'no %PDF- header' });
  // A copy in an ArrayBuffer of its own (a Buffer may share a pool), moved to the reader thread.
  const data = new Uint8Array(bytes);
  return readInPdfThread(
    data,
    options.maxPages ?? DEFAULT_MAX_PAGES,
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_WINDOW));
  return head.includes('%PDF-', 0, 'latin1');
}
