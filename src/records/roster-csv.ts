/**
 * Reads a roster exported from a spreadsheet as CSV: comma or semicolon separated (French Excel writes
 * semicolons; tabs and an Excel "sep=" line are understood too), UTF-8 with or without a BOM, headings in
 * English or French. Pure: text in, entries and problems out. All or nothing: when any error is found no
 * entry is returned, so a roster is never imported half-way; warnings (an ignored column) do not block.
 */

import { CsvError, parse } from 'csv-parse/sync';
import {
  type Component,
  foldText,
  parseComponent,
  type RosterEntry,
  type RosterProblem,
  type RosterProblemCode,
  rosterHasErrors,
  rosterProblem,
} from './roster.ts';

/** Longest value accepted in a cell; longer ones are almost always two rows or columns run together. */
export const ROSTER_MAX_FIELD_LENGTH = 120;

/** The columns a roster may have. A given name and a family name column together make the name. */
export type RosterColumn =
  | 'name'
  | 'givenName'
  | 'familyName'
  | 'rank'
  | 'serviceNumber'
  | 'component'
  | 'contingent'
  | 'mission';

/** Accepted headings, compared after {@link foldText} (case, accents and punctuation do not matter). */
const HEADINGS: Record<RosterColumn, readonly string[]> = {
  name: [
    'name',
    'names',
    'full name',
    'participant',
    'participant name',
    'name of participant',
    'nom',
    'noms',
    'nom complet',
    'nom et prenom',
    'nom et prenoms',
    'nom prenom',
    'nom prenoms',
    'prenom et nom',
    'prenom nom',
    'nom du participant',
  ],
  givenName: ['first name', 'given name', 'given names', 'forename', 'prenom', 'prenoms'],
  familyName: ['last name', 'surname', 'family name', 'nom de famille'],
  rank: ['rank', 'grade', 'rank grade', 'grade rank'],
  serviceNumber: [
    'service number',
    'service no',
    'service n',
    'service nr',
    'service num',
    'service id',
    'id',
    'id number',
    'id no',
    'identification number',
    'personal number',
    'personnel number',
    'index number',
    'number',
    'no',
    'n',
    'matricule',
    'numero',
    'numero de matricule',
    'numero matricule',
    'n matricule',
    'no matricule',
    'numero de service',
    'numero d identification',
    'identifiant',
  ],
  component: [
    'component',
    'composante',
    'category',
    'categorie',
    'personnel category',
    'categorie de personnel',
    'type',
    'personnel type',
    'type de personnel',
  ],
  contingent: [
    'contingent',
    'contingent national',
    'country',
    'pays',
    'nation',
    'tcc',
    'pcc',
    'troop contributing country',
    'police contributing country',
    'pays contributeur',
  ],
  mission: ['mission', 'mission name', 'nom de la mission', 'operation'],
};

const HEADING_TO_COLUMN = new Map<string, RosterColumn>();
for (const [column, headings] of Object.entries(HEADINGS) as [RosterColumn, readonly string[]][]) {
  for (const heading of headings) HEADING_TO_COLUMN.set(heading, column);
}

/** Which column a heading names: "Numéro de matricule", "Rank/Grade", "Nom (complet)"; null when none. */
export function rosterColumnOf(heading: string): RosterColumn | null {
  const candidates = [heading, heading.replace(/\([^)]*\)/g, ' ')];
  for (const candidate of candidates) {
    const column = HEADING_TO_COLUMN.get(foldText(candidate));
    if (column) return column;
    // "Service number / ID / Matricule", "Nom | Name": every part names the same column.
    const parts = candidate
      .split(/\/|\||\bor\b|\bou\b/i)
      .map(foldText)
      .filter(Boolean);
    const columns = new Set(parts.map((part) => HEADING_TO_COLUMN.get(part)));
    const [only] = columns;
    if (parts.length > 1 && columns.size === 1 && only) return only;
  }
  return null;
}

interface Cell {
  /** As in the file, quotes removed. */
  raw: string;
  /** Physical line on which the cell starts. */
  line: number;
}

type Row = Cell[];

/** Removes the BOM and turns CRLF and lone CR into LF: the line count is unchanged (csv-parse miscounts
 * lines when a quoted cell holds a CRLF). */
function normalise(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

export type RosterDelimiter = ',' | ';' | '\t';

/** Excel's "sep=;" first line, which names the separator. */
const SEP_LINE = /^sep=([,;\t])[ \t]*(?=\n|$)/i;

/**
 * The separator: the one a "sep=" first line names, otherwise the one the header line uses most (outside
 * quotes): semicolon for French Excel, tab for "Text (tab delimited)", comma on a tie.
 */
export function detectDelimiter(text: string): RosterDelimiter {
  const normalised = normalise(text);
  const named = SEP_LINE.exec(normalised)?.[1];
  if (named) return named as RosterDelimiter;
  const firstLine = normalised.match(/^\s*([^\n]*)/)?.[1] ?? '';
  const unquoted = firstLine.replace(/"[^"]*("|$)/g, '');
  const count = (char: string) => unquoted.split(char).length - 1;
  let best: RosterDelimiter = ',';
  for (const candidate of [';', '\t'] as const) if (count(candidate) > count(best)) best = candidate;
  return best;
}

/**
 * Where offset `stop` falls, walking the text with the CSV quoting rules; `openQuote` is the place of the
 * last quote still open when the walk ends (the one csv-parse complains about at the end of the file).
 */
function walk(
  text: string,
  delimiter: string,
  stop = text.length,
): { line: number; column: number; openQuote: { line: number; column: number } | null } {
  let line = 1;
  let field = 0;
  let fieldStart = true;
  let quoted: { line: number; column: number } | null = null;
  for (let i = 0; i < stop; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = null;
      } else if (char === '\n') line++;
      continue;
    }
    if (char === '"' && fieldStart) {
      quoted = { line, column: field + 1 };
      fieldStart = false;
    } else if (char === delimiter) {
      field++;
      fieldStart = true;
    } else if (char === '\n') {
      line++;
      field = 0;
      fieldStart = true;
    } else fieldStart = false;
  }
  return { line, column: field + 1, openQuote: quoted };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point (binary files)
const BINARY = /[\u0000-\u0008\u000e-\u001f\u007f]/;
const NOT_UTF8 = /\ufffd/;

/** Text to cells with their lines, or the reason it is not CSV with where the parser stopped. */
function readRows(
  text: string,
  delimiter: string,
): { rows: Row[] } | { reason: string; line: number; column: number } {
  for (const [pattern, reason] of [
    [BINARY, 'binary'],
    [NOT_UTF8, 'encoding'],
  ] as const) {
    const found = pattern.exec(text);
    if (found) return { reason, ...walk(text, delimiter, found.index) };
  }
  try {
    const rows = parse(text, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // csv-parse reports the line on which a cell ends; a quoted cell starts as many lines earlier as it
      // holds line breaks (line endings are LF here, and a cell's line breaks are the file's).
      cast: (value, context): Cell => ({
        raw: value,
        line: context.lines - (value.match(/\n/g)?.length ?? 0),
      }),
    }) as unknown as Row[];
    return { rows };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const end = walk(text, delimiter);
    if (error.code === 'CSV_QUOTE_NOT_CLOSED' && end.openQuote) {
      return { reason: 'quote-not-closed', ...end.openQuote };
    }
    const line = typeof error.lines === 'number' ? error.lines : end.line;
    const column = typeof error.column === 'number' ? error.column + 1 : 1;
    return { reason: 'unreadable', line, column };
  }
}

/** Whitespace (line breaks in a cell included) collapsed to single spaces. */
function clean(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function shown(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

const ACCEPTED: Record<'name' | 'component', string> = {
  name: 'name, full name, nom, nom complet, first name + last name, prénom + nom',
  component: 'component, composante, category, catégorie',
};

export interface RosterCsvResult {
  /** Empty whenever `problems` holds an error. */
  entries: RosterEntry[];
  /** Sorted by line, then column. */
  problems: RosterProblem[];
}

/** Parses a roster CSV; `file` is only used to say where problems are. */
export function parseRosterCsv(text: string, file: string): RosterCsvResult {
  const problems: RosterProblem[] = [];
  const report = (
    code: RosterProblemCode,
    line: number,
    column: number,
    params: Record<string, string | number> = {},
  ) => problems.push(rosterProblem(code, { file, line, column }, params));
  const done = (entries: RosterEntry[]): RosterCsvResult => ({
    entries: rosterHasErrors(problems) ? [] : entries,
    problems: problems.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column),
  });

  const delimiter = detectDelimiter(text);
  // A "sep=" line is left blank rather than removed, so that line numbers stay those of the file.
  const normalised = normalise(text).replace(SEP_LINE, '');
  const read = readRows(normalised, delimiter);
  if (!('rows' in read)) {
    report('ROSTER_NOT_CSV', read.line, read.column, { reason: read.reason });
    return done([]);
  }
  const rows = read.rows.filter((row) => row.some((cell) => cell.raw.trim() !== ''));

  // --- The header ------------------------------------------------------------------------------------
  const header = rows[0];
  const headings = (header ?? []).map((cell) => clean(cell.raw));
  const columns = headings.map((heading) => (heading ? rosterColumnOf(heading) : null));
  if (!header || columns.every((column) => column === null)) {
    report('ROSTER_HEADER_MISSING', header?.[0]?.line ?? 1, 1);
    return done([]);
  }
  const headerLine = header[0]?.line ?? 1;
  const where = new Map<RosterColumn, number>();
  columns.forEach((column, index) => {
    const cell = header[index] as Cell;
    const heading = headings[index] ?? '';
    if (column === null) {
      if (heading) report('ROSTER_COLUMN_UNKNOWN', cell.line, index + 1, { heading: shown(heading) });
      return;
    }
    const first = where.get(column);
    if (first === undefined) where.set(column, index);
    else {
      report('ROSTER_COLUMN_DUPLICATE', cell.line, index + 1, {
        heading: shown(heading),
        field: column,
        first: first + 1,
        firstHeading: shown(headings[first] ?? ''),
      });
    }
  });
  // With a given-name column, a plain "Nom"/"Name" column is the family name (French rosters: Nom, Prénom).
  if (where.has('givenName') && where.has('name') && !where.has('familyName')) {
    where.set('familyName', where.get('name') as number);
    where.delete('name');
  }
  const nameColumn = where.get('name') ?? where.get('familyName');
  if (nameColumn === undefined) {
    report('ROSTER_COLUMN_MISSING', headerLine, 1, { field: 'name', accepted: ACCEPTED.name });
  }
  if (!where.has('component')) {
    report('ROSTER_COLUMN_MISSING', headerLine, 1, { field: 'component', accepted: ACCEPTED.component });
  }
  // Columns under an empty heading carry nothing: a row may stop before them or fill them.
  const lastNamed = headings.findLastIndex((heading) => heading !== '');
  for (let index = 0; index < headings.length; index++) {
    if (headings[index] !== '') continue;
    const filled = rows.slice(1).find((row) => (row[index]?.raw.trim() ?? '') !== '');
    if (filled) {
      report('ROSTER_COLUMN_UNKNOWN', header[index]?.line ?? headerLine, index + 1, { heading: '' });
    }
  }

  // --- The rows --------------------------------------------------------------------------------------
  const entries: RosterEntry[] = [];
  const seenNumbers = new Map<string, number>();
  const seenNames = new Map<string, { line: number; numbered: boolean }>();
  for (const row of rows.slice(1)) {
    const last = row[row.length - 1] as Cell;
    if (row.length < lastNamed + 1) {
      report('ROSTER_ROW_SHAPE', last.line, row.length + 1, { found: row.length, expected: lastNamed + 1 });
      continue;
    }
    const extra = row.findIndex((cell, index) => index >= headings.length && cell.raw.trim() !== '');
    if (extra >= 0) {
      report('ROSTER_ROW_SHAPE', row[extra]?.line ?? last.line, extra + 1, {
        found: row.length,
        expected: headings.length,
      });
      continue;
    }

    let rowOk = true;
    const value = (column: RosterColumn): string | null => {
      const index = where.get(column);
      if (index === undefined) return null;
      const cell = row[index] as Cell;
      const v = clean(cell.raw);
      if (v.length > ROSTER_MAX_FIELD_LENGTH) {
        report('ROSTER_TOO_LONG', cell.line, index + 1, {
          heading: shown(headings[index] ?? ''),
          length: v.length,
          max: ROSTER_MAX_FIELD_LENGTH,
        });
        rowOk = false;
      }
      return v === '' ? null : v;
    };
    const at = (column: RosterColumn) => {
      const index = where.get(column) ?? 0;
      return {
        line: row[index]?.line ?? last.line,
        column: index + 1,
        heading: shown(headings[index] ?? ''),
      };
    };

    const given = value('givenName');
    const family = value('familyName');
    const name = value('name') ?? ([given, family].filter(Boolean).join(' ') || null);
    const rank = value('rank');
    const serviceNumber = value('serviceNumber');
    const componentText = value('component');
    const contingent = value('contingent');
    const mission = value('mission');

    if (nameColumn !== undefined && name === null) {
      const { line, column, heading } = at(where.has('name') ? 'name' : 'familyName');
      report('ROSTER_FIELD_EMPTY', line, column, { heading, field: 'name' });
      rowOk = false;
    }
    let component: Component | null = null;
    if (where.has('component')) {
      const { line, column, heading } = at('component');
      if (componentText === null) {
        report('ROSTER_FIELD_EMPTY', line, column, { heading, field: 'component' });
        rowOk = false;
      } else {
        component = parseComponent(componentText);
        if (component === null) {
          report('ROSTER_COMPONENT_INVALID', line, column, { heading, value: shown(componentText) });
          rowOk = false;
        }
      }
    }

    // The same service number twice, or the same name in the same contingent where either has no number.
    if (serviceNumber !== null) {
      const key = serviceNumber.replace(/\s+/g, '').toUpperCase();
      const first = seenNumbers.get(key);
      const { line, column, heading } = at('serviceNumber');
      if (first !== undefined) {
        report('ROSTER_DUPLICATE', line, column, { heading, value: shown(serviceNumber), first });
        rowOk = false;
      } else seenNumbers.set(key, line);
    }
    if (name !== null) {
      const key = `${foldText(name)}\u0000${foldText(contingent ?? '')}`;
      const first = seenNames.get(key);
      const { line, column, heading } = at(where.has('name') ? 'name' : 'familyName');
      if (first && (!first.numbered || serviceNumber === null)) {
        report('ROSTER_DUPLICATE', line, column, { heading, value: shown(name), first: first.line });
        rowOk = false;
      } else if (!first) seenNames.set(key, { line, numbered: serviceNumber !== null });
    }

    if (rowOk && name !== null && component !== null) {
      entries.push({ name, rank, serviceNumber, component, contingent, mission });
    }
  }
  return done(entries);
}
