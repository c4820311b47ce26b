import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COURSE_MD, ITEMS_MD, SECTION_MD, tinyCourse } from '../../test/fixtures/minimal-course.ts';
import { checkCourse } from './check-course.ts';
import { allActivities, allSlides } from './model.ts';
import { parseCourse } from './parse-course.ts';
import type { ProblemCode } from './problem.ts';

function check(overrides: Record<string, string> = {}) {
  return checkCourse(parseCourse(tinyCourse(overrides)));
}

function where(code: ProblemCode, overrides: Record<string, string>) {
  return check(overrides)
    .problems.filter((p) => p.code === code)
    .map((p) => `${p.at.file}:${p.at.line}:${p.at.column}`);
}

const sectionFile = 'sections/01-intro.md';

describe('checkCourse on a valid course', () => {
  it('reports no problems and builds the model', () => {
    const { course, problems } = check();
    assert.deepEqual(problems, []);
    assert.ok(course);
    const slides = allSlides(course);
    assert.deepEqual(
      slides.map((s) => [s.id, s.number, s.title, s.minutes]),
      [
        ['slide-1', 1, 'Threats', 3],
        ['slide-2', 2, 'Failure', 2],
      ],
    );
    assert.deepEqual(slides[0]?.content, [
      {
        type: 'bullets',
        items: [
          { text: 'Threats to life', children: [] },
          { text: 'Threats to property', children: [] },
        ],
      },
    ]);
    const questions = slides[1]?.blocks[0];
    assert.equal(questions?.kind, 'questions');
    assert.deepEqual(questions?.kind === 'questions' && questions.questions, [
      { text: 'What are the consequences of failure?', answer: 'Loss of legitimacy' },
    ]);
    assert.equal(questions?.kind === 'questions' && questions.intro, 'Ask the group:');
    const handout = slides[0]?.blocks[1];
    assert.deepEqual(handout?.kind === 'handout' && handout.chart?.categories.map((c) => c.items), [
      ['Murder'],
      ['Looting'],
    ]);
    assert.deepEqual(
      allActivities(course).map((a) => [a.id, a.type, a.chartId]),
      [['act-sort', 'sort', 'chart-1']],
    );
    assert.equal(course.items[0]?.slideId, 'slide-2');
    assert.equal(course.meta.materials[0]?.urlStatus, 'dead');
    assert.equal(course.meta.instructorPreparations.requiredReadings[0]?.title, 'The Charter');
  });
});

describe('checkCourse reports each problem where it is', () => {
  it('UNKNOWN_DIRECTIVE', () => {
    const text = `${SECTION_MD}\n:::warning\nCareful\n:::\n`;
    assert.deepEqual(where('UNKNOWN_DIRECTIVE', { [sectionFile]: text }), [`${sectionFile}:40:1`]);
  });

  it('UNKNOWN_BLOCK_KIND and LEGEND_INCOMPLETE', () => {
    const text = COURSE_MD.replace('  film: Film', '  movie: Film');
    assert.deepEqual(where('UNKNOWN_BLOCK_KIND', { 'course.md': text }), ['course.md:43:3']);
    assert.equal(where('LEGEND_INCOMPLETE', { 'course.md': text }).length, 1);
  });

  it('METADATA_MISSING for a required field', () => {
    const text = COURSE_MD.replace('instructorProfile: Anyone.\n', '');
    const problems = check({ 'course.md': text }).problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.params.field]),
      [['METADATA_MISSING', 'instructorProfile']],
    );
  });

  it('FIELD_INVALID with the field path, and unknown fields', () => {
    const text = COURSE_MD.replace('module: 9', 'module: nine').replace(
      'trainingSequence:',
      'trainingSequense:',
    );
    const problems = check({ 'course.md': text }).problems;
    const fields = problems.filter((p) => p.code === 'FIELD_INVALID').map((p) => [p.params.field, p.at.line]);
    assert.deepEqual(fields, [
      ['module', 3],
      ['trainingSequense', 22],
    ]);
  });

  it('YAML_SYNTAX at the line inside the file', () => {
    const text = SECTION_MD.replace('prompt: Sort each threat.', 'prompt: [unclosed');
    const lines = where('YAML_SYNTAX', { [sectionFile]: text });
    assert.ok(lines.length >= 1);
    assert.ok(
      lines.every((l) => l.startsWith(`${sectionFile}:2`)),
      lines.join(),
    );
  });

  it('YAML_SYNTAX for an alias used before its anchor, instead of a crash', () => {
    const text = SECTION_MD.replace('prompt: Sort each threat.', 'prompt: *early\nfeedback: &early x');
    assert.deepEqual(
      check({ [sectionFile]: text }).problems.map((p) => [p.code, p.params.detail]),
      [['YAML_SYNTAX', 'BAD_ALIAS']],
    );
  });

  it('DIRECTIVE_UNCLOSED, DIRECTIVE_NESTED, CLOSE_WITHOUT_OPEN', () => {
    assert.deepEqual(where('DIRECTIVE_UNCLOSED', { [sectionFile]: `${SECTION_MD}:::note\nNever closed\n` }), [
      `${sectionFile}:39:1`,
    ]);
    const nested = SECTION_MD.replace('Some threats are', ':::note\nSome threats are');
    assert.deepEqual(where('DIRECTIVE_NESTED', { [sectionFile]: nested }), [`${sectionFile}:14:1`]);
    assert.deepEqual(where('CLOSE_WITHOUT_OPEN', { [sectionFile]: `${SECTION_MD}\n:::\n` }), [
      `${sectionFile}:40:1`,
    ]);
  });

  it('TEXT_OUTSIDE_BLOCK once per run of stray text', () => {
    const text = SECTION_MD.replace(':::speaking', 'Stray line one\nStray line two\n\n:::speaking');
    assert.deepEqual(where('TEXT_OUTSIDE_BLOCK', { [sectionFile]: text }), [`${sectionFile}:13:1`]);
  });

  it('ATTRIBUTE_INVALID for unknown keys, audience tags and garbage', () => {
    const text = SECTION_MD.replace(':::speaking', ':::speaking{audience="tactical pilots" colour=blue}');
    const problems = check({ [sectionFile]: text }).problems.filter((p) => p.code === 'ATTRIBUTE_INVALID');
    assert.deepEqual(
      problems.map((p) => p.params.text),
      ['pilots', 'colour'],
    );
  });

  it('SLIDE_TITLE_MISSING and SLIDE_WORDS_NOT_ON_SLIDE', () => {
    assert.deepEqual(where('SLIDE_TITLE_MISSING', { [sectionFile]: SECTION_MD.replace('# Failure\n', '') }), [
      `${sectionFile}:28:1`,
    ]);
    const text = SECTION_MD.replace('==threats to life==', '==threats to freedom==');
    const problems = check({ [sectionFile]: text }).problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.at.line, p.at.column]),
      [['SLIDE_WORDS_NOT_ON_SLIDE', 'warning', 14, 18]],
    );
  });

  it('OUTCOME_UNDECLARED at the attribute, OUTCOME_UNSERVED at the declaration', () => {
    const text = SECTION_MD.replace('minutes=2 outcomes="LO2"', 'minutes=2 outcomes="LO9"');
    const items = ITEMS_MD.replace('outcomes="LO2"', 'outcomes="LO1"');
    const problems = check({ [sectionFile]: text, 'items/bank.md': items }).problems;
    assert.deepEqual(
      problems.map((p) => `${p.code} ${p.at.file}:${p.at.line}:${p.at.column}`),
      ['OUTCOME_UNSERVED course.md:21:13', `OUTCOME_UNDECLARED ${sectionFile}:28:29`],
    );
  });

  it('DURATION_MISMATCH when slide minutes do not add up to the lecture', () => {
    const problems = check({ [sectionFile]: SECTION_MD.replace('minutes=3', 'minutes=4') }).problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.params.planned, p.params.slides, p.at.line]),
      [['DURATION_MISMATCH', 5, 6, 23]],
    );
  });

  it('DUPLICATE_ID across files, pointing at the first use', () => {
    const problems = check({ 'items/bank.md': ITEMS_MD.replace('#q1', '#slide-1') }).problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.at.file, p.params.first]),
      [['DUPLICATE_ID', 'items/bank.md', `${sectionFile}:7`]],
    );
  });

  it('ANSWER_MISSING for each type that needs an answer', () => {
    const bodies: Record<string, string> = {
      'single-choice': 'options: [{ text: A }, { text: B }]',
      'multiple-choice': 'options: [{ text: A }, { text: B }]',
      'true-false': '{}',
      'short-answer': '{}',
      match: 'pairs: [{ left: A, right: B }]',
      order: 'items: [A]',
      classify: 'categories: [{ id: a, label: A }, { id: b, label: B }]\nitems: [{ text: X }]',
    };
    for (const [type, body] of Object.entries(bodies)) {
      const yaml = body === '{}' ? '' : `${body}\n`;
      const items = `:::item{#q type=${type} outcomes="LO2" slide=slide-2}\nprompt: P\n${yaml}feedback: F\ncite: C\n:::\n`;
      const problems = check({ 'items/bank.md': items }).problems;
      assert.deepEqual(
        problems.map((p) => [p.code, p.params.type]),
        [['ANSWER_MISSING', type]],
        `type ${type}: ${JSON.stringify(problems)}`,
      );
    }
  });

  it('CATEGORY_UNKNOWN for a sort item in an undeclared category', () => {
    const items = `:::item{#q type=classify outcomes="LO2" slide=slide-2}
prompt: P
categories: [{ id: a, label: A }, { id: b, label: B }]
items: [{ text: X, category: c }]
feedback: F
cite: C
:::
`;
    assert.deepEqual(where('CATEGORY_UNKNOWN', { 'items/bank.md': items }), ['items/bank.md:1:1']);
  });

  it('LINK_BROKEN for links, charts and slides', () => {
    const text = SECTION_MD.replace('(#chart-1)', '(#chart-9)').replace('chart=chart-1 ', 'chart=chart-8 ');
    const items = ITEMS_MD.replace('slide=slide-2', 'slide=slide-7');
    const problems = check({ [sectionFile]: text, 'items/bank.md': items }).problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.params.id]),
      [
        ['LINK_BROKEN', 'slide-7'],
        ['LINK_BROKEN', 'chart-9'],
        ['LINK_BROKEN', 'chart-8'],
      ],
    );
  });

  it('ADDITION_UNCITED, and a cited addition is kept with its citation', () => {
    const uncited = SECTION_MD.replace(':::speaking', ':::note{source=addition}\nAdded.\n:::\n\n:::speaking');
    assert.deepEqual(where('ADDITION_UNCITED', { [sectionFile]: uncited }), [`${sectionFile}:13:1`]);
    const cited = SECTION_MD.replace(
      ':::speaking',
      ':::note{source=addition cite="Policy 2023"}\nAdded.\n:::\n\n:::speaking',
    );
    const { course, problems } = check({ [sectionFile]: cited });
    assert.deepEqual(problems, []);
    assert.ok(course);
    assert.deepEqual(allSlides(course)[0]?.blocks[0]?.addition, { cite: 'Policy 2023' });
  });

  it('mission packs: points at known slides, each naming its slide', () => {
    const pack = `---
id: carana
name: Carana
description: Prompts.
---

:::mission{slide=slide-2}
Read the mandate.
:::

:::mission{slide=slide-9}
Nowhere.
:::

:::mission
No slide.
:::
`;
    const { course, problems } = check({ 'missions/carana.md': pack });
    assert.deepEqual(
      problems.map((p) => [p.code, p.at.line, p.params.id ?? p.params.field]),
      [
        ['LINK_BROKEN', 11, 'slide-9'],
        ['METADATA_MISSING', 15, 'slide'],
      ],
    );
    assert.deepEqual(
      course?.missions[0]?.points.map((p) => [p.slideId, p.block.markdown]),
      [
        ['slide-2', 'Read the mandate.'],
        ['slide-9', 'Nowhere.'],
      ],
    );
  });

  it('FRONT_MATTER_MISSING and COURSE_FILE_MISSING', () => {
    assert.deepEqual(where('FRONT_MATTER_MISSING', { [sectionFile]: ':::note\nx\n:::\n' }), [
      `${sectionFile}:1:1`,
    ]);
    const result = checkCourse(parseCourse(tinyCourse().filter((f) => f.path !== 'course.md')));
    assert.equal(result.course, undefined);
    assert.deepEqual(
      result.problems.map((p) => p.code),
      ['COURSE_FILE_MISSING'],
    );
  });
});
