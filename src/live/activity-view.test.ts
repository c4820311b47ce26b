import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  type Activity,
  allActivities,
  type Block,
  type Chart,
  type Course,
  findChart,
  type Item,
} from '../content/model.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { answerKey, type PublicActivity, permutation, publicActivity, revealText } from './activity-view.ts';

const at = { file: 'inline.md', line: 1, column: 1 };

/** An inline activity; the body is what the YAML would hold. */
function activity(body: Record<string, unknown>): Activity {
  return { at, audience: [], outcomes: [], ...body } as unknown as Activity;
}

function courseWith(blocks: Block[] = []): Course {
  return {
    meta: {} as Course['meta'],
    outcomes: [],
    items: [],
    missions: [],
    sections: [{ at, id: 's', number: 1, title: 'S', blocks, activities: [], slides: [] }],
  };
}

const FORBIDDEN_KEYS = ['correct', 'answer', 'feedback', 'reveal', 'category', 'cite', 'pairs'];
const ALLOWED_KEYS = new Set([
  'id',
  'type',
  'prompt',
  'maxLength',
  'options',
  'categories',
  'label',
  'items',
  'lefts',
  'rights',
]);

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

let course: Course;
let all: (Activity | Item)[];

before(async () => {
  const result = await loadCourse('courses/poc-module-1');
  assert.deepEqual(result.problems, []);
  assert.ok(result.course);
  course = result.course;
  all = [...allActivities(course), ...course.items];
});

describe('public views of Module 1', () => {
  it('covers the 7 activities and the 44 items', () => {
    assert.equal(allActivities(course).length, 7);
    assert.equal(course.items.length, 44);
  });

  it('never hold a correct answer, feedback, reveal, category or citation key', () => {
    for (const a of all) {
      const view = publicActivity(a, course);
      const json = JSON.stringify(view);
      const keys = keysOf(JSON.parse(json));
      for (const key of FORBIDDEN_KEYS) assert.ok(!keys.has(key), `${a.id} leaks "${key}"`);
      for (const key of keys) assert.ok(ALLOWED_KEYS.has(key), `${a.id} has unexpected key "${key}"`);
      for (const secret of [a.feedback, a.reveal, 'cite' in a ? a.cite : undefined]) {
        if (secret) assert.ok(!json.includes(JSON.stringify(secret)), `${a.id} leaks ${secret}`);
      }
      if ('answer' in a && typeof a.answer === 'string') {
        assert.ok(!json.includes(a.answer), `${a.id} leaks its model answer`);
      }
    }
  });

  it('keep the id, type and prompt', () => {
    for (const a of all) {
      const view = publicActivity(a, course);
      assert.equal(view.id, a.id);
      assert.equal(view.type, a.type);
      assert.equal(view.prompt, a.prompt);
    }
  });

  it('shuffle match rights out of pair order (every match with 3 or more pairs)', () => {
    const matches = all.filter((a) => a.type === 'match' && (a.pairs?.length ?? 0) >= 3);
    assert.ok(matches.length >= 1);
    for (const a of matches) {
      assert.ok(a.type === 'match');
      const view = publicActivity(a, course);
      const pairRights = (a.pairs ?? []).map((p) => p.right);
      assert.notDeepEqual(view.rights, pairRights, a.id);
      assert.deepEqual([...(view.rights ?? [])].sort(), [...pairRights].sort());
      assert.deepEqual(
        view.lefts,
        (a.pairs ?? []).map((p) => p.left),
      );
    }
  });

  it('shuffle order items and classify items out of the authored order', () => {
    for (const a of all) {
      if (a.type !== 'order' && a.type !== 'classify') continue;
      const view = publicActivity(a, course);
      const authored = (a.items ?? []).map((i) => (typeof i === 'string' ? i : i.text));
      assert.notDeepEqual(view.items, authored, a.id);
      assert.deepEqual([...(view.items ?? [])].sort(), [...authored].sort());
    }
  });

  it('flatten Chart 1.1 into the sort activity', () => {
    const sort = all.find((a) => a.id === 'act-chart-1-1-sort');
    assert.ok(sort);
    const chart = findChart(course, 'chart-1-1');
    assert.ok(chart);
    const view = publicActivity(sort, course);
    assert.deepEqual(view.categories, [
      { id: 'life', label: 'Threats to life' },
      { id: 'physical-integrity', label: 'Threats to physical integrity' },
      { id: 'freedom', label: 'Threats to freedom' },
      { id: 'property', label: 'Threats to property' },
    ]);
    const chartItems = chart.categories.flatMap((c) => c.items);
    assert.equal(view.items?.length, 15);
    assert.deepEqual([...(view.items ?? [])].sort(), [...chartItems].sort());
    assert.notDeepEqual(view.items, chartItems);

    const key = answerKey(sort, course);
    assert.ok(key && 'categories' in key);
    view.items?.forEach((text, i) => {
      const expected = chart.categories.find((c) => c.items.includes(text))?.id;
      assert.equal(key.categories[i], expected, text);
    });
  });

  it('are the same every time they are built (seeded by the activity id)', async () => {
    const again = await loadCourse('courses/poc-module-1');
    assert.ok(again.course);
    const second = again.course;
    const secondAll = [...allActivities(second), ...second.items];
    for (const [i, a] of all.entries()) {
      const b = secondAll[i];
      assert.ok(b);
      assert.deepEqual(publicActivity(a, course), publicActivity(b, second));
      assert.deepEqual(answerKey(a, course), answerKey(b, second));
    }
  });
});

describe('permutation', () => {
  it('is a fixed function of the seed (stable across restarts)', () => {
    assert.deepEqual(permutation('act-who-protects', 8), permutation('act-who-protects', 8));
    // Golden values: changing the PRNG or hash would reshuffle every running session's activities.
    assert.deepEqual(permutation('golden', 5), GOLDEN_5);
    assert.deepEqual(permutation('', 3), GOLDEN_EMPTY_3);
  });

  it('is a permutation, and never the identity for two or more elements', () => {
    for (let n = 0; n <= 12; n++) {
      for (let s = 0; s < 50; s++) {
        const perm = permutation(`seed-${s}`, n);
        assert.deepEqual(
          [...perm].sort((a, b) => a - b),
          Array.from({ length: n }, (_, i) => i),
        );
        if (n >= 2)
          assert.ok(
            perm.some((v, i) => v !== i),
            `seed-${s} n=${n}`,
          );
      }
    }
  });

  it('differs between activities', () => {
    const orders = new Set(Array.from({ length: 20 }, (_, s) => permutation(`act-${s}`, 6).join(',')));
    assert.ok(orders.size > 10);
  });
});

const GOLDEN_5 = [4, 1, 0, 3, 2];
const GOLDEN_EMPTY_3 = [2, 0, 1];

describe('inline activities', () => {
  const empty = courseWith();

  it('poll: options, no key', () => {
    const poll = activity({ id: 'p', type: 'poll', prompt: 'P?', options: ['a', 'b'] });
    assert.deepEqual(publicActivity(poll, empty), {
      id: 'p',
      type: 'poll',
      prompt: 'P?',
      options: ['a', 'b'],
    });
    assert.equal(answerKey(poll, empty), undefined);
  });

  it('single and multiple choice: option texts only, key by option index', () => {
    const options = [
      { text: 'a', feedback: 'no' },
      { text: 'b', correct: true, feedback: 'yes' },
      { text: 'c', correct: true },
    ];
    const single = activity({ id: 's', type: 'single-choice', prompt: 'S?', options: options.slice(0, 2) });
    const multiple = activity({ id: 'm', type: 'multiple-choice', prompt: 'M?', options });
    assert.deepEqual(publicActivity(single, empty).options, ['a', 'b']);
    assert.deepEqual(answerKey(single, empty), { choice: 1 });
    assert.deepEqual(publicActivity(multiple, empty), {
      id: 'm',
      type: 'multiple-choice',
      prompt: 'M?',
      options: ['a', 'b', 'c'],
    });
    assert.deepEqual(answerKey(multiple, empty), { choices: [1, 2] });
    const none = activity({
      id: 'n',
      type: 'single-choice',
      prompt: 'N?',
      options: [{ text: 'a' }, { text: 'b' }],
    });
    assert.equal(answerKey(none, empty), undefined);
  });

  it('true-false: no answer in the view, key {value}', () => {
    const tf = activity({ id: 't', type: 'true-false', prompt: 'T?', answer: false, feedback: 'F' });
    assert.deepEqual(publicActivity(tf, empty), { id: 't', type: 'true-false', prompt: 'T?' });
    assert.deepEqual(answerKey(tf, empty), { value: false });
  });

  it('open-text and short-answer: maxLength, key {text} only when there is an answer', () => {
    const open = activity({ id: 'o', type: 'open-text', prompt: 'O?', maxLength: 80 });
    const withAnswer = activity({ id: 'o2', type: 'open-text', prompt: 'O?', maxLength: 30, answer: 'x' });
    const short = activity({
      id: 'sa',
      type: 'short-answer',
      prompt: 'SA?',
      maxLength: 300,
      answer: 'model',
    });
    assert.deepEqual(publicActivity(open, empty), {
      id: 'o',
      type: 'open-text',
      prompt: 'O?',
      maxLength: 80,
    });
    assert.equal(answerKey(open, empty), undefined);
    assert.deepEqual(publicActivity(withAnswer, empty).maxLength, 30);
    assert.deepEqual(answerKey(withAnswer, empty), { text: 'x' });
    assert.deepEqual(publicActivity(short, empty), {
      id: 'sa',
      type: 'short-answer',
      prompt: 'SA?',
      maxLength: 300,
    });
    assert.deepEqual(answerKey(short, empty), { text: 'model' });
  });

  it('qa: the prompt only, no key', () => {
    const qa = activity({ id: 'q', type: 'qa', prompt: 'Questions' });
    assert.deepEqual(publicActivity(qa, empty), { id: 'q', type: 'qa', prompt: 'Questions' });
    assert.equal(answerKey(qa, empty), undefined);
  });

  it('classify: shuffled items, key names each public item’s category', () => {
    const items = [
      { text: 'i0', category: 'x' },
      { text: 'i1', category: 'x' },
      { text: 'i2', category: 'y' },
      { text: 'i3', category: 'y' },
    ];
    const classify = activity({
      id: 'c',
      type: 'classify',
      prompt: 'C?',
      categories: [
        { id: 'x', label: 'X' },
        { id: 'y', label: 'Y' },
      ],
      items,
    });
    const view = publicActivity(classify, empty);
    const perm = permutation('c', 4);
    assert.deepEqual(
      view.items,
      perm.map((i) => items[i]?.text),
    );
    assert.deepEqual(answerKey(classify, empty), { categories: perm.map((i) => items[i]?.category) });
    const partial = activity({ ...classify, items: [...items, { text: 'i4' }] });
    assert.equal(answerKey(partial, empty), undefined);
  });

  it('match: lefts in order, rights shuffled, key maps each left to its right’s public index', () => {
    const pairs = ['a', 'b', 'c', 'd'].map((l) => ({ left: l, right: l.toUpperCase() }));
    const match = activity({ id: 'mt', type: 'match', prompt: 'M?', pairs });
    const view = publicActivity(match, empty);
    assert.deepEqual(view.lefts, ['a', 'b', 'c', 'd']);
    const key = answerKey(match, empty);
    assert.ok(key && 'matches' in key);
    key.matches.forEach((right, left) => {
      assert.equal(view.rights?.[right], view.lefts?.[left]?.toUpperCase());
    });
  });

  it('order: items shuffled, key lists public indices in the correct order', () => {
    const items = ['first', 'second', 'third', 'fourth'];
    const order = activity({ id: 'or', type: 'order', prompt: 'O?', items });
    const view = publicActivity(order, empty);
    const key = answerKey(order, empty);
    assert.ok(key && 'order' in key);
    assert.deepEqual(
      key.order.map((i) => view.items?.[i]),
      items,
    );
    assert.notDeepEqual(view.items, items);
  });

  it('sort over a chart of another course uses that chart; a missing chart falls back to its own lists', () => {
    const chart: Chart = {
      id: 'ch',
      title: 'Chart',
      categories: [
        { id: 'a', label: 'A', items: ['a1', 'a2'] },
        { id: 'b', label: 'B', items: ['b1'] },
      ],
    };
    const handout: Block = { at, audience: [], outcomes: [], kind: 'handout', markdown: '', chart };
    const withChart = courseWith([handout]);
    const sort = activity({ id: 'so', type: 'sort', prompt: 'Sort', chartId: 'ch' });
    const view: PublicActivity = publicActivity(sort, withChart);
    assert.deepEqual(view.categories, [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ]);
    assert.deepEqual([...(view.items ?? [])].sort(), ['a1', 'a2', 'b1']);
    const key = answerKey(sort, withChart);
    assert.ok(key && 'categories' in key);
    assert.deepEqual(
      key.categories,
      (view.items ?? []).map((t) => (t.startsWith('a') ? 'a' : 'b')),
    );
    assert.deepEqual(publicActivity(sort, empty).items, []);
    assert.equal(answerKey(sort, empty), undefined);
  });

  it('revealText joins reveal and feedback', () => {
    assert.equal(revealText(activity({ id: 'x', type: 'qa', prompt: 'Q' })), undefined);
    assert.equal(revealText(activity({ id: 'x', type: 'qa', prompt: 'Q', reveal: 'R' })), 'R');
    assert.equal(revealText(activity({ id: 'x', type: 'qa', prompt: 'Q', feedback: 'F' })), 'F');
    assert.equal(
      revealText(activity({ id: 'x', type: 'qa', prompt: 'Q', reveal: 'R', feedback: 'F' })),
      'R\n\nF',
    );
  });

  it('revealText of Module 1 gives the expected answer of the failure question', () => {
    const failure = all.find((a) => a.id === 'act-failure-consequences');
    assert.ok(failure);
    assert.match(revealText(failure) ?? '', /^Loss of legitimacy/);
  });
});
