/**
 * bench/export: time to produce each export of Module 1 (goal for PowerPoint: under 1 s), median and
 * max of several runs after one warm-up, in one process.
 */
import { performance } from 'node:perf_hooks';
import { EXPORTERS, type ExportFormat } from '../src/exports/exporters.ts';
import { loadCourse } from '../src/files/read-course-dir.ts';
import { quantile, samples } from './timing.ts';

const RUNS = Number(process.argv[2] ?? 7);
const { course } = await loadCourse('courses/poc-module-1');
if (!course) throw new Error('Module 1 does not load');

console.log(`bench/export: Module 1, ${RUNS} runs each after a warm-up (cold = first run in this process)`);
for (const format of Object.keys(EXPORTERS) as ExportFormat[]) {
  const exporter = EXPORTERS[format];
  const context = { missionId: null };
  const start = performance.now();
  const first = await exporter.run(course, context);
  const cold = performance.now() - start;
  const times = await samples(() => exporter.run(course, context), RUNS);
  const median = quantile(times, 0.5);
  const bytes = typeof first === 'string' ? Buffer.byteLength(first) : first.byteLength;
  const goal = format === 'pptx' ? `  goal < 1000 ms: ${median < 1000 ? 'met' : 'NOT met'}` : '';
  console.log(
    `  ${format.padEnd(12)} cold ${cold.toFixed(0).padStart(5)} ms  median ${median.toFixed(1).padStart(7)} ms  max ${(times.at(-1) ?? 0).toFixed(1).padStart(7)} ms  ${(bytes / 1024).toFixed(1)} KiB${goal}`,
  );
}
