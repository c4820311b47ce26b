/** Ed25519 signing and verification of certificate data, and the issuer key on disk. */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SignedCertificate } from '../../src/certificates/certificate.ts';
import {
  generateIssuerKey,
  IssuerKeyError,
  keyIdOf,
  loadIssuerPublicKeys,
  loadOrCreateIssuerKey,
  PRIVATE_KEY_FILE,
  PUBLIC_KEY_FILE,
  signCertificate,
  verifyCertificate,
} from '../../src/certificates/signing.ts';
import { sampleData } from './fixtures.ts';

const key = generateIssuerKey();
const signed = signCertificate(sampleData(), key);

function changed(edit: (s: SignedCertificate) => void): SignedCertificate {
  const copy = structuredClone(signed);
  edit(copy);
  return copy;
}

describe('signCertificate / verifyCertificate', () => {
  it('signs; the signature verifies with the public key', () => {
    assert.match(signed.signature, /^[A-Za-z0-9_-]{86}$/);
    assert.equal(signed.keyId, key.keyId);
    assert.equal(verifyCertificate(signed, [key.publicKey]), 'valid');
  });

  it('verifies with PEM text, and among several keys', () => {
    const pem = key.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    assert.equal(verifyCertificate(signed, [pem]), 'valid');
    assert.equal(verifyCertificate(signed, [generateIssuerKey().publicKey, key.publicKey]), 'valid');
    assert.equal(verifyCertificate(signed, [key.privateKey]), 'valid');
  });

  it('still verifies after a JSON round trip with keys in another order', () => {
    const json = JSON.stringify({ keyId: signed.keyId, signature: signed.signature, data: signed.data });
    assert.equal(verifyCertificate(JSON.parse(json), [key.publicKey]), 'valid');
  });

  it('is invalid when the name, date, outcomes or any other field changes', () => {
    const edits: Array<(s: SignedCertificate) => void> = [
      (s) => {
        s.data.participant.name = 'Amara Okonkwo-Diallo Jr';
      },
      (s) => {
        s.data.date = '2026-03-01';
      },
      (s) => {
        s.data.outcomes.push('Lead a brigade.');
      },
      (s) => {
        s.data.outcomes = [...s.data.outcomes].reverse();
      },
      (s) => {
        s.data.hours = 65;
      },
      (s) => {
        s.data.participant.rank = 'Colonel';
      },
      (s) => {
        delete s.data.participant.serviceNumber;
      },
      (s) => {
        s.data.course.module = 2;
      },
    ];
    for (const edit of edits) assert.equal(verifyCertificate(changed(edit), [key.publicKey]), 'invalid');
  });

  it('is invalid for a made-up certificate signed by another key', () => {
    const forger = generateIssuerKey();
    const forged = signCertificate(sampleData({ id: 'LEC-0000000000' }), forger);
    assert.equal(verifyCertificate(forged, [key.publicKey]), 'invalid');
    // Claiming the real issuer's key id does not help.
    assert.equal(verifyCertificate({ ...forged, keyId: key.keyId }, [key.publicKey]), 'invalid');
    // Nor does moving a genuine signature onto other data.
    const moved = { ...forged, signature: signed.signature, keyId: signed.keyId };
    assert.equal(verifyCertificate(moved, [key.publicKey]), 'invalid');
  });

  it('is invalid, without throwing, for garbage', () => {
    const bad: unknown[] = [
      null,
      {},
      { ...signed, signature: 'not-base64' },
      { ...signed, signature: `${signed.signature.slice(0, -1)}B` },
      { ...signed, signature: `${signed.signature[0] === 'A' ? 'B' : 'A'}${signed.signature.slice(1)}` },
      { ...signed, data: { ...signed.data, id: 'x' } },
      { ...signed, keyId: 5 },
    ];
    for (const b of bad) assert.equal(verifyCertificate(b as SignedCertificate, [key.publicKey]), 'invalid');
    assert.equal(verifyCertificate(signed, []), 'invalid');
  });

  it('gives key ids as the RFC 7638 thumbprint prefix', () => {
    assert.match(key.keyId, /^[A-Za-z0-9_-]{16}$/);
    assert.equal(keyIdOf(key.publicKey), key.keyId);
    assert.notEqual(generateIssuerKey().keyId, key.keyId);
  });
});

describe('loadOrCreateIssuerKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-keys-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the private key 0600 and the public key beside it, then loads the same key', async () => {
    const keys = join(dir, 'keys');
    const first = await loadOrCreateIssuerKey(keys);
    assert.equal(statSync(join(keys, PRIVATE_KEY_FILE)).mode & 0o777, 0o600);
    assert.equal(statSync(keys).mode & 0o777, 0o700);
    assert.match(readFileSync(join(keys, PRIVATE_KEY_FILE), 'utf8'), /BEGIN PRIVATE KEY/);
    assert.match(readFileSync(join(keys, PUBLIC_KEY_FILE), 'utf8'), /BEGIN PUBLIC KEY/);
    const again = await loadOrCreateIssuerKey(keys);
    assert.equal(again.keyId, first.keyId);
    const s = signCertificate(sampleData(), again);
    assert.equal(verifyCertificate(s, await loadIssuerPublicKeys(keys)), 'valid');
    assert.equal(verifyCertificate(s, [readFileSync(join(keys, PUBLIC_KEY_FILE), 'utf8')]), 'valid');
  });

  it('rewrites a missing public key; refuses a public key without its private key', async () => {
    const keys = join(dir, 'rotate');
    const k = await loadOrCreateIssuerKey(keys);
    rmSync(join(keys, PUBLIC_KEY_FILE));
    assert.equal((await loadOrCreateIssuerKey(keys)).keyId, k.keyId);
    rmSync(join(keys, PRIVATE_KEY_FILE));
    await assert.rejects(loadOrCreateIssuerKey(keys), IssuerKeyError);
  });

  it('tightens a private key file left readable by others', async () => {
    const keys = join(dir, 'loose');
    await loadOrCreateIssuerKey(keys);
    const path = join(keys, PRIVATE_KEY_FILE);
    chmodSync(path, 0o644);
    await loadOrCreateIssuerKey(keys);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });
});
