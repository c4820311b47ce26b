/**
 * Checking and scoring participants' responses against the public view of an activity. Pure: no I/O.
 *
 * Scoring rules (also in docs/scoring.md). A score is a number in 0..1; undefined means "not scored
 * automatically".
 *
 * - single-choice, true-false: all or nothing (1 for the correct option or value, else 0).
 * - multiple-choice: with k correct options, each correct option chosen adds 1/k and each wrong
 *   option chosen takes away 1/k; the total is floored at 0. Choosing all the correct options and
 *   nothing else gives 1; choosing every option gives max(0, k − w)/k, w being the number of wrong
 *   options. Choosing nothing is a valid answer and scores 0.
 * - sort, classify: the fraction of items placed in their correct category; an unplaced item (null)
 *   counts as wrong.
 * - match: the fraction of lefts matched to their correct right; an unmatched left counts as wrong.
 *   A right whose text is identical to the correct right's text counts as correct.
 * - order: the fraction of items in their correct position (an identical text in that position counts).
 * - poll, open-text, qa: never scored. short-answer: marked by the instructor, so undefined here.
 * - No answer key (an activity that declares no correct answer): undefined.
 * - A response that is not valid for the activity (see `validResponse`): 0.
 */
import type { AnswerKey, PublicActivity } from './activity-view.ts';
import type { Response } from './protocol.ts';

/** Default `maxLength` when a view does not give one (the schema defaults). */
export const DEFAULT_MAX_LENGTH = { 'open-text': 80, 'short-answer': 300 } as const;

export const SCORED_TYPES = [
  'single-choice',
  'multiple-choice',
  'true-false',
  'sort',
  'classify',
  'match',
  'order',
] as const;

/** Whether a response has the right shape for the activity type and every index or id is in range. */
export function validResponse(view: PublicActivity, response: Response): boolean {
  if (typeof response !== 'object' || response === null || Object.keys(response).length !== 1) return false;
  switch (view.type) {
    case 'poll':
    case 'single-choice':
      return 'choice' in response && inRange(response.choice, view.options?.length ?? 0);
    case 'multiple-choice': {
      if (!('choices' in response) || !Array.isArray(response.choices)) return false;
      const n = view.options?.length ?? 0;
      return response.choices.every((c) => inRange(c, n)) && unique(response.choices);
    }
    case 'true-false':
      return 'value' in response && typeof response.value === 'boolean';
    case 'open-text':
    case 'short-answer': {
      if (!('text' in response) || typeof response.text !== 'string') return false;
      const text = response.text.trim();
      const max = view.maxLength ?? DEFAULT_MAX_LENGTH[view.type];
      return text.length > 0 && text.length <= max;
    }
    case 'sort':
    case 'classify': {
      if (!('categories' in response) || !Array.isArray(response.categories)) return false;
      const ids = new Set((view.categories ?? []).map((c) => c.id));
      return (
        response.categories.length === (view.items?.length ?? 0) &&
        response.categories.every((c) => c === null || (typeof c === 'string' && ids.has(c)))
      );
    }
    case 'match': {
      if (!('matches' in response) || !Array.isArray(response.matches)) return false;
      const n = view.rights?.length ?? 0;
      const used = response.matches.filter((m) => m !== null);
      return (
        response.matches.length === (view.lefts?.length ?? 0) &&
        used.every((m) => inRange(m, n)) &&
        unique(used)
      );
    }
    case 'order': {
      if (!('order' in response) || !Array.isArray(response.order)) return false;
      const n = view.items?.length ?? 0;
      return (
        response.order.length === n && response.order.every((i) => inRange(i, n)) && unique(response.order)
      );
    }
    case 'qa':
      return false;
  }
}

/** The score in 0..1 for scored types; undefined for the others or when there is no key. */
export function score(
  view: PublicActivity,
  key: AnswerKey | undefined,
  response: Response,
): number | undefined {
  if (key === undefined || !(SCORED_TYPES as readonly string[]).includes(view.type)) return undefined;
  if (!validResponse(view, response)) return 0;
  switch (view.type) {
    case 'single-choice':
      return 'choice' in key && 'choice' in response && response.choice === key.choice ? 1 : 0;
    case 'true-false':
      return 'value' in key && 'value' in response && response.value === key.value ? 1 : 0;
    case 'multiple-choice': {
      if (!('choices' in key) || !('choices' in response) || key.choices.length === 0) return 0;
      const correct = new Set(key.choices);
      let total = 0;
      for (const c of response.choices) total += correct.has(c) ? 1 : -1;
      return Math.max(0, total) / correct.size;
    }
    case 'sort':
    case 'classify': {
      if (!('categories' in key) || !('categories' in response)) return 0;
      const chosen = response.categories;
      return fraction(key.categories.length, (i) => chosen[i] === key.categories[i]);
    }
    case 'match': {
      if (!('matches' in key) || !('matches' in response)) return 0;
      const rights = view.rights ?? [];
      const chosen = response.matches;
      return fraction(key.matches.length, (i) => {
        const right = chosen[i];
        const expected = key.matches[i];
        if (right === null || right === undefined || expected === undefined) return false;
        return right === expected || rights[right] === rights[expected];
      });
    }
    case 'order': {
      if (!('order' in key) || !('order' in response)) return 0;
      const items = view.items ?? [];
      const chosen = response.order;
      return fraction(key.order.length, (i) => {
        const got = chosen[i];
        const expected = key.order[i];
        if (got === undefined || expected === undefined) return false;
        return got === expected || items[got] === items[expected];
      });
    }
    default:
      return undefined;
  }
}

function inRange(i: unknown, n: number): boolean {
  return typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < n;
}

function unique(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}

function fraction(n: number, correct: (i: number) => boolean): number {
  if (n === 0) return 0;
  let right = 0;
  for (let i = 0; i < n; i++) if (correct(i)) right++;
  return right / n;
}
