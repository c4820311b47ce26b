/**
 * `lectern verify <id|file.pdf> [--data data]`: what the public verification page says, from the data
 * folder's records and issuer keys. Exits 0 when the certificate is valid, 1 otherwise (2 on usage).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type Lang, t } from '../i18n/catalogue.ts';
import type { MessageKey } from '../i18n/en.ts';
import {
  type CertificateDetails,
  certificateIdOf,
  checkFile,
  checkRecord,
  type FileCheck,
  issuerPublicKeys,
  type RecordCheck,
} from '../server/records/certificates.ts';
import { localDateTime } from '../server/records/exports.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { parseCommandArgs } from './args.ts';
import { databaseFile, dataFolder } from './data-folder.ts';

export async function runVerify(argv: string[]): Promise<number> {
  const { values, positionals, lang } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    data: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(`${t(lang, 'cli.verify.help')}\n`);
    return 0;
  }
  const target = positionals[0];
  if (!target) {
    process.stderr.write(`${t(lang, 'cli.verify.missing')}\n`);
    return 2;
  }
  const dataDir = dataFolder(values.data);
  const database = databaseFile(dataDir);
  if (!existsSync(database)) {
    process.stderr.write(`${t(lang, 'cli.verify.noRecords', { path: database })}\n`);
    return 1;
  }
  const store = openSqliteStore(database);
  // The check's status decides the exit code; it is printed as JSON or as lines for a person.
  const report = <C extends { status: string }>(check: C, lines: (check: C) => string[]): number => {
    process.stdout.write(`${values.json ? JSON.stringify(check, null, 2) : lines(check).join('\n')}\n`);
    return check.status === 'valid' ? 0 : 1;
  };
  try {
    const keys = await issuerPublicKeys(dataDir);
    const id = certificateIdOf(target);
    if (id && !existsSync(target)) {
      return report(await checkRecord(store, keys, id), (check) => recordLines(lang, check));
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(target);
    } catch (error) {
      const detail = (error as NodeJS.ErrnoException).code ?? String(error);
      process.stderr.write(`${t(lang, 'cli.verify.unreadable', { file: target, detail })}\n`);
      return 1;
    }
    return report(await checkFile(store, keys, bytes), (check) => fileLines(lang, target, check));
  } finally {
    await store.close();
  }
}

function statusWord(lang: Lang, status: string): string {
  return t(lang, `records.status.${status}` as MessageKey);
}

function recordLines(lang: Lang, check: RecordCheck): string[] {
  const lines = [t(lang, 'cli.verify.status', { id: check.id, status: statusWord(lang, check.status) })];
  if (check.details) lines.push(...detailLines(lang, check.details));
  if (check.revokedAt !== null) {
    lines.push(
      `  ${t(lang, 'cli.verify.revoked', { date: localDateTime(check.revokedAt), reason: check.reason ?? '' })}`,
    );
  }
  return lines;
}

function fileLines(lang: Lang, file: string, check: FileCheck): string[] {
  const lines = [t(lang, 'cli.verify.file', { file, status: statusWord(lang, check.status) })];
  if (check.file.reason) lines.push(`  ${t(lang, 'cli.verify.reason', { reason: check.file.reason })}`);
  if (check.file.checked) lines.push(`  ${t(lang, `cli.verify.checked.${check.file.checked}`)}`);
  if (check.record) lines.push(...recordLines(lang, check.record));
  return lines;
}

function detailLines(lang: Lang, d: CertificateDetails): string[] {
  const lines = [t(lang, 'cli.verify.name', { value: d.name })];
  if (d.rank) lines.push(t(lang, 'cli.verify.rank', { value: d.rank }));
  if (d.serviceNumber) lines.push(t(lang, 'cli.verify.serviceNumber', { value: d.serviceNumber }));
  lines.push(
    t(lang, 'cli.verify.module', { module: d.module, title: d.courseTitle }),
    t(lang, 'cli.verify.edition', { value: d.edition }),
    t(lang, 'cli.verify.date', { date: d.date, place: d.place, hours: d.hours }),
    t(lang, 'cli.verify.centre', { value: d.centre }),
  );
  return lines.map((line) => `  ${line}`);
}
