import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { allActivities, type Course } from '../content/model.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { answerKey, type PublicActivity, publicActivity } from './activity-view.ts';
import { type Aggregate, createTally, TOP_WORDS } from './aggregate.ts';
import type { Response } from './protocol.ts';

let course: Course;

before(async () => {
  const result = await loadCourse('courses/poc-module-1');
  assert.ok(result.course);
  course = result.course;
});

/** A JSON round trip: the snapshot is plain data. */
const json = (a: Aggregate): unknown => JSON.parse(JSON.stringify(a));

const poll: PublicActivity = { id: 'p', type: 'poll', prompt: '?', options: ['a', 'b', 'c'] };
const single: PublicActivity = { id: 's', type: 'single-choice', prompt: '?', options: ['a', 'b'] };
const multiple: PublicActivity = {
  id: 'm',
  type: 'multiple-choice',
  prompt: '?',
  options: ['a', 'b', 'c', 'd'],
};
const trueFalse: PublicActivity = { id: 't', type: 'true-false', prompt: '?' };
const open: PublicActivity = { id: 'o', type: 'open-text', prompt: '?', maxLength: 80 };
const classify: PublicActivity = {
  id: 'c',
  type: 'classify',
  prompt: '?',
  categories: [
    { id: 'x', label: 'X' },
    { id: 'y', label: 'Y' },
  ],
  items: ['i0', 'i1', 'i2'],
};
const match: PublicActivity = {
  id: 'mt',
  type: 'match',
  prompt: '?',
  lefts: ['a', 'b', 'c'],
  rights: ['B', 'C', 'A'],
};
const order: PublicActivity = { id: 'or', type: 'order', prompt: '?', items: ['x', 'y', 'z'] };
const qa: PublicActivity = { id: 'q', type: 'qa', prompt: '?' };

describe('Module 1 tallies', () => {
  it('start empty and count the correct answer of every activity and item', () => {
    for (const a of [...allActivities(course), ...course.items]) {
      const view = publicActivity(a, course);
      const tally = createTally(view, course.meta.language);
      const empty = tally.snapshot();
      assert.equal(empty.type, a.type);
      assert.equal(empty.responses, 0);
      assert.deepEqual(json(empty), empty);
      const key = answerKey(a, course);
      if (!key || a.type === 'qa') continue;
      tally.add(key);
      const one = tally.snapshot();
      assert.equal(one.responses, 1, a.id);
      assert.deepEqual(json(one), one);
      tally.remove(key);
      assert.deepEqual(tally.snapshot(), empty, a.id);
    }
  });

  it('lays the Chart 1.1 sort out as 15 items × 4 categories', () => {
    const sort = allActivities(course).find((a) => a.id === 'act-chart-1-1-sort');
    assert.ok(sort);
    const tally = createTally(publicActivity(sort, course));
    const key = answerKey(sort, course);
    assert.ok(key);
    tally.add(key);
    const result = tally.snapshot();
    assert.ok(result.type === 'sort');
    assert.equal(result.matrix.length, 15);
    for (const row of result.matrix) {
      assert.equal(row.length, 4);
      assert.equal(
        row.reduce((s, n) => s + n, 0),
        1,
      );
    }
  });

  it('merges the word-cloud answers of the failure question', () => {
    const failure = allActivities(course).find((a) => a.id === 'act-failure-consequences');
    assert.ok(failure);
    const tally = createTally(publicActivity(failure, course), 'en');
    for (const text of ['Loss of legitimacy.', '  loss  of LEGITIMACY', 'Mandate undermined'])
      tally.add({ text });
    assert.deepEqual(tally.snapshot(), {
      type: 'open-text',
      responses: 3,
      words: [
        { text: 'loss of legitimacy', count: 2 },
        { text: 'mandate undermined', count: 1 },
      ],
    });
  });
});

describe('choice tallies', () => {
  it('poll and single-choice count each choice', () => {
    const p = createTally(poll);
    p.add({ choice: 0 });
    p.add({ choice: 2 });
    p.add({ choice: 2 });
    assert.deepEqual(p.snapshot(), { type: 'poll', responses: 3, counts: [1, 0, 2] });
    const s = createTally(single);
    s.add({ choice: 1 });
    assert.deepEqual(s.snapshot(), { type: 'single-choice', responses: 1, counts: [0, 1] });
  });

  it('a participant changing their answer is remove then add', () => {
    const p = createTally(poll);
    p.add({ choice: 0 });
    p.add({ choice: 1 });
    p.remove({ choice: 0 });
    p.add({ choice: 2 });
    assert.deepEqual(p.snapshot(), { type: 'poll', responses: 2, counts: [0, 1, 1] });
  });

  it('multiple-choice counts every option chosen, and the participant once', () => {
    const m = createTally(multiple);
    m.add({ choices: [0, 2] });
    m.add({ choices: [2, 3] });
    m.add({ choices: [] });
    assert.deepEqual(m.snapshot(), { type: 'multiple-choice', responses: 3, counts: [1, 0, 2, 1] });
    m.remove({ choices: [0, 2] });
    assert.deepEqual(m.snapshot(), { type: 'multiple-choice', responses: 2, counts: [0, 0, 1, 1] });
  });

  it('true-false counts [true, false]', () => {
    const t = createTally(trueFalse);
    t.add({ value: true });
    t.add({ value: false });
    t.add({ value: true });
    t.remove({ value: false });
    assert.deepEqual(t.snapshot(), { type: 'true-false', responses: 2, counts: [2, 0] });
  });
});

describe('matrix and order tallies', () => {
  it('sort/classify: item × category, unplaced items not counted', () => {
    const c = createTally(classify);
    c.add({ categories: ['x', 'y', null] });
    c.add({ categories: ['x', 'x', 'y'] });
    assert.deepEqual(c.snapshot(), {
      type: 'classify',
      responses: 2,
      matrix: [
        [2, 0],
        [1, 1],
        [0, 1],
      ],
    });
    c.remove({ categories: ['x', 'y', null] });
    assert.deepEqual(c.snapshot(), {
      type: 'classify',
      responses: 1,
      matrix: [
        [1, 0],
        [1, 0],
        [0, 1],
      ],
    });
  });

  it('match: left × right, unmatched lefts not counted', () => {
    const m = createTally(match);
    m.add({ matches: [2, 0, 1] });
    m.add({ matches: [2, null, 0] });
    assert.deepEqual(m.snapshot(), {
      type: 'match',
      responses: 2,
      matrix: [
        [0, 0, 2],
        [1, 0, 0],
        [1, 1, 0],
      ],
    });
  });

  it('order: 1-based position sums and means per public item', () => {
    const o = createTally(order);
    assert.deepEqual(o.snapshot(), {
      type: 'order',
      responses: 0,
      positionSums: [0, 0, 0],
      meanPositions: [null, null, null],
    });
    o.add({ order: [2, 0, 1] }); // z first, x second, y third
    o.add({ order: [0, 2, 1] }); // x first, z second, y third
    assert.deepEqual(o.snapshot(), {
      type: 'order',
      responses: 2,
      positionSums: [3, 6, 3],
      meanPositions: [1.5, 3, 1.5],
    });
    o.remove({ order: [2, 0, 1] });
    assert.deepEqual(o.snapshot(), {
      type: 'order',
      responses: 1,
      positionSums: [1, 3, 2],
      meanPositions: [1, 3, 2],
    });
  });
});

describe('word-cloud tallies', () => {
  it('counts each participant’s whole answer once, merged by normalisation', () => {
    const w = createTally(open);
    w.add({ text: 'Looting' });
    w.add({ text: 'looting!' });
    w.add({ text: 'Forced displacement' });
    w.add({ text: 'forced   DISPLACEMENT' });
    w.add({ text: 'Abduction' });
    assert.deepEqual(w.snapshot(), {
      type: 'open-text',
      responses: 5,
      words: [
        { text: 'forced displacement', count: 2 },
        { text: 'looting', count: 2 },
        { text: 'abduction', count: 1 },
      ],
    });
  });

  it('counts filtered answers as responses but not as words', () => {
    const w = createTally(open);
    w.add({ text: 'shit' });
    w.add({ text: 'a'.repeat(60) });
    w.add({ text: 'peace' });
    assert.deepEqual(w.snapshot(), { type: 'open-text', responses: 3, words: [{ text: 'peace', count: 1 }] });
    w.remove({ text: 'shit' });
    assert.deepEqual(w.snapshot(), { type: 'open-text', responses: 2, words: [{ text: 'peace', count: 1 }] });
  });

  it('drops a phrase when its last answer is removed, and takes a changed answer', () => {
    const w = createTally(open);
    w.add({ text: 'Looting' });
    w.remove({ text: 'LOOTING' });
    w.add({ text: 'Theft' });
    assert.deepEqual(w.snapshot(), { type: 'open-text', responses: 1, words: [{ text: 'theft', count: 1 }] });
  });

  it(`keeps the top ${TOP_WORDS} by count, then text`, () => {
    const w = createTally(open);
    for (let i = 0; i < 80; i++) w.add({ text: `word ${String(i).padStart(2, '0')}` });
    w.add({ text: 'word 79' });
    w.add({ text: 'word 79' });
    w.add({ text: 'word 40' });
    const snapshot = w.snapshot();
    assert.ok(snapshot.type === 'open-text');
    const { words } = snapshot;
    assert.equal(words.length, TOP_WORDS);
    assert.deepEqual(words.slice(0, 4), [
      { text: 'word 79', count: 3 },
      { text: 'word 40', count: 2 },
      { text: 'word 00', count: 1 },
      { text: 'word 01', count: 1 },
    ]);
    assert.equal(words.at(-1)?.text, 'word 48', 'word 40 moved up, so the count-1 run ends one later');
  });

  it('orders the cloud as a full sort would, whatever the sequence of answers and changes', () => {
    // The tally keeps its order incrementally; a plain sort of all counts is the reference.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            word: fc.constantFrom('aid', 'fear', 'theft', 'looting', 'rape', 'fire', 'flight'),
            p: fc.nat({ max: 40 }),
          }),
          {
            maxLength: 300,
          },
        ),
        (steps) => {
          const w = createTally(open);
          const current = new Map<number, string>();
          for (const { word, p } of steps) {
            const previous = current.get(p);
            if (previous !== undefined) w.remove({ text: previous });
            w.add({ text: word });
            current.set(p, word);
          }
          const counts = new Map<string, number>();
          for (const word of current.values()) counts.set(word, (counts.get(word) ?? 0) + 1);
          const expected = [...counts]
            .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
            .slice(0, TOP_WORDS)
            .map(([text, count]) => ({ text, count }));
          const snapshot = w.snapshot();
          assert.ok(snapshot.type === 'open-text');
          assert.deepEqual(snapshot.words, expected);
          assert.equal(snapshot.responses, current.size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles 1,000 participants changing their answers, with cheap snapshots', () => {
    const w = createTally(open);
    const answers = new Map<number, string>();
    const started = performance.now();
    for (let round = 0; round < 3; round++) {
      for (let p = 0; p < 1000; p++) {
        const old = answers.get(p);
        if (old !== undefined) w.remove({ text: old });
        const text = `answer ${(p * (round + 7)) % 300}`;
        w.add({ text });
        answers.set(p, text);
        if (p % 10 === 0) w.snapshot();
      }
    }
    const result = w.snapshot();
    assert.ok(result.type === 'open-text');
    assert.equal(result.responses, 1000);
    assert.equal(result.words.length, TOP_WORDS);
    const total = [...answers.values()].filter((t) => t === result.words[0]?.text).length;
    assert.equal(result.words[0]?.count, total);
    assert.ok(performance.now() - started < 2000);
  });
});

describe('tally safety', () => {
  it('refuses invalid responses without changing the counts', () => {
    const p = createTally(poll);
    p.add({ choice: 1 });
    const before = p.snapshot();
    assert.throws(() => p.add({ choice: 3 }), RangeError);
    assert.throws(() => p.add({ value: true }), RangeError);
    assert.throws(() => createTally(order).add({ order: [0, 0, 1] }), RangeError);
    assert.throws(() => createTally(open).add({ text: '  ' }), RangeError);
    assert.deepEqual(p.snapshot(), before);
  });

  it('refuses to remove an answer that was never counted, without changing the counts', () => {
    const p = createTally(poll);
    assert.throws(() => p.remove({ choice: 0 }), RangeError);
    p.add({ choice: 1 });
    assert.throws(() => p.remove({ choice: 0 }), RangeError);
    assert.deepEqual(p.snapshot(), { type: 'poll', responses: 1, counts: [0, 1, 0] });
    const w = createTally(open);
    w.add({ text: 'peace' });
    assert.throws(() => w.remove({ text: 'war' }), RangeError);
    assert.equal(w.snapshot().responses, 1);
  });

  it('hands out copies: changing a snapshot does not change the tally', () => {
    const c = createTally(classify);
    c.add({ categories: ['x', 'x', 'x'] });
    const snap = c.snapshot();
    assert.ok(snap.type === 'classify');
    (snap.matrix[0] as number[])[0] = 99;
    assert.deepEqual(c.snapshot(), {
      type: 'classify',
      responses: 1,
      matrix: [
        [1, 0],
        [1, 0],
        [1, 0],
      ],
    });
    const w = createTally(open);
    w.add({ text: 'peace' });
    const words = w.snapshot();
    assert.ok(words.type === 'open-text');
    (words.words[0] as { count: number }).count = 5;
    assert.deepEqual(w.snapshot(), { type: 'open-text', responses: 1, words: [{ text: 'peace', count: 1 }] });
  });

  it('qa takes no answers', () => {
    const q = createTally(qa);
    assert.throws(() => q.add({ text: 'why?' } as Response), RangeError);
    assert.deepEqual(q.snapshot(), { type: 'qa', responses: 0 });
  });
});
