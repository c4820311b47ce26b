/**
 * What a participant's phone may see of an activity, and the correct answer in the same public terms.
 *
 * A public view never holds a correct answer, an explanation (`feedback`, `reveal`, option feedback) or
 * anything whose order gives the answer away: sort/classify items, order items and match rights are
 * shuffled by a permutation seeded from the activity id, so that every participant, and every run of the
 * server, sees the same order. The answer key names answers by their index or id in that public view.
 * Pure: no I/O.
 */

import { type Activity, type Course, findChart, type Item } from '../content/model.ts';
import { mulberry32 } from '../content/mulberry32.ts';
import type { InteractionType } from '../content/schemas.ts';

export interface PublicCategory {
  id: string;
  label: string;
}

export interface PublicActivity {
  id: string;
  type: InteractionType;
  prompt: string;
  /** open-text and short-answer: the longest answer accepted. */
  maxLength?: number;
  /** poll, single-choice, multiple-choice: the option texts, in the authored order. */
  options?: string[];
  /** sort and classify: the categories, in the authored order. */
  categories?: PublicCategory[];
  /** sort, classify and order: the item texts, shuffled. */
  items?: string[];
  /** match: the left-hand texts, in the authored order. */
  lefts?: string[];
  /** match: the right-hand texts, shuffled. */
  rights?: string[];
}

/**
 * The correct answer, in public indices and ids; each shape is also a valid `Response`, so a key can be
 * scored as a response and sent to clients at reveal.
 */
export type AnswerKey =
  | { choice: number }
  | { choices: number[] }
  | { value: boolean }
  /** sort/classify: the category id of each public item. */
  | { categories: string[] }
  /** match: for each left, the public index of its right. */
  | { matches: number[] }
  /** order: the public item indices in the correct order. */
  | { order: number[] }
  /** open-text/short-answer: the model answer (marked by the instructor, never scored automatically). */
  | { text: string };

type Interactive = Activity | Item;

export function publicActivity(activity: Interactive, course: Course): PublicActivity {
  const base = { id: activity.id, type: activity.type, prompt: activity.prompt };
  switch (activity.type) {
    case 'poll':
      return { ...base, options: [...activity.options] };
    case 'single-choice':
    case 'multiple-choice':
      return { ...base, options: activity.options.map((o) => o.text) };
    case 'true-false':
    case 'qa':
      return base;
    case 'open-text':
    case 'short-answer':
      return { ...base, maxLength: activity.maxLength };
    case 'sort':
    case 'classify': {
      const { categories, items } = sortable(activity, course);
      const perm = permutation(activity.id, items.length);
      return {
        ...base,
        categories: categories.map((c) => ({ id: c.id, label: c.label })),
        items: perm.map((i) => items[i]?.text ?? ''),
      };
    }
    case 'match': {
      const pairs = activity.pairs ?? [];
      const perm = permutation(activity.id, pairs.length);
      return {
        ...base,
        lefts: pairs.map((p) => p.left),
        rights: perm.map((i) => pairs[i]?.right ?? ''),
      };
    }
    case 'order': {
      const items = activity.items ?? [];
      return { ...base, items: permutation(activity.id, items.length).map((i) => items[i] ?? '') };
    }
  }
}

/** The correct answer in public terms; undefined for poll, qa and activities that declare none. */
export function answerKey(activity: Interactive, course: Course): AnswerKey | undefined {
  switch (activity.type) {
    case 'poll':
    case 'qa':
      return undefined;
    case 'single-choice': {
      const choice = activity.options.findIndex((o) => o.correct === true);
      return choice < 0 ? undefined : { choice };
    }
    case 'multiple-choice': {
      const choices = activity.options.flatMap((o, i) => (o.correct === true ? [i] : []));
      return choices.length === 0 ? undefined : { choices };
    }
    case 'true-false':
      return activity.answer === undefined ? undefined : { value: activity.answer };
    case 'open-text':
    case 'short-answer':
      return activity.answer === undefined ? undefined : { text: activity.answer };
    case 'sort':
    case 'classify': {
      const { items } = sortable(activity, course);
      if (items.length === 0) return undefined;
      const categories: string[] = [];
      for (const i of permutation(activity.id, items.length)) {
        const category = items[i]?.category;
        if (category === undefined) return undefined;
        categories.push(category);
      }
      return { categories };
    }
    case 'match': {
      const pairs = activity.pairs ?? [];
      if (pairs.length === 0) return undefined;
      return { matches: inverse(permutation(activity.id, pairs.length)) };
    }
    case 'order': {
      const items = activity.items ?? [];
      if (items.length === 0) return undefined;
      return { order: inverse(permutation(activity.id, items.length)) };
    }
  }
}

/** The text shown when the presenter reveals: `reveal`, then `feedback`, separated by a blank line. */
export function revealText(activity: Interactive): string | undefined {
  const parts = [activity.reveal, activity.feedback].filter((t): t is string => !!t && t.trim() !== '');
  return parts.length === 0 ? undefined : parts.join('\n\n');
}

interface SortSource {
  categories: PublicCategory[];
  items: { text: string; category?: string | undefined }[];
}

/** A sort over a chart takes the chart's categories and items; otherwise its own. */
function sortable(activity: Interactive & { type: 'sort' | 'classify' }, course: Course): SortSource {
  const chartId = 'chartId' in activity ? activity.chartId : undefined;
  const chart = chartId ? findChart(course, chartId) : undefined;
  if (chart) {
    return {
      categories: chart.categories.map((c) => ({ id: c.id, label: c.label })),
      items: chart.categories.flatMap((c) => c.items.map((text) => ({ text, category: c.id }))),
    };
  }
  return { categories: activity.categories ?? [], items: activity.items ?? [] };
}

/**
 * `perm[publicIndex] = authoredIndex`: a Fisher–Yates shuffle driven by mulberry32 seeded with a hash of
 * the activity id. The identity is redrawn (for two or more elements) so that the authored order, which
 * is the answer for `order` and match, is never what participants see.
 */
export function permutation(seed: string, n: number): number[] {
  const random = mulberry32(hashString(seed));
  const perm = Array.from({ length: n }, (_, i) => i);
  do {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = perm[i] as number;
      perm[i] = perm[j] as number;
      perm[j] = t;
    }
  } while (n >= 2 && perm.every((v, i) => v === i));
  return perm;
}

function inverse(perm: number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((authored, publicIndex) => {
    inv[authored] = publicIndex;
  });
  return inv;
}

/** FNV-1a, 32 bits, over UTF-16 code units. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
