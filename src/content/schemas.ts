/** Shapes of the YAML parts of a course (metadata, activity and item bodies, chart handouts). */
import { z } from 'zod';

export const LANGUAGES = ['en', 'fr', 'ar', 'es', 'ru', 'zh'] as const;
export const AUDIENCE_LEVELS = ['operational', 'tactical'] as const;
export const COMPONENTS = ['military', 'police', 'civilian'] as const;

const text = z.string().trim().min(1);
const slug = z.string().regex(/^[A-Za-z][\w.-]*$/);

export interface Reference {
  title: string;
  url?: string | undefined;
  urlStatus?: 'live' | 'dead' | undefined;
  note?: string | undefined;
  items?: Reference[] | undefined;
}

/** A reference may be written as a plain string; the model always holds the object form. */
const reference: z.ZodType<Reference> = z.lazy(() =>
  z.union([
    text.transform((title): Reference => ({ title })),
    z.strictObject({
      title: text,
      url: z.url().optional(),
      urlStatus: z.enum(['live', 'dead']).optional(),
      note: text.optional(),
      items: z.array(reference).optional(),
    }),
  ]),
);

export const metadataSchema = z.strictObject({
  id: slug,
  module: z.number().int().positive(),
  title: text,
  subtitle: text.optional(),
  series: text,
  edition: text,
  language: z.enum(LANGUAGES),
  aim: z.strictObject({ intro: text, points: z.array(text).min(1) }),
  audience: z.strictObject({
    levels: z.array(z.enum(AUDIENCE_LEVELS)).min(1),
    text,
    profileIntro: text,
    profile: z.array(z.strictObject({ component: z.enum(COMPONENTS), text })).min(1),
  }),
  outcomes: z.strictObject({
    intro: text,
    list: z.array(z.strictObject({ id: slug, text })).min(1),
  }),
  trainingSequence: text,
  duration: z.strictObject({
    lecture: z.number().int().nonnegative(),
    discussion: z.number().int().nonnegative(),
  }),
  methodology: z.strictObject({ points: z.array(text).min(1), parts: z.array(text) }),
  instructorProfile: text,
  instructorPreparations: z.strictObject({ requiredReadings: z.array(reference).min(1) }),
  equipment: z.array(reference),
  materials: z.array(reference),
  participantPreparations: z.strictObject({ intro: text, items: z.array(reference) }),
  additionalResources: z.strictObject({
    intro: text,
    url: z.url().optional(),
    resolutions: z.array(
      z.strictObject({
        title: text,
        symbol: z.string().regex(/^S\/RES\/\d+(\s*\(\d{4}\))?$/),
        year: z.number().int().min(1945).max(2100),
      }),
    ),
  }),
  materialsReferenced: z.array(reference),
  legend: z.record(z.string(), text),
  /** The session assessment's blueprint (drawn from the item bank) and the completion rule. */
  assessment: z
    .strictObject({
      itemsPerOutcome: z.number().int().min(1).max(50),
      order: z.enum(['by-outcome', 'shuffled']).default('shuffled'),
      timeLimitMinutes: z.number().positive().max(600),
      /** 0..1, e.g. 0.8 for 80 %. */
      passMark: z.number().min(0).max(1),
      attempts: z.number().int().min(1).max(10),
    })
    .optional(),
  completion: z
    .strictObject({
      /** Share of the session a participant must attend, 0..1. */
      attendance: z.number().min(0).max(1),
      passAssessment: z.boolean(),
    })
    .optional(),
});

export type Metadata = z.infer<typeof metadataSchema>;

export const sectionFrontMatterSchema = z.strictObject({
  id: slug,
  number: z.number().int().nonnegative(),
  title: text,
});

export const missionFrontMatterSchema = z.strictObject({
  id: slug,
  name: text,
  description: text,
});

export const chartSchema = z.strictObject({
  title: text,
  note: text.optional(),
  source: text.optional(),
  categories: z.array(z.strictObject({ id: slug, label: text, items: z.array(text).min(1) })).min(1),
});

export type ChartBody = z.infer<typeof chartSchema>;

// Interactions: the YAML bodies of activities and items. Correct answers stay optional here so that a
// missing one is reported by the checker as ANSWER_MISSING rather than as a generic invalid field.
const common = {
  prompt: text,
  feedback: text.optional(),
  reveal: text.optional(),
};
const choice = z.strictObject({ text, correct: z.boolean().optional(), feedback: text.optional() });
const category = z.strictObject({ id: slug, label: text });
const sortable = z.strictObject({ text, category: z.string().optional() });

export const interactionSchemas = {
  poll: z.strictObject({ ...common, options: z.array(text).min(2) }),
  'single-choice': z.strictObject({ ...common, options: z.array(choice).min(2) }),
  'multiple-choice': z.strictObject({ ...common, options: z.array(choice).min(2) }),
  'true-false': z.strictObject({ ...common, answer: z.boolean().optional() }),
  'open-text': z.strictObject({
    ...common,
    maxLength: z.number().int().min(1).max(500).default(80),
    answer: text.optional(),
  }),
  'short-answer': z.strictObject({
    ...common,
    maxLength: z.number().int().min(1).max(2000).default(300),
    answer: text.optional(),
  }),
  sort: z.strictObject({
    ...common,
    categories: z.array(category).optional(),
    items: z.array(sortable).optional(),
  }),
  classify: z.strictObject({
    ...common,
    categories: z.array(category).min(2),
    items: z.array(sortable).min(1),
  }),
  match: z.strictObject({
    ...common,
    pairs: z.array(z.strictObject({ left: text, right: text })).optional(),
  }),
  order: z.strictObject({ ...common, items: z.array(text).optional() }),
  qa: z.strictObject({ ...common }),
} as const;

export type InteractionType = keyof typeof interactionSchemas;
export const INTERACTION_TYPES = Object.keys(interactionSchemas) as InteractionType[];

/** Item types: everything that can be scored without the class (no poll, word cloud or Q&A). */
export const ITEM_TYPES: readonly InteractionType[] = [
  'single-choice',
  'multiple-choice',
  'true-false',
  'short-answer',
  'sort',
  'classify',
  'match',
  'order',
];

/** Items add the reasoning a reviewer needs: why the answer is right and where the source says so. */
export const itemExtras = { feedback: text, cite: text };

export type InteractionBody<T extends InteractionType> = z.infer<(typeof interactionSchemas)[T]>;
export type Interaction = { [T in InteractionType]: { type: T } & InteractionBody<T> }[InteractionType];
