import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type Activity, allActivities, type Course, type Item } from '../content/model.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { type AnswerKey, answerKey, type PublicActivity, publicActivity } from './activity-view.ts';
import type { Response } from './protocol.ts';
import { SCORED_TYPES, score, validResponse } from './scoring.ts';

const SCORED = new Set<string>(SCORED_TYPES);

let course: Course;
let all: (Activity | Item)[];

before(async () => {
  const result = await loadCourse('courses/poc-module-1');
  assert.ok(result.course);
  course = result.course;
  all = [...allActivities(course), ...course.items];
});

/** Responses are built as plain objects, as they arrive off the wire. */
const r = (value: unknown) => value as Response;

describe('Module 1 answer keys', () => {
  it('score 1 when the key itself is the response, for every scored activity and item', () => {
    let scored = 0;
    for (const a of all) {
      if (!SCORED.has(a.type)) continue;
      const view = publicActivity(a, course);
      const key = answerKey(a, course);
      assert.ok(key, `${a.id} has a key`);
      assert.ok(validResponse(view, key), `${a.id}: its key is a valid response`);
      assert.equal(score(view, key, key), 1, a.id);
      scored++;
    }
    assert.ok(scored >= 35, `scored ${scored}`);
  });

  it('are valid responses for short answers and the answered open-text, but are not scored', () => {
    for (const a of all) {
      if (a.type !== 'short-answer' && a.type !== 'open-text') continue;
      const view = publicActivity(a, course);
      const key = answerKey(a, course);
      if (a.type === 'short-answer') assert.ok(key && 'text' in key, a.id);
      if (key) assert.ok(validResponse(view, key), a.id);
      if (key) assert.equal(score(view, key, key), undefined, a.id);
    }
  });

  it('score below 1 for a wrong response to every scored activity and item', () => {
    for (const a of all) {
      if (!SCORED.has(a.type)) continue;
      const view = publicActivity(a, course);
      const key = answerKey(a, course);
      assert.ok(key);
      const wrong = wrongResponse(view, key);
      assert.ok(validResponse(view, wrong), `${a.id}: ${JSON.stringify(wrong)}`);
      const s = score(view, key, wrong);
      assert.ok(s !== undefined && s >= 0 && s < 1, `${a.id}: ${s}`);
    }
  });

  it('poll, open-text and qa are not scored', () => {
    const qa = all.find((a) => a.type === 'qa');
    assert.ok(qa);
    assert.equal(answerKey(qa, course), undefined);
    assert.equal(validResponse(publicActivity(qa, course), r({ text: 'Why?' })), false);
    const open = all.find((a) => a.id === 'act-violence-types');
    assert.ok(open);
    const view = publicActivity(open, course);
    assert.equal(score(view, answerKey(open, course), r({ text: 'looting' })), undefined);
  });
});

/** A response that is valid but not entirely right. */
function wrongResponse(view: PublicActivity, key: AnswerKey): Response {
  if ('choice' in key) return { choice: (key.choice + 1) % (view.options?.length ?? 1) };
  if ('choices' in key) return { choices: [] };
  if ('value' in key) return { value: !key.value };
  if ('categories' in key) return { categories: key.categories.map(() => null) };
  if ('matches' in key) return { matches: [...key.matches.slice(1), key.matches[0] ?? 0] };
  if ('order' in key) return { order: [...key.order].reverse() };
  return { text: 'x' };
}

// Small inline views, written as the participant sees them.
const single: PublicActivity = { id: 's', type: 'single-choice', prompt: '?', options: ['a', 'b', 'c'] };
const poll: PublicActivity = { id: 'p', type: 'poll', prompt: '?', options: ['a', 'b'] };
const multiple: PublicActivity = {
  id: 'm',
  type: 'multiple-choice',
  prompt: '?',
  options: ['a', 'b', 'c', 'd', 'e'],
};
const trueFalse: PublicActivity = { id: 't', type: 'true-false', prompt: '?' };
const open: PublicActivity = { id: 'o', type: 'open-text', prompt: '?', maxLength: 10 };
const openDefault: PublicActivity = { id: 'o', type: 'open-text', prompt: '?' };
const short: PublicActivity = { id: 'sa', type: 'short-answer', prompt: '?' };
const classify: PublicActivity = {
  id: 'c',
  type: 'classify',
  prompt: '?',
  categories: [
    { id: 'x', label: 'X' },
    { id: 'y', label: 'Y' },
  ],
  items: ['i0', 'i1', 'i2', 'i3'],
};
const match: PublicActivity = {
  id: 'mt',
  type: 'match',
  prompt: '?',
  lefts: ['a', 'b', 'c', 'd'],
  rights: ['C', 'A', 'D', 'B'],
};
const order: PublicActivity = { id: 'or', type: 'order', prompt: '?', items: ['2nd', '3rd', '1st', '4th'] };
const qa: PublicActivity = { id: 'q', type: 'qa', prompt: '?' };

describe('partial credit, by hand', () => {
  it('single-choice and true-false: all or nothing', () => {
    assert.equal(score(single, { choice: 1 }, { choice: 1 }), 1);
    assert.equal(score(single, { choice: 1 }, { choice: 2 }), 0);
    assert.equal(score(trueFalse, { value: true }, { value: true }), 1);
    assert.equal(score(trueFalse, { value: true }, { value: false }), 0);
  });

  it('multiple-choice: +1/k per correct option, −1/k per wrong one, floored at 0', () => {
    const key = { choices: [0, 2, 4] }; // k = 3
    assert.equal(score(multiple, key, { choices: [0, 2, 4] }), 1);
    assert.equal(score(multiple, key, { choices: [4, 0] }), 2 / 3);
    assert.equal(score(multiple, key, { choices: [0] }), 1 / 3);
    assert.equal(score(multiple, key, { choices: [0, 2, 4, 1] }), 2 / 3);
    assert.equal(score(multiple, key, { choices: [0, 1] }), 0);
    assert.equal(score(multiple, key, { choices: [0, 1, 3] }), 0, 'floored at 0, not −1/3');
    assert.equal(score(multiple, key, { choices: [0, 1, 2, 3, 4] }), 1 / 3, 'choosing everything');
    assert.equal(score(multiple, key, { choices: [] }), 0);
    const two = { choices: [1, 3] }; // k = 2
    assert.equal(score(multiple, two, { choices: [1] }), 0.5);
    assert.equal(score(multiple, two, { choices: [1, 3, 0] }), 0.5);
  });

  it('sort/classify: fraction of items in their category, unplaced counts as wrong', () => {
    const key = { categories: ['x', 'x', 'y', 'y'] };
    assert.equal(score(classify, key, { categories: ['x', 'x', 'y', 'y'] }), 1);
    assert.equal(score(classify, key, { categories: ['x', 'x', 'y', 'x'] }), 0.75);
    assert.equal(score(classify, key, { categories: ['x', null, 'y', null] }), 0.5);
    assert.equal(score(classify, key, { categories: [null, null, null, null] }), 0);
    assert.equal(score(classify, key, { categories: ['y', 'y', 'x', 'x'] }), 0);
  });

  it('match: fraction of lefts matched to their right, unmatched counts as wrong', () => {
    const key = { matches: [1, 3, 0, 2] };
    assert.equal(score(match, key, { matches: [1, 3, 0, 2] }), 1);
    assert.equal(score(match, key, { matches: [3, 1, 0, 2] }), 0.5);
    assert.equal(score(match, key, { matches: [1, null, null, 2] }), 0.5);
    assert.equal(score(match, key, { matches: [null, null, null, null] }), 0);
  });

  it('match: a right with the same text as the correct one counts', () => {
    const twins: PublicActivity = { ...match, rights: ['same', 'same', 'other'], lefts: ['a', 'b', 'c'] };
    assert.equal(score(twins, { matches: [0, 1, 2] }, { matches: [1, 0, 2] }), 1);
  });

  it('order: fraction of items in their correct position', () => {
    const key = { order: [2, 0, 1, 3] };
    assert.equal(score(order, key, { order: [2, 0, 1, 3] }), 1);
    assert.equal(score(order, key, { order: [0, 2, 1, 3] }), 0.5, 'two swapped');
    assert.equal(score(order, key, { order: [0, 1, 3, 2] }), 0, 'everything shifted');
    assert.equal(score(order, key, { order: [3, 1, 0, 2] }), 0);
  });

  it('is undefined for types that are not scored or without a key, and 0 for an invalid response', () => {
    assert.equal(score(poll, undefined, { choice: 0 }), undefined);
    assert.equal(score(open, { text: 'x' }, { text: 'x' }), undefined);
    assert.equal(score(short, { text: 'model' }, { text: 'model' }), undefined);
    assert.equal(score(qa, undefined, { text: 'x' }), undefined);
    assert.equal(score(single, undefined, { choice: 0 }), undefined);
    assert.equal(score(single, { choice: 1 }, { choice: 9 }), 0);
    assert.equal(score(single, { choice: 1 }, r({ value: true })), 0);
  });
});

describe('validResponse', () => {
  it('accepts well-formed responses', () => {
    assert.ok(validResponse(poll, { choice: 1 }));
    assert.ok(validResponse(single, { choice: 0 }));
    assert.ok(validResponse(multiple, { choices: [0, 4] }));
    assert.ok(validResponse(multiple, { choices: [] }), 'choosing nothing is an answer (scored 0)');
    assert.ok(validResponse(trueFalse, { value: false }));
    assert.ok(validResponse(open, { text: ' ten chars ' }), 'length is measured after trimming');
    assert.ok(validResponse(classify, { categories: ['x', null, 'y', 'y'] }));
    assert.ok(validResponse(match, { matches: [null, 0, 3, null] }));
    assert.ok(validResponse(order, { order: [3, 2, 1, 0] }));
  });

  it('rejects indices out of range or not integers', () => {
    assert.equal(validResponse(poll, { choice: 2 }), false);
    assert.equal(validResponse(single, { choice: -1 }), false);
    assert.equal(validResponse(single, { choice: 1.5 }), false);
    assert.equal(validResponse(multiple, { choices: [0, 5] }), false);
    assert.equal(validResponse(match, { matches: [0, 1, 2, 4] }), false);
    assert.equal(validResponse(order, { order: [0, 1, 2, 4] }), false);
    assert.equal(validResponse(classify, { categories: ['x', 'x', 'z', 'y'] }), false, 'undeclared category');
  });

  it('rejects duplicates', () => {
    assert.equal(validResponse(multiple, { choices: [1, 1] }), false);
    assert.equal(validResponse(match, { matches: [0, 0, null, null] }), false, 'a right used twice');
    assert.equal(validResponse(order, { order: [0, 1, 1, 3] }), false);
  });

  it('rejects the wrong number of entries', () => {
    assert.equal(validResponse(classify, { categories: ['x', 'x', 'y'] }), false);
    assert.equal(validResponse(classify, { categories: ['x', 'x', 'y', 'y', 'x'] }), false);
    assert.equal(validResponse(match, { matches: [0, 1, 2] }), false);
    assert.equal(validResponse(order, { order: [0, 1, 2] }), false);
  });

  it('rejects the wrong shape for the type', () => {
    assert.equal(validResponse(single, { choices: [0] }), false);
    assert.equal(validResponse(multiple, { choice: 0 }), false);
    assert.equal(validResponse(trueFalse, { choice: 0 }), false);
    assert.equal(validResponse(trueFalse, r({ value: 'true' })), false);
    assert.equal(validResponse(open, { choice: 0 }), false);
    assert.equal(validResponse(classify, { matches: [0, 1, 2, 3] }), false);
    assert.equal(validResponse(match, { order: [0, 1, 2, 3] }), false);
    assert.equal(validResponse(order, { matches: [0, 1, 2, 3] }), false);
    assert.equal(validResponse(single, r({ choice: 0, value: true })), false, 'extra key');
    assert.equal(validResponse(single, r({})), false);
    assert.equal(validResponse(single, r(null)), false);
  });

  it('rejects empty or over-long text, with the 80 / 300 defaults', () => {
    assert.equal(validResponse(open, { text: '   ' }), false);
    assert.equal(validResponse(open, { text: '' }), false);
    assert.equal(validResponse(open, { text: 'eleven char' }), false);
    assert.ok(validResponse(openDefault, { text: 'a'.repeat(80) }));
    assert.equal(validResponse(openDefault, { text: 'a'.repeat(81) }), false);
    assert.ok(validResponse(short, { text: 'a'.repeat(300) }));
    assert.equal(validResponse(short, { text: 'a'.repeat(301) }), false);
  });

  it('never accepts a qa response', () => {
    for (const response of [{ text: 'hi' }, { choice: 0 }, { value: true }] as Response[]) {
      assert.equal(validResponse(qa, response), false);
    }
  });
});
