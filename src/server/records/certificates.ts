/**
 * Certificates of completion for a delivered session, and what a verifier is told of one.
 *
 * Issuing: one signed certificate per participant who completed the session by the course's rule and
 * holds none that stands (a revoked one may be replaced). The name, rank, service number, component and
 * contingent are the linked roster entry's, else the name and contingent typed when joining; the module
 * title and edition (series and edition) and the outcomes' texts are the course's; the date is the day the
 * session's span ended (server's local time zone); place and centre are the cohort's; hours are the
 * course's planned duration, lecture plus discussion.
 *
 * The issuer key lives in the data folder, `<data>/issuer/` (see `loadOrCreateIssuerKey`).
 */
import { join } from 'node:path';
import {
  CERTIFICATE_ID,
  type CertificateData,
  canonicalCertificate,
  newCertificateId,
  type SignedCertificate,
} from '../../certificates/certificate.ts';
import { unprintableFields } from '../../certificates/certificate-text.ts';
import {
  type IssuerKey,
  loadIssuerPublicKeys,
  loadOrCreateIssuerKey,
  type PublicKeyLike,
  signCertificate,
  verifyCertificate,
} from '../../certificates/signing.ts';
import type { FileStatus } from '../../certificates/verify-file.ts';
import type { Course } from '../../content/model.ts';
import type { CohortRecord, IssuedCertificateRecord, Store } from '../../store/store.ts';
import { RecordsError } from './http.ts';
import type { SessionReport } from './session-report.ts';

export function issuerKeyDir(dataDir: string): string {
  return join(dataDir, 'issuer');
}

const keys = new Map<string, Promise<IssuerKey>>();

/** The data folder's issuer key, made on first use; loaded once per process. */
export function issuerKey(dataDir: string): Promise<IssuerKey> {
  const dir = issuerKeyDir(dataDir);
  let key = keys.get(dir);
  if (!key) {
    key = loadOrCreateIssuerKey(dir);
    key.catch(() => keys.delete(dir));
    keys.set(dir, key);
  }
  return key;
}

/** The current and retired issuer public keys of the data folder (none when there is no key yet). */
export async function issuerPublicKeys(dataDir: string): Promise<PublicKeyLike[]> {
  try {
    return await loadIssuerPublicKeys(issuerKeyDir(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export interface IssueOutcome {
  issued: IssuedCertificateRecord[];
  /** Certificates whose fields cannot all be printed in the PDF's fonts (the signed data keeps them). */
  warnings: { certificateId: string; fields: string[] }[];
  /** Participants whose details a certificate cannot hold (too long, too many outcomes). */
  failed: { participantId: string; reason: string }[];
}

export function localDate(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function courseHours(course: Course): number {
  const minutes = course.meta.duration.lecture + course.meta.duration.discussion;
  return Math.round((minutes / 60) * 100) / 100;
}

export async function issueCertificates(
  store: Store,
  course: Course,
  report: SessionReport,
  cohort: CohortRecord,
  key: IssuerKey,
  now = Date.now(),
): Promise<IssueOutcome> {
  if (!cohort.place?.trim() || !cohort.centre?.trim()) throw new RecordsError('COHORT_DETAILS_MISSING');
  const outcome: IssueOutcome = { issued: [], warnings: [], failed: [] };
  const date = localDate(report.span.to ?? now);
  const issuedAt = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const row of report.participants) {
    if (!row.completed || (row.certificate && row.certificate.revokedAt === null)) continue;
    const data: CertificateData = {
      id: newCertificateId(),
      participant: {
        name: row.name,
        rank: row.rank ?? undefined,
        serviceNumber: row.serviceNumber ?? undefined,
        component: row.component ?? undefined,
        contingent: row.contingent ?? undefined,
      },
      course: {
        id: course.meta.id,
        title: course.meta.title,
        module: course.meta.module,
        edition: `${course.meta.series}, ${course.meta.edition}`,
      },
      outcomes: course.outcomes.map((o) => o.text),
      date,
      place: cohort.place,
      hours: courseHours(course),
      issuer: { centre: cohort.centre },
      issuedAt,
    };
    let signed: SignedCertificate;
    try {
      signed = signCertificate(data, key);
    } catch (error) {
      outcome.failed.push({
        participantId: row.participantId,
        reason: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    const record: IssuedCertificateRecord = {
      id: signed.data.id,
      sessionId: report.session.id,
      participantId: row.participantId,
      signed,
      issuedAt: now,
      revokedAt: null,
      revokedBy: null,
      reason: null,
    };
    await store.saveCertificate(record);
    outcome.issued.push(record);
    const fields = unprintableFields(signed.data);
    if (fields.length > 0) outcome.warnings.push({ certificateId: record.id, fields });
  }
  return outcome;
}

export type RecordStatus = 'valid' | 'revoked' | 'unknown' | 'invalid';

/** What anyone may be told of a certificate: enough to compare with the paper in front of them. */
export interface CertificateDetails {
  id: string;
  name: string;
  rank: string | null;
  serviceNumber: string | null;
  courseTitle: string;
  module: number;
  edition: string;
  date: string;
  place: string;
  centre: string;
  hours: number;
  issuedAt: string;
}

export interface RecordCheck {
  id: string;
  status: RecordStatus;
  details: CertificateDetails | null;
  revokedAt: number | null;
  reason: string | null;
}

export function details(signed: SignedCertificate): CertificateDetails {
  const d = signed.data;
  return {
    id: d.id,
    name: d.participant.name,
    rank: d.participant.rank ?? null,
    serviceNumber: d.participant.serviceNumber ?? null,
    courseTitle: d.course.title,
    module: d.course.module,
    edition: d.course.edition,
    date: d.date,
    place: d.place,
    centre: d.issuer.centre,
    hours: d.hours,
    issuedAt: d.issuedAt,
  };
}

/** Normalises a typed id: upper case, without spaces; null when it is not a certificate id. */
export function certificateIdOf(text: string): string | null {
  const id = text.trim().toUpperCase().replace(/\s+/g, '');
  return CERTIFICATE_ID.test(id) ? id : null;
}

/** The record's status: unknown, revoked, invalid (its signature no longer verifies) or valid. */
export async function checkRecord(
  store: Store,
  publicKeys: readonly PublicKeyLike[],
  id: string,
): Promise<RecordCheck> {
  const record = CERTIFICATE_ID.test(id) ? await store.getCertificate(id) : undefined;
  if (!record) return { id, status: 'unknown', details: null, revokedAt: null, reason: null };
  const signed = record.signed as SignedCertificate;
  const sound = verifyCertificate(signed, publicKeys) === 'valid';
  return {
    id,
    status: !sound ? 'invalid' : record.revokedAt !== null ? 'revoked' : 'valid',
    details: sound ? details(signed) : null,
    revokedAt: record.revokedAt,
    reason: record.reason,
  };
}

export interface FileCheck {
  /** valid only when the file verifies and its record stands; otherwise why not. */
  status: RecordStatus | 'tampered' | 'unsigned';
  file: { status: FileStatus; reason: string | null; checked: 'page' | 'text' | null };
  record: RecordCheck | null;
}

/** A certificate PDF checked offline (verifyCertificatePdf), then against the records (revocation). */
export async function checkFile(
  store: Store,
  publicKeys: readonly PublicKeyLike[],
  bytes: Uint8Array,
): Promise<FileCheck> {
  // Loaded on first use: it carries the PDF writer, to redraw the page and compare.
  const { verifyCertificatePdf } = await import('../../certificates/verify-file.ts');
  const result = await verifyCertificatePdf(bytes, publicKeys);
  const file = { status: result.status, reason: result.reason ?? null, checked: result.checked ?? null };
  if (result.status !== 'valid' || !result.data) return { status: result.status, file, record: null };
  const record = await checkRecord(store, publicKeys, result.data.id);
  const stored = record.status === 'unknown' ? undefined : await store.getCertificate(result.data.id);
  if (stored) {
    const same =
      canonicalCertificate((stored.signed as SignedCertificate).data) === canonicalCertificate(result.data);
    if (!same) {
      return {
        status: 'tampered',
        file: { ...file, status: 'tampered', reason: 'the file differs from the certificate on record' },
        record,
      };
    }
  }
  return { status: record.status, file, record };
}
