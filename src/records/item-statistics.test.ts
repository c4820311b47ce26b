import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type ItemStatistics,
  itemStatistics,
  LOW_DISCRIMINATIVE_EFFICIENCY,
  POOR_DISCRIMINATION_INDEX,
  type StatisticsAttempt,
  type StatisticsInput,
  type StatisticsItem,
  selectAttempts,
  singleChoiceRandomGuessScore,
  TOO_EASY_FACILITY,
  TOO_HARD_FACILITY,
} from './item-statistics.ts';

const FIXTURES = new URL('../../test/fixtures/item-statistics/', import.meta.url);

function close(actual: number | null | undefined, expected: number, tolerance: number, label: string): void {
  assert.equal(typeof actual, 'number', `${label}: expected a number, got ${actual}`);
  const diff = Math.abs((actual as number) - expected);
  assert.ok(diff <= tolerance, `${label}: ${actual} differs from ${expected} by ${diff} (> ${tolerance})`);
}

function item(report: { items: ItemStatistics[] }, id: string): ItemStatistics {
  const found = report.items.find((i) => i.id === id);
  assert.ok(found, `item ${id}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// The hand-worked matrix: test/fixtures/item-statistics/hand-worked.md shows every figure's arithmetic.
// ---------------------------------------------------------------------------------------------------------

const HAND_ITEMS: StatisticsItem[] = [
  { id: 'Q1', maxMark: 1, outcomes: ['O1'], randomGuessScore: 0.25 },
  { id: 'Q2', maxMark: 1, outcomes: ['O1', 'O2'], randomGuessScore: 0.5 },
  { id: 'Q3', maxMark: 2, outcomes: ['O2'] },
  { id: 'Q4', maxMark: 1, outcomes: ['O3'], randomGuessScore: null },
];
const HAND_ATTEMPTS: StatisticsAttempt[] = [
  { participantId: 'P1', marks: { Q1: 1, Q2: 1, Q3: 2, Q4: 0 } },
  { participantId: 'P2', marks: { Q1: 1, Q2: 1, Q3: 2, Q4: 0 } },
  { participantId: 'P3', marks: { Q1: 1, Q2: 0, Q3: 2, Q4: 0 } },
  { participantId: 'P4', marks: { Q1: 0, Q2: 1, Q3: 1.5, Q4: 0 } },
  { participantId: 'P5', marks: { Q1: 0, Q2: 0, Q3: 2, Q4: null } },
  { participantId: 'P6', marks: { Q1: 0, Q2: 0, Q3: 2, Q4: 0.5 } },
];
const HAND: StatisticsInput = { items: HAND_ITEMS, attempts: HAND_ATTEMPTS };
const TOL = 1e-6;

describe('hand-worked 6 × 4 matrix (test/fixtures/item-statistics/hand-worked.md)', () => {
  const report = itemStatistics(HAND);

  it('test statistics', () => {
    const t = report.test;
    assert.equal(t.attempts, 6);
    assert.equal(t.itemCount, 4);
    assert.equal(t.maxTotal, 5);
    close(t.mean, 3, TOL, 'mean');
    close(t.median, 2.75, TOL, 'median');
    close(t.sd, Math.sqrt(0.7), TOL, 'sd');
    close(t.sd, 0.8366600265, TOL, 'sd (decimal)');
    close(t.meanPercent, 60, TOL, 'mean %');
    close(t.medianPercent, 55, TOL, 'median %');
    close(t.sdPercent, 16.733200531, TOL, 'sd %');
    close(t.skewness, 0.225 / 0.7 ** 1.5, TOL, 'skewness');
    close(t.skewness, 0.3841806244, TOL, 'skewness (decimal)');
    close(t.kurtosis, -25 / 14, TOL, 'kurtosis');
    close(t.cic, 200 / 63, TOL, 'CIC');
    close(t.errorRatio, 100 * Math.sqrt(61 / 63), TOL, 'error ratio');
    close(t.errorRatio, 98.3998967608, TOL, 'error ratio (decimal)');
    close(t.standardError, 0.8232726023, TOL, 'standard error');
  });

  const expected: Record<
    string,
    {
      answered: number;
      meanMark: number;
      facility: number;
      sdMarks: number;
      sd: number;
      rgs: number | null;
      markVariance: number;
      restVariance: number;
      covariance: number;
      covarianceMax: number;
      covarianceWithTotal: number;
      di: number;
      de: number;
      intended: number;
      effective: number | null;
    }
  > = {
    Q1: {
      answered: 6,
      meanMark: 0.5,
      facility: 0.5,
      sdMarks: Math.sqrt(0.3),
      sd: 0.5477225575,
      rgs: 0.25,
      markVariance: 0.3,
      restVariance: 0.2,
      covariance: 0.1,
      covarianceMax: 0.2,
      covarianceWithTotal: 0.4,
      di: 40.8248290464,
      de: 50,
      intended: 20,
      effective: 45.0535931652,
    },
    Q2: {
      answered: 6,
      meanMark: 0.5,
      facility: 0.5,
      sdMarks: Math.sqrt(0.3),
      sd: 0.5477225575,
      rgs: 0.5,
      markVariance: 0.3,
      restVariance: 0.4,
      covariance: 0,
      covarianceMax: 0.3,
      covarianceWithTotal: 0.3,
      di: 0,
      de: 0,
      intended: 20,
      effective: 39.0175562128,
    },
    Q3: {
      answered: 6,
      meanMark: 23 / 12,
      facility: 23 / 24,
      sdMarks: 0.2041241452,
      sd: 0.1020620726,
      rgs: null,
      markVariance: 1 / 24,
      restVariance: 77 / 120,
      covariance: 1 / 120,
      covarianceMax: 13 / 120,
      covarianceWithTotal: 0.05,
      di: 5.0964719144,
      de: 100 / 13,
      intended: 40,
      effective: 15.928850622,
    },
    Q4: {
      answered: 5,
      meanMark: 1 / 12,
      facility: 1 / 12,
      sdMarks: 0.2041241452,
      sd: 0.2041241452,
      rgs: null,
      markVariance: 1 / 24,
      restVariance: 101 / 120,
      covariance: -11 / 120,
      covarianceMax: 13 / 120,
      covarianceWithTotal: -0.05,
      di: -48.9493575439,
      de: -1100 / 13,
      intended: 20,
      effective: null,
    },
  };

  for (const [id, e] of Object.entries(expected)) {
    it(`item ${id}`, () => {
      const s = item(report, id);
      assert.equal(s.attempts, 6);
      assert.equal(s.answered, e.answered);
      close(s.meanMark, e.meanMark, TOL, `${id} mean mark`);
      close(s.facility, e.facility, TOL, `${id} facility`);
      close(s.sdMarks, e.sdMarks, TOL, `${id} SD (marks)`);
      close(s.sd, e.sd, TOL, `${id} SD (of max)`);
      assert.equal(s.randomGuessScore, e.rgs);
      close(s.markVariance, e.markVariance, TOL, `${id} V(x)`);
      close(s.restVariance, e.restVariance, TOL, `${id} V(r)`);
      close(s.covariance, e.covariance, TOL, `${id} Cov(x, r)`);
      close(s.covarianceMax, e.covarianceMax, TOL, `${id} Covmax`);
      close(s.covarianceWithTotal, e.covarianceWithTotal, TOL, `${id} Cov(x, X)`);
      close(s.discriminationIndex, e.di, TOL, `${id} DI`);
      close(s.discriminativeEfficiency, e.de, TOL, `${id} DE`);
      close(s.intendedWeight, e.intended, TOL, `${id} intended weight`);
      if (e.effective === null) assert.equal(s.effectiveWeight, null);
      else close(s.effectiveWeight, e.effective, TOL, `${id} effective weight`);
    });
  }

  it('covariances with the total add up to the variance of the total', () => {
    const sum = report.items.reduce((acc, i) => acc + (i.covarianceWithTotal ?? 0), 0);
    close(sum, 0.7, 1e-12, 'Σ Cov(x, X)');
  });

  it('flags', () => {
    assert.deepEqual(item(report, 'Q1').flags, {
      tooEasy: false,
      tooHard: false,
      poorDiscrimination: false,
      lowEfficiency: false,
    });
    assert.deepEqual(item(report, 'Q2').flags, {
      tooEasy: false,
      tooHard: false,
      poorDiscrimination: true,
      lowEfficiency: true,
    });
    assert.deepEqual(item(report, 'Q3').flags, {
      tooEasy: true,
      tooHard: false,
      poorDiscrimination: true,
      lowEfficiency: true,
    });
    assert.deepEqual(item(report, 'Q4').flags, {
      tooEasy: false,
      tooHard: true,
      poorDiscrimination: true,
      lowEfficiency: true,
    });
    assert.deepEqual(
      report.items.map((i) => i.flagged),
      [false, true, true, true],
    );
  });

  it('outcome roll-up', () => {
    assert.deepEqual(
      report.outcomes.map((o) => [o.outcome, o.itemIds, o.flaggedItems]),
      [
        ['O1', ['Q1', 'Q2'], 1],
        ['O2', ['Q2', 'Q3'], 2],
        ['O3', ['Q4'], 1],
      ],
    );
    const [o1, o2, o3] = report.outcomes;
    close(o1?.meanFacility, 0.5, TOL, 'O1 facility');
    close(o1?.meanDiscriminationIndex, 20.4124145232, TOL, 'O1 DI');
    close(o2?.meanFacility, 35 / 48, TOL, 'O2 facility');
    close(o2?.meanDiscriminationIndex, 2.5482359572, TOL, 'O2 DI');
    close(o3?.meanFacility, 1 / 12, TOL, 'O3 facility');
    close(o3?.meanDiscriminationIndex, -48.9493575439, TOL, 'O3 DI');
  });

  it('a blank answer counts as 0: the same figures as an explicit 0, except `answered`', () => {
    const zeroed = itemStatistics({
      items: HAND_ITEMS,
      attempts: HAND_ATTEMPTS.map((a) => ({ ...a, marks: { ...a.marks, Q4: a.marks.Q4 ?? 0 } })),
    });
    assert.deepEqual(zeroed.test, report.test);
    assert.equal(item(zeroed, 'Q4').answered, 6);
    assert.deepEqual({ ...item(zeroed, 'Q4'), answered: 5 }, item(report, 'Q4'));
    // A missing key is the same as null.
    const missing = itemStatistics({
      items: HAND_ITEMS,
      attempts: HAND_ATTEMPTS.map((a) => ({
        ...a,
        marks: Object.fromEntries(Object.entries(a.marks).filter(([, m]) => m !== null)),
      })),
    });
    assert.deepEqual(missing, report);
  });

  it('does not depend on the order of the attempts', () => {
    const reversed = itemStatistics({ items: HAND_ITEMS, attempts: [...HAND_ATTEMPTS].reverse() });
    for (const [a, b] of reversed.items.map((r, i) => [r, report.items[i]] as const)) {
      for (const key of [
        'facility',
        'discriminationIndex',
        'discriminativeEfficiency',
        'effectiveWeight',
      ] as const) {
        const x = a[key];
        const y = b?.[key] ?? null;
        if (y === null) assert.equal(x, null);
        else close(x, y, 1e-9, `${a.id} ${key}`);
      }
    }
    close(reversed.test.cic, report.test.cic ?? Number.NaN, 1e-9, 'CIC');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Published example: Moodle's own regression fixture for the quiz statistics report (quiz 00), whose
// expected figures were computed independently in a spreadsheet. Sources in the JSON file's "source".
// ---------------------------------------------------------------------------------------------------------

interface MoodleFixture {
  maxMark: number;
  marks: number[][];
  expectedItems: {
    slot: number;
    facility: number;
    sd: number;
    effectiveweight: number;
    covariance: number;
    markvariance: number;
    othermarkvariance: number;
    discriminationindex: number;
    covariancemax: number;
    discriminativeefficiency: number;
  }[];
  expectedTest: {
    attempts: number;
    mean: number;
    median: number;
    sd: number;
    skewness: number;
    kurtosis: number;
    cic: number;
    errorRatio: number;
    standardError: number;
  };
}

describe("Moodle's quiz statistics fixture, quiz 00 (25 attempts × 7 questions)", () => {
  const fixture = JSON.parse(readFileSync(new URL('moodle-quiz-00.json', FIXTURES), 'utf8')) as MoodleFixture;
  const slots = fixture.expectedItems.map((e) => String(e.slot));
  const report = itemStatistics({
    items: slots.map((id) => ({ id, maxMark: fixture.maxMark, outcomes: [] })),
    attempts: fixture.marks.map((row, i) => ({
      participantId: `attempt-${i + 1}`,
      marks: Object.fromEntries(slots.map((id, j) => [id, row[j] ?? null])),
    })),
  });
  // The expected figures are given to 10 decimal places; Moodle's own test is looser (see the fixture).
  const EPS = 1e-8;

  it('question statistics match qstats00.csv', () => {
    for (const e of fixture.expectedItems) {
      const s = item(report, String(e.slot));
      const at = `slot ${e.slot}`;
      assert.equal(s.attempts, 25);
      close(s.facility, e.facility, EPS, `${at} facility`);
      close(s.sdMarks, e.sd, EPS, `${at} sd`);
      close(s.effectiveWeight, e.effectiveweight, EPS, `${at} effective weight`);
      close(s.covariance, e.covariance, EPS, `${at} covariance`);
      close(s.markVariance, e.markvariance, EPS, `${at} mark variance`);
      close(s.restVariance, e.othermarkvariance, EPS, `${at} other-mark variance`);
      close(s.discriminationIndex, e.discriminationindex, EPS, `${at} discrimination index`);
      close(s.covarianceMax, e.covariancemax, EPS, `${at} covariance max`);
      close(s.discriminativeEfficiency, e.discriminativeefficiency, EPS, `${at} discriminative efficiency`);
    }
  });

  it('quiz statistics match check_quiz_stats_for_quiz_00', () => {
    const t = report.test;
    const e = fixture.expectedTest;
    assert.equal(t.attempts, e.attempts);
    close(t.mean, e.mean, EPS, 'mean');
    close(t.median, e.median, EPS, 'median');
    close(t.sd, e.sd, EPS, 'sd');
    close(t.skewness, e.skewness, EPS, 'skewness');
    close(t.kurtosis, e.kurtosis, EPS, 'kurtosis');
    close(t.cic, e.cic, EPS, 'CIC');
    close(t.errorRatio, e.errorRatio, EPS, 'error ratio');
    close(t.standardError, e.standardError, EPS, 'standard error');
  });

  it("flags every question as Moodle's report would mark it dubious (DE < 15%)", () => {
    for (const e of fixture.expectedItems) {
      const s = item(report, String(e.slot));
      assert.equal(s.flags.lowEfficiency, e.discriminativeefficiency < 15, `slot ${e.slot}`);
    }
    // Slot 3 (facility 97.3%) is the only too-easy question; none is too hard.
    assert.deepEqual(
      report.items.filter((i) => i.flags.tooEasy).map((i) => i.id),
      ['3'],
    );
    assert.ok(report.items.every((i) => !i.flags.tooHard));
  });
});

// ---------------------------------------------------------------------------------------------------------
// Which attempts count.
// ---------------------------------------------------------------------------------------------------------

describe('attempt selection', () => {
  const items: StatisticsItem[] = [
    { id: 'a', maxMark: 1, outcomes: [] },
    { id: 'b', maxMark: 1, outcomes: [] },
  ];
  const attempts: StatisticsAttempt[] = [
    { participantId: 'ann', marks: { a: 0, b: 0 } },
    { participantId: 'bob', marks: { a: 1, b: 0 } },
    { participantId: 'ann', marks: { a: 1, b: 1 } },
    { participantId: 'ann', marks: { a: 1, b: null } },
    { participantId: 'bob', marks: { a: 0, b: 1 } },
  ];
  const input = { items, attempts };
  const picked = (which: 'first' | 'highest' | 'last' | 'all') =>
    selectAttempts(input, which).map((a) => attempts.indexOf(a));

  it('first (the default) keeps each participant’s first attempt', () => {
    assert.deepEqual(picked('first'), [0, 1]);
    assert.equal(itemStatistics(input).test.attempts, 2);
    assert.equal(itemStatistics(input).whichAttempts, 'first');
  });
  it('highest keeps the best total, the earliest of equal totals', () => {
    assert.deepEqual(picked('highest'), [1, 2]);
  });
  it('last keeps the latest', () => {
    assert.deepEqual(picked('last'), [3, 4]);
  });
  it('all keeps every attempt', () => {
    assert.deepEqual(picked('all'), [0, 1, 2, 3, 4]);
    assert.equal(itemStatistics(input, { whichAttempts: 'all' }).test.attempts, 5);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Degenerate cases: nothing throws, and a figure whose formula would divide by zero is null.
// ---------------------------------------------------------------------------------------------------------

const TWO_ITEMS: StatisticsItem[] = [
  { id: 'a', maxMark: 1, outcomes: ['LO1'] },
  { id: 'b', maxMark: 2, outcomes: ['LO1'] },
];
const attemptsOf = (...rows: [number | null, number | null][]): StatisticsAttempt[] =>
  rows.map(([a, b], i) => ({ participantId: `p${i}`, marks: { a, b } }));

const DISPERSION_ITEM_FIELDS = [
  'sd',
  'sdMarks',
  'markVariance',
  'restVariance',
  'covariance',
  'covarianceMax',
  'covarianceWithTotal',
  'discriminationIndex',
  'discriminativeEfficiency',
  'effectiveWeight',
] as const;

describe('degenerate cases', () => {
  it('no attempts: counts are 0 and every figure null', () => {
    const report = itemStatistics({ items: TWO_ITEMS, attempts: [] });
    assert.equal(report.test.attempts, 0);
    assert.equal(report.test.maxTotal, 3);
    for (const key of [
      'mean',
      'median',
      'sd',
      'skewness',
      'kurtosis',
      'cic',
      'errorRatio',
      'standardError',
    ] as const) {
      assert.equal(report.test[key], null, key);
    }
    for (const s of report.items) {
      assert.equal(s.attempts, 0);
      assert.equal(s.answered, 0);
      assert.equal(s.meanMark, null);
      assert.equal(s.facility, null);
      for (const key of DISPERSION_ITEM_FIELDS) assert.equal(s[key], null, key);
      assert.equal(s.flagged, false);
    }
    assert.deepEqual(report.outcomes, [
      {
        outcome: 'LO1',
        itemIds: ['a', 'b'],
        meanFacility: null,
        meanDiscriminationIndex: null,
        flaggedItems: 0,
      },
    ]);
  });

  it('no items', () => {
    const report = itemStatistics({ items: [], attempts: [{ participantId: 'p', marks: { x: 1 } }] });
    assert.deepEqual(report.items, []);
    assert.deepEqual(report.outcomes, []);
    assert.equal(report.test.mean, 0);
    assert.equal(report.test.meanPercent, null);
    assert.equal(report.test.cic, null);
  });

  it('one attempt: means and facility, but no spread', () => {
    const report = itemStatistics({ items: TWO_ITEMS, attempts: attemptsOf([1, 1]) });
    assert.equal(report.test.mean, 2);
    assert.equal(report.test.median, 2);
    assert.equal(report.test.sd, null);
    assert.equal(report.test.skewness, null);
    assert.equal(report.test.cic, null);
    assert.equal(item(report, 'a').facility, 1);
    assert.equal(item(report, 'b').facility, 0.5);
    for (const s of report.items) for (const key of DISPERSION_ITEM_FIELDS) assert.equal(s[key], null, key);
    assert.equal(item(report, 'a').flags.tooEasy, true);
  });

  it('two attempts: SD, but no skewness, kurtosis or CIC (Moodle needs three)', () => {
    const report = itemStatistics({ items: TWO_ITEMS, attempts: attemptsOf([1, 2], [0, 0]) });
    close(report.test.sd, Math.SQRT2 * 1.5, 1e-12, 'sd');
    assert.equal(report.test.skewness, null);
    assert.equal(report.test.kurtosis, null);
    assert.equal(report.test.cic, null);
    assert.equal(report.test.errorRatio, null);
    assert.equal(report.test.standardError, null);
    close(item(report, 'a').discriminationIndex, 100, 1e-9, 'DI');
  });

  it('three attempts: skewness and CIC, but no kurtosis (Moodle needs four)', () => {
    const report = itemStatistics({ items: TWO_ITEMS, attempts: attemptsOf([1, 2], [0, 0], [1, 0]) });
    assert.equal(typeof report.test.skewness, 'number');
    assert.equal(report.test.kurtosis, null);
    assert.equal(typeof report.test.cic, 'number');
  });

  it('zero variance everywhere: SDs are 0, and every ratio over a variance is null', () => {
    const report = itemStatistics({ items: TWO_ITEMS, attempts: attemptsOf([1, 2], [1, 2], [1, 2], [1, 2]) });
    assert.equal(report.test.sd, 0);
    assert.equal(report.test.skewness, null);
    assert.equal(report.test.kurtosis, null);
    assert.equal(report.test.cic, null);
    for (const s of report.items) {
      assert.equal(s.sd, 0);
      assert.equal(s.markVariance, 0);
      assert.equal(s.discriminationIndex, null);
      assert.equal(s.discriminativeEfficiency, null);
      assert.equal(s.effectiveWeight, null);
      assert.equal(s.flags.poorDiscrimination, false);
      assert.equal(s.flags.lowEfficiency, false);
      assert.equal(s.flags.tooEasy, true);
    }
  });

  it('one constant item among varying ones: that item has no DI or DE, the others do', () => {
    // 0.1 + 0.2 is not exactly 0.3; the constant check must not let a rounding residue through.
    const items: StatisticsItem[] = [
      { id: 'c', maxMark: 1, outcomes: [] },
      { id: 'v', maxMark: 1, outcomes: [] },
      { id: 'w', maxMark: 1, outcomes: [] },
    ];
    const attempts = [0, 1, 1, 0, 1].map((v, i) => ({
      participantId: `p${i}`,
      marks: { c: 0.1, v, w: i % 2 === 0 ? 1 : 0.3 },
    }));
    const report = itemStatistics({ items, attempts });
    const c = item(report, 'c');
    assert.equal(c.markVariance, 0);
    assert.equal(c.discriminationIndex, null);
    assert.equal(c.discriminativeEfficiency, null);
    assert.equal(c.covarianceWithTotal, 0);
    assert.equal(c.effectiveWeight, 0);
    assert.equal(typeof item(report, 'v').discriminationIndex, 'number');
    assert.equal(typeof report.test.cic, 'number');
  });

  it('a single item: the rest of the test is always 0, so DI, DE and CIC are null', () => {
    const report = itemStatistics({
      items: [{ id: 'only', maxMark: 1, outcomes: [] }],
      attempts: [0, 1, 1, 0, 1].map((m, i) => ({ participantId: `p${i}`, marks: { only: m } })),
    });
    const s = item(report, 'only');
    close(s.facility, 0.6, 1e-12, 'facility');
    assert.equal(s.restVariance, 0);
    assert.equal(s.discriminationIndex, null);
    assert.equal(s.discriminativeEfficiency, null);
    close(s.effectiveWeight, 100, 1e-9, 'effective weight');
    assert.equal(report.test.cic, null);
    assert.equal(typeof report.test.skewness, 'number');
  });

  it('a zero maximum mark: facility and SD (of max) are null', () => {
    const report = itemStatistics({
      items: [
        { id: 'z', maxMark: 0, outcomes: [] },
        { id: 'a', maxMark: 1, outcomes: [] },
      ],
      attempts: [0, 1, 0].map((m, i) => ({ participantId: `p${i}`, marks: { z: 0, a: m } })),
    });
    assert.equal(item(report, 'z').facility, null);
    assert.equal(item(report, 'z').sd, null);
    assert.equal(item(report, 'z').intendedWeight, 0);
  });

  it('ignores marks for unknown items and treats non-finite marks as blanks', () => {
    const report = itemStatistics({
      items: TWO_ITEMS,
      attempts: [
        { participantId: 'p1', marks: { a: Number.NaN, b: 2, zz: 100 } },
        { participantId: 'p2', marks: { a: 1, b: Number.POSITIVE_INFINITY } },
        { participantId: 'p3', marks: { a: 1, b: 1 } },
      ],
    });
    assert.equal(report.test.mean, 5 / 3);
    assert.equal(item(report, 'a').answered, 2);
    assert.equal(item(report, 'b').answered, 2);
  });

  it('an item naming an outcome twice counts once in it; items with no outcome are not rolled up', () => {
    const report = itemStatistics({
      items: [
        { id: 'a', maxMark: 1, outcomes: ['LO1', 'LO1'] },
        { id: 'b', maxMark: 1, outcomes: [] },
      ],
      attempts: attemptsOf([1, 0], [0, 1], [1, 1]),
    });
    assert.deepEqual(item(report, 'a').outcomes, ['LO1']);
    assert.deepEqual(
      report.outcomes.map((o) => [o.outcome, o.itemIds]),
      [['LO1', ['a']]],
    );
  });
});

describe('thresholds and the random guess score helper', () => {
  it('are the documented values, and the facility bounds are inclusive', () => {
    assert.equal(TOO_EASY_FACILITY, 0.9);
    assert.equal(TOO_HARD_FACILITY, 0.1);
    assert.equal(POOR_DISCRIMINATION_INDEX, 15);
    assert.equal(LOW_DISCRIMINATIVE_EFFICIENCY, 15);
    const items: StatisticsItem[] = [
      { id: 'easy', maxMark: 10, outcomes: [] },
      { id: 'hard', maxMark: 10, outcomes: [] },
    ];
    const report = itemStatistics({
      items,
      attempts: [
        { participantId: 'p1', marks: { easy: 10, hard: 2 } },
        { participantId: 'p2', marks: { easy: 8, hard: 0 } },
      ],
    });
    assert.equal(item(report, 'easy').flags.tooEasy, true);
    assert.equal(item(report, 'hard').flags.tooHard, true);
  });

  it('single-choice random guess score is the mean option fraction', () => {
    assert.equal(singleChoiceRandomGuessScore([1, 0, 0, 0]), 0.25);
    assert.equal(singleChoiceRandomGuessScore([1, 0.5, 0]), 0.5);
    assert.equal(singleChoiceRandomGuessScore([]), null);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties over random mark matrices.
// ---------------------------------------------------------------------------------------------------------

describe('properties', () => {
  const matrix = fc
    .record({
      maxMarks: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }),
      rows: fc.array(
        fc.array(fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }), { minLength: 6, maxLength: 6 }),
        {
          maxLength: 12,
        },
      ),
    })
    .map(({ maxMarks, rows }) => ({
      items: maxMarks.map((maxMark, j) => ({ id: `q${j}`, maxMark, outcomes: [`LO${j % 2}`] })),
      attempts: rows.map((row, i) => ({
        participantId: `p${i}`,
        marks: Object.fromEntries(
          maxMarks.map((max, j) => {
            const v = row[j] ?? null;
            return [`q${j}`, v === null ? null : (v % (2 * max + 1)) / 2];
          }),
        ),
      })),
    }));

  it('never throw, and stay within their ranges', () => {
    fc.assert(
      fc.property(matrix, (input) => {
        const report = itemStatistics(input);
        for (const s of report.items) {
          if (s.facility !== null) assert.ok(s.facility >= 0 && s.facility <= 1 + 1e-12);
          if (s.discriminationIndex !== null) {
            assert.ok(Math.abs(s.discriminationIndex) <= 100 + 1e-9, `DI ${s.discriminationIndex}`);
            // Covmax ≥ |Cov|, so DE is at least as far from 0 as DI and at most 100.
            assert.ok(s.discriminativeEfficiency !== null);
            assert.ok(s.discriminativeEfficiency <= 100 + 1e-9);
            assert.ok(Math.abs(s.discriminativeEfficiency) >= Math.abs(s.discriminationIndex) - 1e-9);
          }
        }
        const weights = report.items.map((s) => s.effectiveWeight);
        if (weights.every((w) => w !== null)) {
          close(
            weights.reduce((a, w) => a + (w ?? 0), 0),
            100,
            1e-9,
            'Σ effective weight',
          );
        }
        const { cic, errorRatio } = report.test;
        if (cic !== null) {
          assert.ok(cic <= 100 + 1e-9, `CIC ${cic}`);
          assert.ok(errorRatio !== null && errorRatio >= 0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
