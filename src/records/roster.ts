/**
 * The roster: who is expected on a course, as a coordinator's spreadsheet lists them. Problems found while
 * importing one are data, like course problems: a stable code, where it is, and the parameters its message
 * needs, rendered in English or French through the catalogue (`roster.<CODE>` keys).
 */

import type { Position } from '../content/problem.ts';
import { type Lang, t, tMaybe } from '../i18n/catalogue.ts';

export const COMPONENTS = ['military', 'police', 'civilian'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface RosterEntry {
  name: string;
  rank: string | null;
  /** Service number, ID or matricule, as written. */
  serviceNumber: string | null;
  component: Component;
  contingent: string | null;
  mission: string | null;
}

export const ROSTER_PROBLEM_CODES = {
  ROSTER_NOT_CSV: 'error',
  ROSTER_HEADER_MISSING: 'error',
  ROSTER_COLUMN_MISSING: 'error',
  ROSTER_COLUMN_DUPLICATE: 'error',
  ROSTER_COLUMN_UNKNOWN: 'warning',
  ROSTER_ROW_SHAPE: 'error',
  ROSTER_FIELD_EMPTY: 'error',
  ROSTER_COMPONENT_INVALID: 'error',
  ROSTER_TOO_LONG: 'error',
  ROSTER_DUPLICATE: 'error',
} as const satisfies Record<string, 'error' | 'warning'>;

export type RosterProblemCode = keyof typeof ROSTER_PROBLEM_CODES;

/**
 * `at.line` is the physical line of the file (1-based, counting the lines inside quoted multi-line cells);
 * `at.column` is the 1-based CSV column (the cell's position in its row, as a spreadsheet counts columns),
 * not a character offset.
 */
export interface RosterProblem {
  code: RosterProblemCode;
  severity: 'error' | 'warning';
  at: Position;
  params: Record<string, string | number>;
}

export function rosterProblem(
  code: RosterProblemCode,
  at: Position,
  params: Record<string, string | number> = {},
): RosterProblem {
  return { code, severity: ROSTER_PROBLEM_CODES[code], at, params };
}

export function rosterHasErrors(problems: readonly RosterProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** The message, with the line and column filled in and the field name and reason translated. */
export function rosterProblemMessage(lang: Lang, p: RosterProblem): string {
  const params: Record<string, string | number> = { line: p.at.line, column: p.at.column, ...p.params };
  if (typeof params.field === 'string')
    params.field = tMaybe(lang, `roster.field.${params.field}`) ?? params.field;
  if (typeof params.reason === 'string') {
    params.reason = tMaybe(lang, `roster.reason.${params.reason}`) ?? params.reason;
  }
  return t(lang, `roster.${p.code}`, params);
}

export function formatRosterProblem(lang: Lang, p: RosterProblem): string {
  return `${p.at.file}:${p.at.line}:${p.at.column}  ${p.code}  ${rosterProblemMessage(lang, p)}`;
}

/** Lower case, accents removed, punctuation as spaces, whitespace collapsed: "  Numéro  d'ID " → "numero d id". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const COMPONENT_VALUES: Record<string, Component> = {};
for (const [component, spellings] of [
  [
    'military',
    'military, militaire, militaires, mil, milob, military observer, observateur militaire, ' +
      'staff officer, officier d etat major',
  ],
  [
    'police',
    'police, policier, policiere, police officer, pol, unpol, ipo, fpu, individual police officer, ' +
      'formed police unit, unite de police constituee, gendarmerie',
  ],
  ['civilian', 'civilian, civilians, civil, civile, civils, civiles, civ, personnel civil, civilian staff'],
] as const) {
  for (const spelling of spellings.split(',')) COMPONENT_VALUES[spelling.trim()] = component;
}

/** "Militaire", "CIVILE", "police" → the component; null when the value names none. */
export function parseComponent(value: string): Component | null {
  return COMPONENT_VALUES[foldText(value)] ?? null;
}
