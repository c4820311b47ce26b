/** `lectern import` as an author runs it: a real process, real files in, a course folder out. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { encryptedPdf, MODULE_1_PDF_WIDTH, modulePdf, scannedPdf } from './pdf-fixture.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'lectern.js');
const SOURCE = join(import.meta.dirname, '..', '..', 'courses', 'poc-module-1', 'source.txt');

function lectern(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LECTERN_LANG: '', ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'lectern-import-'));

describe('lectern import', () => {
  it('turns Module 1 notes into a course folder that lectern check passes, with a report', () => {
    const out = join(scratch(), 'module-1');
    const run = lectern(['import', SOURCE, '-o', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /8 sections, 15 slides/);
    assert.deepEqual(
      readdirSync(join(out, 'sections')).map((f) => f.slice(0, 3)),
      ['01-', '02-', '03-', '04-', '05-', '06-', '07-', '08-'],
    );
    const check = lectern(['check', out]);
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stderr, /no problems/);
    const report = readFileSync(join(out, 'import-report.md'), 'utf8');
    assert.match(report, /^# Import report: source\.txt/);
    assert.match(
      report,
      /UN Protection of Civilians PDT Standards, 1st ed\. \(2011\)/,
      'the footer is listed as removed',
    );
    // Every guess row names its source page and line.
    const rows = report.split('\n').filter((l) => /^\| \d\.\d\d \|/.test(l));
    assert.ok(rows.length >= 10, `${rows.length} guesses`);
    for (const row of rows) assert.match(row, /\| p\. \d+, line \d+ \|/);
    const confidences = rows.map((r) => Number(r.slice(2, 6)));
    assert.deepEqual(
      confidences,
      [...confidences].sort((a, b) => a - b),
      'lowest confidence first',
    );
  });

  it('imports the notes from a PDF: pages, running header and footer, two fonts', async () => {
    const dir = scratch();
    const pdf = await modulePdf(readFileSync(SOURCE, 'utf8'), { textWidth: MODULE_1_PDF_WIDTH });
    writeFileSync(join(dir, 'module-1.pdf'), pdf);
    const out = join(dir, 'course');
    const run = lectern(['import', join(dir, 'module-1.pdf'), '-o', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /8 sections, 15 slides/);
    assert.equal(lectern(['check', out]).code, 0);
    const report = readFileSync(join(out, 'import-report.md'), 'utf8');
    assert.match(report, /\((1[5-9]|2\d) page\(s\)\)/);
    assert.match(
      report,
      /- Module 1: Overview of the Protection of Civilians \d+/,
      'the running header is listed as removed',
    );
    const course = readFileSync(join(out, 'course.md'), 'utf8');
    assert.match(
      course,
      /^series: UN Protection of Civilians PDT Standards$/m,
      'series read from the running footer',
    );
    assert.match(course, /^edition: 1st ed\. \(2011\)$/m);
  });

  it('says OCR is needed for a scanned PDF, and asks for an unprotected copy of an encrypted one', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'scan.pdf'), await scannedPdf(2));
    writeFileSync(join(dir, 'locked.pdf'), await encryptedPdf());
    const scan = lectern(['import', join(dir, 'scan.pdf'), '-o', join(dir, 'a')]);
    assert.equal(scan.code, 1);
    assert.match(scan.stderr, /^IMPORT_SCANNED .*2 page\(s\) of images.*OCR/);
    const locked = lectern(['import', join(dir, 'locked.pdf'), '-o', join(dir, 'b'), '--lang', 'fr']);
    assert.equal(locked.code, 1);
    assert.match(locked.stderr, /^IMPORT_ENCRYPTED .*protégé par un mot de passe/);
  });

  it('writes the report in French with --lang fr', () => {
    const out = join(scratch(), 'fr');
    const run = lectern(['import', SOURCE, '-o', out, '--lang', 'fr']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /importé dans/);
    assert.match(readFileSync(join(out, 'import-report.md'), 'utf8'), /^# Rapport d’import : source\.txt/);
  });

  it('refuses to overwrite a folder unless --force, and then keeps what the author added', () => {
    const out = join(scratch(), 'again');
    assert.equal(lectern(['import', SOURCE, '-o', out]).code, 0);
    writeFileSync(join(out, 'items.md'), 'kept');
    const refused = lectern(['import', SOURCE, '-o', out]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^IMPORT_OUTPUT_EXISTS .*--force/);
    const forced = lectern(['import', SOURCE, '-o', out, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(readFileSync(join(out, 'items.md'), 'utf8'), 'kept');
  });

  it('gives a clear error with a stable code for files it cannot import, and writes nothing', () => {
    const dir = scratch();
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['empty.txt', '', /^IMPORT_EMPTY /],
      ['blank.txt', '\n \n\f\n', /^IMPORT_EMPTY /],
      [
        'latin1.txt',
        new Uint8Array([0x4e, 0x6f, 0x74, 0x65, 0x20, 0xe9, 0x74, 0xe9]),
        /^IMPORT_NOT_TEXT .*UTF-8/,
      ],
      ['notes.docx', 'PK\u0003\u0004', /^IMPORT_UNSUPPORTED_TYPE /],
      ['broken.pdf', '%PDF-1.7\n1 0 obj <<', /^IMPORT_CORRUPT /],
    ];
    for (const [name, content, expected] of cases) {
      writeFileSync(join(dir, name), content);
      const out = join(dir, `${name}-out`);
      const run = lectern(['import', join(dir, name), '-o', out]);
      assert.equal(run.code, 1, name);
      assert.match(run.stderr, expected, name);
      assert.equal(existsSync(out), false, `${name}: nothing written`);
    }
  });

  it('explains its usage', () => {
    assert.match(
      lectern(['import', '--help']).stdout,
      /Usage: lectern import <file\.pdf\|file\.txt> -o <course-dir>/,
    );
    const missing = lectern(['import', SOURCE]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /-o <dir>/);
  });
});
