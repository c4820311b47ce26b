/**
 * HTTP plumbing of the records routes: bodies of a given type and size, JSON and file replies with the
 * server's security headers, and the records' own error codes (beyond the live catalogue's) that carry
 * details a view shows, such as the line and column of each problem in a roster.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ERRORS, type ErrorCode, LiveError } from '../../live/errors.ts';

export { SECURITY_HEADERS } from '../security-headers.ts';

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

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(JSON.stringify(body));
}

/** A download: `attachment` with an ASCII file name (and the UTF-8 one for browsers that read it). */
export function sendFile(
  res: ServerResponse,
  file: { contentType: string; body: string | Uint8Array; name: string; inline?: boolean },
): void {
  const ascii = file.name.replace(/[^\w.-]+/g, '-');
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-disposition': `${file.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(file.body);
}

export function sendRecordsError(res: ServerResponse, error: RecordsError): void {
  sendJson(res, error.status, { error: { code: error.code, ...error.extra } });
}

/** The body's bytes, refusing more than `maxBytes` (413). */
export async function readBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new LiveError('MESSAGE_TOO_LARGE', `${declared} bytes`);
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new LiveError('MESSAGE_TOO_LARGE', `more than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The media type of the request's body, lower case, without parameters. */
export function contentType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const bytes = await readBytes(req, 64 * 1024);
  let body: unknown = {};
  if (bytes.length > 0) {
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new LiveError('MESSAGE_MALFORMED', 'body is not JSON');
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LiveError(
      'MESSAGE_MALFORMED',
      issue ? `${issue.path.join('.') || 'body'}: ${issue.code}` : 'body',
    );
  }
  return parsed.data;
}
