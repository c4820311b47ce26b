import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { COURSE_MD, tinyCourse } from '../../test/fixtures/minimal-course.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { assembleAssessment } from './assessment.ts';
import { checkCourse } from './check-course.ts';
import type { Course } from './model.ts';
import { parseCourse } from './parse-course.ts';

let course: Course;
before(async () => {
  const loaded = await loadCourse('courses/poc-module-1');
  assert.ok(loaded.course);
  course = loaded.course;
});

describe('assembleAssessment', () => {
  it('draws the blueprint’s number of items per outcome, the same paper for the same seed', () => {
    const plan = assembleAssessment(course, 'session-1');
    assert.equal(plan.itemIds.length, 10);
    assert.equal(plan.passMark, 0.8);
    const byOutcome = new Map<string, number>();
    for (const id of plan.itemIds) {
      const outcome = course.items.find((i) => i.id === id)?.outcomes[0] ?? '';
      byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
    }
    assert.deepEqual([...byOutcome.values()], [2, 2, 2, 2, 2]);
    assert.deepEqual(assembleAssessment(course, 'session-1').itemIds, plan.itemIds);
    assert.notDeepEqual(assembleAssessment(course, 'session-2').itemIds, plan.itemIds);
  });

  it('reports a blueprint the item bank cannot fill', () => {
    const text = COURSE_MD.replace(
      'legend:',
      'assessment:\n  itemsPerOutcome: 2\n  timeLimitMinutes: 5\n  passMark: 0.8\n  attempts: 1\nlegend:',
    );
    const { problems } = checkCourse(parseCourse(tinyCourse({ 'course.md': text })));
    assert.deepEqual(
      problems.map((p) => [p.code, p.params.id, p.params.available, p.at.line]),
      [
        ['ASSESSMENT_SHORT', 'LO1', 0, 37],
        ['ASSESSMENT_SHORT', 'LO2', 1, 37],
      ],
    );
  });
});
