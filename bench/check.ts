/**
 * bench/check: time to parse and check Module 1 (goal: under 50 ms warm, median of runs).
 * Side by side, a floor in the same run: only splitting each file into lines and parsing its YAML
 * front matter, the least any checker must do. The ratio shows what the full check costs above it.
 */
import { parse as parseYaml } from 'yaml';
import { checkCourse } from '../src/content/check-course.ts';
import { parseCourse } from '../src/content/parse-course.ts';
import { loadCourse, readCourseDir } from '../src/files/read-course-dir.ts';
import { quantile as pick, samples, timeMs } from './timing.ts';

const DIR = process.argv[2] ?? 'courses/poc-module-1';
const WARMUP = 20;
const RUNS = 200;

const ms = (n: number) => `${n.toFixed(2)} ms`;

const { files } = await readCourseDir(DIR);
const bytes = files.reduce((n, f) => n + f.text.length, 0);

const cold = await timeMs(() => loadCourse(DIR));

const fullCheck = () => {
  const result = checkCourse(parseCourse(files));
  if (!result.course) throw new Error('Module 1 did not parse');
};
const frontMatterOnly = () => {
  for (const f of files) {
    const lines = f.text.split('\n');
    const end = lines.indexOf('---', 1);
    if (lines[0] === '---' && end > 0) parseYaml(lines.slice(1, end).join('\n'));
  }
};
const full = await samples(fullCheck, RUNS, WARMUP);
const floor = await samples(frontMatterOnly, RUNS, WARMUP);
const withIo = await samples(() => loadCourse(DIR), 30);

console.log(`bench/check: ${DIR}, ${files.length} files, ${(bytes / 1024).toFixed(1)} KiB, ${RUNS} runs`);
console.log(`  first load (cold, with file reads):   ${ms(cold)}`);
console.log(
  `  parse + check, warm:  median ${ms(pick(full, 0.5))}  p95 ${ms(pick(full, 0.95))}  min ${ms(pick(full, 0))}`,
);
console.log(`  read + parse + check: median ${ms(pick(withIo, 0.5))}  p95 ${ms(pick(withIo, 0.95))}`);
console.log(`  floor (split + front matter YAML): median ${ms(pick(floor, 0.5))}`);
console.log(`  ratio full / floor (medians): ${(pick(full, 0.5) / pick(floor, 0.5)).toFixed(1)}x`);
console.log(`  goal: median under 50 ms warm -> ${pick(full, 0.5) < 50 ? 'met' : 'NOT met'}`);
