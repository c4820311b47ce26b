/**
 * bench/import: how well and how fast `lectern import` turns instructor notes into a course.
 * Quality: block-level precision/recall/F1 (boundaries and kinds) and text similarity against the
 * curated references — Module 1 from its extracted text and from a PDF laid out like the original
 * (goal: F1 ≥ 0.95 for both), and three other layouts. Speed: time to import Module 1, median of runs;
 * beside it in the same run, the time pdf.js alone takes to read the PDF's text, the floor an importer
 * built on it cannot beat.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCourse } from '../src/content/parse-course.ts';
import { loadCourse } from '../src/files/read-course-dir.ts';
import { courseBlocks } from '../src/import/evaluate/course-blocks.ts';
import { scoreImport } from '../src/import/evaluate/score-import.ts';
import { importDocument } from '../src/import/import-document.ts';
import { readPdf } from '../src/import/pdf/read-pdf.ts';
import { MODULE_1_PDF_WIDTH, modulePdf } from '../test/import/pdf-fixture.ts';
import { quantile, samples } from './timing.ts';

const RUNS = Number(process.argv[2] ?? 7);
const MODULE_1 = 'courses/poc-module-1';
const text = readFileSync(join(MODULE_1, 'source.txt'));
const pdf = await modulePdf(text.toString('utf8'), { textWidth: MODULE_1_PDF_WIDTH });

async function quality(label: string, name: string, bytes: Uint8Array, referenceDir: string): Promise<void> {
  const { course: expected } = await loadCourse(referenceDir);
  const result = await importDocument(name, bytes);
  const { course } = parseCourse(result.files);
  if (!expected || !course) throw new Error(`${label}: no course`);
  const s = scoreImport(courseBlocks(expected), courseBlocks(course));
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  // Outcomes are guessed per slide: how many land on a slide the reference gives them.
  const referenceSlides = expected.sections.flatMap((x) => x.slides);
  const importedSlides = course.sections.flatMap((x) => x.slides);
  const placed = expected.outcomes.filter((o) => {
    const want = new Set(referenceSlides.filter((sl) => sl.outcomes.includes(o.id)).map((sl) => sl.title));
    return importedSlides.some((sl) => sl.outcomes.includes(o.id) && want.has(sl.title));
  }).length;
  console.log(
    `  ${label.padEnd(34)} ${String(s.counts.reference).padStart(4)} ${String(s.counts.predicted).padStart(5)}  ` +
      `${s.boundary.precision.toFixed(3)} ${s.boundary.recall.toFixed(3)} ${s.boundary.f1.toFixed(3)}   ` +
      `${s.kind.precision.toFixed(3)} ${s.kind.recall.toFixed(3)} ${s.kind.f1.toFixed(3)}   ` +
      `${s.textSimilarity.mean.toFixed(3)}  ${errors}              ${referenceSlides.length > 0 ? `${placed}/${expected.outcomes.length}` : '-'}`,
  );
}

/** Median of RUNS timings after one warm-up. */
const median = async (fn: () => Promise<unknown>) => quantile(await samples(fn, RUNS, 1), 0.5);

console.log('bench/import: quality against curated references');
console.log(
  '  input                              ref  pred  boundaries P R F1     kinds P R F1          text   check errors  outcomes on the right slide',
);
await quality('Module 1, extracted text', 'source.txt', text, MODULE_1);
await quality('Module 1, PDF', 'module-1.pdf', pdf, MODULE_1);
for (const layout of ['title-case-headings', 'bulleted-legend', 'held-out-sidebar', 'no-slides']) {
  const dir = join('test/fixtures/import', layout);
  await quality(`layout ${layout}`, 'input.txt', readFileSync(join(dir, 'input.txt')), join(dir, 'expected'));
}

const textMs = await median(() => importDocument('source.txt', text));
const pdfMs = await median(() => importDocument('module-1.pdf', pdf));
const readMs = await median(() => readPdf(pdf));
console.log(`bench/import: time to import Module 1, median of ${RUNS}`);
console.log(`  from text (${(text.length / 1024).toFixed(0)} KiB):  ${textMs.toFixed(1)} ms`);
console.log(`  from PDF (${(pdf.length / 1024).toFixed(0)} KiB):  ${pdfMs.toFixed(1)} ms`);
console.log(
  `  pdf.js text extraction alone (floor): ${readMs.toFixed(1)} ms  → import / floor ${(pdfMs / readMs).toFixed(2)}x`,
);
