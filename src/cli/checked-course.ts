/**
 * The course a command serves or exports: loaded, its problems written to stderr, and given only when
 * it has no errors (the command then exits 1), so that nothing is ever served or exported broken.
 */
import type { Course } from '../content/model.ts';
import { hasErrors } from '../content/problem.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { formatProblem, type Lang } from '../i18n/catalogue.ts';

export async function loadCheckedCourse(dir: string, lang: Lang): Promise<Course | undefined> {
  const { course, problems } = await loadCourse(dir);
  for (const p of problems) process.stderr.write(`${formatProblem(lang, p)}\n`);
  return course && !hasErrors(problems) ? course : undefined;
}
