/**
 * Class results, kept up to date one answer at a time: `add` and `remove` touch only the counters the
 * answer names (O(size of the answer)), never the other answers; a participant changing their answer is
 * `remove(old)` then `add(new)`. `snapshot` copies the counters into plain JSON. Pure: no I/O.
 */
import type { PublicActivity } from './activity-view.ts';
import type { Response } from './protocol.ts';
import { validResponse } from './scoring.ts';
import { normaliseWord } from './word-cloud.ts';

/** How many word-cloud entries a snapshot holds. */
export const TOP_WORDS = 50;

export interface WordCount {
  text: string;
  count: number;
}

/** The class results for one activity; `responses` is the number of participants who answered. */
export type Aggregate =
  /** How many participants chose each option (multiple-choice: each option chosen counts once). */
  | { type: 'poll' | 'single-choice' | 'multiple-choice'; responses: number; counts: number[] }
  /** `counts[0]` answered true, `counts[1]` false. */
  | { type: 'true-false'; responses: number; counts: [number, number] }
  /**
   * The most frequent normalised answers (at most `TOP_WORDS`), by count then text. Answers rejected by
   * the word-cloud filter (too long, profane) count in `responses` but not in `words`.
   */
  | { type: 'open-text' | 'short-answer'; responses: number; words: WordCount[] }
  /** sort/classify: `matrix[item][category]` (public item, category index); unplaced items not counted. */
  | { type: 'sort' | 'classify'; responses: number; matrix: number[][] }
  /** match: `matrix[left][right]` (public right index); unmatched lefts not counted. */
  | { type: 'match'; responses: number; matrix: number[][] }
  /**
   * order: positions are 1-based (first = 1). `positionSums[item]` adds up the position each participant
   * gave the public item; `meanPositions[item]` is that sum over `responses` (null before any answer).
   */
  | { type: 'order'; responses: number; positionSums: number[]; meanPositions: (number | null)[] }
  /** qa: questions are tallied elsewhere; nothing is answered here. */
  | { type: 'qa'; responses: number };

export interface Tally {
  /** Counts a participant's answer. Throws a RangeError if the response is not valid for the activity. */
  add(response: Response): void;
  /** Uncounts an answer previously added. Throws a RangeError if it is invalid or was never counted. */
  remove(response: Response): void;
  snapshot(): Aggregate;
}

export function createTally(view: PublicActivity, lang?: string): Tally {
  switch (view.type) {
    case 'poll':
    case 'single-choice':
    case 'multiple-choice':
      return choiceTally(view, view.type);
    case 'true-false':
      return trueFalseTally(view);
    case 'open-text':
    case 'short-answer':
      return wordTally(view, view.type, lang);
    case 'sort':
    case 'classify':
      return sortTally(view, view.type);
    case 'match':
      return matchTally(view);
    case 'order':
      return orderTally(view);
    case 'qa':
      return {
        add: () => invalid(view),
        remove: () => invalid(view),
        snapshot: () => ({ type: 'qa', responses: 0 }),
      };
  }
}

/**
 * The shared skeleton: `cells` lists the counters an answer touches (each +1 on add, −1 on remove);
 * remove checks every counter first so that a bad remove leaves the tally unchanged.
 */
function counting(
  view: PublicActivity,
  cells: (response: Response) => Iterable<[counts: number[], index: number, amount: number]>,
): { add(response: Response): void; remove(response: Response): void; responses(): number } {
  let responses = 0;
  return {
    add(response) {
      if (!validResponse(view, response)) invalid(view);
      for (const [counts, i, amount] of cells(response)) counts[i] = (counts[i] ?? 0) + amount;
      responses++;
    },
    remove(response) {
      if (!validResponse(view, response)) invalid(view);
      const touched = [...cells(response)];
      if (responses === 0 || touched.some(([counts, i, amount]) => (counts[i] ?? 0) < amount)) {
        throw new RangeError(`response was not counted for activity ${view.id}`);
      }
      for (const [counts, i, amount] of touched) counts[i] = (counts[i] ?? 0) - amount;
      responses--;
    },
    responses: () => responses,
  };
}

function choiceTally(view: PublicActivity, type: 'poll' | 'single-choice' | 'multiple-choice'): Tally {
  const counts = zeros(view.options?.length ?? 0);
  const tally = counting(view, function* (r) {
    if ('choice' in r) yield [counts, r.choice, 1];
    if ('choices' in r) for (const c of r.choices) yield [counts, c, 1];
  });
  return { ...tally, snapshot: () => ({ type, responses: tally.responses(), counts: [...counts] }) };
}

function trueFalseTally(view: PublicActivity): Tally {
  const counts = [0, 0];
  const tally = counting(view, function* (r) {
    if ('value' in r) yield [counts, r.value ? 0 : 1, 1];
  });
  return {
    ...tally,
    snapshot: () => ({
      type: 'true-false',
      responses: tally.responses(),
      counts: [counts[0] ?? 0, counts[1] ?? 0],
    }),
  };
}

function sortTally(view: PublicActivity, type: 'sort' | 'classify'): Tally {
  const categoryIndex = new Map((view.categories ?? []).map((c, i) => [c.id, i]));
  const matrix = (view.items ?? []).map(() => zeros(categoryIndex.size));
  const tally = counting(view, function* (r) {
    if (!('categories' in r)) return;
    for (const [item, id] of r.categories.entries()) {
      const row = matrix[item];
      const column = id === null ? undefined : categoryIndex.get(id);
      if (row && column !== undefined) yield [row, column, 1];
    }
  });
  return { ...tally, snapshot: () => ({ type, responses: tally.responses(), matrix: copy(matrix) }) };
}

function matchTally(view: PublicActivity): Tally {
  const width = view.rights?.length ?? 0;
  const matrix = (view.lefts ?? []).map(() => zeros(width));
  const tally = counting(view, function* (r) {
    if (!('matches' in r)) return;
    for (const [left, right] of r.matches.entries()) {
      const row = matrix[left];
      if (row && right !== null) yield [row, right, 1];
    }
  });
  return {
    ...tally,
    snapshot: () => ({ type: 'match', responses: tally.responses(), matrix: copy(matrix) }),
  };
}

function orderTally(view: PublicActivity): Tally {
  const positionSums = zeros(view.items?.length ?? 0);
  const tally = counting(view, function* (r) {
    if (!('order' in r)) return;
    for (const [position, item] of r.order.entries()) yield [positionSums, item, position + 1];
  });
  return {
    ...tally,
    snapshot: () => {
      const responses = tally.responses();
      return {
        type: 'order',
        responses,
        positionSums: [...positionSums],
        meanPositions: positionSums.map((sum) => (responses === 0 ? null : sum / responses)),
      };
    },
  };
}

/**
 * Word cloud: a Map from normalised phrase to count, and the phrases kept in display order (count
 * descending, then text) as they change: an answer moves one phrase by a binary search and a splice
 * instead of re-sorting every phrase, so the snapshot the projector needs after each answer is a slice
 * of the first TOP_WORDS.
 */
function wordTally(
  view: PublicActivity,
  type: 'open-text' | 'short-answer',
  lang: string | undefined,
): Tally {
  const counts = new Map<string, number>();
  const order: string[] = [];
  let responses = 0;
  let cached: WordCount[] | undefined;
  const phrase = (response: Response): string | undefined => {
    if (!validResponse(view, response) || !('text' in response)) invalid(view);
    return normaliseWord(response.text, lang);
  };
  /** Where (text, count) stands or would stand in `order`: the first entry not before it. */
  const place = (text: string, count: number): number => {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = order[mid] as string;
      const otherCount = counts.get(other) ?? 0;
      if (otherCount > count || (otherCount === count && other < text)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const change = (text: string, delta: 1 | -1): void => {
    const count = counts.get(text) ?? 0;
    if (count > 0) order.splice(place(text, count), 1);
    const next = count + delta;
    if (next === 0) counts.delete(text);
    else {
      counts.set(text, next);
      order.splice(place(text, next), 0, text);
    }
  };
  return {
    add(response) {
      const text = phrase(response);
      if (text !== undefined) change(text, 1);
      responses++;
      cached = undefined;
    },
    remove(response) {
      const text = phrase(response);
      const count = text === undefined ? 0 : (counts.get(text) ?? 0);
      if (responses === 0 || (text !== undefined && count === 0)) {
        throw new RangeError(`response was not counted for activity ${view.id}`);
      }
      if (text !== undefined) change(text, -1);
      responses--;
      cached = undefined;
    },
    snapshot() {
      cached ??= order.slice(0, TOP_WORDS).map((text) => ({ text, count: counts.get(text) ?? 0 }));
      return { type, responses, words: cached.map((w) => ({ ...w })) };
    },
  };
}

function invalid(view: PublicActivity): never {
  throw new RangeError(`response is not valid for ${view.type} activity ${view.id}`);
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

function copy(matrix: number[][]): number[][] {
  return matrix.map((row) => [...row]);
}
