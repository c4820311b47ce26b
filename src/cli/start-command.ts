/**
 * `lectern start [dir]`: checks the course, then serves it live on the classroom network from an
 * embedded SQLite database. Sessions that had not ended carry on after a restart.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { t } from '../i18n/catalogue.ts';
import { startLectern } from '../server/app.ts';
import { newToken } from '../server/tokens.ts';
import { DEFAULT_COURSE, parseCommandArgs } from './args.ts';
import { loadCheckedCourse } from './checked-course.ts';
import { dataFolder, openDataStore } from './data-folder.ts';

export async function runStart(argv: string[]): Promise<number> {
  const { values, positionals, lang } = parseCommandArgs(argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    data: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(`${t(lang, 'cli.start.help')}\n`);
    return 0;
  }
  const course = await loadCheckedCourse(positionals[0] ?? DEFAULT_COURSE, lang);
  if (!course) return 1;

  const dataDir = dataFolder(values.data);
  const store = await openDataStore(dataDir);
  const instructorKey = await readOrCreateKey(join(dataDir, 'instructor.key'));
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  const host = values.host ?? process.env.LECTERN_HOST ?? '0.0.0.0';
  const lectern = await startLectern({
    course,
    store,
    host,
    port,
    instructorKey,
    dataDir,
    ...(process.env.LECTERN_PUBLIC_URL ? { publicUrl: process.env.LECTERN_PUBLIC_URL } : {}),
  });
  const resumed = lectern.hub.list();
  process.stdout.write(
    `${t(lang, 'start.ready', { title: course.meta.title, url: lectern.url })}\n` +
      `  ${t(lang, 'start.prepare')}: ${lectern.url}/prepare#key=${instructorKey}\n` +
      `  ${t(lang, 'start.phones')}: ${lectern.publicUrl}\n` +
      `  ${t(lang, 'start.data')}: ${dataDir}\n` +
      resumed.map((s) => `  ${t(lang, 'start.resumed', { code: s.record.code })}\n`).join(''),
  );
  const stop = () => {
    void lectern.close().then(() => store.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}

/** The instructor key opens the preparation page; it is kept with the data so links keep working. */
async function readOrCreateKey(path: string): Promise<string> {
  try {
    const key = (await readFile(path, 'utf8')).trim();
    if (key.length >= 16) return key;
  } catch {
    // First start: no key yet.
  }
  const key = newToken();
  await writeFile(path, `${key}\n`, { mode: 0o600 });
  return key;
}
