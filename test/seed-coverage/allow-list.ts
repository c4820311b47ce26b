/**
 * The reviewed exceptions of the seed coverage test. Each entry is exact (no patterns), so that an
 * exception can never hide other content, and says why. The test fails on entries that no longer
 * match the seed.
 */
import type { Coverage } from './seed-sentences.ts';

/** Typos of the source that the course fixes, applied to the seed side before comparing. */
export const CORRECTIONS: readonly { from: string; to: string; why: string }[] = [
  { from: 'DESIGED', to: 'DESIGNED', why: 'typo in the "This training is designed to improve…" heading' },
  {
    from: 'Right based approach',
    to: 'Rights based approach',
    why: 'slide 6 bullet; the speaking points and key messages of the source say "Rights based"',
  },
  {
    from: 'Stabilization and peace building as durable forms of protection: Argues',
    to: 'Stabilization and peacebuilding as durable forms of protection: Argues',
    why: 'the speaking point marks the slide 6 words (==…==), so it takes the slide’s spelling',
  },
];

/** Units of the seed that the course holds as structure (field names, numbers), not as text. */
export const ALLOWED: readonly { unit: string; reason: string }[] = [
  { unit: 'AIM', reason: 'heading of the `aim` metadata field' },
  { unit: 'AUDIENCE', reason: 'heading of the `audience` metadata field' },
  { unit: 'LEARNING OUTCOMES', reason: 'heading of the `outcomes` metadata field' },
  { unit: 'TRAINING SEQUENCE', reason: 'heading of the `trainingSequence` metadata field' },
  { unit: 'DURATION', reason: 'heading of the `duration` metadata field' },
  {
    unit: 'Lecture/Presentation Questions/Discussion',
    reason: 'duration table header: `duration` field names',
  },
  { unit: '& Session Assessment', reason: 'duration table header: `duration.discussion` includes it' },
  {
    unit: 'Timing 35 min. 10 min.',
    reason: 'duration table row: the numbers `duration.lecture`, `.discussion`',
  },
  { unit: 'METHODOLOGY', reason: 'heading of the `methodology` metadata field' },
  { unit: 'INSTRUCTOR PROFILE', reason: 'heading of the `instructorProfile` metadata field' },
  { unit: 'INSTRUCTOR PREPARATIONS', reason: 'heading of the `instructorPreparations` metadata field' },
  { unit: 'Required Readings:', reason: 'heading of `instructorPreparations.requiredReadings`' },
  { unit: 'Equipment', reason: 'heading of the `equipment` metadata field' },
  { unit: 'Materials', reason: 'heading of the `materials` metadata field' },
  { unit: 'PARTICIPANT PREPARATIONS', reason: 'heading of the `participantPreparations` metadata field' },
  { unit: 'ADDITIONAL RESOURCES', reason: 'heading of the `additionalResources` metadata field' },
  ...[
    'Concerning Children and Armed Conflict, (S/RES/1612), 2005',
    'Protection of Civilians in Armed Conflict, (S/RES/1674), 2006',
    'Protection of Civilians in Armed Conflict, (S/RES/1894), 2009',
    'Women and Peace and Security, (S/RES/1325), 2000',
    'Women and Peace and Security, (S/RES/1960), 2010',
  ].map((unit) => ({ unit, reason: 'a resolution is `{ title, symbol, year }` and the year is a number' })),
  {
    unit: 'MATERIALS REFERENCED IN THIS MODULE',
    reason: 'heading of the `materialsReferenced` metadata field',
  },
  { unit: 'SYMBOLS LEGEND', reason: 'heading of the `legend` metadata field' },
  { unit: 'Session Notes', reason: 'heading of the session notes: the `sections/` files' },
];

export const COVERAGE: Coverage = { corrections: CORRECTIONS, allowed: ALLOWED };
