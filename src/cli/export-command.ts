/** `lectern export <format> [dir] -o <file>`: writes the course in a format the field already uses. */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { hasErrors } from '../content/problem.ts';
import { EXPORTERS, isExportFormat } from '../exports/exporters.ts';
import { loadCourse } from '../files/read-course-dir.ts';
import { formatProblem, t } from '../i18n/catalogue.ts';
import { DEFAULT_COURSE, resolveLang } from './args.ts';

export async function runExport(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      mission: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const lang = resolveLang(values.lang);
  const formats = Object.keys(EXPORTERS).join(', ');
  if (values.help) {
    process.stdout.write(`${t(lang, 'cli.export.help', { formats })}\n`);
    return 0;
  }
  const [format, dir = DEFAULT_COURSE] = positionals;
  if (!format || !isExportFormat(format)) {
    process.stderr.write(`${t(lang, 'export.unknownFormat', { format: format ?? '', formats })}\n`);
    return 2;
  }
  const { course, problems } = await loadCourse(dir);
  for (const p of problems) process.stderr.write(`${formatProblem(lang, p)}\n`);
  if (!course || hasErrors(problems)) return 1;
  if (values.mission && !course.missions.some((m) => m.id === values.mission)) {
    process.stderr.write(`${t(lang, 'export.unknownMission', { mission: values.mission })}\n`);
    return 2;
  }
  const exporter = EXPORTERS[format];
  const output = values.output ?? `${course.meta.id}.${exporter.extension}`;
  const started = performance.now();
  const data = await exporter.run(course, { missionId: values.mission ?? null });
  await writeFile(output, data);
  const ms = Math.round(performance.now() - started);
  process.stderr.write(`${t(lang, 'export.written', { format, output, ms })}\n`);
  return 0;
}
