/**
 * Sign-in for coordinators and instructors: a session cookie (HttpOnly, SameSite=Strict, 12 h) whose id
 * the store keeps only as a sha256, and a CSRF token bound to it that every state-changing request sends
 * back in `X-CSRF-Token`.
 *
 * A failed sign-in never says whether the username exists: an unknown username is checked against a
 * dummy scrypt hash, so that both take the same time, and both count towards the same per-username
 * backoff (see {@link LoginThrottle}).
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LiveError } from '../../live/errors.ts';
import type { AccountRecord, AccountRole, Store } from '../../store/store.ts';
import {
  csrfToken,
  csrfValid,
  newSessionId,
  readCookie,
  SESSION_COOKIE,
  SESSION_HOURS,
} from '../auth/cookies.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { hashToken } from '../tokens.ts';

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: AccountRole;
}

export function accountView(account: AccountRecord): AccountView {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
  };
}

export interface SignedIn {
  account: AccountRecord;
  /** The cookie's session id (never stored as such). */
  sessionId: string;
}

/** The CSRF secret, derived from a secret the server keeps across restarts (the instructor key). */
export function csrfSecret(serverSecret: string): string {
  return createHmac('sha256', serverSecret).update('lectern-records-csrf').digest('base64url');
}

export function csrfFor(signedIn: SignedIn, secret: string): string {
  return csrfToken(signedIn.sessionId, secret);
}

/** Normalised as the store keeps usernames: trimmed, lower case, NFC. */
export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

export const USERNAME = /^[\p{L}\p{N}._@-]{2,64}$/u;

/**
 * Slows guessing per username: the first failures cost nothing more than scrypt, then each further
 * failure locks the username for twice as long as the one before (1 s, 2 s, 4 s … up to 15 min).
 * Unknown usernames are counted exactly like known ones. Bounded in memory.
 */
export class LoginThrottle {
  static readonly FREE_FAILURES = 3;
  static readonly MAX_LOCK_MS = 15 * 60_000;
  static readonly MAX_ENTRIES = 10_000;
  readonly #entries = new Map<string, { failures: number; lockedUntil: number; last: number }>();

  /** Milliseconds until the username may try again (0: now). */
  wait(username: string, now = Date.now()): number {
    const entry = this.#entries.get(username);
    return entry ? Math.max(0, entry.lockedUntil - now) : 0;
  }

  fail(username: string, now = Date.now()): void {
    const entry = this.#entries.get(username) ?? { failures: 0, lockedUntil: 0, last: now };
    entry.failures += 1;
    entry.last = now;
    const over = entry.failures - LoginThrottle.FREE_FAILURES;
    if (over > 0) entry.lockedUntil = now + Math.min(LoginThrottle.MAX_LOCK_MS, 1000 * 2 ** (over - 1));
    this.#entries.delete(username);
    this.#entries.set(username, entry);
    if (this.#entries.size > LoginThrottle.MAX_ENTRIES) this.#prune(now);
  }

  succeed(username: string): void {
    this.#entries.delete(username);
  }

  #prune(now: number): void {
    for (const [name, entry] of this.#entries) {
      if (entry.lockedUntil < now && now - entry.last > LoginThrottle.MAX_LOCK_MS) this.#entries.delete(name);
    }
    // Still too many: forget the least recently failed (Map keeps insertion order, refreshed on failure).
    for (const name of this.#entries.keys()) {
      if (this.#entries.size <= LoginThrottle.MAX_ENTRIES) break;
      this.#entries.delete(name);
    }
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * The account when the password is right; undefined otherwise, after the same scrypt work whether or not
 * the username exists.
 */
export async function checkPassword(
  store: Store,
  username: string,
  password: string,
): Promise<AccountRecord | undefined> {
  const account = USERNAME.test(username) ? await store.findAccountByUsername(username) : undefined;
  dummyHash ??= hashPassword('lectern-dummy-password-for-timing');
  const stored = account?.passwordHash ?? (await dummyHash);
  const ok = await verifyPassword(password, stored);
  return ok && account ? account : undefined;
}

/** Creates the login record; returns the cookie's session id. */
export async function startLogin(store: Store, account: AccountRecord, now = Date.now()): Promise<string> {
  const sessionId = newSessionId();
  await store.createLogin({
    idHash: hashToken(sessionId),
    accountId: account.id,
    createdAt: now,
    expiresAt: now + SESSION_HOURS * 3600_000,
  });
  return sessionId;
}

/** The signed-in account of the request, or undefined (no cookie, unknown or expired login). */
export async function signedIn(
  store: Store,
  req: IncomingMessage,
  now = Date.now(),
): Promise<SignedIn | undefined> {
  const sessionId = readCookie(req, SESSION_COOKIE);
  if (!sessionId || sessionId.length > 128) return undefined;
  const login = await store.findLogin(hashToken(sessionId));
  if (!login || login.expiresAt <= now) return undefined;
  const account = await store.getAccount(login.accountId);
  return account ? { account, sessionId } : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The signed-in account, or 401 NOT_AUTHENTICATED; for a state-changing method also the CSRF token in
 * `X-CSRF-Token` (403 FORBIDDEN), and, when the browser names one, an Origin of this very host.
 */
export async function requireSignedIn(
  store: Store,
  req: IncomingMessage,
  method: string,
  secret: string,
  role?: AccountRole,
): Promise<SignedIn> {
  const who = await signedIn(store, req);
  if (!who) throw new LiveError('NOT_AUTHENTICATED');
  if (!SAFE_METHODS.has(method)) {
    checkOrigin(req);
    const header = req.headers['x-csrf-token'];
    const token = Array.isArray(header) ? header[0] : header;
    if (!csrfValid(who.sessionId, secret, token)) throw new LiveError('FORBIDDEN', 'csrf');
  }
  if (role && who.account.role !== role) throw new LiveError('FORBIDDEN', `${role} only`);
  return who;
}

/** A request a browser sends from another site names that site in Origin: refused. */
export function checkOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new LiveError('FORBIDDEN', 'origin');
  }
  if (host !== req.headers.host) throw new LiveError('FORBIDDEN', 'origin');
}
