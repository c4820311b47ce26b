/**
 * Property test: whatever text comes in, the importer either returns course files or refuses with
 * an ImportError; it never throws anything else. Inputs are mutations of Module 1's notes and random
 * text built from the words the importer looks for.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { importLines } from './import-document.ts';
import { ImportError } from './import-error.ts';
import { textLines } from './text-lines.ts';

const RUNS = Number(process.env.LECTERN_FUZZ_RUNS ?? 300);
const source = readFileSync(
  join(import.meta.dirname, '..', '..', 'courses', 'poc-module-1', 'source.txt'),
  'utf8',
);
const sourceLines = source.split('\n');

const tokens = fc.constantFrom(
  'Slide 3',
  'Slide  12',
  '[Slide 2]',
  ' Note to Instructor: ',
  'Notes to Instructor:',
  'ANSWER: ',
  'CHART 1.1: threats (** X*)',
  'ThreatsThreats',
  '1. INTRODUCTION',
  '2. THE REASONS FOR',
  'Section 2: Threats',
  'AIM',
  'LEARNING OUTCOMES',
  'DURATION',
  'Timing 35 min. 10 min.',
  'SYMBOLS LEGEND',
  'Session Notes',
  '• ',
  ' ',
  '\u00a0',
  '\f',
  '',
  'Pose the following question to the group; Why?',
  'Forced disappearanceThreats to freedom…',
  '(S/RES/1674), 2006',
  'http://example.org/x',
);

function importText(text: string): void {
  try {
    const result = importLines(textLines(new TextEncoder().encode(text)), 'fuzz.txt');
    assert.ok(result.files.some((f) => f.path === 'course.md'));
    const errors = result.problems.filter((p) => p.severity === 'error');
    assert.deepEqual(
      errors.map((p) => `${p.code} ${p.at.file}:${p.at.line} ${JSON.stringify(p.params)}`),
      [],
    );
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
  }
}

describe('import fuzz', () => {
  it('never throws on mutated Module 1 notes', () => {
    const mutation = fc.record({
      at: fc.nat({ max: sourceLines.length - 1 }),
      drop: fc.nat({ max: 40 }),
      insert: fc.array(tokens, { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const lines = [...sourceLines];
        for (const m of mutations) lines.splice(Math.min(m.at, lines.length), m.drop, ...m.insert);
        importText(lines.join('\n'));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on random lines of the words it looks for', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tokens, fc.string({ maxLength: 30 })), { maxLength: 80 }), (lines) => {
        importText(lines.join('\n'));
      }),
      { numRuns: RUNS },
    );
  });
});
