/** `lectern export <format> [dir] -o <file>`: writes the course in a format the field already uses. */
import { writeFile } from 'node:fs/promises';
import { EXPORTERS, isExportFormat } from '../exports/exporters.ts';
import { t } from '../i18n/catalogue.ts';
import { DEFAULT_COURSE, parseCommandArgs } from './args.ts';
import { loadCheckedCourse } from './checked-course.ts';

export async function runExport(argv: string[]): Promise<number> {
  const { values, positionals, lang } = parseCommandArgs(argv, {
    output: { type: 'string', short: 'o' },
    mission: { type: 'string' },
  });
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
  const course = await loadCheckedCourse(dir, lang);
  if (!course) return 1;
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
