/**
 * Property test: whatever a damaged PDF holds, readPdf either gives well-formed lines or rejects with
 * an ImportError, in bounded time, and pdf.js leaves no rejection unhandled in this thread (the test
 * runner would fail the test). Inputs are byte flips, truncations and insertions (random bytes and PDF
 * syntax) of a small valid PDF.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { flipped, inserted, smallPdf, truncated } from '../../../test/import/pdf-fixture.ts';
import { ImportError } from '../import-error.ts';
import { readPdf } from './read-pdf.ts';

const RUNS = Number(process.env.LECTERN_FUZZ_RUNS ?? 200);
/** One read of a 2-page PDF takes milliseconds; this much means it hangs. */
const RUN_TIMEOUT_MS = 5000;

/** Fragments of PDF syntax, so that insertions reach the parser's deeper paths, not only stray bytes. */
const syntax = fc.constantFrom(
  'obj',
  'endobj',
  'stream\n',
  'endstream',
  '<<',
  '>>',
  '[',
  ']',
  '/Length 999999',
  '/Length -1',
  '/Filter /FlateDecode',
  '/Type /Pages /Kids [1 0 R] /Count 9999',
  '/Parent 3 0 R',
  '1 0 R',
  'xref\n0 1\n0000000000 65535 f \n',
  'trailer',
  'startxref\n0\n',
  '%%EOF',
  '(unbalanced',
  'BT /F1 12 Tf (x) Tj ET',
  'q Q Q Q',
  '9999999999999999999',
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 64 }),
      fc
        .array(syntax, { minLength: 1, maxLength: 4 })
        .map((parts) => new TextEncoder().encode(parts.join(' '))),
    ),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(bytes: Uint8Array, change: Mutation): Uint8Array {
  switch (change.kind) {
    case 'flip':
      return flipped(bytes, change.at);
    case 'truncate':
      return truncated(bytes, change.at % bytes.length);
    case 'insert':
      return inserted(bytes, change.at % (bytes.length + 1), change.bytes);
  }
}

/** readPdf's outcome; throws when it neither resolves nor rejects in time (its own limit is far longer). */
async function outcome(
  bytes: Uint8Array,
): Promise<{ ok: Awaited<ReturnType<typeof readPdf>> } | { error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`readPdf hung for ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
  });
  try {
    return { ok: await Promise.race([readPdf(bytes), timeout]) };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('readPdf hung')) throw error;
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

describe('readPdf on damaged PDFs', () => {
  let seed: Uint8Array;

  before(async () => {
    seed = await smallPdf();
  });

  it(`resolves with lines or rejects with an ImportError (${RUNS} cases)`, { timeout: 120_000 }, async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (changes) => {
        const bytes = changes.reduce(apply, seed);
        const result = await outcome(bytes);
        if ('error' in result) {
          const { error } = result;
          assert.ok(
            error instanceof ImportError,
            `escaped: ${error instanceof Error ? error.stack : String(error)}`,
          );
          // The reader thread itself must survive every file.
          assert.doesNotMatch(String(error.params.detail ?? ''), /^PDF reader|^reading took/);
          codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
          return;
        }
        codes.set('ok', (codes.get('ok') ?? 0) + 1);
        for (const line of result.ok.lines) {
          assert.ok(line.page >= 1 && line.page <= result.ok.pageCount);
          assert.equal(line.layout?.spans.map((s) => s.text).join(''), line.text);
          assert.notEqual(line.text.trim(), '');
        }
      }),
      { numRuns: RUNS },
    );
    // Both outcomes must occur, or the mutations are too mild (or too harsh) to test anything.
    assert.ok(codes.has('ok') && codes.has('IMPORT_CORRUPT'), JSON.stringify([...codes]));
  });
});
