/**
 * Question-bank exports: Module 1's 44 items as Moodle XML and GIFT, read back with the project's own
 * readers and compared item by item with the course model; escaping of GIFT's special characters and of
 * XML markup in prompts.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Course, Item } from '../../src/content/model.ts';
import type { BankQuestion, ReadBank } from '../../src/exports/question-bank/bank.ts';
import { exportGift, toGift } from '../../src/exports/question-bank/gift.ts';
import { exportMoodleXml, toMoodleXml } from '../../src/exports/question-bank/moodle-xml.ts';
import { readGift } from '../../src/exports/question-bank/read-gift.ts';
import { readMoodleXml } from '../../src/exports/question-bank/read-moodle-xml.ts';
import { loadCourse } from '../../src/files/read-course-dir.ts';

let course: Course;

before(async () => {
  const result = await loadCourse('courses/poc-module-1');
  assert.deepEqual(result.problems, []);
  assert.ok(result.course);
  course = result.course;
});

const AT = { file: 'fixture.md', line: 1, column: 1 };

/** Module 1 with its items replaced by the given fixtures. */
function withItems(...items: Item[]): Course {
  return { ...course, items };
}

function find(bank: ReadBank, id: string): BankQuestion {
  const question = bank.questions.find((q) => q.id === id);
  assert.ok(question, `${id} was not read back`);
  return question;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-4;
}

/** Checks a question read back from a file against the item it was exported from. */
function assertRoundTrip(item: Item, question: BankQuestion, format: string, shortAnswer = 'essay'): void {
  const where = `${format} ${item.id}`;
  assert.equal(question.name, item.id, where);
  assert.equal(question.prompt, item.prompt, `${where}: prompt`);
  assert.equal(question.feedback, item.feedback, `${where}: feedback`);
  assert.deepEqual(question.outcomes, item.outcomes, `${where}: outcomes`);
  assert.equal(question.slideId, item.slideId, `${where}: slide`);
  assert.equal(
    question.category,
    `$course$/Lectern/${course.meta.id}/${item.outcomes[0]}`,
    `${where}: category`,
  );
  switch (item.type) {
    case 'single-choice':
    case 'multiple-choice': {
      assert.equal(question.type, 'multichoice', where);
      assert.equal(question.single, item.type === 'single-choice', `${where}: single`);
      assert.deepEqual(
        question.answers.map((a) => a.text),
        item.options.map((o) => o.text),
        `${where}: option texts`,
      );
      assert.deepEqual(
        question.answers.map((a) => a.feedback),
        item.options.map((o) => o.feedback ?? ''),
        `${where}: option feedback`,
      );
      const k = item.options.filter((o) => o.correct).length;
      item.options.forEach((option, i) => {
        const fraction = question.answers[i]?.fraction ?? Number.NaN;
        const expected = option.correct ? 100 / k : item.type === 'single-choice' ? 0 : -100 / k;
        assert.ok(
          close(fraction, expected),
          `${where}: option ${i} has fraction ${fraction}, expected ${expected}`,
        );
      });
      break;
    }
    case 'true-false':
      assert.equal(question.type, 'truefalse', where);
      assert.deepEqual(
        question.answers.map((a) => [a.text, a.fraction]),
        [
          ['true', item.answer ? 100 : 0],
          ['false', item.answer ? 0 : 100],
        ],
        where,
      );
      break;
    case 'short-answer':
      if (shortAnswer === 'essay') {
        assert.equal(question.type, 'essay', where);
        assert.equal(question.modelAnswer, item.answer, `${where}: model answer`);
      } else {
        assert.equal(question.type, 'shortanswer', where);
        assert.deepEqual(
          question.answers.map((a) => [a.text, a.fraction]),
          [[item.answer, 100]],
          where,
        );
      }
      break;
    case 'match':
      assert.equal(question.type, 'matching', where);
      assert.deepEqual(question.pairs, item.pairs, `${where}: pairs`);
      break;
    case 'sort':
    case 'classify': {
      assert.equal(question.type, 'matching', where);
      const label = new Map((item.categories ?? []).map((c) => [c.id, c.label]));
      const stems = question.pairs.filter((p) => p.left !== '');
      assert.deepEqual(
        stems,
        (item.items ?? []).map((i) => ({ left: i.text, right: label.get(i.category ?? '') })),
        `${where}: each item to its category`,
      );
      // Every category is offered, including one with no item (as a distractor).
      assert.deepEqual(
        new Set(question.pairs.map((p) => p.right)),
        new Set((item.categories ?? []).map((c) => c.label)),
        `${where}: categories offered`,
      );
      break;
    }
    case 'order':
      assert.equal(question.type, 'ordering', where);
      assert.deepEqual(question.order, item.items, `${where}: order`);
      break;
    default:
      assert.fail(`${where}: unexpected type ${item.type}`);
  }
}

function countBy<T>(values: readonly T[], key: (value: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[key(value)] = (counts[key(value)] ?? 0) + 1;
  return counts;
}

describe('Moodle XML export of Module 1', () => {
  it('is well-formed XML with one category per outcome and one question per item', () => {
    const result = exportMoodleXml(course);
    assert.equal(XMLValidator.validate(result.xml), true);
    assert.equal(result.xml, toMoodleXml(course));
    assert.equal(course.items.length, 44);
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(result.warnings, []);

    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'question' }).parse(
      result.xml,
    );
    const questions = parsed.quiz.question as { '@_type': string }[];
    assert.equal(questions.length, 44 + 5);
    assert.deepEqual(
      countBy(questions, (q) => q['@_type']),
      {
        category: 5,
        multichoice: 18,
        truefalse: 10,
        essay: 9,
        matching: 5,
        ordering: 2,
      },
    );
    assert.equal(result.questions, 44);
    assert.equal(result.categories, 5);
  });

  it('declares a category per learning outcome, in course order, before its items', () => {
    const bank = readMoodleXml(toMoodleXml(course));
    assert.deepEqual(
      bank.categories,
      course.outcomes.map((o) => `$course$/Lectern/poc-module-1/${o.id}`),
    );
    // lo4-information-sources is written in the LO4 file but assesses LO3, so it goes to LO3's category.
    assert.equal(find(bank, 'lo4-information-sources').category, '$course$/Lectern/poc-module-1/LO3');
    // An item with two outcomes is filed under the first and tagged with both.
    const twoOutcomes = find(bank, 'lo2-peace-and-security-condition');
    assert.equal(twoOutcomes.category, '$course$/Lectern/poc-module-1/LO2');
    assert.deepEqual(twoOutcomes.tags, ['outcome:LO2', 'outcome:LO4', 'slide:slide-12']);
  });

  it('splits 100 among the correct answers of every multichoice question, and takes as much off for a wrong one', () => {
    const bank = readMoodleXml(toMoodleXml(course));
    const multichoice = bank.questions.filter((q) => q.type === 'multichoice');
    assert.equal(multichoice.length, 18);
    for (const q of multichoice) {
      const correct = q.answers.filter((a) => a.fraction > 0);
      const sum = correct.reduce((total, a) => total + a.fraction, 0);
      assert.ok(close(sum, 100), `${q.id}: correct answers sum to ${sum}`);
      for (const wrong of q.answers.filter((a) => a.fraction <= 0)) {
        assert.ok(
          close(wrong.fraction, q.single ? 0 : -100 / correct.length),
          `${q.id}: wrong ${wrong.fraction}`,
        );
      }
    }
  });

  it('round-trips every item with its prompt, answers, pairs, order, outcomes and feedback', () => {
    const bank = readMoodleXml(toMoodleXml(course));
    assert.deepEqual(bank.unsupported, []);
    assert.equal(bank.questions.length, course.items.length);
    for (const item of course.items) assertRoundTrip(item, find(bank, item.id), 'xml');
  });

  it('keeps XML markup in a prompt as text', () => {
    const prompt =
      'Close </text><text>injected</text></questiontext><questiontext> and ]]> then <![CDATA[ & &amp; <b>"quoted"</b>';
    const item: Item = {
      at: AT,
      id: 'xml-injection',
      slideId: 'slide-6',
      audience: [],
      outcomes: ['LO1'],
      type: 'true-false',
      prompt,
      answer: true,
      feedback: 'Feedback with </feedback> & <script>alert(1)</script>',
      cite: 'fixture',
    };
    const xml = toMoodleXml(withItems(item));
    assert.equal(XMLValidator.validate(xml), true);
    assert.doesNotMatch(xml, /<text>injected<\/text>/);
    const bank = readMoodleXml(xml);
    assert.equal(bank.questions.length, 1);
    const question = find(bank, 'xml-injection');
    assert.equal(question.prompt, prompt);
    assert.equal(question.feedback, item.feedback);
    assertRoundTrip(item, question, 'xml');
  });
});

describe('GIFT export of Module 1', () => {
  it('writes the 42 items GIFT can express and counts the 2 order items it cannot', () => {
    const result = exportGift(course);
    assert.equal(result.gift, toGift(course));
    assert.equal(result.questions, 42);
    assert.equal(result.categories, 5);
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(
      result.notExpressible.map((n) => [n.id, n.type]),
      [
        ['lo1-physical-protection-chain', 'order'],
        ['lo5-failure-chain', 'order'],
      ],
    );
    assert.match(result.gift, /^\/\/ order item lo1-physical-protection-chain not expressible in GIFT$/m);
    assert.match(result.gift, /^\/\/ order item lo5-failure-chain not expressible in GIFT$/m);
    assert.equal(result.gift.match(/^\$CATEGORY: /gm)?.length, 5);
  });

  it('round-trips every other item with its prompt, answers, pairs, outcomes and feedback', () => {
    const bank = readGift(toGift(course));
    assert.deepEqual(bank.unsupported, []);
    assert.deepEqual(
      bank.categories,
      course.outcomes.map((o) => `$course$/Lectern/poc-module-1/${o.id}`),
    );
    assert.deepEqual(
      bank.notExpressible.map((n) => n.id),
      ['lo1-physical-protection-chain', 'lo5-failure-chain'],
    );
    const expressible = course.items.filter((i) => i.type !== 'order');
    assert.equal(bank.questions.length, expressible.length);
    assert.deepEqual(
      countBy(bank.questions, (q) => q.type),
      {
        multichoice: 18,
        truefalse: 10,
        essay: 9,
        matching: 5,
      },
    );
    for (const item of expressible) assertRoundTrip(item, find(bank, item.id), 'gift');
  });

  it('gives every multichoice question weights that Moodle accepts and that sum to 100', () => {
    const bank = readGift(toGift(course));
    for (const q of bank.questions.filter((x) => x.type === 'multichoice')) {
      const sum = q.answers.filter((a) => a.fraction > 0).reduce((total, a) => total + a.fraction, 0);
      assert.ok(close(sum, 100), `${q.id}: ${sum}`);
    }
  });
});

describe('escaping', () => {
  const prompt = 'Escape test: {braces} a=b ~tilde #hash key:value C:\\path\\n -> arrow\nsecond line';
  const choice: Item = {
    at: AT,
    id: 'gift-escapes',
    slideId: 'slide-6',
    audience: ['police'],
    outcomes: ['LO1', 'LO3'],
    type: 'single-choice',
    prompt,
    options: [
      { text: '=right {really} #1: yes', correct: true, feedback: 'Yes: 1 = 1 #ok ~fine' },
      { text: '%50% of ~all~', feedback: '{no}' },
      { text: '[html] <b>not bold</b>' },
      { text: '####not general feedback' },
    ],
    feedback: 'General: {feedback} = #4 ~ \\ end',
    cite: 'fixture',
  };
  const multi: Item = {
    at: AT,
    id: 'one-correct-of-many',
    slideId: 'slide-6',
    audience: [],
    outcomes: ['LO2'],
    type: 'multiple-choice',
    prompt: 'Select all that apply: only one is right.',
    options: [{ text: 'Right', correct: true }, { text: 'Wrong' }, { text: 'Also wrong' }],
    feedback: 'One.',
    cite: 'fixture',
  };
  const match: Item = {
    at: AT,
    id: 'match-escapes',
    slideId: 'slide-6',
    audience: [],
    outcomes: ['LO4'],
    type: 'match',
    prompt: 'Match: a=b',
    pairs: [
      { left: 'x = {1}', right: 'one: #1 -> first' },
      // The right-hand side is plain text in Moodle XML, so only CDATA protects it.
      { left: 'y ~ 2', right: 'two = 2 ]]> </text></answer>' },
    ],
    feedback: 'Matched.',
    cite: 'fixture',
  };
  const sort: Item = {
    at: AT,
    id: 'sort-with-spare-category',
    slideId: 'slide-4',
    audience: [],
    outcomes: ['LO3'],
    type: 'sort',
    prompt: 'Sort the threats.',
    categories: [
      { id: 'life', label: 'Threats to life' },
      { id: 'property', label: 'Threats to property' },
      { id: 'spare', label: 'Neither' },
    ],
    items: [
      { text: 'Murder', category: 'life' },
      { text: 'Looting', category: 'property' },
    ],
    feedback: 'Sorted.',
    cite: 'fixture',
  };
  const short: Item = {
    at: AT,
    id: 'short-escapes',
    slideId: 'slide-6',
    audience: [],
    outcomes: ['LO5'],
    type: 'short-answer',
    maxLength: 300,
    prompt: 'Name the organ {one word}.',
    answer: 'Security Council: the #1 = organ',
    feedback: 'It is the Security Council.',
    cite: 'fixture',
  };

  it('escapes GIFT special characters in a prompt and reads it back identically', () => {
    const gift = toGift(withItems(choice));
    assert.ok(
      gift.includes(
        '::gift-escapes::[plain]Escape test\\: \\{braces\\} a\\=b \\~tilde \\#hash key\\:value C\\:\\\\path\\\\n -> arrow\\nsecond line {',
      ),
      gift,
    );
    assert.ok(
      gift.includes(
        '// [id:gift-escapes] [tag:outcome:LO1] [tag:outcome:LO3] [tag:slide:slide-6] [tag:audience:police]',
      ),
    );
    const bank = readGift(gift);
    assert.deepEqual(bank.unsupported, []);
    const question = find(bank, 'gift-escapes');
    assert.equal(question.prompt, prompt);
    assertRoundTrip(choice, question, 'gift');
    assert.deepEqual(question.tags, ['outcome:LO1', 'outcome:LO3', 'slide:slide-6', 'audience:police']);
  });

  it('guards option texts that GIFT would read as a weight or a format', () => {
    const gift = toGift(withItems(choice));
    assert.match(gift, /^\t~%0%%50% of \\~all\\~#\\\{no\\\}$/m);
    assert.match(gift, /^\t~\[plain\]\[html\] <b>not bold<\/b>$/m);
  });

  it('round-trips the escaping fixtures through both formats', () => {
    const fixtures = withItems(choice, multi, match, sort, short);
    const fromGift = readGift(toGift(fixtures));
    const fromXml = readMoodleXml(toMoodleXml(fixtures));
    assert.equal(XMLValidator.validate(toMoodleXml(fixtures)), true);
    for (const item of fixtures.items) {
      assertRoundTrip(item, find(fromGift, item.id), 'gift');
      assertRoundTrip(item, find(fromXml, item.id), 'xml');
    }
    // A multiple-choice item with one correct option stays multiple-answer: GIFT writes `~%100%`, not `=`.
    assert.equal(find(fromGift, 'one-correct-of-many').single, false);
    assert.deepEqual(find(fromGift, 'sort-with-spare-category').pairs.at(-1), { left: '', right: 'Neither' });
  });

  it('can export short answers as automatically graded shortanswer questions', () => {
    const fixtures = withItems(short);
    const gift = toGift(fixtures, { shortAnswer: 'shortanswer' });
    assert.match(gift, /^\t=%100%Security Council\\: the \\#1 \\= organ$/m);
    assertRoundTrip(short, find(readGift(gift), short.id), 'gift', 'shortanswer');
    const xml = toMoodleXml(fixtures, { shortAnswer: 'shortanswer' });
    assert.equal(XMLValidator.validate(xml), true);
    assertRoundTrip(short, find(readMoodleXml(xml), short.id), 'xml', 'shortanswer');
  });

  it('leaves out an item without an answer key and says why', () => {
    const keyless: Item = { ...multi, id: 'no-key', options: [{ text: 'A' }, { text: 'B' }] };
    const xml = exportMoodleXml(withItems(keyless, multi));
    const gift = exportGift(withItems(keyless, multi));
    assert.deepEqual(
      xml.skipped.map((s) => s.id),
      ['no-key'],
    );
    assert.deepEqual(
      gift.skipped.map((s) => s.id),
      ['no-key'],
    );
    assert.deepEqual(
      readMoodleXml(xml.xml).questions.map((q) => q.id),
      ['one-correct-of-many'],
    );
    assert.deepEqual(
      readGift(gift.gift).questions.map((q) => q.id),
      ['one-correct-of-many'],
    );
  });

  it('notes a matching pair whose left side holds "->" as not expressible in GIFT', () => {
    const arrow: Item = {
      ...match,
      id: 'arrow-left',
      pairs: [{ left: 'a -> b', right: 'c' }, ...(match.pairs ?? [])],
    };
    const result = exportGift(withItems(arrow));
    assert.deepEqual(
      result.notExpressible.map((n) => n.id),
      ['arrow-left'],
    );
    assert.equal(result.questions, 0);
    assertRoundTrip(arrow, find(readMoodleXml(toMoodleXml(withItems(arrow))), 'arrow-left'), 'xml');
  });
});
