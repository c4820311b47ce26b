/**
 * Every sentence, list item and heading of the source document (the seed) is said somewhere in the
 * Module 1 course, word for word after normalisation, unless the allow-list says why not.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkCourse } from '../src/content/check-course.ts';
import type { Course } from '../src/content/model.ts';
import { parseCourse } from '../src/content/parse-course.ts';
import { loadCourse, readCourseDir } from '../src/files/read-course-dir.ts';
import { ALLOWED, CORRECTIONS } from './seed-coverage/allow-list.ts';
import { type SeedUnit, seedSentences, uncoveredUnits } from './seed-coverage/seed-sentences.ts';

const COURSE_DIR = join(import.meta.dirname, '..', 'courses', 'poc-module-1');
/** The source document, kept with the course it became (a copy of the seed, byte for byte). */
const SEED_PATH = join(COURSE_DIR, 'source.txt');

function readSeed(): string {
  return readFileSync(SEED_PATH, 'utf8');
}

function report(units: SeedUnit[]): string {
  return units.map((u) => `  seed line ${u.line}: ${u.text}`).join('\n');
}

describe('seedSentences', () => {
  it('drops page furniture and doubled slide text, joins wrapped lines and splits sentences', () => {
    const sample = [
      'AIM ', // 1
      'To familiarize peacekeeping personnel with: ',
      '',
      '• The importance of POC for the peace- ', // 4
      '',
      'Module 1: Overview of the Protection of Civilians   8       ',
      '',
      'UN Protection of Civilians PDT Standards, 1st ed. (2011) ',
      '',
      'keeping mission and UN. ', // 10
      '',
      'ThreatsThreats', // 12
      'Opportunistic violence',
      '',
      'Strategic violence', // 15
      '',
      'Opportunistic violence',
      '',
      'Strategic violence',
      '',
      'Slide 4 ',
      '',
      ' There is a tendency to assume that violence against civilians is an unintended ', // 23
      '',
      'consequence of the chaos of conflict.  It is assumed that civilians are harmed by ', // 25
      '',
      'accident. ',
      '1. Explain how and why POC has become a priority objective for UN peacekeeping. ', // 28
    ].join('\n');
    assert.deepEqual(seedSentences(sample), [
      { line: 1, text: 'AIM' },
      { line: 2, text: 'To familiarize peacekeeping personnel with:' },
      { line: 4, text: 'The importance of POC for the peacekeeping mission and UN.' },
      { line: 12, text: 'Threats' },
      { line: 13, text: 'Opportunistic violence' },
      { line: 15, text: 'Strategic violence' },
      {
        line: 23,
        text: 'There is a tendency to assume that violence against civilians is an unintended consequence of the chaos of conflict.',
      },
      { line: 25, text: 'It is assumed that civilians are harmed by accident.' },
      { line: 28, text: 'Explain how and why POC has become a priority objective for UN peacekeeping.' },
    ]);
  });

  it('does not collapse the seed', () => {
    // 302 units at the time of writing, from 1,257 lines: fewer than 200 means the splitter lost paragraphs.
    assert.ok(seedSentences(readSeed()).length > 200);
  });
});

describe('Module 1 covers the seed', () => {
  it('says every unit of the seed, except the reviewed allow-list', async () => {
    const { course, problems } = await loadCourse(COURSE_DIR);
    assert.ok(course, `the course does not load:\n${JSON.stringify(problems, null, 2)}`);
    const uncovered = uncoveredUnits(readSeed(), course);
    assert.equal(
      uncovered.length,
      0,
      `${uncovered.length} seed unit(s) missing from the course:\n${report(uncovered)}`,
    );
  });

  it('keeps no stale exceptions', () => {
    const units = seedSentences(readSeed()).map((u) => u.text);
    const corrected = units.map((text) => CORRECTIONS.reduce((t, c) => t.replaceAll(c.from, c.to), text));
    const staleAllowed = ALLOWED.filter((a) => !corrected.includes(a.unit)).map((a) => a.unit);
    const staleCorrections = CORRECTIONS.filter((c) => !units.some((u) => u.includes(c.from))).map(
      (c) => c.from,
    );
    assert.deepEqual(staleAllowed, [], 'allow-list entries that are not units of the seed');
    assert.deepEqual(staleCorrections, [], 'corrections whose text is not in the seed');
  });

  it('fails when a speaking point is deleted from the course', async () => {
    const sentence =
      'In addition to the human cost, the failure to protect has political and institutional consequences as well.';
    const { files } = await readCourseDir(COURSE_DIR);
    // Any line wrapping of the sentence in the course file.
    const words = sentence.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const anywhere = new RegExp(words.join('\\s+'), 'g');
    assert.ok(
      files.some((f) => f.text.search(anywhere) >= 0),
      'the sentence is no longer in the course; pick another',
    );
    const without = files.map((f) => ({ ...f, text: f.text.replace(anywhere, '') }));
    const load = (fs: typeof files): Course => {
      const { course } = checkCourse(parseCourse(fs));
      assert.ok(course);
      return course;
    };
    const seed = readSeed();
    const before = new Set(uncoveredUnits(seed, load(files)).map((u) => u.text));
    // Compared with the course as it is, so that content still being written does not blur the result.
    const newlyUncovered = uncoveredUnits(seed, load(without)).filter((u) => !before.has(u.text));
    assert.deepEqual(
      newlyUncovered.map((u) => u.text),
      [sentence],
    );
  });
});
