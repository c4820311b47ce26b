/** Session cookies for coordinator and instructor accounts, and the CSRF token bound to each session. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'lectern_session';
export const SESSION_HOURS = 12;

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * HttpOnly (no script can read it), SameSite=Strict (no cross-site request carries it), Secure when
 * served over HTTPS. A classroom laptop usually serves plain HTTP on the LAN, where Secure would make
 * the browser drop the cookie, so it follows the request.
 */
export function sessionCookie(id: string, secure: boolean): string {
  const attributes = [
    `${SESSION_COOKIE}=${id}`,
    'HttpOnly',
    'SameSite=Strict',
    'Path=/',
    `Max-Age=${SESSION_HOURS * 3600}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
}

/** The CSRF token of a login session: an HMAC of its id, sent back in a header on every change. */
export function csrfToken(sessionId: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function csrfValid(sessionId: string, secret: string, token: string | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(csrfToken(sessionId, secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
