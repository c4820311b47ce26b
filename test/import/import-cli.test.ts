/** `lectern import` as an author runs it: a real process, real files in, a course folder out. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

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
