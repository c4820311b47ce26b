/** `lectern check [dir…]`: prints every problem as file:line:col  CODE  message; exit 1 on errors. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hasErrors } from '../content/problem.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { formatProblem, t } from '../i18n/catalogue.ts';
import { DEFAULT_COURSE, parseCommonArgs } from './args.ts';

export async function runCheck(argv: string[]): Promise<number> {
  const args = parseCommonArgs(argv);
  if (args.help) {
    process.stdout.write(`${t(args.lang, 'cli.check.help')}\n`);
    return 0;
  }
  const dirs = args.positionals.length > 0 ? args.positionals : [DEFAULT_COURSE];
  let failed = false;
  const report: unknown[] = [];
  for (const dir of dirs) {
    if (!(await isDirectory(dir))) {
      process.stderr.write(`${t(args.lang, 'cli.notAFolder', { dir })}\n`);
      failed = true;
      continue;
    }
    const { problems } = await loadCourse(dir);
    failed ||= hasErrors(problems);
    if (args.json) {
      report.push({ course: dir, problems });
      continue;
    }
    for (const p of problems) {
      process.stdout.write(
        `${formatProblem(args.lang, { ...p, at: { ...p.at, file: join(dir, p.at.file) } })}\n`,
      );
    }
    const errors = problems.filter((p) => p.severity === 'error').length;
    const summary =
      problems.length === 0
        ? t(args.lang, 'check.ok', { course: dir })
        : t(args.lang, 'check.summary', { errors, warnings: problems.length - errors, course: dir });
    process.stderr.write(`${summary}\n`);
  }
  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return failed ? 1 : 0;
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
