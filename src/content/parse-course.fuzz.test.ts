/**
 * Property test: the parser and checker never throw, whatever the files say, and every problem they
 * report points inside a file that exists. Inputs are random text and mutations of a valid course.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { tinyCourse } from '../../test/fixtures/minimal-course.ts';
import { formatProblem } from '../i18n/catalogue.ts';
import { checkCourse } from './check-course.ts';
import type { SourceFile } from './model.ts';
import { parseCourse } from './parse-course.ts';

const RUNS = Number(process.env.LECTERN_FUZZ_RUNS ?? 1500);
const base = tinyCourse();

/** Fragments that the grammar cares about, so mutations reach deep paths, not only "stray text". */
const tokens = fc.constantFrom(
  ':::',
  ':::slide{#s minutes=2}',
  ':::activity{#a type=sort chart=chart-1}',
  ':::item{#q type=match slide=slide-1 outcomes="LO1"}',
  ':::handout{#h format=chart}',
  ':::questions',
  '---',
  '# ',
  '- ',
  '  - ',
  '> ',
  '| a | b |',
  '==',
  '](#',
  '{',
  '}',
  '"',
  ': ',
  '\n',
  '\t',
  'Answer: ',
  'options:\n  - { text: A, correct: true }',
  'categories: [{id: x, label: X}]',
  'items: [{text: y, category: z}]',
  'pairs: []',
  '&a *a',
  '!!binary',
  '\uFEFF',
  '\u0000',
  '\r\n',
);

type Mutation = { at: number; cut: number; insert: string };
const mutation = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 40 }),
  insert: fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.array(tokens, { maxLength: 5 }).map((t) => t.join('')),
  ),
});

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    out = out.slice(0, at) + m.insert + out.slice(at + m.cut);
  }
  return out;
}

function assertWellBehaved(files: SourceFile[]) {
  const result = checkCourse(parseCourse(files));
  const lines = new Map(files.map((f) => [f.path, f.text.split(/\r\n|\r|\n/).length]));
  for (const p of result.problems) {
    // A missing course.md is the one problem about a file that is not there.
    const count = lines.get(p.at.file) ?? (p.code === 'COURSE_FILE_MISSING' ? 1 : undefined);
    assert.ok(count !== undefined, `problem in unknown file ${p.at.file}`);
    assert.ok(
      p.at.line >= 1 && p.at.line <= count,
      `line ${p.at.line} outside ${p.at.file} (${count} lines)`,
    );
    assert.ok(p.at.column >= 1, `column ${p.at.column}`);
    // Every problem must also render, in both languages, without throwing.
    assert.ok(formatProblem('en', p).includes(p.code));
    assert.ok(formatProblem('fr', p).includes(p.code));
  }
}

describe('parser and checker under fuzzing', () => {
  it(`never throw on mutated course files (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        fc.nat({ max: base.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (which, mutations) => {
          const files = base.map((f, i) => (i === which ? { ...f, text: mutate(f.text, mutations) } : f));
          assertWellBehaved(files);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`never throw on random files (${Math.floor(RUNS / 3)} cases)`, () => {
    const path = fc.constantFrom(
      'course.md',
      'sections/01-a.md',
      'sections/02-b.md',
      'items/x.md',
      'notes.md',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(tokens, { maxLength: 40 }).map((t) => t.join('')),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ path, text }), { selector: (f) => f.path, maxLength: 5 }),
        (files) => {
          assertWellBehaved(files);
        },
      ),
      { numRuns: Math.floor(RUNS / 3) },
    );
  });
});
