/**
 * Ed25519 signing of certificates with node:crypto. The issuer's private key lives in a PEM file
 * (PKCS #8, mode 0600) and its public key beside it (SPKI PEM); public keys of retired issuer keys
 * stay in the same folder as `*.pub.pem` so that older certificates still verify.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CertificateData,
  canonicalCertificate,
  normalizeCertificate,
  parseCertificateData,
  type SignedCertificate,
} from './certificate.ts';

export interface IssuerKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

/** A public key as a KeyObject or SPKI PEM text; an IssuerKey's publicKey works too. */
export type PublicKeyLike = KeyObject | string;

export const PRIVATE_KEY_FILE = 'issuer-ed25519.pem';
export const PUBLIC_KEY_FILE = 'issuer-ed25519.pub.pem';

export class IssuerKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IssuerKeyError';
  }
}

export function generateIssuerKey(): IssuerKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/**
 * The issuer key kept in `dir`: loaded if its private key file exists, else made and written (the
 * private key with mode 0600, the folder 0700). The public key file is (re)written from the private
 * key when it is missing. A public key file without its private key is refused rather than
 * replaced, since replacing it would orphan the certificates it signed.
 */
export async function loadOrCreateIssuerKey(dir: string): Promise<IssuerKey> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  const publicPath = join(dir, PUBLIC_KEY_FILE);
  let pem = await readText(privatePath);
  if (pem === undefined) {
    if ((await readText(publicPath)) !== undefined) {
      throw new IssuerKeyError(
        `${publicPath} exists but ${privatePath} does not: restore the private key, or rename the public ` +
          `key (e.g. issuer-ed25519.<keyId>.pub.pem) to keep it for verification and start a new key`,
      );
    }
    const key = generateIssuerKey();
    pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    try {
      await writeFile(privatePath, pem, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      pem = (await readText(privatePath)) as string;
    }
  }
  await chmod(privatePath, 0o600);
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new IssuerKeyError(`${privatePath} is not an Ed25519 key`);
  }
  const publicKey = createPublicKey(privateKey);
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  if ((await readText(publicPath)) !== publicPem) await writeFile(publicPath, publicPem, { mode: 0o644 });
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** Every `*.pub.pem` in `dir`: the current issuer key and retired ones. */
export async function loadIssuerPublicKeys(dir: string): Promise<KeyObject[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.pub.pem')).sort();
  return Promise.all(names.map(async (n) => createPublicKey(await readFile(join(dir, n), 'utf8'))));
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const keyIds = new WeakMap<KeyObject, string>();

/**
 * A short id of an Ed25519 public key: the first 16 characters (96 bits) of its RFC 7638 JWK
 * thumbprint, base64url(SHA-256('{"crv":"Ed25519","kty":"OKP","x":"…"}')).
 */
export function keyIdOf(key: PublicKeyLike): string {
  const publicKey = toPublicKey(key);
  const known = keyIds.get(publicKey);
  if (known) return known;
  const jwk = publicKey.export({ format: 'jwk' });
  const thumbprint = createHash('sha256')
    .update(`{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}"}`)
    .digest('base64url');
  const id = thumbprint.slice(0, 16);
  keyIds.set(publicKey, id);
  return id;
}

const pemKeys = new Map<string, KeyObject>();

function toPublicKey(key: PublicKeyLike): KeyObject {
  if (typeof key !== 'string') return key.type === 'private' ? createPublicKey(key) : key;
  let known = pemKeys.get(key);
  if (!known) {
    known = createPublicKey(key);
    if (pemKeys.size > 64) pemKeys.clear();
    pemKeys.set(key, known);
  }
  return known;
}

/** Signs the normalised data; `signed.data` is exactly what the signature covers. */
export function signCertificate(data: CertificateData, key: IssuerKey): SignedCertificate {
  const normal = normalizeCertificate(data);
  const signature = sign(null, Buffer.from(canonicalCertificate(normal), 'utf8'), key.privateKey);
  return { data: normal, signature: signature.toString('base64url'), keyId: key.keyId };
}

const BASE64URL_64_BYTES = /^[A-Za-z0-9_-]{85}[AQgw]$/;

/**
 * 'valid' when the data is well-formed certificate data and the signature verifies with the one of
 * `publicKeys` that its keyId names; 'invalid' otherwise (never throws).
 */
export function verifyCertificate(
  signed: SignedCertificate,
  publicKeys: Iterable<PublicKeyLike>,
): 'valid' | 'invalid' {
  try {
    if (typeof signed !== 'object' || signed === null) return 'invalid';
    if (typeof signed.signature !== 'string' || !BASE64URL_64_BYTES.test(signed.signature)) return 'invalid';
    if (typeof signed.keyId !== 'string') return 'invalid';
    const data = parseCertificateData(signed.data);
    const message = Buffer.from(canonicalCertificate(data), 'utf8');
    const signature = Buffer.from(signed.signature, 'base64url');
    for (const candidate of publicKeys) {
      const key = toPublicKey(candidate);
      if (key.asymmetricKeyType !== 'ed25519' || keyIdOf(key) !== signed.keyId) continue;
      if (verify(null, message, key, signature)) return 'valid';
    }
    return 'invalid';
  } catch {
    return 'invalid';
  }
}
