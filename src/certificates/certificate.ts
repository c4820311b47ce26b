/**
 * A Lectern certificate of completion as plain data, its canonical serialisation (what the
 * issuer's Ed25519 signature covers) and the record types the store keeps. No I/O here.
 *
 * Canonical form (see docs/certificates.md): the JSON Canonicalization Scheme of RFC 8785 applied
 * to the data after every string is NFC-normalised — object keys sorted by UTF-16 code units, no
 * white space, numbers as ECMAScript prints them, strings escaped as JSON.stringify does, array
 * order kept, properties whose value is `undefined` left out. The signature covers the UTF-8
 * bytes of that text.
 */
import { z } from 'zod';
import { COMPONENTS } from '../content/schemas.ts';

export type Component = (typeof COMPONENTS)[number];

export interface Participant {
  name: string;
  rank?: string | undefined;
  serviceNumber?: string | undefined;
  component?: Component | undefined;
  contingent?: string | undefined;
}

export interface CourseRef {
  /** The course's id, e.g. "poc-module-1". */
  id: string;
  /** The module's title, e.g. "Overview of the Protection of Civilians (POC)". */
  title: string;
  /** The module number, e.g. 1. */
  module: number;
  /** The edition as printed, e.g. "UN Protection of Civilians PDT Standards, 1st ed. (2011)". */
  edition: string;
}

export interface Issuer {
  /** The training centre that ran the course. */
  centre: string;
  country?: string | undefined;
}

export interface CertificateData {
  /** "LEC-" and 10 Crockford base32 characters; see newCertificateId(). */
  id: string;
  participant: Participant;
  course: CourseRef;
  /** The learning outcomes' texts, in course order. */
  outcomes: string[];
  /** The day the course was completed, an ISO date (YYYY-MM-DD). */
  date: string;
  place: string;
  /** Hours of training, e.g. 6 or 1.5. */
  hours: number;
  issuer: Issuer;
  /** When the certificate was issued, an ISO 8601 date-time with a zone, e.g. 2026-03-02T09:30:00Z. */
  issuedAt: string;
}

export interface SignedCertificate {
  data: CertificateData;
  /** Ed25519 signature over the UTF-8 bytes of canonicalCertificate(data), base64url, no padding. */
  signature: string;
  /** Which issuer key signed it: see keyIdOf() in signing.ts. */
  keyId: string;
}

/** What a verification page says of a certificate id. Revocation is kept by the store. */
export type CertificateStatus = 'valid' | 'revoked' | 'unknown' | 'invalid';

export interface CertificateRecord {
  signed: SignedCertificate;
  /** ISO date-time of the revocation, or null while the certificate stands. */
  revokedAt: string | null;
  /** Who revoked it (a user id or name), or null. */
  revokedBy: string | null;
  reason: string | null;
}

// ---- ids ----------------------------------------------------------------------------------------

/** Crockford's base32: no I, L, O or U, so an id read aloud or retyped survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CERTIFICATE_ID = /^LEC-[0-9A-HJKMNP-TV-Z]{10}$/;

/** A fresh certificate id: "LEC-" and 10 random base32 characters (50 bits). */
export function newCertificateId(
  random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => crypto.getRandomValues(b),
): string {
  const bytes = new Uint8Array(7);
  random(bytes);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 10; i++) out += CROCKFORD[Number((bits >> BigInt(51 - 5 * i)) & 31n)];
  return `LEC-${out}`;
}

// ---- shape --------------------------------------------------------------------------------------

/** Non-empty text of at most `max` characters; the limits keep every certificate on one page. */
const text = (max: number) => z.string().trim().min(1).max(max);

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const certificateDataSchema = z.strictObject({
  id: z.string().regex(CERTIFICATE_ID),
  participant: z.strictObject({
    name: text(120),
    rank: text(60).optional(),
    serviceNumber: text(40).optional(),
    component: z.enum(COMPONENTS).optional(),
    contingent: text(80).optional(),
  }),
  course: z.strictObject({
    id: text(100),
    title: text(200),
    module: z.number().int().positive(),
    edition: text(200),
  }),
  outcomes: z.array(text(300)).max(12),
  date: z.string().refine(isCalendarDate, 'an ISO date, YYYY-MM-DD'),
  place: text(120),
  hours: z.number().positive().max(10_000),
  issuer: z.strictObject({ centre: text(150), country: text(80).optional() }),
  issuedAt: z.iso.datetime({ offset: true }),
});

export class CertificateDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateDataError';
  }
}

/** Checks `value` is certificate data; throws CertificateDataError naming the first bad field. */
export function parseCertificateData(value: unknown): CertificateData {
  const result = certificateDataSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.') || '(root)';
    throw new CertificateDataError(`certificate data: ${path}: ${issue?.message ?? 'invalid'}`);
  }
  return value as CertificateData;
}

/**
 * The data as it is signed: every string NFC-normalised, trimmed and with runs of white space made
 * one space; optional fields that are empty or undefined dropped. Idempotent.
 */
export function normalizeCertificate(data: CertificateData): CertificateData {
  const p = data.participant;
  const out: CertificateData = {
    id: tidy(data.id),
    participant: dropEmpty({
      name: tidy(p.name),
      rank: tidyOptional(p.rank),
      serviceNumber: tidyOptional(p.serviceNumber),
      component: p.component,
      contingent: tidyOptional(p.contingent),
    }),
    course: {
      id: tidy(data.course.id),
      title: tidy(data.course.title),
      module: data.course.module,
      edition: tidy(data.course.edition),
    },
    outcomes: data.outcomes.map(tidy),
    date: tidy(data.date),
    place: tidy(data.place),
    hours: data.hours,
    issuer: dropEmpty({ centre: tidy(data.issuer.centre), country: tidyOptional(data.issuer.country) }),
    issuedAt: tidy(data.issuedAt),
  };
  return parseCertificateData(out);
}

function tidy(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function tidyOptional(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = tidy(value);
  return t === '' ? undefined : t;
}

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---- canonical form -----------------------------------------------------------------------------

/** The canonical text of the data, which the signature covers (see the module comment). */
export function canonicalCertificate(data: CertificateData): string {
  return canonicalJson(data);
}

/**
 * RFC 8785 canonical JSON of a JSON value, with strings (keys too) NFC-normalised first. Throws on
 * what JSON cannot hold: non-finite numbers, bigints, functions, symbols, undefined in arrays.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CertificateDataError(`not a JSON number: ${value}`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value.normalize('NFC'));
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((item) => {
            if (item === undefined) throw new CertificateDataError('undefined in an array');
            return canonicalJson(item);
          })
          .join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CertificateDataError('only plain objects can be canonicalised');
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k.normalize('NFC'), v] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (let i = 1; i < entries.length; i++) {
        if (entries[i]?.[0] === entries[i - 1]?.[0])
          throw new CertificateDataError('duplicate key after NFC');
      }
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new CertificateDataError(`not a JSON value: ${typeof value}`);
  }
}
