/**
 * A Lectern activity and a learner's response as an LMS interaction, in the three notations:
 * SCORM 1.2 (`cmi.interactions.n.*`: single-character ids joined by "," and "."), SCORM 2004 and xAPI
 * (the same "characterstring" notation: "a[,]b", "0[.]a"). One neutral model, three formatters.
 * Pure and browser-safe: the trackers use it, and so do the xAPI statement builders.
 *
 * Ids are positions in the public view: options and steps are letters (a, b, …), matching sources are
 * digits (0, 1, … then letters); xAPI definitions and SCORM 2004 descriptions carry the texts.
 */
import type { AnswerKey, PublicActivity } from '../../live/activity-view.ts';

export type InteractionKind =
  | 'true-false'
  | 'choice'
  | 'fill-in'
  | 'long-fill-in'
  | 'matching'
  | 'sequencing';

export interface InteractionComponent {
  id: string;
  text: string;
}

/** A response or a correct pattern: ids, or source–target pairs for matching. */
export type Pattern =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'pairs'; pairs: [string, string][] }
  | {
      kind: 'value';
      value: boolean;
    }
  | { kind: 'text'; text: string };

export interface InteractionModel {
  kind: InteractionKind;
  prompt: string;
  choices?: InteractionComponent[];
  source?: InteractionComponent[];
  target?: InteractionComponent[];
  response: Pattern | null;
  /** The correct pattern, when the activity has a key that is one (not a model answer). */
  correct: Pattern | null;
}

/** SCORM 2004 long-fill-in holds 4000 characters; fill-in 250 per answer. */
const FILL_IN_MAX = 250;

/** a, b, … z, then o26, o27, … */
export function letterId(i: number): string {
  return i < 26 ? String.fromCharCode(97 + i) : `o${i}`;
}

/** 0 … 9, a … z, then x36, x37, … (SCORM 1.2 wants single characters where it can). */
export function charId(i: number): string {
  return i < 36 ? '0123456789abcdefghijklmnopqrstuvwxyz'.charAt(i) : `x${i}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function indices(value: unknown): number[] | null {
  return Array.isArray(value) && value.every((v) => Number.isInteger(v)) ? (value as number[]) : null;
}

/** Texts as interaction components, each named by its position through `idOf`. */
function components(
  texts: readonly string[] | undefined,
  idOf: (i: number) => string,
): InteractionComponent[] {
  return (texts ?? []).map((text, i) => ({ id: idOf(i), text }));
}

/** A matching pattern from a list with one entry per source: `targetOf` gives the entry's target
 * index, or undefined to leave that source unpaired. Sort, classify and match share it. */
function pairsPattern(value: unknown, targetOf: (entry: unknown) => number | undefined): Pattern | null {
  if (!Array.isArray(value)) return null;
  const pairs: [string, string][] = [];
  value.forEach((entry, i) => {
    const j = targetOf(entry);
    if (j !== undefined) pairs.push([charId(i), letterId(j)]);
  });
  return { kind: 'pairs', pairs };
}

/** The interaction model of an activity, with a learner's response (or none) in its terms. */
export function interactionModel(
  view: PublicActivity,
  key: AnswerKey | null,
  response: unknown,
): InteractionModel {
  const r = isObject(response) ? response : {};
  const k: Record<string, unknown> = key ? (key as Record<string, unknown>) : {};
  const prompt = view.prompt;
  switch (view.type) {
    case 'poll':
    case 'single-choice':
    case 'multiple-choice': {
      const choices = components(view.options, letterId);
      const pick = (v: Record<string, unknown>): Pattern | null => {
        if (typeof v.choice === 'number') return { kind: 'ids', ids: [letterId(v.choice)] };
        const many = indices(v.choices);
        return many ? { kind: 'ids', ids: many.map(letterId) } : null;
      };
      return { kind: 'choice', prompt, choices, response: pick(r), correct: pick(k) };
    }
    case 'true-false':
      return {
        kind: 'true-false',
        prompt,
        response: typeof r.value === 'boolean' ? { kind: 'value', value: r.value } : null,
        correct: typeof k.value === 'boolean' ? { kind: 'value', value: k.value } : null,
      };
    case 'sort':
    case 'classify': {
      const categories = view.categories ?? [];
      const labels = categories.map((c) => c.label);
      const categoryOf = (category: unknown) => {
        const j = categories.findIndex((c) => c.id === category);
        return j >= 0 ? j : undefined;
      };
      return {
        kind: 'matching',
        prompt,
        source: components(view.items, charId),
        target: components(labels, letterId),
        response: pairsPattern(r.categories, categoryOf),
        correct: pairsPattern(k.categories, categoryOf),
      };
    }
    case 'match': {
      const rightOf = (right: unknown) => (typeof right === 'number' ? right : undefined);
      return {
        kind: 'matching',
        prompt,
        source: components(view.lefts, charId),
        target: components(view.rights, letterId),
        response: pairsPattern(r.matches, rightOf),
        correct: pairsPattern(k.matches, rightOf),
      };
    }
    case 'order': {
      const choices = components(view.items, letterId);
      const order = (v: unknown): Pattern | null => {
        const list = indices(v);
        return list ? { kind: 'ids', ids: list.map(letterId) } : null;
      };
      return { kind: 'sequencing', prompt, choices, response: order(r.order), correct: order(k.order) };
    }
    case 'open-text':
    case 'short-answer':
    case 'qa': {
      const long = (view.maxLength ?? 0) > FILL_IN_MAX;
      return {
        kind: long ? 'long-fill-in' : 'fill-in',
        prompt,
        response: typeof r.text === 'string' ? { kind: 'text', text: r.text } : null,
        // A model answer is marked by a person, not matched: it is no correct pattern.
        correct: null,
      };
    }
  }
}

// ── SCORM 2004 and xAPI ──────────────────────────────────────────────────────────────────────────

/** SCORM 2004 `cmi.interactions.n.type`, also the xAPI `interactionType`. */
export function type2004(model: InteractionModel): InteractionKind {
  return model.kind;
}

/** A pattern in the SCORM 2004 / xAPI characterstring notation. */
export function pattern2004(pattern: Pattern, kind: InteractionKind): string {
  switch (pattern.kind) {
    case 'ids':
      return pattern.ids.join('[,]');
    case 'pairs':
      return pattern.pairs.map(([s, t]) => `${s}[.]${t}`).join('[,]');
    case 'value':
      return pattern.value ? 'true' : 'false';
    case 'text': {
      // The delimiter "[,]" would split one answer into several; "{" at the start reads as a language tag.
      const clean = pattern.text.replaceAll('[,]', ', ').replace(/^\{/, '(');
      return kind === 'fill-in' ? clean.slice(0, FILL_IN_MAX) : clean.slice(0, 4000);
    }
  }
}

/** SCORM 2004 `result`: correct, incorrect, neutral or a decimal for a partial score. */
export function result2004(score: number | null): string {
  if (score === null) return 'neutral';
  if (score >= 1 - 1e-9) return 'correct';
  if (score <= 0) return 'incorrect';
  return String(Math.round(score * 100) / 100);
}

// ── SCORM 1.2 ────────────────────────────────────────────────────────────────────────────────────

/** SCORM 1.2 knows no long-fill-in. */
export function type12(model: InteractionModel): string {
  return model.kind === 'long-fill-in' ? 'fill-in' : model.kind;
}

/** A pattern in SCORM 1.2 CMIFeedback notation (at most 255 characters). */
export function pattern12(pattern: Pattern): string {
  switch (pattern.kind) {
    case 'ids':
      return pattern.ids.join(',').slice(0, 255);
    case 'pairs':
      return pattern.pairs
        .map(([s, t]) => `${s}.${t}`)
        .join(',')
        .slice(0, 255);
    case 'value':
      return pattern.value ? 't' : 'f';
    case 'text':
      return pattern.text.slice(0, 255);
  }
}

/** SCORM 1.2 `result`: correct, wrong, neutral or a decimal for a partial score. */
export function result12(score: number | null): string {
  if (score === null) return 'neutral';
  if (score >= 1 - 1e-9) return 'correct';
  if (score <= 0) return 'wrong';
  return String(Math.round(score * 100) / 100);
}

/** SCORM 1.2 CMIIdentifier: printable ASCII without spaces, at most 255 characters. */
export function identifier12(id: string): string {
  return (id.replace(/[^\u0021-\u007e]/g, '_') || '_').slice(0, 255);
}

/** SCORM 2004 short_identifier_type characters. */
export function identifier2004(id: string): string {
  return (id.replace(/[^\w\-()+.:=@;$!*'%/#]/g, '_') || '_').slice(0, 250);
}
