/** Why a document cannot be imported at all: a stable code and the facts its message needs. */

export const IMPORT_ERROR_CODES = [
  'IMPORT_UNSUPPORTED_TYPE',
  'IMPORT_EMPTY',
  'IMPORT_NOT_TEXT',
  'IMPORT_ENCRYPTED',
  'IMPORT_CORRUPT',
  'IMPORT_SCANNED',
  'IMPORT_TOO_LARGE',
  'IMPORT_OUTPUT_EXISTS',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: ImportErrorCode, params: Record<string, string | number> = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'ImportError';
    this.code = code;
    this.params = params;
  }
}
