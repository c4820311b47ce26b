/**
 * readPdf on real PDFs drawn by the fixture: Module 1's source text laid out like the original, read
 * back with its running header and footer, fonts, indents and hyphenated wraps; a paragraph with bold
 * blue words; and each document that cannot be imported, with its error code.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ImportErrorCode } from '../../src/import/import-error.ts';
import { ImportError } from '../../src/import/import-error.ts';
import { readPdf } from '../../src/import/pdf/read-pdf.ts';
import type { SourceLine } from '../../src/import/source-line.ts';
import {
  BODY_SIZE,
  BODY_X,
  BOLD_BLUE,
  BOLD_BLUE_PHRASES,
  blankPagePdf,
  boldBluePdf,
  emptyPagePdf,
  encryptedPdf,
  modulePdf,
  pageTreeTrapPdf,
  RUNNING_FOOTER,
  RUNNING_HEADER,
  SLIDE_SIZE,
  scannedPdf,
  smallPdf,
  truncated,
} from './pdf-fixture.ts';

const SOURCE = readFileSync(join(import.meta.dirname, '../../courses/poc-module-1/source.txt'), 'utf8');

/** Sentences of the body text, several of them wrapped over lines of the original. */
const SENTENCES = [
  'There is a tendency to assume that violence against civilians is an unintended consequence of the chaos of conflict.',
  'While banditry and a lack of rule-of-law do make civilians more vulnerable, increasingly civilians have become the deliberate target of violence and not just the accidental victims in contexts of armed conflict or political violence.',
  'POC as it relates to peacekeeping (as opposed to POC writ large) is framed in the Operational Concept on the Protection of Civilians in United Nations Peacekeeping Operations.',
  'Module 1 is best presented by an instructor who has personal experience in a peacekeeping operation with a POC mandate',
  'Clarifying UN institutional standards and expectations with regards to protection planning and the execution of protection activities;',
];

function isFurniture(line: SourceLine): boolean {
  return line.text.startsWith(RUNNING_HEADER) || line.text === RUNNING_FOOTER;
}

/** The body text as one string: lines joined, words broken by a hyphen made whole, spaces single. */
function flatText(lines: SourceLine[]): string {
  let text = '';
  for (const line of lines.filter((l) => !isFurniture(l))) {
    text = /\p{L}-$/u.test(text) ? `${text.slice(0, -1)}${line.text}` : `${text} ${line.text}`;
  }
  return text.replace(/\s+/g, ' ').trim();
}

function lineWith(lines: SourceLine[], text: string): SourceLine {
  const line = lines.find((l) => l.text === text);
  assert.ok(line, `no line "${text}"`);
  return line;
}

async function rejectsWith(
  promise: Promise<unknown>,
  code: ImportErrorCode,
  params?: Record<string, unknown>,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ImportError, `not an ImportError: ${String(error)}`);
    assert.equal(error.code, code);
    if (params) assert.deepEqual(error.params, params);
    return true;
  });
}

describe('readPdf on Module 1 laid out like the original', () => {
  let bytes: Uint8Array;
  let lines: SourceLine[];
  let pageCount: number;

  before(async () => {
    bytes = await modulePdf(SOURCE);
    ({ lines, pageCount } = await readPdf(bytes));
  });

  it('reads every page, in order, lines numbered from 1 top to bottom on each page', () => {
    assert.ok(pageCount > 10, `only ${pageCount} pages`);
    assert.equal(lines.at(-1)?.page, pageCount);
    for (let i = 1; i < lines.length; i++) {
      const [previous, line] = [lines[i - 1] as SourceLine, lines[i] as SourceLine];
      if (line.page === previous.page) {
        assert.equal(line.line, previous.line + 1);
        assert.ok(
          (line.layout?.y ?? 0) > (previous.layout?.y ?? 0),
          `p. ${line.page} line ${line.line} not below`,
        );
      } else {
        assert.equal(line.page, previous.page + 1);
        assert.equal(line.line, 1);
      }
    }
  });

  it('keeps the running header, page number and footer of each page', () => {
    for (let page = 1; page <= pageCount; page++) {
      const onPage = lines.filter((l) => l.page === page);
      assert.equal(onPage[0]?.text, `${RUNNING_HEADER} ${page}`, `header of p. ${page}`);
      assert.equal(onPage.at(-1)?.text, RUNNING_FOOTER, `footer of p. ${page}`);
    }
  });

  it('gives every line a layout whose spans make up its text, with no blank line or outer space', () => {
    for (const line of lines) {
      assert.ok(line.layout, `p. ${line.page} line ${line.line} has no layout`);
      assert.equal(line.layout.spans.map((s) => s.text).join(''), line.text);
      assert.equal(line.text, line.text.trim());
      assert.notEqual(line.text, '');
      assert.equal(line.layout.color, '#000000');
    }
  });

  it('places lines that had a legend icon at least 12 pt right of the body text', () => {
    const body = lineWith(lines, 'Preparatory Notes to Instructors');
    assert.equal(body.layout?.x, BODY_X);
    for (const text of ['Session Notes', 'SYMBOLS LEGEND', '2. THE REASONS FOR VIOLENCE']) {
      assert.ok((lineWith(lines, text).layout?.x ?? 0) >= BODY_X + 12, `"${text}" is not indented`);
    }
  });

  it('marks headings bold and body text not', () => {
    for (const text of [
      'AIM',
      'LEARNING OUTCOMES',
      '2. THE REASONS FOR VIOLENCE',
      '3. WHAT IS PROTECTION?',
    ]) {
      assert.equal(lineWith(lines, text).layout?.bold, true, text);
    }
    assert.equal(lineWith(lines, 'Preparatory Notes to Instructors').layout?.bold, false);
  });

  it('tells slide text by its font size; its no-break spaces come back as plain spaces', () => {
    const slide = lineWith(lines, 'Who Protects Civilians?');
    assert.equal(slide.layout?.fontSize, SLIDE_SIZE);
    assert.equal(lineWith(lines, 'AUDIENCE').layout?.fontSize, BODY_SIZE);
    assert.ok(!lines.some((l) => l.text.includes('\u00a0')));
  });

  it('keeps the hyphens of words broken at a line end', () => {
    const broken = lines.filter((l) => /\p{L}-$/u.test(l.text));
    assert.ok(broken.length >= 5, `only ${broken.length} hyphenated line ends`);
  });

  it('holds the whole body text, sentences across wrapped and hyphenated lines', () => {
    const text = flatText(lines);
    for (const sentence of SENTENCES) {
      assert.ok(SOURCE.replace(/\s+/g, ' ').includes(sentence), `not in source.txt: ${sentence}`);
      assert.ok(text.includes(sentence), `missing: ${sentence}`);
    }
  });

  it('reads the module in well under a second, and leaves the caller’s bytes intact', async () => {
    const buffer = Buffer.from(bytes); // a Buffer, as readFile gives, may share its memory with others
    const start = performance.now();
    const again = await readPdf(buffer);
    const elapsed = performance.now() - start;
    assert.equal(buffer.length, bytes.length);
    assert.equal(again.lines.length, lines.length);
    assert.ok(elapsed < 1000, `${Math.round(elapsed)} ms`);
  });
});

describe('readPdf styles inside a line', () => {
  it('gives bold blue words their own spans among regular black text', async () => {
    const { lines } = await readPdf(await boldBluePdf());
    const blue = lines.flatMap((l) => l.layout?.spans ?? []).filter((s) => s.color === BOLD_BLUE);
    assert.ok(blue.every((s) => s.bold));
    assert.equal(blue.map((s) => s.text.trim()).join(' '), BOLD_BLUE_PHRASES.join(' '));
    const mixed = lines.find((l) => l.text.includes(BOLD_BLUE_PHRASES[0] as string));
    assert.ok(mixed?.layout);
    assert.equal(mixed.layout.color, '#000000');
    assert.equal(mixed.layout.bold, false);
    assert.deepEqual(
      mixed.layout.spans.map((s) => s.color),
      ['#000000', BOLD_BLUE, '#000000'],
    );
  });
});

describe('readPdf refuses what it cannot import', () => {
  it('empty bytes', () => rejectsWith(readPdf(new Uint8Array()), 'IMPORT_EMPTY'));

  it('a PDF without pages', async () => rejectsWith(readPdf(await emptyPagePdf()), 'IMPORT_EMPTY'));

  it('a file that is not a PDF', () =>
    rejectsWith(readPdf(new TextEncoder().encode('MODULE 1: OVERVIEW\n\nAIM\n')), 'IMPORT_CORRUPT'));

  it('a truncated PDF', async () => {
    const whole = await smallPdf();
    await rejectsWith(readPdf(truncated(whole, whole.length / 2)), 'IMPORT_CORRUPT');
    await rejectsWith(readPdf(truncated(whole, 8)), 'IMPORT_CORRUPT');
  });

  it('a PDF that needs a password', async () =>
    rejectsWith(readPdf(await encryptedPdf()), 'IMPORT_ENCRYPTED'));

  it('scanned pages (pictures of text)', async () =>
    rejectsWith(readPdf(await scannedPdf(3)), 'IMPORT_SCANNED', { pages: 3 }));

  it('blank pages', async () => rejectsWith(readPdf(await blankPagePdf()), 'IMPORT_SCANNED', { pages: 1 }));

  it('a page tree pdf.js trips over, leaving no rejection behind (mozilla/pdf.js#18627)', async () => {
    await rejectsWith(readPdf(await pageTreeTrapPdf()), 'IMPORT_CORRUPT');
    await new Promise((resolve) => setTimeout(resolve, 50)); // a stray rejection would fail this test
  });

  it('damaged files without a word on the console, in a process of their own', () => {
    const url = (path: string) => pathToFileURL(join(import.meta.dirname, path)).href;
    const script = `
      import { readPdf } from '${url('../../src/import/pdf/read-pdf.ts')}';
      import { flipped, pageTreeTrapPdf, smallPdf, truncated } from '${url('pdf-fixture.ts')}';
      const pdf = await smallPdf();
      const files = [pdf, await pageTreeTrapPdf()];
      for (let n = 0; n < 30; n++) files.push(n % 2 ? truncated(pdf, 200 + n * 60) : flipped(pdf, [n * 37, n * 101]));
      const codes = [];
      for (const file of files) await readPdf(file).then(() => codes.push('ok'), (error) => codes.push(error.code));
      await new Promise((resolve) => setTimeout(resolve, 200)); // the reader thread's output comes late
      process.stdout.write(JSON.stringify(codes));
    `;
    const file = join(mkdtempSync(join(tmpdir(), 'lectern-read-pdf-')), 'quiet.mjs');
    writeFileSync(file, script);
    const child = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    rmSync(dirname(file), { recursive: true });
    assert.equal(child.stderr, '');
    assert.equal(child.status, 0);
    const codes = JSON.parse(child.stdout) as string[];
    assert.equal(codes.length, 32);
    assert.deepEqual(codes.slice(0, 2), ['ok', 'IMPORT_CORRUPT']);
  });

  it('a read that takes too long; the next read starts a fresh reader', async () => {
    await rejectsWith(readPdf(await modulePdf(SOURCE), { timeoutMs: 1 }), 'IMPORT_CORRUPT', {
      detail: 'reading took more than 0.001 s',
    });
    assert.equal((await readPdf(await smallPdf())).pageCount, 2);
  });

  it('more bytes or pages than allowed', async () => {
    const small = await smallPdf();
    await rejectsWith(readPdf(small, { maxBytes: 1000 }), 'IMPORT_TOO_LARGE', {
      size: small.length,
      limit: 1000,
    });
    await rejectsWith(readPdf(small, { maxPages: 1 }), 'IMPORT_TOO_LARGE', { pages: 2, limit: 1 });
    assert.equal((await readPdf(small, { maxPages: 2 })).pageCount, 2);
  });
});
