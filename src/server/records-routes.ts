/**
 * Training records for coordinators and instructors: sign-in, cohorts and rosters, results, exports and
 * certificates; and the public verification of a certificate.
 *
 * | route | who | what |
 * | --- | --- | --- |
 * | `GET /records` | anyone (signs in there) | the coordinator view |
 * | `GET /verify`, `GET /verify/<id>` | anyone | the verification page |
 * | `POST /api/auth/login` `{username, password}` | anyone | sets the session cookie; `{csrfToken, account}` |
 * | `POST /api/auth/logout` | signed in | ends the login |
 * | `GET /api/auth/me` | signed in | `{csrfToken, account}` |
 * | `GET /api/cohorts` | signed in | cohorts with their figures, and the figures across them |
 * | `POST /api/cohorts` `{name, place?, centre?}` | coordinator | creates a cohort (201) |
 * | `GET /api/cohorts/<id>` | signed in | roster, sessions with results, figures |
 * | `POST /api/cohorts/<id>/roster` CSV (`text/csv`) | coordinator | imports all rows, or none (422 with problems) |
 * | `GET /api/cohorts/<id>/results.csv` | signed in | every session's results |
 * | `GET /api/records/sessions` | signed in | the sessions on this server, to deliver to a cohort |
 * | `PUT /api/sessions/<id>/cohort` `{cohortId}` | coordinator | delivers the session to a cohort; matches participants |
 * | `PUT /api/participants/<id>/roster` `{rosterId}` | coordinator | links (or, with null, unlinks) by hand |
 * | `POST /api/participants/<id>/roster` `{component, rank?, serviceNumber?}` | coordinator | adds someone not on the roster to it, linked |
 * | `GET /api/sessions/<id>/results` (`.csv`), `attendance.csv`, `item-statistics.csv` | signed in | results |
 * | `PUT /api/sessions/<id>/marks` `{participantId, itemId, score}` | signed in | marks a short answer |
 * | `POST /api/sessions/<id>/certificates` | coordinator | issues certificates to those who completed |
 * | `GET /api/sessions/<id>/certificates` (`.zip`, `.pdf`) | signed in | the list; one PDF each; one batch PDF |
 * | `GET /api/cohorts/<id>/certificates.zip` (`.pdf`) | signed in | the same for every session of the cohort |
 * | `GET /api/certificates/<id>.pdf` | signed in | one certificate's PDF |
 * | `POST /api/certificates/<id>/revoke` `{reason}` | coordinator | records who revoked it, when and why |
 * | `GET /api/verify/<id>` | anyone | valid, revoked (date, reason), invalid or unknown, with the details |
 * | `POST /api/verify` PDF | anyone | the file check and the revocation status |
 *
 * Every state-changing request of a signed-in account sends `X-CSRF-Token` (403 FORBIDDEN otherwise).
 */
import type { ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { z } from 'zod';
import type { SignedCertificate } from '../certificates/certificate.ts';
import { isCertificateLanguage } from '../certificates/certificate-text.ts';
import type { Lang } from '../i18n/catalogue.ts';
import { LiveError } from '../live/errors.ts';
import { rosterHasErrors, rosterProblemMessage } from '../records/roster.ts';
import { parseRosterCsv } from '../records/roster-csv.ts';
import type { CohortRecord, ParticipantRecord, RosterRecord, SessionRecord, Store } from '../store/store.ts';
import { clearedSessionCookie, sessionCookie } from './auth/cookies.ts';
import { type RouteRequest, readBytes, readJson, sendJson } from './http.ts';
import type { LiveHub } from './live-hub.ts';
import { TokenBucket } from './rate-limit.ts';
import {
  accountView,
  checkOrigin,
  checkPassword,
  csrfFor,
  csrfSecret,
  LoginThrottle,
  normaliseUsername,
  requireSignedIn,
  signedIn,
  startLogin,
} from './records/auth.ts';
import {
  certificateIdOf,
  checkFile,
  checkRecord,
  issueCertificates,
  issuerKey,
  issuerPublicKeys,
} from './records/certificates.ts';
import { dashboard } from './records/dashboard.ts';
import { attendanceCsv, cohortResultsCsv, itemStatisticsCsv, resultsCsv } from './records/exports.ts';
import { contentType, RecordsError, sendFile, sendRecordsError } from './records/http.ts';
import { linkSessionToRoster } from './records/matching.ts';
import { loadSessionReport, type SessionReport } from './records/session-report.ts';
import { hashToken, newId } from './tokens.ts';

export interface RecordsRequest extends RouteRequest {
  hub: LiveHub;
  lang: Lang;
  /** A secret the server keeps across restarts (the instructor key): CSRF tokens derive from it. */
  secret: string;
  /** The data folder: the issuer key is kept in `<data>/issuer/`. */
  dataDir: string;
  /** The address printed on certificates and encoded in their QR codes (`<publicUrl>/verify/<id>`). */
  publicUrl: string;
  /** Sends the page shell of a view. */
  page: (view: 'coordinator' | 'verify') => void;
}

const MAX_ROSTER_BYTES = 1024 * 1024;
const MAX_PDF_BYTES = 4 * 1024 * 1024;
const ID = '([\\w-]{1,64})';
const CERT = '(LEC-[0-9A-Za-z]{10})';

const loginBody = z.strictObject({
  username: z.string().max(200),
  password: z.string().max(1024),
});
const cohortBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  place: z.string().trim().max(120).nullable().optional(),
  centre: z.string().trim().max(150).nullable().optional(),
});
const sessionCohortBody = z.strictObject({ cohortId: z.string().min(1).max(64).nullable() });
const participantRosterBody = z.strictObject({ rosterId: z.string().min(1).max(64).nullable() });
const addToRosterBody = z.strictObject({
  component: z.enum(['military', 'police', 'civilian']),
  rank: z.string().trim().min(1).max(120).optional(),
  serviceNumber: z.string().trim().min(1).max(120).optional(),
});
const markBody = z.strictObject({
  participantId: z.string().min(1).max(120),
  itemId: z.string().min(1).max(120),
  score: z.number().min(0).max(1),
});
const revokeBody = z.strictObject({ reason: z.string().trim().min(1).max(300) });

interface ServerState {
  throttle: LoginThrottle;
  /** Public PDF checks redraw the page: a few a second for the whole server. */
  verifyBucket: TokenBucket;
  /** Certificate issuing, one at a time per session. */
  issuing: Map<string, Promise<unknown>>;
}
const states = new WeakMap<Store, ServerState>();
function stateOf(store: Store): ServerState {
  let state = states.get(store);
  if (!state) {
    state = { throttle: new LoginThrottle(), verifyBucket: new TokenBucket(20, 4), issuing: new Map() };
    states.set(store, state);
  }
  return state;
}

/** Handles the request if it is one of the records routes; false otherwise. */
export async function handleRecords(r: RecordsRequest): Promise<boolean> {
  const { path, method } = r;
  if (method === 'GET' && path === '/records') {
    r.page('coordinator');
    return true;
  }
  if (method === 'GET' && (path === '/verify' || /^\/verify\/[\w-]{1,32}$/.test(path))) {
    r.page('verify');
    return true;
  }
  if (!path.startsWith('/api/')) return false;
  try {
    return await route(r);
  } catch (error) {
    if (error instanceof RecordsError) {
      sendRecordsError(r.res, error);
      return true;
    }
    throw error;
  }
}

async function route(r: RecordsRequest): Promise<boolean> {
  const { path, method, store, course, req, res } = r;
  const secret = csrfSecret(r.secret);
  const json = (status: number, body: unknown) => sendJson(res, status, body);
  const need = (role?: 'coordinator') => requireSignedIn(store, req, method, secret, role);
  const match = (pattern: string) => routePattern(pattern).exec(path);
  let m: RegExpExecArray | null;

  // ── sign-in ──
  if (path === '/api/auth/login' && method === 'POST') {
    checkOrigin(req);
    const body = await readJson(req, loginBody);
    const username = normaliseUsername(body.username);
    const { throttle } = stateOf(store);
    const wait = throttle.wait(username);
    if (wait > 0) {
      res.setHeader('retry-after', String(Math.ceil(wait / 1000)));
      throw new RecordsError('LOGIN_THROTTLED', { retryAfter: Math.ceil(wait / 1000) });
    }
    // Counted before the check, so that guesses sent in parallel count too; a success clears it.
    throttle.fail(username);
    const account = await checkPassword(store, username, body.password);
    if (!account) throw new RecordsError('LOGIN_FAILED');
    throttle.succeed(username);
    const sessionId = await startLogin(store, account);
    res.setHeader('set-cookie', sessionCookie(sessionId, secure(r)));
    json(200, { account: accountView(account), csrfToken: csrfFor({ account, sessionId }, secret) });
    return true;
  }
  if (path === '/api/auth/logout' && method === 'POST') {
    const who = await need();
    await store.deleteLogin(hashToken(who.sessionId));
    res.setHeader('set-cookie', clearedSessionCookie());
    json(200, { ok: true });
    return true;
  }
  if (path === '/api/auth/me' && method === 'GET') {
    const who = await signedIn(store, req);
    if (!who) throw new LiveError('NOT_AUTHENTICATED');
    json(200, { account: accountView(who.account), csrfToken: csrfFor(who, secret) });
    return true;
  }

  // ── public verification ──
  m = match(`/api/verify/${ID}`);
  if (m && method === 'GET') {
    const id = certificateIdOf(m[1] ?? '') ?? m[1] ?? '';
    json(200, await checkRecord(store, await issuerPublicKeys(r.dataDir), id));
    return true;
  }
  if (path === '/api/verify' && method === 'POST') {
    if (!stateOf(store).verifyBucket.take()) throw new LiveError('RATE_LIMITED');
    const type = contentType(req);
    if (type !== 'application/pdf' && type !== 'application/octet-stream')
      throw new RecordsError('CONTENT_TYPE', { expected: 'application/pdf' });
    const bytes = await readBytes(req, MAX_PDF_BYTES);
    json(200, await checkFile(store, await issuerPublicKeys(r.dataDir), bytes));
    return true;
  }

  // ── cohorts and rosters ──
  if (path === '/api/cohorts' && method === 'GET') {
    await need();
    const cohorts = (await store.listCohorts()).filter((c) => c.courseId === course.meta.id);
    const all: SessionReport[] = [];
    const listed = [];
    for (const cohort of cohorts) {
      const reports = await cohortReports(r, cohort.id);
      all.push(...reports);
      const figures = dashboard(course, reports);
      listed.push({
        ...cohort,
        rosterCount: (await store.listRoster(cohort.id)).length,
        sessionCount: reports.length,
        participants: figures.participants,
        completed: figures.completed,
        completionRate: figures.completionRate,
        meanScore: figures.meanScore,
      });
    }
    json(200, { cohorts: listed, dashboard: dashboard(course, all) });
    return true;
  }
  if (path === '/api/cohorts' && method === 'POST') {
    await need('coordinator');
    const body = await readJson(req, cohortBody);
    const cohort: CohortRecord = {
      id: newId('c'),
      name: body.name,
      courseId: course.meta.id,
      place: body.place || null,
      centre: body.centre || null,
      createdAt: Date.now(),
    };
    await store.createCohort(cohort);
    json(201, cohort);
    return true;
  }
  m = match(`/api/cohorts/${ID}`);
  if (m && method === 'GET') {
    await need();
    const cohort = await cohortOf(r, m[1] ?? '');
    const reports = await cohortReports(r, cohort.id);
    json(200, {
      cohort,
      roster: await store.listRoster(cohort.id),
      sessions: reports,
      dashboard: dashboard(course, reports),
    });
    return true;
  }
  m = match(`/api/cohorts/${ID}/roster`);
  if (m && method === 'POST') {
    await need('coordinator');
    const cohort = await cohortOf(r, m[1] ?? '');
    const type = contentType(req);
    if (!['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'].includes(type))
      throw new RecordsError('CONTENT_TYPE', { expected: 'text/csv' });
    const text = new TextDecoder('utf-8').decode(await readBytes(req, MAX_ROSTER_BYTES));
    const parsed = parseRosterCsv(text, 'roster.csv');
    const problems = parsed.problems.map((p) => ({
      line: p.at.line,
      column: p.at.column,
      code: p.code,
      severity: p.severity,
      message: rosterProblemMessage(r.lang, p),
    }));
    if (rosterHasErrors(parsed.problems)) throw new RecordsError('ROSTER_INVALID', { problems });
    const entries: RosterRecord[] = parsed.entries.map((e) => ({
      id: newId('r'),
      cohortId: cohort.id,
      ...e,
    }));
    await store.importRoster(entries);
    // Sessions delivered before the roster came: match their participants now.
    for (const sessionId of await store.listCohortSessions(cohort.id))
      await linkSessionToRoster(store, sessionId, cohort.id);
    json(201, { imported: entries.length, warnings: problems, roster: await store.listRoster(cohort.id) });
    return true;
  }
  m = match(`/api/cohorts/${ID}/results\\.csv`);
  if (m && method === 'GET') {
    await need();
    const cohort = await cohortOf(r, m[1] ?? '');
    const reports = await cohortReports(r, cohort.id);
    sendCsv(res, `${slug(cohort.name)}-results.csv`, cohortResultsCsv(r.lang, reports));
    return true;
  }

  // ── sessions ──
  if (path === '/api/records/sessions' && method === 'GET') {
    await need();
    const sessions = await Promise.all(
      r.hub.list().map(async (s) => ({
        sessionId: s.record.id,
        code: s.record.code,
        createdAt: s.record.createdAt,
        ended: s.state.ended,
        participants: s.view().participants,
        cohortId: await store.getSessionCohort(s.record.id),
      })),
    );
    json(
      200,
      sessions.sort((a, b) => b.createdAt - a.createdAt),
    );
    return true;
  }
  m = match(`/api/sessions/${ID}/cohort`);
  if (m && method === 'PUT') {
    await need('coordinator');
    const session = await sessionOf(r, m[1] ?? '');
    const { cohortId } = await readJson(req, sessionCohortBody);
    if (cohortId === null) {
      await store.setSessionCohort(session.id, null);
      json(200, { sessionId: session.id, cohortId: null, linked: [], unmatched: [] });
      return true;
    }
    const cohort = await cohortOf(r, cohortId);
    await store.setSessionCohort(session.id, cohort.id);
    const outcome = await linkSessionToRoster(store, session.id, cohort.id);
    json(200, { sessionId: session.id, cohortId: cohort.id, ...outcome });
    return true;
  }
  m = match(`/api/participants/${ID}/roster`);
  if (m && method === 'PUT') {
    await need('coordinator');
    const participant = await participantOf(store, m[1] ?? '');
    const { rosterId } = await readJson(req, participantRosterBody);
    const cohortId = await sessionCohortOf(store, participant.sessionId);
    if (rosterId !== null) {
      const roster = await store.listRoster(cohortId);
      if (!roster.some((e) => e.id === rosterId)) throw new LiveError('NOT_FOUND', 'roster entry');
      const links = await store.listParticipantLinks(participant.sessionId);
      const holder = Object.entries(links).find(([pid, rid]) => rid === rosterId && pid !== participant.id);
      if (holder) throw new RecordsError('ROSTER_ENTRY_TAKEN', { participantId: holder[0] });
    }
    await store.linkParticipant(participant.id, rosterId);
    json(200, { participantId: participant.id, rosterId });
    return true;
  }
  if (m && method === 'POST') {
    // A participant who joined but is not on the roster (a late addition to the cohort) is added to it.
    await need('coordinator');
    const participant = await participantOf(store, m[1] ?? '');
    const body = await readJson(req, addToRosterBody);
    const cohortId = await sessionCohortOf(store, participant.sessionId);
    const links = await store.listParticipantLinks(participant.sessionId);
    if (links[participant.id])
      throw new RecordsError('ROSTER_ENTRY_TAKEN', { participantId: participant.id });
    const entry = {
      id: newId('r'),
      cohortId,
      name: participant.name,
      rank: body.rank ?? null,
      serviceNumber: body.serviceNumber ?? null,
      component: body.component,
      contingent: participant.contingent,
      mission: null,
    };
    await store.importRoster([entry]);
    await store.linkParticipant(participant.id, entry.id);
    json(201, { participantId: participant.id, rosterId: entry.id, entry });
    return true;
  }
  m = match(`/api/sessions/${ID}/results`);
  if (m && method === 'GET') {
    await need();
    json(200, await reportOf(r, m[1] ?? ''));
    return true;
  }
  m = match(`/api/sessions/${ID}/(results|attendance|item-statistics)\\.csv`);
  if (m && method === 'GET') {
    await need();
    const report = await reportOf(r, m[1] ?? '');
    const kind = m[2];
    const text =
      kind === 'results'
        ? resultsCsv(r.lang, report)
        : kind === 'attendance'
          ? attendanceCsv(r.lang, report)
          : itemStatisticsCsv(r.lang, report);
    sendCsv(res, `${report.session.code}-${kind}.csv`, text);
    return true;
  }
  m = match(`/api/sessions/${ID}/marks`);
  if (m && method === 'PUT') {
    const who = await need();
    const session = await sessionOf(r, m[1] ?? '');
    const body = await readJson(req, markBody);
    const report = await loadSessionReport(store, course, session);
    if (!report.participants.some((p) => p.participantId === body.participantId))
      throw new LiveError('PARTICIPANT_UNKNOWN');
    if (!report.plan.itemIds.includes(body.itemId)) throw new LiveError('ACTIVITY_UNKNOWN', body.itemId);
    // A session running on this server takes the mark too, so that phones and presenter see it now.
    await r.hub.get(session.id)?.command({ command: 'mark', ...body });
    await store.saveMark({
      sessionId: session.id,
      ...body,
      markedBy: who.account.username,
      markedAt: Date.now(),
    });
    json(200, { ok: true });
    return true;
  }

  // ── certificates ──
  m = match(`/api/sessions/${ID}/certificates`);
  if (m && method === 'POST') {
    await need('coordinator');
    const session = await sessionOf(r, m[1] ?? '');
    const { issuing } = stateOf(store);
    const previous = issuing.get(session.id) ?? Promise.resolve();
    const run = previous.then(async () => {
      const cohort = await cohortOf(r, await sessionCohortOf(store, session.id));
      if (!cohort.place?.trim() || !cohort.centre?.trim()) throw new RecordsError('COHORT_DETAILS_MISSING');
      const key = await issuerKey(r.dataDir);
      const report = await loadSessionReport(store, course, session);
      return issueCertificates(store, course, report, cohort, key);
    });
    issuing.set(
      session.id,
      run.catch(() => undefined),
    );
    const outcome = await run;
    json(200, {
      issued: outcome.issued.map((c) => c.id),
      warnings: outcome.warnings,
      failed: outcome.failed,
      certificates: await certificateList(store, session.id),
    });
    return true;
  }
  if (m && method === 'GET') {
    await need();
    const session = await sessionOf(r, m[1] ?? '');
    json(200, await certificateList(store, session.id));
    return true;
  }
  m = match(`/api/(sessions|cohorts)/${ID}/certificates\\.(zip|pdf)`);
  if (m && method === 'GET') {
    // One session's certificates, or a whole cohort's across its sessions, for printing or the LMS.
    await need();
    const [, scope = '', id = '', format = ''] = m;
    let name: string;
    let sessionIds: string[];
    if (scope === 'sessions') {
      const session = await sessionOf(r, id);
      name = session.code;
      sessionIds = [session.id];
    } else {
      const cohort = await cohortOf(r, id);
      name = safeFileName(cohort.name);
      sessionIds = await store.listCohortSessions(cohort.id);
    }
    const standing = (await Promise.all(sessionIds.map((sid) => store.listCertificates(sid))))
      .flat()
      .filter((c) => c.revokedAt === null)
      .sort((a, b) => a.issuedAt - b.issuedAt)
      .map((c) => c.signed as SignedCertificate);
    if (standing.length === 0) throw new LiveError('NOT_FOUND', 'no certificates');
    const language = certificateLanguage(r.lang);
    const { certificateZip, renderCertificateBatchPdf } = await pdfWriter();
    if (format === 'zip') {
      const body = await certificateZip(standing, r.publicUrl, { language });
      sendFile(res, { contentType: 'application/zip', body, name: `${name}-certificates.zip` });
    } else {
      const body = await renderCertificateBatchPdf(standing, r.publicUrl, { language });
      sendFile(res, { contentType: 'application/pdf', body, name: `${name}-certificates.pdf` });
    }
    return true;
  }
  m = match(`/api/certificates/${CERT}\\.pdf`);
  if (m && method === 'GET') {
    await need();
    const record = await store.getCertificate(certificateIdOf(m[1] ?? '') ?? '');
    if (!record) throw new LiveError('NOT_FOUND');
    const signed = record.signed as SignedCertificate;
    const language = certificateLanguage(r.lang);
    const { certificateFileName, renderCertificatePdf } = await pdfWriter();
    const body = await renderCertificatePdf(signed, r.publicUrl, { language });
    sendFile(res, { contentType: 'application/pdf', body, name: certificateFileName(signed) });
    return true;
  }
  m = match(`/api/certificates/${CERT}/revoke`);
  if (m && method === 'POST') {
    const who = await need('coordinator');
    const id = certificateIdOf(m[1] ?? '') ?? '';
    const { reason } = await readJson(req, revokeBody);
    if (!(await store.getCertificate(id))) throw new LiveError('NOT_FOUND');
    await store.revokeCertificate(id, who.account.username, reason, Date.now());
    json(200, await checkRecord(store, await issuerPublicKeys(r.dataDir), id));
    return true;
  }
  return false;
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────

/** The PDF writer (pdfkit, QR codes, ZIP) is loaded on first use: a server may never issue a PDF. */
function pdfWriter() {
  return import('../certificates/certificate-pdf.ts');
}

/** Served over HTTPS, directly or behind a proxy that says so: the cookie is then Secure. */
function secure(r: RecordsRequest): boolean {
  return (r.req.socket as TLSSocket).encrypted === true || r.req.headers['x-forwarded-proto'] === 'https';
}

/** The route patterns, compiled once rather than on every request that reaches them. */
const routePatterns = new Map<string, RegExp>();
function routePattern(pattern: string): RegExp {
  let compiled = routePatterns.get(pattern);
  if (!compiled) {
    compiled = new RegExp(`^${pattern}$`);
    routePatterns.set(pattern, compiled);
  }
  return compiled;
}

function certificateLanguage(lang: Lang) {
  return isCertificateLanguage(lang) ? lang : 'en';
}

/** A participant who still stands on their own (not merged into another identity). */
async function participantOf(store: Store, id: string): Promise<ParticipantRecord> {
  const participant = await store.getParticipant(id);
  if (!participant || participant.mergedInto) throw new LiveError('PARTICIPANT_UNKNOWN');
  return participant;
}

/** The cohort a session was delivered to (409 SESSION_NOT_IN_COHORT when none). */
async function sessionCohortOf(store: Store, sessionId: string): Promise<string> {
  const cohortId = await store.getSessionCohort(sessionId);
  if (!cohortId) throw new RecordsError('SESSION_NOT_IN_COHORT');
  return cohortId;
}

async function cohortOf(r: RecordsRequest, id: string): Promise<CohortRecord> {
  const cohort = await r.store.getCohort(id);
  if (!cohort) throw new LiveError('NOT_FOUND', 'cohort');
  if (cohort.courseId !== r.course.meta.id) throw new RecordsError('COURSE_MISMATCH');
  return cohort;
}

async function sessionOf(r: RecordsRequest, id: string): Promise<SessionRecord> {
  // A session running here has the freshest state; one that ended before a restart is in the store.
  const live = r.hub.get(id);
  const session = live ? { ...live.record, state: live.state } : await r.store.getSession(id);
  if (!session) throw new LiveError('SESSION_UNKNOWN');
  if (session.courseId !== r.course.meta.id) throw new RecordsError('COURSE_MISMATCH');
  return session;
}

async function reportOf(r: RecordsRequest, id: string): Promise<SessionReport> {
  return loadSessionReport(r.store, r.course, await sessionOf(r, id));
}

async function cohortReports(r: RecordsRequest, cohortId: string): Promise<SessionReport[]> {
  const reports: SessionReport[] = [];
  for (const sessionId of await r.store.listCohortSessions(cohortId)) {
    try {
      reports.push(await reportOf(r, sessionId));
    } catch (error) {
      // A session of another course or one gone from the store is left out of the figures.
      if (!(error instanceof LiveError) && !(error instanceof RecordsError)) throw error;
    }
  }
  return reports.sort((a, b) => a.session.createdAt - b.session.createdAt);
}

async function certificateList(store: Store, sessionId: string) {
  return (await store.listCertificates(sessionId))
    .sort((a, b) => a.issuedAt - b.issuedAt)
    .map((c) => ({
      id: c.id,
      participantId: c.participantId,
      name: (c.signed as SignedCertificate).data.participant.name,
      issuedAt: c.issuedAt,
      revokedAt: c.revokedAt,
      revokedBy: c.revokedBy,
      reason: c.reason,
    }));
}

function sendCsv(res: ServerResponse, name: string, text: string): void {
  sendFile(res, { contentType: 'text/csv; charset=utf-8', body: text, name });
}

function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'cohort'
  );
}

/** A cohort's name as the stem of a download's file name: ASCII letters, digits and dashes. */
function safeFileName(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, 60) || 'cohort';
}
