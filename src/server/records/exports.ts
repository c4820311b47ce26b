/** The records' CSV files, with headings in the request's language (`records.csv.*`). */
import { type Lang, t } from '../../i18n/catalogue.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { type CsvValue, percent, toCsv } from './csv.ts';
import type { ReportRow, SessionReport } from './session-report.ts';

/** Local date and time, `YYYY-MM-DD HH:MM`, which spreadsheets read as a date. */
export function localDateTime(epochMs: number | null): string {
  if (epochMs === null) return '';
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function yesNo(lang: Lang, value: boolean): string {
  return t(lang, value ? 'records.csv.yes' : 'records.csv.no');
}

function certificateStatus(lang: Lang, row: ReportRow): string {
  if (!row.certificate) return '';
  return t(lang, row.certificate.revokedAt === null ? 'records.status.valid' : 'records.status.revoked');
}

function component(lang: Lang, value: string | null): string {
  return value ? t(lang, `records.component.${value}` as MessageKey) : '';
}

function resultHeadings(lang: Lang, report: SessionReport): string[] {
  return [
    t(lang, 'records.csv.name'),
    t(lang, 'records.csv.joinedName'),
    t(lang, 'records.csv.rank'),
    t(lang, 'records.csv.serviceNumber'),
    t(lang, 'records.csv.component'),
    t(lang, 'records.csv.contingent'),
    t(lang, 'records.csv.attendance'),
    t(lang, 'records.csv.score'),
    t(lang, 'records.csv.passed'),
    t(lang, 'records.csv.completed'),
    ...report.outcomes.map((o) => t(lang, 'records.csv.outcome', { id: o.id })),
    t(lang, 'records.csv.unmarked'),
    t(lang, 'records.csv.certificate'),
    t(lang, 'records.csv.certificateStatus'),
  ];
}

function resultCells(lang: Lang, report: SessionReport, row: ReportRow): CsvValue[] {
  return [
    row.name,
    row.joinedName,
    row.rank,
    row.serviceNumber,
    component(lang, row.component),
    row.contingent,
    percent(row.attendance),
    percent(row.assessment),
    yesNo(lang, row.passed),
    yesNo(lang, row.completed),
    ...report.outcomes.map((o) => percent(row.outcomes[o.id])),
    row.unmarked.length,
    row.certificate?.id ?? '',
    certificateStatus(lang, row),
  ];
}

export function resultsCsv(lang: Lang, report: SessionReport): string {
  return toCsv([
    resultHeadings(lang, report),
    ...report.participants.map((r) => resultCells(lang, report, r)),
  ]);
}

export function cohortResultsCsv(lang: Lang, reports: readonly SessionReport[]): string {
  const first = reports[0];
  const headings = [t(lang, 'records.csv.session'), t(lang, 'records.csv.date')];
  if (!first) return toCsv([headings]);
  return toCsv([
    [...headings, ...resultHeadings(lang, first)],
    ...reports.flatMap((report) =>
      report.participants.map((row) => [
        report.session.code,
        localDateTime(report.session.createdAt),
        ...resultCells(lang, report, row),
      ]),
    ),
  ]);
}

export function attendanceCsv(lang: Lang, report: SessionReport): string {
  const minutes = (ms: number) => Math.round(ms / 6000) / 10;
  return toCsv([
    [
      t(lang, 'records.csv.name'),
      t(lang, 'records.csv.rank'),
      t(lang, 'records.csv.serviceNumber'),
      t(lang, 'records.csv.contingent'),
      t(lang, 'records.csv.presentMinutes'),
      t(lang, 'records.csv.sessionMinutes'),
      t(lang, 'records.csv.attendance'),
      t(lang, 'records.csv.sessionFrom'),
      t(lang, 'records.csv.sessionTo'),
    ],
    ...report.participants.map((row) => [
      row.name,
      row.rank,
      row.serviceNumber,
      row.contingent,
      minutes(row.presentMs),
      minutes(report.span.ms),
      percent(row.attendance),
      localDateTime(report.span.from),
      localDateTime(report.span.to),
    ]),
  ]);
}

const FLAGS = ['tooEasy', 'tooHard', 'poorDiscrimination', 'lowEfficiency'] as const;

export function itemStatisticsCsv(lang: Lang, report: SessionReport): string {
  const prompts = new Map(report.items.map((i) => [i.id, i.prompt]));
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return toCsv([
    [
      t(lang, 'records.csv.item'),
      t(lang, 'records.csv.outcomes'),
      t(lang, 'records.csv.prompt'),
      t(lang, 'records.csv.attempts'),
      t(lang, 'records.csv.answered'),
      t(lang, 'records.csv.facility'),
      t(lang, 'records.csv.sd'),
      t(lang, 'records.csv.discrimination'),
      t(lang, 'records.csv.efficiency'),
      t(lang, 'records.csv.flags'),
    ],
    ...report.statistics.items.map((item) => [
      item.id,
      item.outcomes.join(' '),
      prompts.get(item.id) ?? '',
      item.attempts,
      item.answered,
      percent(item.facility),
      percent(item.sd),
      round(item.discriminationIndex),
      round(item.discriminativeEfficiency),
      FLAGS.filter((f) => item.flags[f])
        .map((f) => t(lang, `records.flag.${f}`))
        .join('; '),
    ]),
  ]);
}
