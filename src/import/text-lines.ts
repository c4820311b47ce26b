import { ImportError } from './import-error.ts';
import type { SourceLine } from './source-line.ts';

/**
 * Plain text (as a PDF-to-text tool gives it) as source lines: a form feed starts a new page, and
 * line numbers count through the whole file so the report can point into it.
 */
export function textLines(bytes: Uint8Array): SourceLine[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError('IMPORT_NOT_TEXT', { detail: 'not UTF-8' });
  }
  if (text.includes('\u0000')) throw new ImportError('IMPORT_NOT_TEXT', { detail: 'NUL bytes' });
  const lines: SourceLine[] = [];
  let page = 1;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const parts = raw.split('\f');
      parts.forEach((part, i) => {
        if (i > 0) page += 1;
        lines.push({ text: part, page, line: index + 1 });
      });
    });
  if (lines.every((l) => l.text.trim() === '')) throw new ImportError('IMPORT_EMPTY');
  return lines;
}
