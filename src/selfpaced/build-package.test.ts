import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { assembleAssessment } from '../content/assessment.ts';
import type { Course } from '../content/model.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { answerKey, publicActivity } from '../live/activity-view.ts';
import { buildPresenterDeck, publicDeck } from '../live/deck.ts';
import { buildSelfPacedPackage } from './build-package.ts';
import { initialProgress, scoreAssessment } from './score-attempt.ts';
import { PARTICIPANT_NOTE_KINDS, type SelfPacedPackage } from './self-paced-package.ts';

let course: Course;
let pkg: SelfPacedPackage;
before(async () => {
  const loaded = await loadCourse('courses/poc-module-1');
  assert.ok(loaded.course);
  course = loaded.course;
  pkg = buildSelfPacedPackage(course);
});

/** Everything a learner can read before answering: frames and notes. */
function readable(p: SelfPacedPackage): string {
  return JSON.stringify(p.frames);
}

/** The package with every key and every explanation taken out. */
function withoutAnswers(p: SelfPacedPackage): string {
  const strip = (entries: SelfPacedPackage['activities']) =>
    Object.fromEntries(Object.entries(entries).map(([id, e]) => [id, { ...e, key: null, feedback: null }]));
  return JSON.stringify({
    ...p,
    activities: strip(p.activities),
    assessment: { ...p.assessment, items: strip(p.assessment.items) },
  });
}

describe('self-paced package of Module 1', () => {
  it('has the public frames, in order, with the course identity and edition', () => {
    const deck = publicDeck(buildPresenterDeck(course));
    assert.equal(pkg.frames.length, deck.frames.length);
    pkg.frames.forEach((frame, i) => {
      const { notes: _notes, ...rest } = frame;
      assert.deepEqual(rest, deck.frames[i]);
    });
    assert.equal(pkg.courseId, 'poc-module-1');
    assert.equal(pkg.edition, 'UN Protection of Civilians PDT Standards, 1st ed. (2011)');
    assert.equal(pkg.language, 'en');
    assert.deepEqual(
      pkg.outcomes.map((o) => o.id),
      ['LO1', 'LO2', 'LO3', 'LO4', 'LO5'],
    );
  });

  it('keeps only participant-facing notes', () => {
    const kinds = new Set(pkg.frames.flatMap((f) => f.notes.map((n) => n.kind)));
    for (const kind of kinds) assert.ok((PARTICIPANT_NOTE_KINDS as readonly string[]).includes(kind), kind);
    assert.ok(
      pkg.frames.at(-1)?.notes.some((n) => n.kind === 'key-points'),
      'key messages at the end',
    );
    assert.ok(
      pkg.frames.some((f) => f.notes.some((n) => n.kind === 'handout')),
      'the Chart 1.1 handout',
    );
    // Every note of another kind is absent, whatever frame it was on.
    const json = JSON.stringify(pkg);
    const presenter = buildPresenterDeck(course, 'carana');
    let checked = 0;
    for (const note of presenter.frames.flatMap((f) => f.notes)) {
      if ((PARTICIPANT_NOTE_KINDS as readonly string[]).includes(note.kind)) continue;
      assert.ok(!json.includes(note.html), `${note.kind} note leaked: ${note.html.slice(0, 80)}`);
      // A sample question may also be an activity's prompt; its answer is for the instructor only.
      for (const q of note.questions ?? []) {
        assert.ok(!readable(pkg).includes(q.text), q.text);
        if (q.answer) assert.ok(!withoutAnswers(pkg).includes(q.answer), q.answer);
      }
      checked++;
    }
    assert.ok(checked > 20, `checked ${checked} instructor notes`);
  });

  it('leaks no instructor text: slide 4’s notes, speaking points, mission prompts, item citations', () => {
    const json = JSON.stringify(pkg);
    for (const sentence of [
      'In planning POC activities it is important to understand both the severity',
      'These two types of violence often happen concurrently',
      'It is important to distinguish CRSV from SGBV',
      'There is a tendency to assume that violence against civilians',
      'Carana',
      'Select two or three participants to answer out loud',
      'Slide 15 notes to instructor',
      'Slide 4 notes to instructor',
    ]) {
      assert.ok(!json.includes(sentence), `package contains “${sentence}”`);
    }
  });

  it('shows “Loss of legitimacy” only inside answer keys and explanations', () => {
    assert.ok(!readable(pkg).includes('Loss of legitimacy'));
    assert.ok(!withoutAnswers(pkg).includes('Loss of legitimacy'));
    const activity = pkg.activities['act-failure-consequences'];
    assert.deepEqual(activity?.key, { text: 'Loss of legitimacy' });
    assert.match(activity?.feedback ?? '', /^Loss of legitimacy/);
    const item = pkg.assessment.items['lo5-loss-of-legitimacy'];
    if (item) assert.match(JSON.stringify(item.key), /Loss of legitimacy/);
  });

  it('carries every frame’s activities with public view, key, explanation and outcomes', () => {
    const ids = pkg.frames.flatMap((f) => f.activityIds);
    assert.deepEqual(Object.keys(pkg.activities).sort(), [...ids].sort());
    assert.ok(ids.length >= 5);
    const classify = pkg.activities['act-opportunistic-strategic'];
    assert.ok(classify);
    assert.equal(classify.view.type, 'classify');
    assert.ok(classify.key && 'categories' in classify.key);
    assert.match(classify.feedback ?? '', /Opportunistic violence results from the lack of law and order/);
    assert.deepEqual(classify.outcomes, ['LO3']);
  });

  it('carries the blueprint’s assessment: items, pass mark, time limit', () => {
    const plan = assembleAssessment(course);
    assert.deepEqual(pkg.assessment.itemIds, plan.itemIds);
    assert.equal(pkg.assessment.itemIds.length, 10);
    assert.equal(pkg.assessment.passMark, 0.8);
    assert.equal(pkg.assessment.timeLimitMinutes, 8);
    assert.equal(pkg.assessment.attempts, 2);
    for (const id of plan.itemIds) {
      const item = course.items.find((i) => i.id === id);
      assert.ok(item);
      const entry = pkg.assessment.items[id];
      assert.deepEqual(entry?.view, publicActivity(item, course));
      assert.deepEqual(entry?.key, answerKey(item, course) ?? null);
      assert.ok(entry?.feedback?.includes(item.feedback));
      assert.ok(!JSON.stringify(entry).includes(item.cite), 'no citation of the instructor notes');
    }
  });

  it('is pure: the same course gives the same package', () => {
    assert.deepEqual(buildSelfPacedPackage(course), pkg);
  });
});

describe('scoreAssessment', () => {
  it('gives 1 and a pass for the keys, 0 and a fail for no answers, and per-outcome means', () => {
    const answers: ReturnType<typeof initialProgress>['answers'] = {};
    for (const id of pkg.assessment.itemIds) {
      const key = pkg.assessment.items[id]?.key;
      if (key) answers[id] = { response: key, score: null, at: 1 };
    }
    const full = scoreAssessment(pkg, answers);
    assert.equal(full.score, 1);
    assert.equal(full.passed, true);
    assert.deepEqual(Object.keys(full.outcomes).sort(), ['LO1', 'LO2', 'LO3', 'LO4', 'LO5']);
    assert.ok(Object.values(full.outcomes).every((v) => v === 1));
    assert.equal(full.scored + full.unscored, pkg.assessment.itemIds.length);

    const none = scoreAssessment(pkg, initialProgress().answers);
    assert.equal(none.score, 0);
    assert.equal(none.passed, false);
    assert.ok(Object.values(none.outcomes).every((v) => v === 0));
  });

  it('does not count items marked by an instructor and passes exactly at the pass mark', () => {
    const scoredIds = pkg.assessment.itemIds.filter((id) => {
      const item = pkg.assessment.items[id];
      return item && item.view.type !== 'short-answer' && item.key;
    });
    const answers: ReturnType<typeof initialProgress>['answers'] = {};
    const right = Math.round(scoredIds.length * 0.8);
    scoredIds.slice(0, right).forEach((id) => {
      answers[id] = { response: pkg.assessment.items[id]?.key, score: null, at: 1 };
    });
    const result = scoreAssessment(pkg, answers);
    assert.equal(result.scored, scoredIds.length);
    assert.equal(result.score, Math.round((right / scoredIds.length) * 1e6) / 1e6);
    assert.equal(result.passed, right / scoredIds.length >= 0.8 - 1e-9);
  });
});
