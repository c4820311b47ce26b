/** `lectern import <file> -o <dir>`: instructor notes (PDF or text) to a course folder and a report. */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatProblem, t } from '../i18n/catalogue.ts';
import { importDocument } from '../import/import-document.ts';
import { ImportError } from '../import/import-error.ts';
import { importReport, REVIEW_FIRST } from '../import/import-report.ts';
import { parseCommandArgs } from './args.ts';

export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals, lang } = parseCommandArgs(argv, {
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${t(lang, 'cli.import.help')}\n`);
    return 0;
  }
  const [file] = positionals;
  const dir = values.output;
  if (!file || !dir) {
    process.stderr.write(`${t(lang, 'import.missingArgs')}\n`);
    return 2;
  }
  const source = basename(file);
  const fail = (error: ImportError): number => {
    process.stderr.write(
      `${error.code}  ${t(lang, `import.error.${error.code}`, { file, dir, ...error.params })}\n`,
    );
    return 1;
  };
  if (!values.force && (await exists(dir))) return fail(new ImportError('IMPORT_OUTPUT_EXISTS', { dir }));
  const started = performance.now();
  let result: Awaited<ReturnType<typeof importDocument>>;
  try {
    result = await importDocument(source, new Uint8Array(await readFile(file)));
  } catch (error) {
    if (error instanceof ImportError) return fail(error);
    throw error;
  }
  if (values.force) {
    // Only the parts an import writes are replaced; anything else the author added stays.
    await rm(join(dir, 'sections'), { recursive: true, force: true });
  }
  for (const f of result.files) {
    await mkdir(dirname(join(dir, f.path)), { recursive: true });
    await writeFile(join(dir, f.path), f.text);
  }
  const reportPath = join(dir, 'import-report.md');
  await writeFile(reportPath, importReport(result, source, lang));
  const ms = Math.round(performance.now() - started);
  const { sections } = result.course;
  process.stderr.write(
    `${t(lang, 'import.written', {
      source,
      dir,
      sections: sections.length,
      slides: sections.flatMap((s) => s.slides).length,
      blocks: sections.flatMap((s) => [...s.blocks, ...s.slides.flatMap((sl) => sl.blocks)]).length,
      guesses: result.course.guesses.length,
      low: result.course.guesses.filter((g) => g.confidence < REVIEW_FIRST).length,
      ms,
      report: reportPath,
    })}\n`,
  );
  for (const p of result.problems)
    process.stderr.write(`${formatProblem(lang, { ...p, at: { ...p.at, file: join(dir, p.at.file) } })}\n`);
  if (result.problems.some((p) => p.severity === 'error')) {
    process.stderr.write(`${t(lang, 'import.checkFailed')}\n`);
    return 1;
  }
  return 0;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
