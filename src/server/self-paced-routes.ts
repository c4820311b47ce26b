/**
 * The self-paced course on the Lectern server:
 *
 * | route | who | what |
 * | --- | --- | --- |
 * | `GET /learn` | anyone | the player page |
 * | `GET /sw.js` | anyone | its service worker (scope `/learn`) |
 * | `GET /api/self-paced/package` | anyone | the self-paced package (JSON) |
 * | `POST /api/self-paced/attempts` `{name}` | anyone | `{attemptId, token}` (201) |
 * | `GET /api/self-paced/attempts/<id>` | the attempt's token (Bearer) | the stored attempt |
 * | `PUT /api/self-paced/attempts/<id>` progress | the attempt's token | `{status: 'saved' \| 'stale', revision}` |
 *
 * A PUT whose revision is not higher than the stored one is acknowledged as stale and changes nothing,
 * so a retried or late request never overwrites newer progress. A progress with a submitted assessment
 * is scored again here from its answers, and the score and pass are stored with the attempt.
 */
import { z } from 'zod';
import type { Course } from '../content/model.ts';
import { LiveError } from '../live/errors.ts';
import type { Response } from '../live/protocol.ts';
import { validResponse } from '../live/scoring.ts';
import { buildSelfPacedPackage } from '../selfpaced/build-package.ts';
import { scoreAssessment } from '../selfpaced/score-attempt.ts';
import type { SelfPacedPackage, SelfPacedProgress } from '../selfpaced/self-paced-package.ts';
import type { SelfPacedAttemptRecord } from '../store/store.ts';
import type { ClientBundles } from './client-bundles.ts';
import { bearer, type RouteRequest, readJson, sendAsset, sendJson } from './http.ts';
import { hashToken, newId, newToken, tokenMatches } from './tokens.ts';

export interface SelfPacedRequest extends RouteRequest {
  bundles: () => Promise<ClientBundles>;
  /** Sends the self-paced page (the server's page shell for the `self-paced` view). */
  page: () => void;
}

const MAX_NAME = 60;
const createAttemptBody = z.strictObject({ name: z.string().trim().min(1).max(MAX_NAME) });

interface Prepared {
  pkg: SelfPacedPackage;
  progressSchema: z.ZodType<SelfPacedProgress>;
}
const prepared = new WeakMap<Course, Prepared>();

function prepare(course: Course): Prepared {
  let ready = prepared.get(course);
  if (!ready) {
    const pkg = buildSelfPacedPackage(course);
    ready = { pkg, progressSchema: progressSchema(pkg) };
    prepared.set(course, ready);
  }
  return ready;
}

function progressSchema(pkg: SelfPacedPackage): z.ZodType<SelfPacedProgress> {
  const last = pkg.frames.length;
  const time = z.number().finite().nonnegative();
  const fraction = z.number().min(0).max(1);
  return z.strictObject({
    revision: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    frame: z.number().int().min(0).max(last),
    seen: z.array(z.number().int().min(0).max(last)).max(last + 1),
    answers: z.record(
      z.string().max(128),
      z.strictObject({ response: z.unknown(), score: fraction.nullable(), at: time }),
    ),
    assessment: z.strictObject({
      startedAt: time.nullable(),
      submittedAt: time.nullable(),
      score: fraction.nullable(),
      passed: z.boolean().nullable(),
      attempt: z.number().int().min(1).max(pkg.assessment.attempts).optional(),
    }),
  }) as z.ZodType<SelfPacedProgress>;
}

/** Handles the request if it is one of the self-paced routes; false otherwise. */
export async function handleSelfPaced(r: SelfPacedRequest): Promise<boolean> {
  const { path, method } = r;
  if (method === 'GET' && path === '/learn') {
    r.page();
    return true;
  }
  if (method === 'GET' && path === '/sw.js') {
    sendAsset(r.res, (await r.bundles()).get('sw.js'));
    return true;
  }
  if (!path.startsWith('/api/self-paced/')) return false;
  const json = (status: number, body: unknown) => sendJson(r.res, status, body);

  const { pkg, progressSchema } = prepare(r.course);
  if (method === 'GET' && path === '/api/self-paced/package') {
    json(200, pkg);
    return true;
  }
  if (method === 'POST' && path === '/api/self-paced/attempts') {
    const { name } = await readJson(r.req, createAttemptBody);
    const token = newToken();
    const attempt: SelfPacedAttemptRecord = {
      id: newId('sp'),
      tokenHash: hashToken(token),
      name,
      courseId: r.course.meta.id,
      progress: null,
      revision: 0,
      startedAt: Date.now(),
      completedAt: null,
      score: null,
      passed: null,
    };
    await r.store.createSelfPacedAttempt(attempt);
    json(201, { attemptId: attempt.id, token });
    return true;
  }
  const m = /^\/api\/self-paced\/attempts\/([\w-]{1,64})$/.exec(path);
  if (m && (method === 'GET' || method === 'PUT')) {
    const attempt = await authorise(r, m[1] ?? '');
    if (method === 'GET') {
      json(200, attemptView(attempt));
      return true;
    }
    const progress = await readJson(r.req, progressSchema);
    for (const [id, answer] of Object.entries(progress.answers)) {
      const entry = pkg.activities[id] ?? pkg.assessment.items[id];
      // 422 rather than ACTIVITY_UNKNOWN's 404, which the tracker reads as "attempt unknown".
      if (!entry) throw new LiveError('RESPONSE_INVALID', `unknown activity ${id}`);
      if (!validResponse(entry.view, answer.response as Response))
        throw new LiveError('RESPONSE_INVALID', id);
    }
    const submitted = progress.assessment.submittedAt !== null;
    const result = submitted ? scoreAssessment(pkg, progress.answers) : undefined;
    const status = await r.store.saveSelfPacedProgress(
      attempt.id,
      progress.revision,
      progress,
      result && { completedAt: Date.now(), score: result.score, passed: result.passed },
    );
    const revision =
      status === 'saved'
        ? progress.revision
        : ((await r.store.getSelfPacedAttempt(attempt.id))?.revision ?? attempt.revision);
    json(200, { status, revision });
    return true;
  }
  throw new LiveError('NOT_FOUND');
}

async function authorise(r: SelfPacedRequest, id: string): Promise<SelfPacedAttemptRecord> {
  const token = bearer(r.req);
  if (!token) throw new LiveError('NOT_AUTHENTICATED');
  const attempt = await r.store.getSelfPacedAttempt(id);
  if (!attempt || attempt.courseId !== r.course.meta.id) throw new LiveError('NOT_FOUND');
  if (!tokenMatches(token, attempt.tokenHash)) throw new LiveError('TOKEN_INVALID');
  return attempt;
}

function attemptView(attempt: SelfPacedAttemptRecord) {
  const { tokenHash: _hash, id, ...rest } = attempt;
  return { attemptId: id, ...rest };
}
