/** The `lectern` command as a user runs it: a real process over real folders. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { SECTION_MD, tinyCourse } from './fixtures/minimal-course.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'lectern.js');

function lectern(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LECTERN_LANG: '', ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function writeCourse(overrides: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-'));
  for (const file of tinyCourse(overrides)) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  return dir;
}

describe('lectern check', () => {
  it('passes Module 1 with no problems', () => {
    const run = lectern(['check', 'courses/poc-module-1']);
    assert.equal(run.stdout, '', run.stdout);
    assert.match(run.stderr, /courses\/poc-module-1: no problems/);
    assert.equal(run.code, 0);
  });

  it('prints file:line:col  CODE  message and exits 1 on errors', () => {
    const dir = writeCourse({ 'sections/01-intro.md': `${SECTION_MD}\n:::warning\nCareful\n:::\n` });
    const run = lectern(['check', dir]);
    assert.equal(run.code, 1);
    assert.equal(
      run.stdout.trim(),
      `${dir}/sections/01-intro.md:40:1  UNKNOWN_DIRECTIVE  Unknown directive ":::warning". Use slide, activity, a block kind (note, speaking, mission, example, questions, handout, film, core-activity, optional-activity, key-points) or, in items/, item.`,
    );
    assert.match(run.stderr, /1 error\(s\), 0 warning\(s\)/);
  });

  it('speaks French with --lang fr or LECTERN_LANG=fr', () => {
    const dir = writeCourse({ 'sections/01-intro.md': SECTION_MD.replace('minutes=3', 'minutes=4') });
    const expected = `${dir}/course.md:23:22  DURATION_MISMATCH  Le plan prévoit 5 min d’exposé mais les diapositives en prévoient 6.`;
    assert.equal(lectern(['check', dir, '--lang', 'fr']).stdout.trim(), expected);
    assert.equal(lectern(['check', dir], { LECTERN_LANG: 'fr' }).stdout.trim(), expected);
  });

  it('exits 0 on warnings alone', () => {
    const dir = writeCourse({
      'sections/01-intro.md': SECTION_MD.replace('==threats to life==', '==unseen words=='),
    });
    const run = lectern(['check', dir]);
    assert.match(run.stdout, /SLIDE_WORDS_NOT_ON_SLIDE/);
    assert.equal(run.code, 0);
  });

  it('reports JSON with --json', () => {
    const dir = writeCourse({ 'items/bank.md': 'not a directive\n' });
    const run = lectern(['check', dir, '--json']);
    const report = JSON.parse(run.stdout) as { course: string; problems: { code: string; at: object }[] }[];
    assert.deepEqual(
      report[0]?.problems.map((p) => [p.code, p.at]),
      [['TEXT_OUTSIDE_BLOCK', { file: 'items/bank.md', line: 1, column: 1 }]],
    );
    assert.equal(run.code, 1);
  });

  it('says so when the folder is not a course folder', () => {
    const run = lectern(['check', '/nonexistent/course']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /\/nonexistent\/course is not a course folder/);
  });

  it('reports a file that is not UTF-8 instead of crashing', () => {
    const dir = writeCourse();
    writeFileSync(join(dir, 'sections', '02-binary.md'), Buffer.from([0xff, 0xfe, 0x00, 0x80]));
    const run = lectern(['check', dir]);
    assert.match(run.stdout, /sections\/02-binary\.md:1:1 {2}FILE_UNREADABLE/);
    assert.equal(run.code, 1);
  });
});

describe('lectern show and help', () => {
  it('prints the Module 1 outline', () => {
    const run = lectern(['show', 'courses/poc-module-1']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Module 1: Overview of the Protection of Civilians/);
    assert.match(run.stdout, /^ {3}15 {2}.+\(\d+ min\)/m);
    assert.match(run.stdout, /Lecture 35 min planned of 35 min; questions and assessment 10 min/);
    assert.match(run.stdout, /▸ activity act-chart-1-1-sort \(sort\)/);
  });

  it('has --help for every subcommand, in both languages', () => {
    for (const command of ['check', 'show', 'start', 'export']) {
      const en = lectern([command, '--help']);
      assert.equal(en.code, 0);
      assert.match(en.stdout, new RegExp(`^Usage: lectern ${command}`));
      assert.match(
        lectern([command, '--help', '--lang', 'fr']).stdout,
        new RegExp(`^Usage : lectern ${command}`),
      );
    }
    assert.match(lectern(['--help']).stdout, /Commands:/);
  });

  it('rejects unknown commands and options with exit 2', () => {
    assert.equal(lectern(['frobnicate']).code, 2);
    assert.match(lectern(['frobnicate']).stderr, /Unknown command "frobnicate"/);
    const run = lectern(['check', '--colour']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--colour/);
  });
});

describe('lectern export', () => {
  it('writes every format of Module 1 with one command each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lectern-export-'));
    const expected: [string, string, RegExp][] = [
      ['pptx', 'm1.pptx', /^PK/],
      ['guide-pdf', 'guide.pdf', /^%PDF-1\.7/],
      ['handout-pdf', 'handout.pdf', /^%PDF-1\.7/],
      ['moodle-xml', 'bank.xml', /^<\?xml version="1\.0" encoding="UTF-8"\?>[\s\S]*<quiz>/],
      ['gift', 'bank.gift.txt', /\$CATEGORY: /],
      ['scorm12', 'm1.scorm12.zip', /^PK/],
      ['scorm2004', 'm1.scorm2004.zip', /^PK/],
      ['cmi5', 'm1.cmi5.zip', /^PK/],
    ];
    for (const [format, file, start] of expected) {
      const out = join(dir, file);
      const run = lectern(['export', format, 'courses/poc-module-1', '-o', out]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, new RegExp(`Wrote ${format} to `));
      assert.match(readFileSync(out, 'latin1').slice(0, 200), start, format);
    }
  });

  it('refuses an unknown format or mission pack with the list of what exists', () => {
    const run = lectern(['export', 'docx']);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /Unknown export format "docx"\. Formats: pptx, guide-pdf, handout-pdf, moodle-xml, gift, scorm12, scorm2004, cmi5\./,
    );
    const mission = lectern([
      'export',
      'pptx',
      'courses/poc-module-1',
      '--mission',
      'atlantis',
      '-o',
      '/dev/null',
    ]);
    assert.equal(mission.code, 2);
    assert.match(mission.stderr, /no mission pack "atlantis"/);
  });
});
