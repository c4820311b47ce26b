import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { tinyCourse } from '../../test/fixtures/minimal-course.ts';
import { checkCourse } from '../content/check-course.ts';
import type { Course } from '../content/model.ts';
import { parseCourse } from '../content/parse-course.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { buildPresenterDeck, publicDeck } from './deck.ts';

let course: Course;
before(async () => {
  const loaded = await loadCourse('courses/poc-module-1');
  assert.ok(loaded.course);
  course = loaded.course;
});

describe('presenter deck of Module 1', () => {
  it('has a frame per slide and one for the key-message summary, with planned start minutes', () => {
    const deck = buildPresenterDeck(course);
    assert.equal(deck.frames.length, 16);
    assert.deepEqual(deck.frames.at(-1)?.slideNumber, null);
    assert.equal(deck.frames.at(-1)?.title, 'Summary of key messages');
    assert.equal(deck.frames[0]?.plannedStart, 0);
    assert.equal(deck.frames[1]?.plannedStart, deck.frames[0]?.minutes);
    assert.equal(deck.frames.at(-1)?.plannedStart, 35);
    assert.ok(deck.frames.at(-1)?.notes.some((n) => n.kind === 'key-points'));
  });

  it('carries speaking points with slide words marked, and questions with their answers', () => {
    const deck = buildPresenterDeck(course);
    const slide6 = deck.frames[5];
    assert.match(slide6?.notes.find((n) => n.kind === 'speaking')?.html ?? '', /<mark>/);
    const slide15 = deck.frames[14];
    const questions = slide15?.notes.find((n) => n.kind === 'questions')?.questions;
    assert.equal(questions?.[0]?.answer, 'Loss of legitimacy');
    assert.ok(deck.frames.some((f) => f.notes.some((n) => n.addition?.includes('2023'))));
  });

  it('adds a mission pack’s points at their slides only when the session uses it', () => {
    const plain = buildPresenterDeck(course);
    const carana = buildPresenterDeck(course, 'carana');
    assert.equal(carana.mission?.name, 'Carana scenario');
    const missionAt = (deck: typeof plain, i: number) =>
      deck.frames[i]?.notes.filter((n) => n.kind === 'mission');
    assert.equal(missionAt(plain, 7)?.length, 0);
    assert.match(missionAt(carana, 7)?.[0]?.html ?? '', /Carana scenarios/);
    assert.ok(missionAt(carana, 7)?.[0]?.addition);
  });

  it('projects Chart 1.1 as a table on slide 10 and gives the public deck no notes', () => {
    const deck = buildPresenterDeck(course);
    assert.match(deck.frames[9]?.html ?? '', /<table class="chart">.*Threats to life/);
    const shown = publicDeck(deck);
    assert.ok(shown.frames.every((f) => !('notes' in f)));
    assert.doesNotMatch(JSON.stringify(shown), /Loss of legitimacy/);
  });
});

describe('deck rendering', () => {
  it('escapes HTML written in course text', () => {
    const files = tinyCourse();
    const section = files.find((f) => f.path === 'sections/01-intro.md');
    assert.ok(section);
    section.text = section.text.replace('- Threats to property', '- <script>alert(1)</script> & <b>');
    const parsed = checkCourse(parseCourse(files));
    assert.ok(parsed.course);
    const html = buildPresenterDeck(parsed.course).frames[0]?.html ?? '';
    assert.doesNotMatch(html, /<script>|<b>/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &lt;b&gt;/);
  });
});
