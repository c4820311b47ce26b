/**
 * Scoring a self-paced learner's answers against the package: one response, and the assessment as a
 * whole. Pure and light (no Markdown, no course model), so that the player's bundle and the server
 * both use it.
 */
import type { Response } from '../live/protocol.ts';
import { SCORED_TYPES, score } from '../live/scoring.ts';
import type {
  CompletionResult,
  SelfPacedActivity,
  SelfPacedPackage,
  SelfPacedProgress,
} from './self-paced-package.ts';

/** A fresh learner's progress: at the first frame, nothing answered. */
export function initialProgress(): SelfPacedProgress {
  return {
    revision: 0,
    frame: 0,
    seen: [0],
    answers: {},
    assessment: { startedAt: null, submittedAt: null, score: null, passed: null },
  };
}

/**
 * The score of one response, or null when the type is not scored automatically (poll, open text,
 * short answer) or the activity has no key.
 */
export function scoreResponse(activity: SelfPacedActivity, response: unknown): number | null {
  return score(activity.view, activity.key ?? undefined, response as Response) ?? null;
}

/**
 * The assessment result from the learner's answers: the mean score over the items that are scored
 * automatically (an unanswered item scores 0; short answers, marked by an instructor, do not count),
 * passed at the pass mark, and the same mean per learning outcome (an item counts for each outcome it
 * names). With no automatically scored item the score is 0.
 */
export function scoreAssessment(
  pkg: SelfPacedPackage,
  answers: SelfPacedProgress['answers'],
): CompletionResult & { scored: number; unscored: number } {
  const perOutcome = new Map<string, { total: number; n: number }>();
  let total = 0;
  let scored = 0;
  let unscored = 0;
  for (const id of pkg.assessment.itemIds) {
    const item = pkg.assessment.items[id];
    if (!item) continue;
    const answer = answers[id];
    if (!scoredAutomatically(item)) {
      unscored++;
      continue;
    }
    const value = answer ? (scoreResponse(item, answer.response) ?? 0) : 0;
    total += value;
    scored++;
    for (const outcome of item.outcomes) {
      const o = perOutcome.get(outcome) ?? { total: 0, n: 0 };
      o.total += value;
      o.n++;
      perOutcome.set(outcome, o);
    }
  }
  const mean = scored === 0 ? 0 : total / scored;
  const outcomes: Record<string, number> = {};
  for (const { id } of pkg.outcomes) {
    const o = perOutcome.get(id);
    if (o) outcomes[id] = o.total / o.n;
  }
  // Rounding keeps 0.8 from becoming 0.7999… and failing a pass mark of 0.8.
  const rounded = Math.round(mean * 1e6) / 1e6;
  return { score: rounded, passed: rounded >= pkg.assessment.passMark, outcomes, scored, unscored };
}

export function scoredAutomatically(activity: SelfPacedActivity): boolean {
  return activity.key !== null && (SCORED_TYPES as readonly string[]).includes(activity.view.type);
}
