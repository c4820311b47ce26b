/**
 * HTTP plumbing shared by the server's route groups (live, self-paced, records): the request a group
 * handles, bodies of a given size and schema, and replies with the server's headers. One copy, so that
 * every route refuses the same oversized or malformed body in the same way and sends the same headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Course } from '../content/model.ts';
import { LiveError } from '../live/errors.ts';
import type { Store } from '../store/store.ts';
import type { Asset } from './client-bundles.ts';
import { parseMessage } from './parse-message.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** What the server hands a group of routes: the request, its reply, and the course it serves. */
export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  method: string;
  course: Course;
  store: Store;
}

const MAX_JSON_BYTES = 64 * 1024;

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
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

/** A JSON body (an empty one reads as `{}`) checked against `schema`. */
export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const bytes = await readBytes(req, MAX_JSON_BYTES);
  let body: unknown = {};
  if (bytes.length > 0) {
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new LiveError('MESSAGE_MALFORMED', 'body is not JSON');
    }
  }
  return parseMessage(schema, body, 'body');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    ...SECURITY_HEADERS,
  });
  res.end(html);
}

/** One of the bundled browser files (404 when there is none of that name). */
export function sendAsset(res: ServerResponse, asset: Asset | undefined): void {
  if (!asset) throw new LiveError('NOT_FOUND');
  res.writeHead(200, {
    'content-type': asset.contentType,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  res.end(asset.body);
}
