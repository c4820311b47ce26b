/**
 * Calls to the server's JSON API from the staff views: the secret (presenter or projector token,
 * instructor key) goes only into the Authorization header, and a refusal carries its error code.
 */

/** A refused API call: `code` is the server's error code (`INTERNAL` when it gave none). */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

/** The headers of an authorized JSON request; with `json`, the body is JSON too. */
export function bearerHeaders(secret: string, json = false): Record<string, string> {
  return {
    authorization: `Bearer ${secret}`,
    accept: 'application/json',
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

/** The error code of a refused response's `{ error: { code } }` body, `INTERNAL` when it has none. */
export async function errorCode(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  return body?.error?.code ?? 'INTERNAL';
}

/** Sends an authorized JSON request and returns the parsed answer; throws ApiError when refused. */
export async function apiRequest<T>(
  secret: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: bearerHeaders(secret, body !== undefined),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const code = (json as { error?: { code?: string } } | null)?.error?.code ?? 'INTERNAL';
    throw new ApiError(code);
  }
  return json as T;
}
