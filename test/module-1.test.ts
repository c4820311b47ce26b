/** Module 1 as the issue asks for it: what an instructor or reviewer would look for in the course. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  allActivities,
  allBlocks,
  allSlides,
  BLOCK_KINDS,
  type Course,
  findChart,
} from '../src/content/model.ts';
import { loadCourse } from '../src/files/read-course-dir.ts';

let course: Course;

before(async () => {
  const result = await loadCourse('courses/poc-module-1');
  assert.deepEqual(result.problems, []);
  assert.ok(result.course);
  course = result.course;
});

describe('Module 1 metadata', () => {
  it('declares the five learning outcomes and the 35 + 10 minute plan', () => {
    assert.deepEqual(
      course.outcomes.map((o) => o.id),
      ['LO1', 'LO2', 'LO3', 'LO4', 'LO5'],
    );
    assert.match(course.outcomes[4]?.text ?? '', /credibility of the mission and the UN/);
    assert.deepEqual(course.meta.duration, { lecture: 35, discussion: 10 });
    assert.equal(
      allSlides(course).reduce((sum, s) => sum + s.minutes, 0),
      35,
    );
  });

  it('keeps audience, profile, readings and the Security Council resolutions', () => {
    assert.deepEqual(course.meta.audience.levels, ['operational', 'tactical']);
    assert.deepEqual(
      course.meta.audience.profile.map((p) => p.component),
      ['military', 'police', 'civilian'],
    );
    const carana = course.meta.instructorPreparations.requiredReadings.find(
      (r) => r.title === 'Carana Training Package',
    );
    assert.deepEqual(
      carana?.items?.map((r) => r.title),
      ['Country Study Overview', 'Scenarios'],
    );
    assert.deepEqual(
      course.meta.additionalResources.resolutions.map((r) => `${r.symbol} ${r.year}`),
      ['S/RES/1612 2005', 'S/RES/1674 2006', 'S/RES/1894 2009', 'S/RES/1325 2000', 'S/RES/1960 2010'],
    );
    const dead = course.meta.materials.filter((m) => m.urlStatus === 'dead');
    assert.equal(dead.length, 1, 'the peacekeeping best practices URL is kept but marked dead');
  });

  it('has a legend entry for each of the ten block kinds', () => {
    assert.deepEqual(Object.keys(course.meta.legend).sort(), [...BLOCK_KINDS].sort());
  });
});

describe('Module 1 session notes', () => {
  it('has 8 sections and 15 slides in order', () => {
    assert.deepEqual(
      course.sections.map((s) => s.number),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
    const slides = allSlides(course);
    assert.deepEqual(
      slides.map((s) => s.id),
      Array.from({ length: 15 }, (_, i) => `slide-${i + 1}`),
    );
    assert.ok(slides.every((s) => s.title.length > 0));
  });

  it('projects the quote on slides 8 and 9 and Chart 1.1 on slide 10', () => {
    const slides = allSlides(course);
    for (const n of [8, 9]) {
      const quote = slides[n - 1]?.content.find((c) => c.type === 'quote');
      assert.match(
        quote?.type === 'quote' ? quote.text : '',
        /^“The consequences \(of violence\) for civilians/,
      );
    }
    assert.equal(slides[9]?.chartId, 'chart-1-1');
  });

  it('structures Chart 1.1 into its four categories with every threat', () => {
    const chart = findChart(course, 'chart-1-1');
    assert.ok(chart);
    assert.deepEqual(
      chart.categories.map((c) => [c.label, c.items.length]),
      [
        ['Threats to life', 2],
        ['Threats to physical integrity', 6],
        ['Threats to freedom', 5],
        ['Threats to property', 2],
      ],
    );
    assert.ok(chart.categories[3]?.items.includes('Looting'));
    assert.ok(chart.categories[2]?.items.includes('Forced disappearance'));
  });

  it('asks slide 15’s question with its answer, loss of legitimacy', () => {
    const slide15 = allSlides(course)[14];
    const questions = slide15?.blocks.flatMap((b) => (b.kind === 'questions' ? b.questions : []));
    assert.equal(questions?.length, 1);
    assert.match(
      questions?.[0]?.text ?? '',
      /consequences to the mission when peacekeepers are not able to protect/,
    );
    assert.equal(questions?.[0]?.answer, 'Loss of legitimacy');
  });

  it('lists the protection actors on slide 12 and their roles in the notes', () => {
    const slide12 = allSlides(course)[11];
    const shown = slide12?.content.flatMap((c) => (c.type === 'bullets' ? c.items.map((i) => i.text) : []));
    assert.equal(shown?.length, 8);
    assert.ok(shown?.includes('The Host State Government'));
    const notes = slide12?.blocks.map((b) => b.markdown).join('\n') ?? '';
    for (const actor of ['UNHCR', 'OHCHR', 'ICRC', 'UNOCHA', 'UNICEF', 'NGOs'])
      assert.match(notes, new RegExp(actor));
  });

  it('closes with the key messages', () => {
    const summary = course.sections[7];
    const keyPoints = summary?.blocks.find((b) => b.kind === 'key-points');
    assert.ok(keyPoints?.kind === 'key-points');
    assert.ok(keyPoints.points.length >= 7);
    assert.match(keyPoints.points.at(-1)?.text ?? '', /loss of legitimacy for the peacekeeping mission/);
  });

  it('marks the doctrine-currency note as an addition with its citation', () => {
    const additions = allBlocks(course).filter((b) => b.addition);
    assert.equal(additions.length, 1);
    assert.equal(additions[0]?.kind, 'note');
    assert.match(additions[0]?.markdown ?? '', /three tiers|three-tier/i);
    assert.match(additions[0]?.addition?.cite ?? '', /2023/);
  });
});

describe('Module 1 activities and item bank', () => {
  it('runs the activities the notes call for', () => {
    const activities = new Map(allActivities(course).map((a) => [a.id, a]));
    const expected: [string, string][] = [
      ['act-violence-types', 'open-text'],
      ['act-chart-1-1-sort', 'sort'],
      ['act-opportunistic-strategic', 'classify'],
      ['act-who-protects', 'match'],
      ['act-failure-consequences', 'open-text'],
      ['act-key-messages-recall', 'open-text'],
    ];
    for (const [id, type] of expected) assert.equal(activities.get(id)?.type, type, id);
    const failure = activities.get('act-failure-consequences');
    assert.equal(failure?.type === 'open-text' && failure.answer, 'Loss of legitimacy');
  });

  it('has at least 30 items, at least 5 per outcome, each with feedback, citation and slide', () => {
    assert.ok(course.items.length >= 30, `${course.items.length} items`);
    for (const outcome of course.outcomes) {
      const n = course.items.filter((i) => i.outcomes.includes(outcome.id)).length;
      assert.ok(n >= 5, `${outcome.id}: ${n} items`);
    }
    const slides = new Set(allSlides(course).map((s) => s.id));
    for (const item of course.items) {
      assert.ok(item.feedback.length > 20, item.id);
      assert.ok(item.cite.length > 5, item.id);
      assert.ok(slides.has(item.slideId), item.id);
    }
  });

  it('mixes every item type the session assessment needs', () => {
    const types = new Set(course.items.map((i) => i.type));
    for (const type of [
      'single-choice',
      'multiple-choice',
      'true-false',
      'match',
      'classify',
      'order',
      'short-answer',
    ]) {
      assert.ok(types.has(type as never), `no ${type} item`);
    }
  });
});
