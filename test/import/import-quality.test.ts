/**
 * The importer scored against curated references at block level (boundaries, kinds, text): Module 1
 * from its extracted text and from a PDF laid out like the original, and three other layouts of
 * instructor notes, so that it does not fit one file. Bars sit just under the measured figures
 * (bench/import prints them), so a regression fails here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Course } from '../../src/content/model.ts';
import { parseCourse } from '../../src/content/parse-course.ts';
import { loadCourse } from '../../src/files/read-course-dir.ts';
import { courseBlocks } from '../../src/import/evaluate/course-blocks.ts';
import { formatScore, type ImportScore, scoreImport } from '../../src/import/evaluate/score-import.ts';
import { importDocument } from '../../src/import/import-document.ts';
import { MODULE_1_PDF_WIDTH, modulePdf } from './pdf-fixture.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const MODULE_1 = join(ROOT, 'courses', 'poc-module-1');
const LAYOUTS = join(ROOT, 'test', 'fixtures', 'import');

async function reference(dir: string): Promise<Course> {
  const { course } = await loadCourse(dir);
  assert.ok(course, dir);
  return course;
}

async function score(name: string, bytes: Uint8Array, expected: Course): Promise<ImportScore> {
  const result = await importDocument(name, bytes);
  assert.deepEqual(
    result.problems.filter((p) => p.severity === 'error').map((p) => p.code),
    [],
    'the import passes lectern check',
  );
  const { course } = parseCourse(result.files);
  assert.ok(course);
  return scoreImport(courseBlocks(expected), courseBlocks(course));
}

function atLeast(s: ImportScore, bars: { boundary: number; kind: number; text: number }): void {
  const report = formatScore(s);
  assert.ok(s.boundary.f1 >= bars.boundary, `boundary F1 ${s.boundary.f1.toFixed(3)}\n${report}`);
  assert.ok(s.kind.f1 >= bars.kind, `kind F1 ${s.kind.f1.toFixed(3)}\n${report}`);
  assert.ok(
    s.textSimilarity.mean >= bars.text,
    `text similarity ${s.textSimilarity.mean.toFixed(3)}\n${report}`,
  );
}

describe('import quality against curated references', () => {
  it('Module 1 from its extracted text: F1 ≥ 0.95 for boundaries and kinds', async () => {
    const s = await score(
      'source.txt',
      readFileSync(join(MODULE_1, 'source.txt')),
      await reference(MODULE_1),
    );
    atLeast(s, { boundary: 0.95, kind: 0.95, text: 0.95 });
    assert.equal(s.counts.reference, 61);
  });

  it('Module 1 from a PDF (pages, running header and footer, two fonts, icons as indents): F1 ≥ 0.95', async () => {
    const text = readFileSync(join(MODULE_1, 'source.txt'), 'utf8');
    const pdf = await modulePdf(text, { textWidth: MODULE_1_PDF_WIDTH });
    const s = await score('module-1.pdf', pdf, await reference(MODULE_1));
    atLeast(s, { boundary: 0.95, kind: 0.95, text: 0.95 });
  });

  const layouts: [string, { boundary: number; kind: number; text: number }][] = [
    ['title-case-headings', { boundary: 0.95, kind: 0.95, text: 0.95 }],
    ['bulleted-legend', { boundary: 0.95, kind: 0.95, text: 0.95 }],
    // Written without sight of the importer; its first, untuned import scored 0.874 / 0.736.
    ['held-out-sidebar', { boundary: 0.95, kind: 0.95, text: 0.95 }],
    // The importer gives each section a title slide when the notes have none: 4 extra blocks.
    ['no-slides', { boundary: 0.9, kind: 0.9, text: 0.95 }],
  ];
  for (const [name, bars] of layouts) {
    it(`another layout, ${name}: boundaries ≥ ${bars.boundary}, kinds ≥ ${bars.kind}`, async () => {
      const dir = join(LAYOUTS, name);
      const s = await score(
        'input.txt',
        readFileSync(join(dir, 'input.txt')),
        await reference(join(dir, 'expected')),
      );
      atLeast(s, bars);
    });
  }
});
