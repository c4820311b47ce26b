/** `lectern show [dir]`: prints the course outline, after its problems if it has any. */
import { hasErrors } from '../content/problem.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { formatProblem, t } from '../i18n/catalogue.ts';
import { DEFAULT_COURSE, parseCommonArgs } from './args.ts';
import { formatOutline } from './outline.ts';

export async function runShow(argv: string[]): Promise<number> {
  const args = parseCommonArgs(argv);
  if (args.help) {
    process.stdout.write(`${t(args.lang, 'cli.show.help')}\n`);
    return 0;
  }
  const dir = args.positionals[0] ?? DEFAULT_COURSE;
  const { course, problems } = await loadCourse(dir);
  for (const p of problems) process.stderr.write(`${formatProblem(args.lang, p)}\n`);
  if (course) process.stdout.write(`${formatOutline(course, args.lang)}\n`);
  return course && !hasErrors(problems) ? 0 : 1;
}
