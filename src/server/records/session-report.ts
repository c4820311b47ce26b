/**
 * A delivered session's report for the records: `sessionResults()` over what the store holds (the
 * participants, their answers of the current epoch only, the instructor's marks, the presence stretches
 * and the session's paper, `assembleAssessment(course, sessionId)` as the live session draws it), with the
 * roster entry each participant is linked to and their certificate.
 *
 * Attendance: a participant's stretches of presence (merged identities counted for the survivor,
 * overlapping stretches of two devices counted once), clipped to the session's span. The span runs from
 * the first presence to now while the session runs; once it has ended, to its last recorded event (the
 * last join, answer or assessment opening: the store keeps no time of the `end` command, and
 * disconnections are not events of the session, since phones often stay connected long after it).
 * A stretch still open counts to the end of the span.
 */
import { type AssessmentPlan, assembleAssessment } from '../../content/assessment.ts';
import type { Course, Item } from '../../content/model.ts';
import { answerKey, publicActivity } from '../../live/activity-view.ts';
import type { MarkingEntry, Response } from '../../live/protocol.ts';
import { score } from '../../live/scoring.ts';
import type { ItemStatisticsReport } from '../../records/item-statistics.ts';
import { type ParticipantResult, sessionResults } from '../../records/session-results.ts';
import type {
  AnswerRecord,
  IssuedCertificateRecord,
  ParticipantRecord,
  PresenceRecord,
  RosterRecord,
  SessionRecord,
  Store,
} from '../../store/store.ts';
import { type Unmatched, unmatchedOf } from './matching.ts';

export interface CertificateSummary {
  id: string;
  issuedAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
  reason: string | null;
}

export interface ReportRow extends ParticipantResult {
  /** The name typed when joining; `name` is the roster's when linked. */
  joinedName: string;
  rosterId: string | null;
  rank: string | null;
  serviceNumber: string | null;
  component: RosterRecord['component'] | null;
  presentMs: number;
  /** Item id → score 0..1 (null: not answered, or a short answer not yet marked), on this paper. */
  items: Record<string, number | null>;
  /** The certificate that stands (else the latest revoked one), or null. */
  certificate: CertificateSummary | null;
}

export interface SessionReport {
  session: {
    id: string;
    code: string;
    createdAt: number;
    ended: boolean;
    cohortId: string | null;
    assessment: 'open' | 'closed' | 'revealed' | null;
  };
  span: { from: number | null; to: number | null; ms: number };
  plan: AssessmentPlan;
  completion: { attendance: number; passAssessment: boolean };
  outcomes: { id: string; text: string }[];
  items: { id: string; type: string; prompt: string; outcomes: string[] }[];
  participants: ReportRow[];
  distribution: number[];
  mastery: Record<string, number | null>;
  revisit: string[];
  statistics: ItemStatisticsReport;
  unmatched: Unmatched[];
  marking: MarkingEntry[];
}

export async function loadSessionReport(
  store: Store,
  course: Course,
  session: SessionRecord,
  now = Date.now(),
): Promise<SessionReport> {
  const [allParticipants, stored, marks, presence, links, cohortId, certificates] = await Promise.all([
    store.listParticipants(session.id),
    store.listAnswers(session.id),
    store.listMarks(session.id),
    store.listPresence(session.id),
    store.listParticipantLinks(session.id),
    store.getSessionCohort(session.id),
    store.listCertificates(session.id),
  ]);
  const roster = cohortId ? await store.listRoster(cohortId) : [];
  const rosterById = new Map(roster.map((r) => [r.id, r]));
  const participants = allParticipants.filter((p) => !p.mergedInto);
  const plan = assembleAssessment(course, session.id);
  const epochs = session.state.activityEpochs;
  const answers = stored.filter((a) => a.epoch === (epochs[a.activityId] ?? 0));
  const span = sessionSpan(session, presence, answers, now);
  const presentMs = attendance(allParticipants, presence, span);

  const results = sessionResults({
    course,
    plan,
    participants: participants.map((p) => ({ id: p.id, name: p.name, contingent: p.contingent })),
    answers: answers.map((a) => ({
      participantId: a.participantId,
      activityId: a.activityId,
      response: a.response,
    })),
    marks,
    presentMs,
    sessionMs: span.ms,
  });

  const planItems = plan.itemIds
    .map((id) => course.items.find((i) => i.id === id))
    .filter((i): i is Item => !!i);
  const itemScorer = scorers(course, planItems);
  const markOf = new Map(marks.map((m) => [`${m.participantId}\u0000${m.itemId}`, m.score]));
  const answerOf = new Map(answers.map((a) => [`${a.participantId}\u0000${a.activityId}`, a.response]));
  const certificateOf = latestCertificates(certificates);
  const byId = new Map(participants.map((p) => [p.id, p]));

  const rows = results.participants.map((r): ReportRow => {
    const p = byId.get(r.participantId) as ParticipantRecord;
    const entry = rosterById.get(links[r.participantId] ?? '');
    const items: Record<string, number | null> = {};
    for (const item of planItems) {
      const key = `${r.participantId}\u0000${item.id}`;
      const mark = markOf.get(key);
      const response = answerOf.get(key);
      items[item.id] =
        mark !== undefined ? mark : response === undefined ? null : (itemScorer(item.id, response) ?? null);
    }
    return {
      ...r,
      name: entry?.name ?? p.name,
      contingent: entry?.contingent ?? p.contingent,
      joinedName: p.name,
      rosterId: entry?.id ?? null,
      rank: entry?.rank ?? null,
      serviceNumber: entry?.serviceNumber ?? null,
      component: entry?.component ?? null,
      presentMs: presentMs[r.participantId] ?? 0,
      items,
      certificate: certificateOf.get(r.participantId) ?? null,
    };
  });

  const marking: MarkingEntry[] = [];
  for (const item of planItems) {
    if (item.type !== 'short-answer') continue;
    for (const p of participants) {
      const response = answerOf.get(`${p.id}\u0000${item.id}`);
      if (!response || !('text' in response)) continue;
      marking.push({
        participantId: p.id,
        name: p.name,
        itemId: item.id,
        prompt: item.prompt,
        modelAnswer: item.answer ?? null,
        response: response.text,
        mark: markOf.get(`${p.id}\u0000${item.id}`) ?? null,
      });
    }
  }

  return {
    session: {
      id: session.id,
      code: session.code,
      createdAt: session.createdAt,
      ended: session.state.ended,
      cohortId,
      assessment: session.state.assessment?.status ?? null,
    },
    span,
    plan,
    completion: course.meta.completion ?? { attendance: 0, passAssessment: true },
    outcomes: course.outcomes.map((o) => ({ id: o.id, text: o.text })),
    items: planItems.map((i) => ({ id: i.id, type: i.type, prompt: i.prompt, outcomes: i.outcomes })),
    participants: rows,
    distribution: results.distribution,
    mastery: results.mastery,
    revisit: results.revisit,
    statistics: results.statistics,
    unmatched: cohortId ? unmatchedOf(roster, participants, links) : [],
    marking,
  };
}

function scorers(course: Course, items: readonly Item[]) {
  const byId = new Map(items.map((i) => [i.id, i]));
  const cache = new Map<string, (response: Response) => number | undefined>();
  return (id: string, response: Response): number | undefined => {
    let fn = cache.get(id);
    if (!fn) {
      const item = byId.get(id);
      if (!item) return undefined;
      const view = publicActivity(item, course);
      const key = answerKey(item, course);
      fn = (r) => score(view, key, r);
      cache.set(id, fn);
    }
    return fn(response);
  };
}

function latestCertificates(list: readonly IssuedCertificateRecord[]): Map<string, CertificateSummary> {
  const out = new Map<string, CertificateSummary>();
  const sorted = [...list].sort((a, b) => a.issuedAt - b.issuedAt);
  for (const c of sorted) {
    const current = out.get(c.participantId);
    // A standing certificate wins over a revoked one; among equals, the latest.
    if (current && current.revokedAt === null && c.revokedAt !== null) continue;
    out.set(c.participantId, {
      id: c.id,
      issuedAt: c.issuedAt,
      revokedAt: c.revokedAt,
      revokedBy: c.revokedBy,
      reason: c.reason,
    });
  }
  return out;
}

/** See the module comment. */
export function sessionSpan(
  session: SessionRecord,
  presence: readonly PresenceRecord[],
  answers: readonly AnswerRecord[],
  now: number,
): { from: number | null; to: number | null; ms: number } {
  if (presence.length === 0) return { from: null, to: null, ms: 0 };
  const from = Math.min(...presence.map((p) => p.from));
  let to = now;
  if (session.state.ended) {
    // Not the disconnections: phones often stay connected long after the end.
    to = from;
    for (const p of presence) to = Math.max(to, p.from);
    for (const a of answers) to = Math.max(to, a.receivedAt);
    const opened = session.state.assessment?.openedAt;
    if (opened !== undefined) to = Math.max(to, opened);
  }
  return { from, to, ms: Math.max(0, to - from) };
}

/** Milliseconds present per (surviving) participant within the span. */
export function attendance(
  participants: readonly ParticipantRecord[],
  presence: readonly PresenceRecord[],
  span: { from: number | null; to: number | null },
): Record<string, number> {
  if (span.from === null || span.to === null) return {};
  const mergedInto = new Map(participants.map((p) => [p.id, p.mergedInto]));
  const survivor = (id: string): string => {
    let current = id;
    for (let hops = 0; hops < 16; hops++) {
      const next = mergedInto.get(current);
      if (!next) return current;
      current = next;
    }
    return current;
  };
  const stretches = new Map<string, [number, number][]>();
  for (const p of presence) {
    const from = Math.max(p.from, span.from);
    const to = Math.min(p.to ?? span.to, span.to);
    if (to <= from) continue;
    const id = survivor(p.participantId);
    const own = stretches.get(id) ?? [];
    own.push([from, to]);
    stretches.set(id, own);
  }
  const out: Record<string, number> = {};
  for (const [id, list] of stretches) {
    list.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let [start, end] = list[0] as [number, number];
    for (const [from, to] of list.slice(1)) {
      if (from <= end) end = Math.max(end, to);
      else {
        total += end - start;
        [start, end] = [from, to];
      }
    }
    out[id] = total + (end - start);
  }
  return out;
}
