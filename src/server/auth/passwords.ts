/**
 * Password hashing with scrypt (a slow, memory-hard KDF built into Node): N=2^15, r=8, p=1, a 16-byte
 * salt and a 32-byte key, stored as `scrypt$N$r$p$salt$key` so parameters can be raised later.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
/** scrypt needs 128·N·r bytes; allow twice that. */
const MAX_MEMORY = 256 * N * R;

export const MIN_PASSWORD_LENGTH = 10;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const params = [Number(n), Number(r), Number(p)] as const;
  if (params.some((v) => !Number.isInteger(v) || v <= 0) || 128 * params[0] * params[1] > MAX_MEMORY)
    return false;
  const actual = await derive(password, Buffer.from(salt, 'base64url'), ...params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
