/** The session assessment drawn from the item bank by the course's blueprint. Pure and deterministic. */

import type { Course, Item } from './model.ts';
import { mulberry32 } from './mulberry32.ts';

export interface AssessmentPlan {
  itemIds: string[];
  passMark: number;
  timeLimitMinutes: number;
  attempts: number;
}

/** When a course has no blueprint: every item, 80 % to pass, one attempt. */
const DEFAULTS = { passMark: 0.8, timeLimitMinutes: 10, attempts: 1 };

/**
 * Takes `itemsPerOutcome` items for each learning outcome (an item counts for its first outcome),
 * chosen and ordered by a seeded shuffle so that every participant of one session gets the same paper
 * and a second attempt (another seed) gets another draw where the bank allows it.
 */
export function assembleAssessment(course: Course, seed = course.meta.id): AssessmentPlan {
  const blueprint = course.meta.assessment;
  if (!blueprint) return { itemIds: course.items.map((i) => i.id), ...DEFAULTS };
  const random = seededRandom(seed);
  const chosen: Item[] = [];
  for (const outcome of course.outcomes) {
    const pool = course.items.filter((i) => i.outcomes[0] === outcome.id);
    chosen.push(...shuffle(pool, random).slice(0, blueprint.itemsPerOutcome));
  }
  const ordered = blueprint.order === 'shuffled' ? shuffle(chosen, random) : chosen;
  return {
    itemIds: ordered.map((i) => i.id),
    passMark: blueprint.passMark,
    timeLimitMinutes: blueprint.timeLimitMinutes,
    attempts: blueprint.attempts,
  };
}

/** Outcomes whose pool is smaller than the blueprint asks for. */
export function shortOutcomes(course: Course): { id: string; available: number; needed: number }[] {
  const needed = course.meta.assessment?.itemsPerOutcome;
  if (!needed) return [];
  return course.outcomes
    .map((o) => ({ id: o.id, available: course.items.filter((i) => i.outcomes[0] === o.id).length, needed }))
    .filter((o) => o.available < needed);
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** mulberry32 seeded by a string hash (kept as it was: papers already drawn must stay the same). */
function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return mulberry32(h);
}
