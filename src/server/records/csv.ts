/**
 * CSV for spreadsheets: RFC 4180 (comma separated, CRLF line ends, a cell with a comma, a quote or a
 * line break quoted, quotes doubled), UTF-8 with a byte-order mark so that Excel reads accents, and safe
 * from formula injection: a text cell that starts with = + - @ (or a tab or carriage return, which some
 * spreadsheets skip before reading a formula) gets a leading apostrophe, so it stays text (OWASP).
 * Numbers are written by Lectern and left as numbers.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The file's text: BOM, then one line per row, each ending in CRLF. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `\ufeff${rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')}`;
}

/** 0..1 as a percentage with at most one decimal (85.5), or empty. */
export function percent(fraction: number | null | undefined): number | null {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return null;
  return Math.round(fraction * 1000) / 10;
}
