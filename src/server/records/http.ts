/**
 * HTTP plumbing of the records routes beyond the server's own (`../http.ts`): bodies of a given media
 * type, file downloads with the server's security headers, and the records' own error codes (beyond the
 * live catalogue's) that carry details a view shows, such as the line and column of each problem in a
 * roster.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERRORS, type ErrorCode } from '../../live/errors.ts';
import { sendJson } from '../http.ts';
import { SECURITY_HEADERS } from '../security-headers.ts';

/** The records routes' error codes: entries of the one catalogue, `src/live/errors.ts`. */
const RECORDS_ERROR_CODES = [
  'LOGIN_FAILED',
  'LOGIN_THROTTLED',
  'ROSTER_INVALID',
  'ROSTER_ENTRY_TAKEN',
  'COHORT_DETAILS_MISSING',
  'SESSION_NOT_IN_COHORT',
  'COURSE_MISMATCH',
  'CONTENT_TYPE',
] as const satisfies readonly ErrorCode[];
export const RECORDS_ERRORS: Record<RecordsErrorCode, number> = Object.fromEntries(
  RECORDS_ERROR_CODES.map((code) => [code, ERRORS[code]]),
) as Record<RecordsErrorCode, number>;
export type RecordsErrorCode = (typeof RECORDS_ERROR_CODES)[number];

export class RecordsError extends Error {
  readonly code: RecordsErrorCode;
  readonly extra: Record<string, unknown>;
  constructor(code: RecordsErrorCode, extra: Record<string, unknown> = {}) {
    super(code);
    this.code = code;
    this.extra = extra;
  }
  get status(): number {
    return RECORDS_ERRORS[this.code];
  }
}

/** A download: `attachment` with an ASCII file name (and the UTF-8 one for browsers that read it). */
export function sendFile(
  res: ServerResponse,
  file: { contentType: string; body: string | Uint8Array; name: string },
): void {
  const ascii = file.name.replace(/[^\w.-]+/g, '-');
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(file.body);
}

export function sendRecordsError(res: ServerResponse, error: RecordsError): void {
  sendJson(res, error.status, { error: { code: error.code, ...error.extra } });
}

/** The media type of the request's body, lower case, without parameters. */
export function contentType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
