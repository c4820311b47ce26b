import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Course } from '../../content/model.ts';
import { loadCourse } from '../../files/read-course-dir.ts';
import { courseBlocks, type EvalBlock, plainText } from './course-blocks.ts';
import { formatScore, type ImportScore, scoreImport } from './score-import.ts';

const block = (kind: string, text: string, where = '?'): EvalBlock => ({ kind, text, where });

// Texts of distinct words, so that bigram counts and LCS are easy to work out by hand.
const A = block('slide', 'a1 a2 a3 a4', 'A'); // 4 words, 3 bigrams
const B = block('speaking', 'b1 b2 b3 b4 b5 b6', 'B'); // 6 words, 5 bigrams
const C = block('note', 'c1 c2 c3', 'C'); // 3 words, 2 bigrams

function assertRates(actual: ImportScore['boundary'], precision: number, recall: number, f1: number) {
  assert.ok(Math.abs(actual.precision - precision) < 1e-9, `precision ${actual.precision} ≠ ${precision}`);
  assert.ok(Math.abs(actual.recall - recall) < 1e-9, `recall ${actual.recall} ≠ ${recall}`);
  assert.ok(Math.abs(actual.f1 - f1) < 1e-9, `F1 ${actual.f1} ≠ ${f1}`);
}

describe('scoreImport on hand-made blocks', () => {
  it('gives 1 everywhere for a perfect import', () => {
    const score = scoreImport([A, B, C], [A, B, C]);
    assertRates(score.boundary, 1, 1, 1);
    assertRates(score.kind, 1, 1, 1);
    assert.deepEqual(score.textSimilarity, { mean: 1, min: 1 });
    assert.deepEqual([score.missed, score.extra, score.kindErrors], [[], [], []]);
  });

  it('counts two merged blocks as one match and one miss', () => {
    // B + C as one block: 9 words, 8 bigrams. Dice with B = 2·5/(5+8) ≈ 0.77 (match);
    // with C = 2·2/(2+8) = 0.4 (no match). Text similarity with B: LCS 6, 2·6/(6+9) = 0.8.
    const merged = block('speaking', `${B.text} ${C.text}`, 'BC');
    const score = scoreImport([A, B, C], [A, merged]);
    assertRates(score.boundary, 1, 2 / 3, 0.8);
    assertRates(score.kind, 1, 2 / 3, 0.8);
    assert.deepEqual(score.missed, [C]);
    assert.deepEqual(score.extra, []);
    assert.ok(Math.abs((score.pairs[1]?.similarity ?? 0) - 10 / 13) < 1e-9);
    assert.ok(Math.abs(score.textSimilarity.mean - 0.9) < 1e-9);
    assert.ok(Math.abs(score.textSimilarity.min - 0.8) < 1e-9);
  });

  it('counts a split block as one match and one extra', () => {
    // B cut after b4: "b1 b2 b3 b4" (3 bigrams) has Dice 2·3/(5+3) = 0.75 with B; "b5 b6" has
    // 2·1/(5+1) ≈ 0.33. Text similarity of the first part: LCS 4, 2·4/(6+4) = 0.8.
    const head = block('speaking', 'b1 b2 b3 b4', 'B1');
    const tail = block('speaking', 'b5 b6', 'B2');
    const score = scoreImport([A, B], [A, head, tail]);
    assertRates(score.boundary, 2 / 3, 1, 0.8);
    assert.deepEqual(score.extra, [tail]);
    assert.equal(score.pairs[1]?.similarity, 0.75);
    assert.equal(score.textSimilarity.min, 0.8);
  });

  it('finds the block but not its kind', () => {
    const asNote = block('note', B.text, 'B as note');
    const score = scoreImport([A, B], [A, asNote]);
    assertRates(score.boundary, 1, 1, 1);
    assertRates(score.kind, 0.5, 0.5, 0.5);
    assert.deepEqual(score.kindErrors, [{ reference: B, predicted: asNote }]);
    assert.deepEqual(
      score.byKind.find((t) => t.kind === 'speaking'),
      { kind: 'speaking', reference: 1, predicted: 0, correct: 0 },
    );
  });

  it('scores an empty import 0, without NaN', () => {
    const score = scoreImport([A, B, C], []);
    assertRates(score.boundary, 0, 0, 0);
    assertRates(score.kind, 0, 0, 0);
    assert.deepEqual(score.textSimilarity, { mean: 0, min: 0 });
    assert.deepEqual(score.missed, [A, B, C]);
    assert.doesNotThrow(() => formatScore(score));
    assert.doesNotMatch(formatScore(score), /NaN/);
  });

  it('lets two empty lists agree', () => {
    assertRates(scoreImport([], []).boundary, 1, 1, 1);
  });

  it('keeps reading order: a block out of place matches nothing', () => {
    // Matching A and B (total 2) beats matching C alone (total 1); pairs may not cross.
    const score = scoreImport([A, B, C], [C, A, B]);
    assertRates(score.boundary, 2 / 3, 2 / 3, 2 / 3);
    assert.deepEqual(
      score.pairs.map((p) => [p.reference.where, p.predicted.where]),
      [
        ['A', 'A'],
        ['B', 'B'],
      ],
    );
    assert.deepEqual(score.missed, [C]);
    assert.deepEqual(score.extra, [C]);
  });

  it('matches a block used twice only once', () => {
    const score = scoreImport([A], [A, A]);
    assertRates(score.boundary, 0.5, 1, 2 / 3);
  });

  it('matches from a similarity of 0.5 up', () => {
    // "c1 c2 x" shares 1 of 2 bigrams with C: 2·1/(2+2) = 0.5. "c1 x c3" shares none.
    assert.equal(scoreImport([C], [block('note', 'c1 c2 x')]).counts.matched, 1);
    assert.equal(scoreImport([C], [block('note', 'c1 x c3')]).counts.matched, 0);
  });

  it('compares one-word texts word by word', () => {
    // "Threats" has no bigram: words "threats" vs "threats to life" give 2·1/(1+3) = 0.5.
    const score = scoreImport([block('slide', 'Threats')], [block('slide', 'Threats to life')]);
    assert.equal(score.pairs[0]?.similarity, 0.5);
  });

  it('ignores case and punctuation in text similarity', () => {
    const score = scoreImport(
      [block('questions', 'Answer: Loss of legitimacy.')],
      [block('questions', 'ANSWER — loss of “legitimacy”')],
    );
    assert.equal(score.textSimilarity.min, 1);
  });
});

describe('plainText', () => {
  it('drops Markdown markup and collapses spaces', () => {
    assert.equal(
      plainText(
        '- **==Rights based approach==**: see *the* [chart](#chart-1-1)\n  > quoted\u00a0 text\n2. next',
      ),
      'Rights based approach: see the chart quoted text next',
    );
  });
});

describe('Module 1 as the reference', () => {
  let course: Course;
  let blocks: EvalBlock[];

  before(async () => {
    const loaded = await loadCourse(join(import.meta.dirname, '../../../courses/poc-module-1'));
    assert.ok(loaded.course);
    course = loaded.course;
    blocks = courseBlocks(course);
  });

  it('has the blocks read off the course files', () => {
    const counts: Record<string, number> = {};
    for (const b of blocks) counts[b.kind] = (counts[b.kind] ?? 0) + 1;
    assert.deepEqual(counts, {
      aim: 1,
      audience: 1,
      outcomes: 1,
      trainingSequence: 1,
      duration: 1,
      methodology: 1,
      instructorProfile: 1,
      instructorPreparations: 1,
      equipment: 1,
      materials: 1,
      participantPreparations: 1,
      additionalResources: 1,
      materialsReferenced: 1,
      legend: 1,
      section: 8,
      slide: 15,
      speaking: 8,
      note: 12,
      questions: 2,
      handout: 1,
      'key-points': 1,
    });
    assert.equal(blocks.length, 61);
  });

  it('reads metadata, slides and charts as plain text, in order', () => {
    assert.equal(blocks.find((b) => b.kind === 'duration')?.text, '35 10');
    assert.equal(blocks[14]?.kind, 'section');
    assert.equal(blocks[15]?.text, 'Overview of Protection of Civilians Module 1');
    assert.match(
      blocks.find((b) => b.kind === 'handout')?.text ?? '',
      /^CHART 1\.1: threats .* Threats to life Murder/,
    );
    assert.equal(
      blocks.find((b) => b.where === 'sections/04-threats-facing-civilians.md:47')?.text,
      'Threats',
    );
    assert.ok(blocks.every((b) => !/==|\*\*|\]\(#/.test(b.text)));
  });

  it('leaves out additions, activities, items and missions', () => {
    const all = blocks.map((b) => b.text).join('\n');
    assert.doesNotMatch(all, /Doctrine currency/); // a source=addition note
    assert.doesNotMatch(all, /Opportunistic or strategic\?/); // an activity's prompt
    assert.doesNotMatch(all, /Carana Country Study Overview describes/); // a mission pack's point
    assert.doesNotMatch(all, /Which of the three approaches to protection/); // an item's prompt
  });

  it('scores 1 / 1 / 1 against itself', () => {
    const score = scoreImport(blocks, blocks);
    assertRates(score.boundary, 1, 1, 1);
    assertRates(score.kind, 1, 1, 1);
    assert.deepEqual(score.textSimilarity, { mean: 1, min: 1 });
  });

  it('loses exactly the notes an import leaves out', () => {
    const withoutNotes = blocks.filter((b) => b.kind !== 'note');
    const score = scoreImport(blocks, withoutNotes);
    assertRates(score.boundary, 1, 49 / 61, (2 * 49) / (61 + 49));
    assert.equal(score.missed.length, 12);
    assert.ok(score.missed.every((b) => b.kind === 'note'));
  });
});
