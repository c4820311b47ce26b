import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type AssessmentPlan, assembleAssessment } from '../content/assessment.ts';
import type { Course } from '../content/model.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { answerKey } from '../live/activity-view.ts';
import type { Response } from '../live/protocol.ts';
import { type ResultAnswer, sessionResults } from './session-results.ts';

let course: Course;
let plan: AssessmentPlan;
before(async () => {
  const loaded = await loadCourse('courses/poc-module-1');
  assert.ok(loaded.course);
  course = loaded.course;
  plan = assembleAssessment(course, 'results-test');
});

/** Each participant answers every plan item correctly except the ones listed. */
function answersFor(participantId: string, wrong: ReadonlySet<string>): ResultAnswer[] {
  const answers: ResultAnswer[] = [];
  for (const id of plan.itemIds) {
    const item = course.items.find((i) => i.id === id);
    assert.ok(item);
    const key = answerKey(item, course) as Response | undefined;
    if (!key) continue;
    if (item.type === 'short-answer') {
      answers.push({ participantId, activityId: id, response: { text: 'my own words' } });
      continue;
    }
    if (!wrong.has(id)) {
      answers.push({ participantId, activityId: id, response: key });
    } else if (item.type === 'true-false' && 'value' in key) {
      answers.push({ participantId, activityId: id, response: { value: !key.value } });
    } else if ('choice' in key) {
      answers.push({ participantId, activityId: id, response: { choice: key.choice === 0 ? 1 : 0 } });
    }
  }
  return answers;
}

describe('sessionResults', () => {
  it('scores participants, waits for the instructor’s marks and applies the completion rule', () => {
    const shortItems = plan.itemIds.filter(
      (id) => course.items.find((i) => i.id === id)?.type === 'short-answer',
    );
    const firstWrong = plan.itemIds.filter((id) => {
      const type = course.items.find((i) => i.id === id)?.type;
      return type === 'single-choice' || type === 'true-false';
    });
    const participants = [
      { id: 'p1', name: 'Amina' },
      { id: 'p2', name: 'Bruno' },
      { id: 'p3', name: 'Chen' },
    ];
    const answers = [...answersFor('p1', new Set()), ...answersFor('p2', new Set(firstWrong))];
    const input = {
      course,
      plan,
      participants,
      answers,
      marks: [] as { participantId: string; itemId: string; score: number }[],
      presentMs: { p1: 45 * 60_000, p2: 44 * 60_000, p3: 10 * 60_000 },
      sessionMs: 45 * 60_000,
    };
    const unmarked = sessionResults(input);
    const [p1, p2, p3] = unmarked.participants;
    assert.deepEqual(p1?.unmarked.sort(), [...shortItems].sort());
    assert.equal(p1?.passed, shortItems.length === 0, 'not passed while short answers wait for marks');

    const marked = sessionResults({
      ...input,
      marks: shortItems.flatMap((itemId) => [
        { participantId: 'p1', itemId, score: 1 },
        { participantId: 'p2', itemId, score: 0.5 },
      ]),
    });
    const [m1, m2, m3] = marked.participants;
    assert.equal(m1?.assessment, 1);
    assert.equal(m1?.passed, true);
    assert.equal(m1?.completed, true);
    assert.ok((m2?.assessment ?? 1) < plan.passMark, `p2 scored ${m2?.assessment}`);
    assert.equal(m2?.passed, false);
    assert.equal(m3?.assessment, null, 'answered nothing');
    assert.equal(m3?.completed, false);
    assert.ok((m3?.attendance ?? 1) < 0.25);
    assert.equal(p2?.name, 'Bruno');
    assert.equal(p3?.contingent, null);
    assert.deepEqual(
      marked.distribution.reduce((a, b) => a + b, 0),
      2,
    );
    assert.equal(marked.distribution[9], 1);
    for (const outcome of course.outcomes) assert.equal(m1?.outcomes[outcome.id], 1);
    assert.ok(marked.revisit.length > 0, 'p2’s wrong answers pull some outcome below the pass mark');
    assert.equal(marked.statistics.test.attempts, 2);
  });
});
