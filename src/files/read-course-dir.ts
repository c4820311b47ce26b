/** Reads a course folder into source files for the pure parser. The only I/O around the content core. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type CheckResult, checkCourse } from '../content/check-course.ts';
import type { SourceFile } from '../content/model.ts';
import { parseCourse } from '../content/parse-course.ts';
import { type Problem, problem } from '../content/problem.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function readCourseDir(dir: string): Promise<{ files: SourceFile[]; problems: Problem[] }> {
  const files: SourceFile[] = [];
  const problems: Problem[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split(sep).join('/');
    try {
      files.push({ path, text: decoder.decode(await readFile(full)) });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      problems.push(problem('FILE_UNREADABLE', { file: path, line: 1, column: 1 }, { file: path, detail }));
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, problems };
}

/** Reads, parses and checks a course folder; problem positions are relative to the folder. */
export async function loadCourse(dir: string): Promise<CheckResult> {
  const { files, problems } = await readCourseDir(dir);
  const checked = checkCourse(parseCourse(files));
  return { ...checked, problems: [...problems, ...checked.problems] };
}
