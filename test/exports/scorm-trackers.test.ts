/**
 * The SCORM trackers against scorm-again's runtime in Node (no browser): the cases the end-to-end
 * tests do not walk through. Review and browse modes, the LMS's mastery score or scaled passing score
 * deciding, a pass never overwritten by a later fail, an interaction answered twice, no LMS at all.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as scorm12 from 'scorm-again/scorm12';
import * as scorm2004 from 'scorm-again/scorm2004';
import { buildSelfPacedPackage } from '../../src/selfpaced/build-package.ts';
import type { SelfPacedPackage, SelfPacedProgress } from '../../src/selfpaced/self-paced-package.ts';
import { type Scorm12Api, Scorm12Tracker } from '../../src/views/self-paced/scorm12-tracker.ts';
import { type Scorm2004Api, Scorm2004Tracker } from '../../src/views/self-paced/scorm2004-tracker.ts';
import { moduleOne } from '../fixtures/lms/module-one.ts';

/** The LMS side of scorm-again: loading saved data and reading it back. */
interface LmsSide {
  loadFromJSON(json: Record<string, unknown>, element: string): void;
  renderCMIToJSONObject(): { cmi: unknown };
}
type Constructor<T> = new (settings: Record<string, unknown>) => T & LmsSide;
// scorm-again's ESM build exports the classes by name (its types declare a default export).
const Scorm12API = (scorm12 as Record<string, unknown>).Scorm12API as Constructor<Scorm12Api>;
const Scorm2004API = (scorm2004 as Record<string, unknown>).Scorm2004API as Constructor<Scorm2004Api>;

let pkg: SelfPacedPackage;

before(async () => {
  pkg = buildSelfPacedPackage(await moduleOne());
});

/** A window whose parent is itself (a top window), holding `props`. */
function win(props: Record<string, unknown>): Window {
  const w: Record<string, unknown> = { ...props };
  w.parent = w;
  return w as unknown as Window;
}

function progress(frame: number, revision = 1): SelfPacedProgress {
  return {
    revision,
    frame,
    seen: [0, frame],
    answers: {},
    assessment: { startedAt: null, submittedAt: null, score: null, passed: null },
  };
}

const outcomes = (score: number) => Object.fromEntries(pkg.outcomes.map((o) => [o.id, score]));
// biome-ignore lint/suspicious/noExplicitAny: scorm-again's CMI JSON is walked by element name
type Cmi = Record<string, any>;

describe('SCORM 1.2 tracker', () => {
  function lms(cmi: Cmi) {
    const api = new Scorm12API({ logLevel: 5 });
    api.loadFromJSON(cmi, '');
    const tracker = new Scorm12Tracker({ pkg, window: win({ API: api }), commitDelayMs: 1 });
    return { api, tracker, cmi: () => api.renderCMIToJSONObject().cmi as Cmi };
  }

  test('the LMS mastery score decides, and a pass stays a pass', async () => {
    const { tracker, cmi } = lms({
      core: { lesson_status: 'not attempted' },
      student_data: { mastery_score: '90' },
    });
    await tracker.start();
    assert.equal(cmi().core.lesson_status, 'incomplete');
    await tracker.complete({ score: 0.85, passed: true, outcomes: outcomes(0.85) });
    assert.equal(cmi().core.lesson_status, 'failed', '85 is below the LMS mastery score of 90');
    await tracker.complete({ score: 0.95, passed: true, outcomes: outcomes(0.95) });
    assert.equal(cmi().core.lesson_status, 'passed');
    await tracker.complete({ score: 0.1, passed: false, outcomes: outcomes(0.1) });
    assert.equal(cmi().core.lesson_status, 'passed');
    assert.equal(cmi().core.score.raw, '95');
    assert.equal(
      Object.keys(cmi().objectives).length,
      pkg.outcomes.length,
      'objectives updated, not duplicated',
    );
    await tracker.finish();
    assert.equal(cmi().core.exit, '');
    assert.deepEqual(tracker.log.lines, []);
  });

  test('review mode: nothing is written; browse mode: status browsed', async () => {
    const review = lms({ core: { lesson_status: 'passed', lesson_mode: 'review' } });
    await review.tracker.start();
    await review.tracker.save(progress(3));
    await review.tracker.answered('lo3-intent-not-type', ['LO3'], 1, { value: true });
    await review.tracker.complete({ score: 0, passed: false, outcomes: {} });
    await review.tracker.finish();
    const c = review.cmi();
    assert.equal(c.core.lesson_status, 'passed');
    assert.equal(c.suspend_data, '');
    assert.deepEqual(c.interactions, {});
    const browse = lms({ core: { lesson_status: 'not attempted', lesson_mode: 'browse' } });
    await browse.tracker.start();
    assert.equal(browse.cmi().core.lesson_status, 'browsed');
  });

  test('resume from lesson_location when there is no suspend data', async () => {
    const { tracker } = lms({ core: { lesson_status: 'incomplete', lesson_location: '7', entry: 'resume' } });
    const started = await tracker.start();
    assert.equal(started.progress?.frame, 7);
  });

  test('an older save never overwrites a newer one; saves after finish are ignored', async () => {
    const { tracker, cmi } = lms({});
    await tracker.start();
    await tracker.save(progress(5, 10));
    await tracker.save(progress(2, 9));
    assert.equal(cmi().core.lesson_location, '5');
    await tracker.finish();
    assert.equal(cmi().core.exit, 'suspend');
    await tracker.save(progress(8, 11));
    assert.equal(cmi().core.lesson_location, '5');
  });

  test('no LMS: the tracker works on its own and never throws', async () => {
    const tracker = new Scorm12Tracker({ pkg, window: win({}) });
    assert.deepEqual(await tracker.start(), { learner: null, progress: null });
    await tracker.save(progress(1));
    await tracker.answered('x', [], null, null);
    await tracker.complete({ score: 1, passed: true, outcomes: {} });
    await tracker.finish();
    tracker.finishNow();
    assert.equal(tracker.log.lines.length, 1);
  });
});

describe('SCORM 2004 tracker', () => {
  function lms(cmi: Cmi) {
    const api = new Scorm2004API({ logLevel: 5 });
    api.loadFromJSON(cmi, '');
    const tracker = new Scorm2004Tracker({ pkg, window: win({ API_1484_11: api }), commitDelayMs: 1 });
    return { api, tracker, cmi: () => api.renderCMIToJSONObject().cmi as Cmi };
  }

  test('scaled passing score decides; an interaction answered again is updated, not duplicated', async () => {
    const { tracker, cmi } = lms({ scaled_passing_score: '0.9', learner_name: 'Jane Doe' });
    const started = await tracker.start();
    assert.deepEqual(started.learner, { name: 'Jane Doe' });
    await tracker.save({ ...progress(pkg.frames.length - 1), seen: pkg.frames.map((_, i) => i) });
    assert.equal(cmi().progress_measure, '0.99', 'seeing every slide is not completing');
    await tracker.answered('act-who-protects', ['LO4'], 0.5, { matches: [5, 6, 2, 7, 3, 1, 0, 4] });
    await tracker.answered('act-who-protects', ['LO4'], 1, { matches: [5, 6, 2, 7, 3, 1, 4, 0] });
    const interactions = Object.values(cmi().interactions) as Cmi[];
    assert.equal(interactions.length, 1);
    assert.equal(interactions[0]?.result, 'correct');
    assert.equal(
      interactions[0]?.learner_response,
      '0[.]f[,]1[.]g[,]2[.]c[,]3[.]h[,]4[.]d[,]5[.]b[,]6[.]e[,]7[.]a',
    );
    await tracker.complete({ score: 0.85, passed: true, outcomes: outcomes(0.85) });
    assert.equal(cmi().success_status, 'failed', '0.85 is below the scaled passing score of 0.9');
    assert.equal(cmi().completion_status, 'completed');
    assert.equal(cmi().progress_measure, '1');
    await tracker.finish();
    assert.equal(cmi().exit, 'suspend');
    assert.deepEqual(tracker.log.lines, []);
  });

  test('review mode writes nothing', async () => {
    const { tracker, cmi } = lms({
      mode: 'review',
      completion_status: 'completed',
      success_status: 'passed',
    });
    await tracker.start();
    await tracker.save(progress(3));
    await tracker.complete({ score: 0, passed: false, outcomes: {} });
    await tracker.finish();
    assert.equal(cmi().success_status, 'passed');
    assert.equal(cmi().suspend_data, '');
  });
});
