import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csrfToken, csrfValid, sessionCookie } from './cookies.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong or tampered one', async () => {
    const stored = await hashPassword('correct horse battery');
    assert.match(stored, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.equal(await verifyPassword('correct horse battery', stored), true);
    assert.equal(await verifyPassword('correct horse batterY', stored), false);
    assert.equal(
      await verifyPassword('correct horse battery', stored.replace(/.$/, 'A')),
      stored.endsWith('A'),
    );
    assert.equal(await verifyPassword('x', 'md5$abc'), false);
    assert.equal(
      await verifyPassword('x', 'scrypt$99999999999$8$1$a$b'),
      false,
      'absurd parameters are refused',
    );
  });

  it('salts: the same password hashes differently', async () => {
    assert.notEqual(await hashPassword('same password'), await hashPassword('same password'));
  });
});

describe('cookies and CSRF', () => {
  it('sets an HttpOnly, SameSite=Strict cookie, Secure over HTTPS', () => {
    assert.match(
      sessionCookie('abc', false),
      /^lectern_session=abc; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/,
    );
    assert.match(sessionCookie('abc', true), /; Secure$/);
  });

  it('binds the CSRF token to the login session', () => {
    const token = csrfToken('session-1', 'secret');
    assert.equal(csrfValid('session-1', 'secret', token), true);
    assert.equal(csrfValid('session-2', 'secret', token), false);
    assert.equal(csrfValid('session-1', 'other', token), false);
    assert.equal(csrfValid('session-1', 'secret', undefined), false);
  });
});
