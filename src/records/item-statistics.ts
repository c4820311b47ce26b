/**
 * Item statistics for an assessment, computed as Moodle's quiz statistics report computes them. Pure: no
 * I/O. Formulas, meanings and thresholds are in docs/item-statistics.md.
 *
 * Sources (moodle/moodle):
 * - item level: `question/classes/statistics/questions/calculator.php` (`initial_steps_walker`,
 *   `secondary_steps_walker`, `secondary_question_walker`, effective weight in `calculate`);
 * - test level: `mod/quiz/report/statistics/classes/calculator.php` (`calculate`, `median`);
 * - the "dubious question" marker: `mod/quiz/report/statistics/statistics_table.php` `is_dubious_question`;
 * - the single-choice random guess score: `question/type/multichoice/questiontype.php`.
 *
 * Notation: s = number of attempts counted, x = an item's mark, X = the attempt's total (the sum of its item
 * marks), r = X − x the rest-of-test mark, P = number of items. Every variance and covariance divides by
 * s − 1. Where a formula would divide by zero (one attempt, every mark the same) the figure is null; nothing
 * here throws.
 *
 * Choices made here, where Moodle's data model differs from Lectern's:
 * - A null (or missing, or non-finite) mark means "not answered". It counts as 0 both for the item and for
 *   the attempt total, and the attempt still counts for the item (Moodle does the same: an unanswered
 *   question in a finished attempt has a null mark, which its sums treat as 0). `answered` counts the
 *   non-null marks so that a coordinator can see how many were left blank.
 * - Only one attempt per participant counts, the first by default (the order of `attempts` is taken as
 *   the order they were made). `highest` keeps a participant's best total (the earliest of equal ones),
 *   `last` the latest, `all` every attempt as if each were a different participant.
 * - Marks are used as given (not clamped to 0..maxMark).
 */

/** Facility at or above this (90%: "very easy" and "extremely easy" in the OU/Moodle table) is too easy. */
export const TOO_EASY_FACILITY = 0.9;
/** Facility at or below this (10%: "very difficult" and "extremely difficult" in that table) is too hard. */
export const TOO_HARD_FACILITY = 0.1;
/** A discrimination index (%) below this is poor discrimination. */
export const POOR_DISCRIMINATION_INDEX = 15;
/** A discriminative efficiency (%) below this is Moodle's own "dubious question" marker. */
export const LOW_DISCRIMINATIVE_EFFICIENCY = 15;

export type WhichAttempts = 'first' | 'highest' | 'last' | 'all';

export interface StatisticsItem {
  id: string;
  /** The most an attempt can score on the item. */
  maxMark: number;
  /** The learning outcomes the item assesses. */
  outcomes: readonly string[];
  /**
   * The mean mark a random guess would get, as a fraction of `maxMark` (0..1); see
   * `singleChoiceRandomGuessScore`. Absent or null: not known (Moodle computes none for multiple-response
   * or free-text questions).
   */
  randomGuessScore?: number | null;
}

export interface StatisticsAttempt {
  participantId: string;
  /** Mark per item id, 0..maxMark; null or absent = not answered (counts as 0). */
  marks: Readonly<Record<string, number | null | undefined>>;
}

export interface StatisticsInput {
  items: readonly StatisticsItem[];
  /** In the order the attempts were made. */
  attempts: readonly StatisticsAttempt[];
}

export interface StatisticsOptions {
  /** Which attempts of each participant count; default `first`. */
  whichAttempts?: WhichAttempts;
}

export interface ItemFlags {
  /** facility ≥ TOO_EASY_FACILITY */
  tooEasy: boolean;
  /** facility ≤ TOO_HARD_FACILITY */
  tooHard: boolean;
  /** discriminationIndex < POOR_DISCRIMINATION_INDEX */
  poorDiscrimination: boolean;
  /** discriminativeEfficiency < LOW_DISCRIMINATIVE_EFFICIENCY (Moodle's "dubious" question) */
  lowEfficiency: boolean;
}

export interface ItemStatistics {
  id: string;
  maxMark: number;
  outcomes: string[];
  /** s: attempts counted for the item (answered or not). */
  attempts: number;
  /** How many of those attempts gave the item a mark (not null). */
  answered: number;
  /** x̄, in marks. */
  meanMark: number | null;
  /** F = x̄ / maxMark, 0..1 (Moodle shows it as a %). */
  facility: number | null;
  /** SD of the item marks as a fraction of maxMark (Moodle shows it as a %). */
  sd: number | null;
  /** SD of the item marks, in marks: √(Σ(x − x̄)² / (s − 1)). */
  sdMarks: number | null;
  /** As given, a fraction of maxMark, or null. */
  randomGuessScore: number | null;
  /** 100 · maxMark / Σ maxMark (%). */
  intendedWeight: number | null;
  /** 100 · √Cov(x, X) / Σⱼ √Cov(xⱼ, X) over items whose covariance is ≥ 0 (%); null if Cov(x, X) < 0. */
  effectiveWeight: number | null;
  /** 100 · Cov(x, r) / √(V(x) · V(r)) (%): the item–rest correlation. */
  discriminationIndex: number | null;
  /** 100 · Cov(x, r) / Covmax(x, r) (%). */
  discriminativeEfficiency: number | null;
  /** V(x), in marks². */
  markVariance: number | null;
  /** V(r), in marks². */
  restVariance: number | null;
  /** Cov(x, r). */
  covariance: number | null;
  /** Σ(x₍ᵢ₎ − x̄)(r₍ᵢ₎ − r̄) / (s − 1), x and r each sorted on its own. */
  covarianceMax: number | null;
  /** Cov(x, X). */
  covarianceWithTotal: number | null;
  flags: ItemFlags;
  /** Any flag raised. */
  flagged: boolean;
}

export interface TestStatistics {
  /** s: attempts counted. */
  attempts: number;
  /** P: number of items. */
  itemCount: number;
  /** Σ maxMark. */
  maxTotal: number;
  /** Mean total, in marks. */
  mean: number | null;
  /** Median total, in marks (the mean of the two middle totals when s is even). */
  median: number | null;
  /** SD of the totals, in marks: √(Σ(X − X̄)² / (s − 1)). */
  sd: number | null;
  /** mean, median and sd as a % of maxTotal (as Moodle shows them). */
  meanPercent: number | null;
  medianPercent: number | null;
  sdPercent: number | null;
  /** k3 / k2^(3/2). */
  skewness: number | null;
  /** k4 / k2² (excess kurtosis: 0 for a normal distribution). */
  kurtosis: number | null;
  /** Coefficient of internal consistency (Cronbach's α), %: 100 · P/(P − 1) · (1 − Σ V(xᵢ) / k2). */
  cic: number | null;
  /** 100 · √(1 − CIC/100), %. */
  errorRatio: number | null;
  /** Standard error of measurement, in marks: errorRatio · sd / 100. */
  standardError: number | null;
}

export interface OutcomeStatistics {
  outcome: string;
  /** The items assessing the outcome, in item order. */
  itemIds: string[];
  /** Mean facility of those items that have one. */
  meanFacility: number | null;
  /** Mean discrimination index of those items that have one. */
  meanDiscriminationIndex: number | null;
  /** How many of the items raise at least one flag. */
  flaggedItems: number;
}

export interface ItemStatisticsReport {
  whichAttempts: WhichAttempts;
  test: TestStatistics;
  /** In the order of `input.items`. */
  items: ItemStatistics[];
  /** In the order each outcome is first named by an item. */
  outcomes: OutcomeStatistics[];
}

/**
 * Moodle's random guess score for a single-answer multiple-choice question: the mean of the options'
 * fractions (the credit each option earns, 0..1). One right option among four → 0.25. Null with no options.
 */
export function singleChoiceRandomGuessScore(optionFractions: readonly number[]): number | null {
  if (optionFractions.length === 0) return null;
  return optionFractions.reduce((sum, f) => sum + f, 0) / optionFractions.length;
}

/** The mark an attempt gives an item: its number, or 0 when not answered. */
function markOf(attempt: StatisticsAttempt, itemId: string): number {
  const mark = Object.hasOwn(attempt.marks, itemId) ? attempt.marks[itemId] : undefined;
  return typeof mark === 'number' && Number.isFinite(mark) ? mark : 0;
}

function isAnswered(attempt: StatisticsAttempt, itemId: string): boolean {
  const mark = Object.hasOwn(attempt.marks, itemId) ? attempt.marks[itemId] : undefined;
  return typeof mark === 'number' && Number.isFinite(mark);
}

function totalOf(attempt: StatisticsAttempt, items: readonly StatisticsItem[]): number {
  let total = 0;
  for (const item of items) total += markOf(attempt, item.id);
  return total;
}

/** The attempts that count, in the order given. */
export function selectAttempts(
  input: StatisticsInput,
  whichAttempts: WhichAttempts = 'first',
): StatisticsAttempt[] {
  if (whichAttempts === 'all') return [...input.attempts];
  const chosen = new Map<string, { index: number; total: number }>();
  input.attempts.forEach((attempt, index) => {
    const current = chosen.get(attempt.participantId);
    if (current === undefined) {
      chosen.set(attempt.participantId, { index, total: totalOf(attempt, input.items) });
    } else if (whichAttempts === 'last') {
      chosen.set(attempt.participantId, { index, total: current.total });
    } else if (whichAttempts === 'highest') {
      const total = totalOf(attempt, input.items);
      if (total > current.total) chosen.set(attempt.participantId, { index, total });
    }
  });
  const keep = new Set([...chosen.values()].map((c) => c.index));
  return input.attempts.filter((_, index) => keep.has(index));
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Whether every value is the same, so that its variance is exactly 0 (not a rounding residue). */
function constant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

/** Σ(a − ā)(b − b̄) / (s − 1), pairing a[i] with b[i]; s ≥ 2. */
function sampleCovariance(a: readonly number[], meanA: number, b: readonly number[], meanB: number): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += ((a[i] ?? 0) - meanA) * ((b[i] ?? 0) - meanB);
  return total / (a.length - 1);
}

const ascending = (a: number, b: number): number => a - b;

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort(ascending);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? null;
  return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : sum(present) / present.length;
}

const percentOf = (value: number | null, whole: number): number | null =>
  value === null || whole === 0 ? null : (100 * value) / whole;

type ItemCore = Omit<ItemStatistics, 'effectiveWeight' | 'flags' | 'flagged'>;

function itemCore(
  item: StatisticsItem,
  attempts: readonly StatisticsAttempt[],
  totals: readonly number[],
  maxTotal: number,
): ItemCore {
  const s = attempts.length;
  const x = attempts.map((a) => markOf(a, item.id));
  const r = x.map((mark, i) => (totals[i] ?? 0) - mark);
  const meanMark = s === 0 ? null : sum(x) / s;
  const core: ItemCore = {
    id: item.id,
    maxMark: item.maxMark,
    outcomes: [...new Set(item.outcomes)],
    attempts: s,
    answered: attempts.filter((a) => isAnswered(a, item.id)).length,
    meanMark,
    facility: meanMark === null || item.maxMark === 0 ? null : meanMark / item.maxMark,
    sd: null,
    sdMarks: null,
    randomGuessScore: item.randomGuessScore ?? null,
    intendedWeight: maxTotal === 0 ? null : (100 * item.maxMark) / maxTotal,
    discriminationIndex: null,
    discriminativeEfficiency: null,
    markVariance: null,
    restVariance: null,
    covariance: null,
    covarianceMax: null,
    covarianceWithTotal: null,
  };
  if (s < 2 || meanMark === null) return core;

  const meanRest = sum(r) / s;
  const meanTotal = sum(totals) / s;
  const xConstant = constant(x);
  const rConstant = constant(r);
  const markVariance = xConstant ? 0 : sampleCovariance(x, meanMark, x, meanMark);
  const restVariance = rConstant ? 0 : sampleCovariance(r, meanRest, r, meanRest);
  const covariance = xConstant || rConstant ? 0 : sampleCovariance(x, meanMark, r, meanRest);
  // Rearrangement inequality: Covmax > 0 unless x or r is constant, and then it is 0.
  const covarianceMax =
    xConstant || rConstant
      ? 0
      : sampleCovariance([...x].sort(ascending), meanMark, [...r].sort(ascending), meanRest);
  const sdMarks = Math.sqrt(markVariance);
  return {
    ...core,
    sdMarks,
    sd: item.maxMark === 0 ? null : sdMarks / item.maxMark,
    markVariance,
    restVariance,
    covariance,
    covarianceMax,
    covarianceWithTotal: xConstant ? 0 : sampleCovariance(x, meanMark, totals, meanTotal),
    discriminationIndex:
      xConstant || rConstant ? null : (100 * covariance) / Math.sqrt(markVariance * restVariance),
    discriminativeEfficiency: covarianceMax === 0 ? null : (100 * covariance) / covarianceMax,
  };
}

function flagsOf(
  item: Pick<ItemStatistics, 'facility' | 'discriminationIndex' | 'discriminativeEfficiency'>,
) {
  const { facility, discriminationIndex: di, discriminativeEfficiency: de } = item;
  const flags: ItemFlags = {
    tooEasy: facility !== null && facility >= TOO_EASY_FACILITY,
    tooHard: facility !== null && facility <= TOO_HARD_FACILITY,
    poorDiscrimination: di !== null && di < POOR_DISCRIMINATION_INDEX,
    lowEfficiency: de !== null && de < LOW_DISCRIMINATIVE_EFFICIENCY,
  };
  return { flags, flagged: Object.values(flags).some(Boolean) };
}

function testStatistics(
  totals: readonly number[],
  itemCount: number,
  maxTotal: number,
  sumOfMarkVariance: number,
): TestStatistics {
  const s = totals.length;
  const test: TestStatistics = {
    attempts: s,
    itemCount,
    maxTotal,
    mean: null,
    median: null,
    sd: null,
    meanPercent: null,
    medianPercent: null,
    sdPercent: null,
    skewness: null,
    kurtosis: null,
    cic: null,
    errorRatio: null,
    standardError: null,
  };
  if (s === 0) return test;
  const mean = sum(totals) / s;
  test.mean = mean;
  test.median = median(totals);
  if (s > 1) {
    let power2 = 0;
    let power3 = 0;
    let power4 = 0;
    if (!constant(totals)) {
      for (const total of totals) {
        const d = total - mean;
        power2 += d * d;
        power3 += d * d * d;
        power4 += d * d * d * d;
      }
    }
    const sd = Math.sqrt(power2 / (s - 1));
    test.sd = sd;
    // Moodle computes the k-statistics, and with them CIC, only from three attempts on.
    if (s > 2 && power2 !== 0) {
      const m2 = power2 / s;
      const m3 = power3 / s;
      const m4 = power4 / s;
      const k2 = (s * m2) / (s - 1);
      const k3 = (s * s * m3) / ((s - 1) * (s - 2));
      test.skewness = k3 / k2 ** 1.5;
      if (s > 3) {
        const k4 = (s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2)) / ((s - 1) * (s - 2) * (s - 3));
        test.kurtosis = k4 / (k2 * k2);
      }
      if (itemCount > 1) {
        const cic = ((100 * itemCount) / (itemCount - 1)) * (1 - sumOfMarkVariance / k2);
        // CIC ≤ 100 always (V(ΣX) ≤ P·ΣV(xᵢ)); the clamp only removes a rounding residue.
        const errorRatio = 100 * Math.sqrt(Math.max(0, 1 - cic / 100));
        test.cic = cic;
        test.errorRatio = errorRatio;
        test.standardError = (errorRatio * sd) / 100;
      }
    }
  }
  test.meanPercent = percentOf(test.mean, maxTotal);
  test.medianPercent = percentOf(test.median, maxTotal);
  test.sdPercent = percentOf(test.sd, maxTotal);
  return test;
}

function outcomeStatistics(items: readonly ItemStatistics[]): OutcomeStatistics[] {
  const byOutcome = new Map<string, ItemStatistics[]>();
  for (const item of items) {
    for (const outcome of item.outcomes) {
      const list = byOutcome.get(outcome);
      if (list) list.push(item);
      else byOutcome.set(outcome, [item]);
    }
  }
  return [...byOutcome].map(([outcome, list]) => ({
    outcome,
    itemIds: list.map((i) => i.id),
    meanFacility: meanOf(list.map((i) => i.facility)),
    meanDiscriminationIndex: meanOf(list.map((i) => i.discriminationIndex)),
    flaggedItems: list.filter((i) => i.flagged).length,
  }));
}

/** Item, test and per-outcome statistics for a set of attempts. */
export function itemStatistics(
  input: StatisticsInput,
  options: StatisticsOptions = {},
): ItemStatisticsReport {
  const whichAttempts = options.whichAttempts ?? 'first';
  const attempts = selectAttempts(input, whichAttempts);
  const totals = attempts.map((a) => totalOf(a, input.items));
  const maxTotal = sum(input.items.map((i) => i.maxMark));

  const cores = input.items.map((item) => itemCore(item, attempts, totals, maxTotal));

  // Effective weight, as Moodle: items with a negative covariance with the total are left out of the sum
  // and get null; no positive sum (fewer than two attempts, or no spread) → null for every item.
  let sumOfRoots = 0;
  for (const c of cores) {
    if (c.covarianceWithTotal !== null && c.covarianceWithTotal >= 0)
      sumOfRoots += Math.sqrt(c.covarianceWithTotal);
  }
  const items: ItemStatistics[] = cores.map((c) => ({
    ...c,
    effectiveWeight:
      sumOfRoots === 0 || c.covarianceWithTotal === null || c.covarianceWithTotal < 0
        ? null
        : (100 * Math.sqrt(c.covarianceWithTotal)) / sumOfRoots,
    ...flagsOf(c),
  }));

  const sumOfMarkVariance = sum(cores.map((c) => c.markVariance ?? 0));
  return {
    whichAttempts,
    test: testStatistics(totals, input.items.length, maxTotal, sumOfMarkVariance),
    items,
    outcomes: outcomeStatistics(items),
  };
}
