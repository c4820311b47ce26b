/**
 * The records API from the coordinator view: the session cookie goes by itself (same origin), the CSRF
 * token of the login goes in `X-CSRF-Token` on every change.
 */

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly extra: Record<string, unknown>;
  constructor(status: number, code: string, extra: Record<string, unknown> = {}) {
    super(code);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

let csrf = '';

export function setCsrf(token: string): void {
  csrf = token;
}

export async function api<T>(
  method: string,
  path: string,
  body?: { json: unknown } | { text: string; type: string },
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let payload: string | undefined;
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    headers['content-type'] = body.type;
    payload = body.text;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(payload === undefined ? {} : { body: payload }),
    });
  } catch {
    throw new ApiError(0, 'OFFLINE');
  }
  const json = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (json as { error?: { code?: string } & Record<string, unknown> } | null)?.error;
    const { code, ...extra } = error ?? {};
    throw new ApiError(response.status, typeof code === 'string' ? code : 'INTERNAL', extra);
  }
  return json as T;
}
