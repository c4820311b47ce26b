/**
 * The PDF exports of Module 1, read back with poppler (pdftotext, pdfinfo, pdftoppm) as a reader
 * would: the instructor guide holds the whole session notes, the participant handout only what
 * participants may see, both are tagged and render. First-page PNGs and the PDFs are kept in
 * artifacts/pdf/ for a human to look at.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Course } from '../../src/content/model.ts';
import { allSlides } from '../../src/content/model.ts';
import { exportInstructorGuide } from '../../src/exports/pdf/instructor-guide.ts';
import { exportParticipantHandout } from '../../src/exports/pdf/participant-handout.ts';
import { loadCourse } from '../../src/files/read-course-dir.ts';
import { flat, info, POPPLER, run } from '../poppler.ts';

describe('PDF test tools', () => {
  it('are installed (npm test installs poppler-utils from Debian)', () => {
    assert.ok(
      POPPLER,
      'poppler-utils (pdftotext, pdfinfo, pdftoppm) is missing: run npm test, which installs it',
    );
  });
});

/** Page counts of Module 1's exports as laid out today; a change here is a layout change to look at. */
const GUIDE_PAGES = 17;
const HANDOUT_PAGES = 2;

const ARTIFACTS = 'artifacts/pdf';
let dir: string;
let course: Course;
let guidePath: string;
let handoutPath: string;
let guideText: string;
let handoutText: string;
let handoutRaw: string;

before(async () => {
  const result = await loadCourse('courses/poc-module-1');
  assert.deepEqual(result.problems, []);
  assert.ok(result.course);
  course = result.course;
  dir = mkdtempSync(join(tmpdir(), 'lectern-pdf-'));
  guidePath = join(dir, 'instructor-guide.pdf');
  handoutPath = join(dir, 'participant-handout.pdf');
  writeFileSync(guidePath, await exportInstructorGuide(course));
  writeFileSync(handoutPath, await exportParticipantHandout(course));
  if (POPPLER) {
    guideText = flat(run('pdftotext', ['-layout', guidePath, '-']));
    handoutText = flat(run('pdftotext', ['-layout', handoutPath, '-']));
    // Reading order as drawn: table cells whole, not interleaved line by line as in -layout.
    handoutRaw = flat(run('pdftotext', ['-raw', handoutPath, '-']));
  }
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('instructor guide (Module 1)', () => {
  it('starts as a PDF 1.7 with its title in the document information', () => {
    const meta = info(guidePath);
    assert.equal(meta['PDF version'], '1.7');
    assert.match(meta.Title ?? '', /Overview of the Protection of Civilians/);
  });

  it('holds every learning outcome', () => {
    assert.equal(course.meta.outcomes.list.length, 5);
    for (const outcome of course.meta.outcomes.list)
      assert.ok(guideText.includes(flat(outcome.text)), outcome.id);
  });

  it('holds the metadata pages: duration, resolutions, dead link marked as such', () => {
    assert.ok(guideText.includes('Preparatory Notes to Instructors'));
    assert.ok(guideText.includes('35 min.'));
    assert.ok(guideText.includes('10 min.'));
    for (const symbol of ['S/RES/1612', 'S/RES/1674', 'S/RES/1894', 'S/RES/1325', 'S/RES/1960']) {
      assert.ok(guideText.includes(symbol), symbol);
    }
    assert.ok(
      guideText.includes(
        'http://www.peacekeepingbestpractices.unlb.org/PBPS/Pages/Public/Home.aspx (link no longer available)',
      ),
    );
  });

  it('holds the symbols legend with the ten kinds', () => {
    for (const name of [
      'Note to the Instructor',
      'Speaking Points',
      'Mission Specific',
      'Example',
      'Sample questions',
      'Handout',
      'Film',
      'Core Learning Activity',
      'Optional Learning Activity',
      'Key summary points',
    ]) {
      assert.ok(guideText.includes(name), name);
    }
  });

  it('holds the session notes: slides, speaking points, chart, answers, additions', () => {
    assert.equal(allSlides(course).length, 15);
    assert.ok(guideText.includes('Slide 15'));
    // Slide 6 speaking points.
    assert.ok(
      guideText.includes(
        'Argues that the best way to protect civilians is by creating a secure, peaceful environment for them to live in.',
      ),
    );
    // Chart 1.1 projected on slide 10.
    assert.ok(guideText.includes('Threats to physical integrity'));
    assert.ok(guideText.includes('CHART 1.1: threats'));
    // Slide 15's sample question and its answer.
    assert.ok(guideText.includes('Answer: Loss of legitimacy'));
    assert.ok(guideText.includes('Loss of legitimacy'));
    // The doctrine-currency addition, labelled with its citation.
    assert.ok(guideText.includes('Lectern addition. Source: DPO Policy on the Protection of Civilians'));
  });

  it('is tagged, with headings, lists and a table with header cells', () => {
    const meta = info(guidePath);
    assert.equal(meta.Tagged, 'yes');
    assert.equal(Number(meta.Pages), GUIDE_PAGES);
    const tree = run('pdfinfo', ['-struct', guidePath]);
    for (const tag of [
      'Document',
      'H1',
      'H2',
      'H3',
      'H4',
      'P',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'Table',
      'TR',
      'TH',
      'TD',
    ]) {
      assert.match(tree, new RegExp(`^\\s*${tag}\\b`, 'm'), tag);
    }
    assert.match(run('pdfinfo', ['-struct-text', guidePath]), /\/Scope \/Column/);
  });

  it('renders its first page', () => {
    const png = render(guidePath, 'instructor-guide');
    assert.ok(statSync(png).size > 5 * 1024, `${png} is ${statSync(png).size} bytes`);
  });
});

describe('participant handout (Module 1)', () => {
  it('holds the learning outcomes, Chart 1.1 and the key messages', () => {
    for (const outcome of course.meta.outcomes.list)
      assert.ok(handoutText.includes(flat(outcome.text)), outcome.id);
    assert.ok(handoutText.includes('CHART 1.1: threats'));
    for (const label of [
      'Threats to life',
      'Threats to physical integrity',
      'Threats to freedom',
      'Threats to property',
    ]) {
      assert.ok(handoutRaw.includes(label), label);
    }
    for (const item of ['Assault and battery', 'Abduction', 'Forced disappearance', 'Looting']) {
      assert.ok(handoutRaw.includes(item), item);
    }
    assert.ok(handoutRaw.includes('Arbitrary, summary or extrajudicial executions'));
    assert.ok(handoutText.includes('Key Messages'));
    assert.ok(
      handoutText.includes(
        'Failure to protect will cause civilians to lose trust in the peacekeepers and will lead to a loss of legitimacy for the peacekeeping mission as a whole.',
      ),
    );
    assert.ok(
      handoutText.includes(
        'All peacekeepers – whether civilian, military or police – are expected to promote',
      ),
    );
  });

  it('lays Chart 1.1 out as a four-column table', () => {
    const tree = run('pdfinfo', ['-struct', handoutPath]);
    const headers = tree.match(/^\s*TH\b/gm) ?? [];
    assert.equal(headers.length, 4);
    assert.equal((tree.match(/^\s*TD\b/gm) ?? []).length, 4);
  });

  it('holds no instructor notes, speaking points, questions or answers', () => {
    for (const text of [handoutText, handoutRaw]) {
      assert.ok(!text.includes('Note to the Instructor'));
      assert.ok(!text.includes('Speaking Points'));
      assert.ok(!text.includes('Sample questions'));
      assert.ok(!/Answer\b/.test(text));
      // The answer line is "Loss of legitimacy"; the key message says "a loss of legitimacy".
      assert.ok(!text.includes('Loss of legitimacy'));
      // Sentences found only in notes to the instructor.
      assert.ok(!text.includes('Select two or three participants to answer out loud'));
      assert.ok(!text.includes('These three approaches are mutually reinforcing'));
      assert.ok(!text.includes('Doctrine currency'));
      // A speaking point and an activity's reveal.
      assert.ok(!text.includes('There is a tendency to assume that violence against civilians'));
      assert.ok(!text.includes('On reveal'));
    }
  });

  it('is tagged and renders its first page', () => {
    const meta = info(handoutPath);
    assert.equal(meta.Tagged, 'yes');
    assert.equal(Number(meta.Pages), HANDOUT_PAGES);
    const png = render(handoutPath, 'participant-handout');
    assert.ok(statSync(png).size > 5 * 1024, `${png} is ${statSync(png).size} bytes`);
  });
});

describe('instructor guide in French', () => {
  it('keeps accented text as real text', async () => {
    const fr: Course = {
      ...course,
      meta: { ...course.meta, language: 'fr', title: 'Aperçu de la protection des civils (PdC)' },
    };
    const path = join(dir, 'guide-fr.pdf');
    writeFileSync(path, await exportInstructorGuide(fr));
    const text = flat(run('pdftotext', ['-layout', path, '-']));
    assert.ok(text.includes('Aperçu de la protection des civils (PdC)'));
    assert.ok(text.includes('LÉGENDE DES SYMBOLES'));
    assert.ok(text.includes('Acquis d’apprentissage'.toLocaleUpperCase('fr')));
    assert.equal(info(path).Tagged, 'yes');
  });
});

describe('text outside the standard fonts', () => {
  it('refuses a course in a script Helvetica cannot draw, rather than print garbage', async () => {
    const ru: Course = { ...course, meta: { ...course.meta, language: 'ru' } };
    await assert.rejects(exportParticipantHandout(ru), { name: 'UnsupportedLanguageError' });
  });

  it('replaces a stray character outside WinAnsi', async () => {
    const odd: Course = { ...course, meta: { ...course.meta, title: 'Overview \u2192 POC \u2713 \u4fdd' } };
    const path = join(dir, 'odd.pdf');
    writeFileSync(path, await exportParticipantHandout(odd));
    assert.ok(flat(run('pdftotext', ['-layout', path, '-'])).includes('Module 1: Overview -> POC v ?'));
  });
});

/** Renders page 1 at 50 dpi, keeps a copy (and the PDF) in artifacts/pdf/, returns the PNG path. */
function render(pdf: string, name: string): string {
  const base = join(dir, `${name}-p1`);
  run('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, base]);
  const png = `${base}.png`;
  assert.ok(existsSync(png));
  mkdirSync(ARTIFACTS, { recursive: true });
  copyFileSync(png, join(ARTIFACTS, `${name}-p1.png`));
  copyFileSync(pdf, join(ARTIFACTS, `${name}.pdf`));
  return png;
}
