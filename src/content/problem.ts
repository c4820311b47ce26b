/** Problems are data: a stable code, where it is, and the parameters its message needs. */

export type Severity = 'error' | 'warning';

export const PROBLEM_CODES = {
  FILE_UNREADABLE: 'error',
  FRONT_MATTER_MISSING: 'error',
  YAML_SYNTAX: 'error',
  METADATA_MISSING: 'error',
  FIELD_INVALID: 'error',
  UNKNOWN_DIRECTIVE: 'error',
  UNKNOWN_BLOCK_KIND: 'error',
  LEGEND_INCOMPLETE: 'warning',
  DIRECTIVE_UNCLOSED: 'error',
  DIRECTIVE_NESTED: 'error',
  CLOSE_WITHOUT_OPEN: 'error',
  ATTRIBUTE_INVALID: 'error',
  TEXT_OUTSIDE_BLOCK: 'error',
  SLIDE_TITLE_MISSING: 'error',
  SLIDE_WORDS_NOT_ON_SLIDE: 'warning',
  OUTCOME_UNDECLARED: 'error',
  OUTCOME_UNSERVED: 'error',
  DURATION_MISMATCH: 'error',
  DUPLICATE_ID: 'error',
  ANSWER_MISSING: 'error',
  CATEGORY_UNKNOWN: 'error',
  LINK_BROKEN: 'error',
  ADDITION_UNCITED: 'error',
  COURSE_FILE_MISSING: 'error',
  ASSESSMENT_SHORT: 'error',
} as const satisfies Record<string, Severity>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** 1-based line and column, as editors show them. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

export type ProblemParams = Record<string, string | number>;

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  at: Position;
  params: ProblemParams;
}

export function problem(code: ProblemCode, at: Position, params: ProblemParams = {}): Problem {
  return { code, severity: PROBLEM_CODES[code], at, params };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Sorted by file, then line, then column, so output is stable and reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.at.file.localeCompare(b.at.file) || a.at.line - b.at.line || a.at.column - b.at.column,
  );
}
