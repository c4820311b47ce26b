/**
 * What Lectern's question-bank exports (Moodle XML and GIFT) share: the neutral question shape that the
 * project's own readers return, and the decisions both writers make the same way: one Moodle question
 * category per learning outcome, tags for outcomes and slides, and grade fractions that reproduce
 * Lectern's scoring rules (docs/scoring.md). Pure: no I/O.
 */
import type { Course, Item, Outcome } from '../../content/model.ts';

/** Every exported category lives under `$course$/Lectern/<course id>`. */
export const CATEGORY_ROOT = '$course$/Lectern';

/** Tag prefixes, so that a reader can tell an outcome tag from a slide tag without the course. */
export const TAG_PREFIX = { outcome: 'outcome:', slide: 'slide:', audience: 'audience:' } as const;

/**
 * How a Lectern short-answer item is exported. Lectern marks short answers by hand against a model answer
 * (docs/scoring.md), so the default is Moodle's manually graded `essay` with the model answer as
 * information for graders. `shortanswer` makes Moodle grade automatically by matching the response against
 * the model answer text, which only suits one-word or one-phrase answers.
 */
export type ShortAnswerMode = 'essay' | 'shortanswer';

export interface ExportOptions {
  shortAnswer?: ShortAnswerMode;
}

/** An item the writer left out or could not express, with the reason. */
export interface ExportNote {
  id: string;
  type: Item['type'];
  reason: string;
}

/** Moodle question types the exports write (`matching` is Moodle XML's name for qtype_match). */
export type BankQuestionType =
  | 'multichoice'
  | 'truefalse'
  | 'shortanswer'
  | 'essay'
  | 'matching'
  | 'ordering';

export interface BankAnswer {
  text: string;
  /** Grade fraction in percent, as both formats write it: 100, 33.33333, 0, -50 ... */
  fraction: number;
  /** Feedback for this answer; empty when there is none. */
  feedback: string;
}

export interface BankPair {
  /** Empty for an extra (distractor) right-hand answer. */
  left: string;
  right: string;
}

/** A question as read back from a Moodle XML or GIFT file, in plain text. */
export interface BankQuestion {
  /** The Moodle ID number (the Lectern item id); the name when the file gives none. */
  id: string;
  name: string;
  type: BankQuestionType;
  /** multichoice: true when one answer only may be chosen. */
  single?: boolean;
  prompt: string;
  /** multichoice, truefalse (`true` and `false`), shortanswer. */
  answers: BankAnswer[];
  /** matching: left-hand stem and right-hand answer, in file order. */
  pairs: BankPair[];
  /** ordering: the items in their correct order. */
  order: string[];
  /** essay: information for graders (Lectern's model answer); empty otherwise. */
  modelAnswer: string;
  /** General feedback. */
  feedback: string;
  /** The category path the question was imported into. */
  category: string;
  /** Outcome ids from the `outcome:` tags, in file order. */
  outcomes: string[];
  /** Slide id from the `slide:` tag. */
  slideId: string | undefined;
  tags: string[];
}

export interface ReadBank {
  /** Category paths in the order they are declared. */
  categories: string[];
  questions: BankQuestion[];
  /** Questions the reader does not understand (type, and name when known). */
  unsupported: { type: string; name: string }[];
}

export interface OutcomeGroup {
  path: string;
  outcome: Outcome | undefined;
  items: Item[];
}

export function categoryPath(course: Course, outcomeId?: string): string {
  const base = `${CATEGORY_ROOT}/${course.meta.id}`;
  return outcomeId ? `${base}/${outcomeId}` : base;
}

/**
 * Items grouped by their first outcome, in the order the course declares its outcomes (every outcome has a
 * category, even one without items); items within a group keep course order. A Moodle question belongs to
 * one category only, so further outcomes are carried as tags. Items without a declared outcome go last, in
 * the course's own category.
 */
export function groupByOutcome(course: Course): OutcomeGroup[] {
  const groups: OutcomeGroup[] = course.outcomes.map((outcome) => ({
    path: categoryPath(course, outcome.id),
    outcome,
    items: [],
  }));
  const rest: OutcomeGroup = { path: categoryPath(course), outcome: undefined, items: [] };
  for (const item of course.items) {
    const first = item.outcomes[0];
    (groups.find((g) => g.outcome?.id === first) ?? rest).items.push(item);
  }
  return rest.items.length > 0 ? [...groups, rest] : groups;
}

/**
 * `groupByOutcome` as both writers walk it: every group (a category even when empty), holding only the
 * items that have an answer key; the others are appended to `skipped` with the reason, in that order.
 */
export function keyedGroups(course: Course, skipped: ExportNote[]): OutcomeGroup[] {
  return groupByOutcome(course).map((group) => ({
    ...group,
    items: group.items.filter((item) => {
      const reason = missingKey(item);
      if (reason) skipped.push({ id: item.id, type: item.type, reason });
      return !reason;
    }),
  }));
}

export function itemTags(item: Item): string[] {
  return [
    ...item.outcomes.map((o) => TAG_PREFIX.outcome + o),
    TAG_PREFIX.slide + item.slideId,
    ...item.audience.map((a) => TAG_PREFIX.audience + a),
  ];
}

/** Outcomes and slide back from tags written by `itemTags`. */
export function fromTags(tags: readonly string[]): { outcomes: string[]; slideId: string | undefined } {
  const outcomes = tags
    .filter((t) => t.startsWith(TAG_PREFIX.outcome))
    .map((t) => t.slice(TAG_PREFIX.outcome.length));
  const slide = tags.find((t) => t.startsWith(TAG_PREFIX.slide));
  return { outcomes, slideId: slide?.slice(TAG_PREFIX.slide.length) };
}

/** Why an item cannot be exported at all (no answer key), or undefined when it can. */
export function missingKey(item: Item): string | undefined {
  switch (item.type) {
    case 'single-choice':
      return item.options.filter((o) => o.correct).length === 1
        ? undefined
        : 'needs exactly one correct option';
    case 'multiple-choice':
      return item.options.some((o) => o.correct) ? undefined : 'needs at least one correct option';
    case 'true-false':
    case 'short-answer':
      return item.answer === undefined ? 'has no answer' : undefined;
    case 'match':
      return item.pairs && item.pairs.length >= 2 ? undefined : 'needs at least two pairs';
    case 'order':
      return item.items && item.items.length >= 2 ? undefined : 'needs at least two items';
    case 'sort':
    case 'classify': {
      if (!item.categories || !item.items) return 'has no categories or items';
      const ids = new Set(item.categories.map((c) => c.id));
      return item.items.every((i) => i.category !== undefined && ids.has(i.category))
        ? undefined
        : 'has an item without a declared category';
    }
    default:
      return `type ${item.type} is not an item type`;
  }
}

/**
 * Moodle's fixed list of grade fractions (question_bank::fraction_options_full). Imports are refused
 * ("Error if grade not listed", the default) when a fraction is further than 0.00001 from every entry.
 */
const MOODLE_FRACTIONS = [
  1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667,
  0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0,
];

export function isMoodleFraction(percent: number): boolean {
  return MOODLE_FRACTIONS.some((f) => Math.abs(Math.abs(percent) / 100 - f) < 0.00001);
}

/** A percentage as both formats write it: at most five decimals, no trailing zeros, never `-0`. */
export function formatPercent(percent: number): string {
  const rounded = Number(percent.toFixed(5));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/**
 * Grade fractions (percent) for the options of a choice item, matching Lectern's scoring: single choice is
 * all or nothing; multiple choice with k correct options gives +100/k for each correct option chosen and
 * −100/k for each wrong one, and Moodle floors the total at 0 as Lectern does.
 */
export function choiceFractions(
  item: Extract<Item, { type: 'single-choice' | 'multiple-choice' }>,
): number[] {
  if (item.type === 'single-choice') return item.options.map((o) => (o.correct ? 100 : 0));
  const k = item.options.filter((o) => o.correct).length;
  return item.options.map((o) => (o.correct ? 100 / k : -100 / k));
}

/** The pairs a sort or classify item becomes as a matching question: each item to its category's label,
 * then each category no item belongs to as an extra right-hand answer (a distractor). */
export function classifyPairs(item: Extract<Item, { type: 'sort' | 'classify' }>): BankPair[] {
  const categories = item.categories ?? [];
  const label = new Map(categories.map((c) => [c.id, c.label]));
  const used = new Set((item.items ?? []).map((i) => i.category));
  return [
    ...(item.items ?? []).map((i) => ({ left: i.text, right: label.get(i.category ?? '') ?? '' })),
    ...categories.filter((c) => !used.has(c.id)).map((c) => ({ left: '', right: c.label })),
  ];
}

/** Line endings as `\n` only. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** GIFT and Moodle XML both keep Lectern's model answer for an essay; GIFT puts it after this label at the
 * end of the general feedback, since GIFT has no field for information to graders. */
export const MODEL_ANSWER_LABEL = 'Model answer: ';
