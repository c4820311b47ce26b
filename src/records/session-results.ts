/**
 * A delivered session's results: per participant (attendance, activity and assessment scores, per
 * outcome, pass and completion by the course's rule) and for the class (score distribution, mastery per
 * outcome, item statistics). Pure: the records come in, the figures go out.
 */
import type { AssessmentPlan } from '../content/assessment.ts';
import type { Activity, Course, Item } from '../content/model.ts';
import { allActivities } from '../content/model.ts';
import { answerKey, publicActivity } from '../live/activity-view.ts';
import type { Response } from '../live/protocol.ts';
import { score } from '../live/scoring.ts';
import { type ItemStatisticsReport, itemStatistics } from './item-statistics.ts';

export interface ResultParticipant {
  id: string;
  name: string;
  contingent?: string | null;
}

export interface ResultAnswer {
  participantId: string;
  activityId: string;
  response: Response;
}

/** An instructor's mark for an answer the machine cannot score (short answers), 0..1. */
export interface ResultMark {
  participantId: string;
  itemId: string;
  score: number;
}

export interface ResultsInput {
  course: Course;
  plan: AssessmentPlan;
  participants: readonly ResultParticipant[];
  answers: readonly ResultAnswer[];
  marks: readonly ResultMark[];
  /** Milliseconds each participant was connected during the session. */
  presentMs: Readonly<Record<string, number>>;
  /** How long the session ran, to turn presence into a share. */
  sessionMs: number;
}

export interface ParticipantResult {
  participantId: string;
  name: string;
  contingent: string | null;
  /** Share of the session the participant was connected, 0..1. */
  attendance: number;
  /** Activity id → score 0..1 for the scored slide activities answered. */
  activities: Record<string, number>;
  /** 0..1 over the assessment items; null when the participant answered none. */
  assessment: number | null;
  /** Items still waiting for the instructor's mark (short answers). */
  unmarked: string[];
  /** Outcome id → 0..1 over the assessment items measuring it; null without items answered. */
  outcomes: Record<string, number | null>;
  passed: boolean;
  completed: boolean;
}

export interface SessionResults {
  participants: ParticipantResult[];
  /** Counts of assessment scores in ten bands: [0–10 %), [10–20 %) … [90–100 %]. */
  distribution: number[];
  /** Outcome id → mean over participants who answered items on it (0..1), null when nobody did. */
  mastery: Record<string, number | null>;
  /** Outcomes whose mastery is below the pass mark: what to revisit in the question minutes. */
  revisit: string[];
  statistics: ItemStatisticsReport;
}

export interface ResultsOptions {
  /** Item statistics cost more than the rest; the live view of a running assessment does without. */
  statistics?: boolean;
}

export function sessionResults(input: ResultsInput, options: ResultsOptions = {}): SessionResults {
  const { course, plan } = input;
  const byId = new Map<string, Activity | Item>(
    [...allActivities(course), ...course.items].map((a) => [a.id, a]),
  );
  const scorers = new Map<string, (response: Response) => number | undefined>();
  const scorer = (id: string) => {
    let fn = scorers.get(id);
    if (!fn) {
      const activity = byId.get(id);
      if (!activity) return undefined;
      const view = publicActivity(activity, course);
      const key = answerKey(activity, course);
      fn = (response) => (key ? score(view, key, response) : undefined);
      scorers.set(id, fn);
    }
    return fn;
  };
  const planItems = plan.itemIds
    .map((id) => course.items.find((i) => i.id === id))
    .filter((i): i is Item => !!i);
  const marks = new Map(input.marks.map((m) => [`${m.participantId}\u0000${m.itemId}`, m.score]));
  const answersOf = new Map<string, Map<string, Response>>();
  for (const a of input.answers) {
    const own = answersOf.get(a.participantId) ?? new Map<string, Response>();
    answersOf.set(a.participantId, own);
    own.set(a.activityId, a.response);
  }

  const completion = course.meta.completion ?? { attendance: 0, passAssessment: true };
  const itemMarks: Record<string, Record<string, number | null>> = {};
  const participants = input.participants.map((p): ParticipantResult => {
    const own = answersOf.get(p.id) ?? new Map<string, Response>();
    const activities: Record<string, number> = {};
    for (const [id, response] of own) {
      if (!byId.has(id) || course.items.some((i) => i.id === id)) continue;
      const value = scorer(id)?.(response);
      if (value !== undefined) activities[id] = value;
    }
    const itemScores: Record<string, number | null> = {};
    const unmarked: string[] = [];
    for (const item of planItems) {
      const response = own.get(item.id);
      const manual = marks.get(`${p.id}\u0000${item.id}`);
      if (manual !== undefined) itemScores[item.id] = manual;
      else if (response === undefined) itemScores[item.id] = null;
      else {
        const value = scorer(item.id)?.(response);
        if (value === undefined) unmarked.push(item.id);
        itemScores[item.id] = value ?? null;
      }
    }
    itemMarks[p.id] = itemScores;
    const answered = planItems.filter((i) => own.has(i.id) || marks.has(`${p.id}\u0000${i.id}`));
    const assessment = answered.length === 0 ? null : mean(planItems.map((i) => itemScores[i.id] ?? 0));
    const outcomes: Record<string, number | null> = {};
    for (const outcome of course.outcomes) {
      const measuring = planItems.filter((i) => i.outcomes.includes(outcome.id));
      const any = measuring.some((i) => itemScores[i.id] !== null);
      outcomes[outcome.id] = any ? mean(measuring.map((i) => itemScores[i.id] ?? 0)) : null;
    }
    const attendance = input.sessionMs > 0 ? Math.min(1, (input.presentMs[p.id] ?? 0) / input.sessionMs) : 0;
    const passed = assessment !== null && unmarked.length === 0 && assessment >= plan.passMark - 1e-9;
    const completed = attendance >= completion.attendance - 1e-9 && (!completion.passAssessment || passed);
    return {
      participantId: p.id,
      name: p.name,
      contingent: p.contingent ?? null,
      attendance,
      activities,
      assessment,
      unmarked,
      outcomes,
      passed,
      completed,
    };
  });

  const distribution = Array.from({ length: 10 }, () => 0);
  for (const p of participants) {
    if (p.assessment === null) continue;
    const band = Math.min(9, Math.floor(p.assessment * 10));
    distribution[band] = (distribution[band] ?? 0) + 1;
  }
  const mastery: Record<string, number | null> = {};
  for (const outcome of course.outcomes) {
    const values = participants
      .map((p) => p.outcomes[outcome.id])
      .filter((v): v is number => typeof v === 'number');
    mastery[outcome.id] = values.length ? mean(values) : null;
  }
  const revisit = course.outcomes
    .filter((o) => {
      const m = mastery[o.id];
      return m !== null && m !== undefined && m < plan.passMark;
    })
    .map((o) => o.id);

  const statistics = itemStatistics({
    items: planItems.map((i) => ({ id: i.id, maxMark: 1, outcomes: i.outcomes })),
    attempts:
      options.statistics === false
        ? []
        : participants
            .filter((p) => p.assessment !== null)
            .map((p) => ({ participantId: p.participantId, marks: itemMarks[p.participantId] ?? {} })),
  });
  return { participants, distribution, mastery, revisit, statistics };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
