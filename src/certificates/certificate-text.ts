/**
 * The words printed on a certificate, derived from its signed data alone. The PDF renderer prints
 * exactly these strings, in this order, and the file verifier re-derives them from the embedded
 * signed data and compares them with the page's text. Keep it deterministic: no Intl (its output
 * changes with ICU versions), no clock. Changing a label or the order makes earlier certificates
 * fail the visible-text check, so a change needs a new TEXT_VERSION and the old texts kept.
 */
import { isWinAnsi, toWinAnsi } from '../exports/pdf/winansi.ts';
import type { CertificateData, Component } from './certificate.ts';

/** The version of the printed words and their order; stored in each PDF's embedded JSON. */
export const TEXT_VERSION = 1;

export const CERTIFICATE_LANGUAGES = ['en', 'fr'] as const;
export type CertificateLanguage = (typeof CERTIFICATE_LANGUAGES)[number];

interface Labels {
  title: string;
  certify: string;
  completed: string;
  module: (n: number, title: string) => string;
  held: (place: string, date: string, hours: string) => string;
  hours: (hours: number) => string;
  serviceNumber: (n: string) => string;
  contingent: (c: string) => string;
  components: Record<Component, string>;
  outcomes: string;
  issued: (date: string) => string;
  certificateId: (id: string) => string;
  verify: string;
  qrAlt: (url: string) => string;
  date: (iso: string) => string;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

function dateParts(iso: string): [number, number, number] {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
}

function decimal(n: number, separator: string): string {
  return String(n).replace('.', separator);
}

const LABELS: Record<CertificateLanguage, Labels> = {
  en: {
    title: 'Certificate of Completion',
    certify: 'This is to certify that',
    completed: 'has completed the pre-deployment training module',
    module: (n, title) => `Module ${n}: ${title}`,
    held: (place, date, hours) => `held at ${place} on ${date} (${hours})`,
    hours: (h) => `${decimal(h, '.')} ${h === 1 ? 'hour' : 'hours'}`,
    serviceNumber: (n) => `Service number ${n}`,
    contingent: (c) => `Contingent: ${c}`,
    components: { military: 'Military', police: 'Police', civilian: 'Civilian' },
    outcomes: 'Learning outcomes',
    issued: (date) => `Issued on ${date}`,
    certificateId: (id) => `Certificate ID: ${id}`,
    verify: 'Verify this certificate at',
    qrAlt: (url) => `QR code linking to ${url}`,
    date: (iso) => {
      const [y, m, d] = dateParts(iso);
      return `${d} ${MONTHS_EN[m - 1]} ${y}`;
    },
  },
  fr: {
    title: 'Certificat de formation',
    certify: 'Le présent certificat atteste que',
    completed: 'a suivi le module de formation préalable au déploiement',
    module: (n, title) => `Module ${n} : ${title}`,
    held: (place, date, hours) => `tenu à ${place} le ${date} (${hours})`,
    hours: (h) => `${decimal(h, ',')} ${h < 2 ? 'heure' : 'heures'}`,
    serviceNumber: (n) => `Matricule ${n}`,
    contingent: (c) => `Contingent : ${c}`,
    components: { military: 'Militaire', police: 'Police', civilian: 'Civil' },
    outcomes: 'Acquis d’apprentissage',
    issued: (date) => `Délivré le ${date}`,
    certificateId: (id) => `Identifiant du certificat : ${id}`,
    verify: 'Vérifier ce certificat à l’adresse',
    qrAlt: (url) => `Code QR menant à ${url}`,
    date: (iso) => {
      const [y, m, d] = dateParts(iso);
      return `${d === 1 ? '1er' : d} ${MONTHS_FR[m - 1]} ${y}`;
    },
  },
};

export function isCertificateLanguage(value: unknown): value is CertificateLanguage {
  return (CERTIFICATE_LANGUAGES as readonly unknown[]).includes(value);
}

/** The printed texts of one certificate, every string already in its printable (WinAnsi) form. */
export interface CertificateText {
  /** Top line: the issuing centre and its country. */
  centre: string;
  title: string;
  certify: string;
  /** Rank and name. */
  name: string;
  /** Service number, component, contingent; '' when none is given. */
  details: string;
  completed: string;
  module: string;
  edition: string;
  held: string;
  /** '' when the certificate lists no outcomes. */
  outcomesHeading: string;
  outcomes: string[];
  issued: string;
  id: string;
  verify: string;
  url: string;
  /** Not printed: the QR code's alternate text and the document title (Unicode, not WinAnsi). */
  qrAlt: string;
  documentTitle: string;
}

export const BULLET = '\u2022';

/** The verification address printed and encoded in the QR code: `<base>/verify/<id>`. */
export function verifyUrl(verifyBaseUrl: string, id: string): string {
  return `${verifyBaseUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(id)}`;
}

export function certificateText(
  data: CertificateData,
  language: CertificateLanguage,
  verifyBaseUrl: string,
): CertificateText {
  const l = LABELS[language];
  const p = data.participant;
  const url = verifyUrl(verifyBaseUrl, data.id);
  const name = p.rank ? `${p.rank} ${p.name}` : p.name;
  const details = [
    p.serviceNumber && l.serviceNumber(p.serviceNumber),
    p.component && l.components[p.component],
    p.contingent && l.contingent(p.contingent),
  ].filter((s): s is string => !!s);
  const module = l.module(data.course.module, data.course.title);
  return {
    centre: printable(
      data.issuer.country ? `${data.issuer.centre}, ${data.issuer.country}` : data.issuer.centre,
    ),
    title: printable(l.title),
    certify: printable(l.certify),
    name: printable(name),
    details: printable(details.join('  \u00b7  ')),
    completed: printable(l.completed),
    module: printable(module),
    edition: printable(data.course.edition),
    held: printable(l.held(data.place, l.date(data.date), l.hours(data.hours))),
    outcomesHeading: data.outcomes.length > 0 ? printable(l.outcomes) : '',
    outcomes: data.outcomes.map(printable),
    issued: printable(l.issued(l.date(data.issuedAt))),
    id: printable(l.certificateId(data.id)),
    verify: printable(l.verify),
    url: printable(url),
    qrAlt: l.qrAlt(url),
    documentTitle: `${l.title} – ${name} – ${module}`,
  };
}

/** The printed strings in page order, each with the field it shows, as the page's text reads. */
export function printedSequence(t: CertificateText): Array<[field: string, text: string]> {
  const out: Array<[string, string]> = [
    ['issuer', t.centre],
    ['title', t.title],
    ['label', t.certify],
    ['participant', t.name],
    ['participant details', t.details],
    ['label', t.completed],
    ['module', t.module],
    ['edition', t.edition],
    ['date, place and hours', t.held],
    ['label', t.outcomesHeading],
  ];
  for (const outcome of t.outcomes) out.push(['label', BULLET], ['outcomes', outcome]);
  out.push(['issue date', t.issued], ['id', t.id], ['label', t.verify], ['verification address', t.url]);
  return out.filter(([, text]) => text !== '');
}

/**
 * Text as the standard PDF fonts can print it (WinAnsi). Letters outside it keep their base letter
 * and whichever accents WinAnsi still holds (ọ → o, ễ → ê, ł → l); other scripts become "?".
 * Soft hyphens are dropped (the line breaker treats them specially).
 */
export function printable(text: string): string {
  let out = '';
  const clusters =
    text
      .replace(/\u00ad/g, '')
      .normalize('NFD')
      .match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
  for (const cluster of clusters) {
    const whole = cluster.normalize('NFC');
    if ([...whole].every(isWinAnsi)) {
      out += whole;
      continue;
    }
    const [first = '', ...marks] = [...cluster];
    const base = STRIPPED[first] ?? first;
    if (!isWinAnsi(base)) {
      out += toWinAnsi(whole);
      continue;
    }
    let kept = base;
    for (const mark of marks) {
      const next = (kept + mark).normalize('NFC');
      if ([...next].length === 1 && isWinAnsi(next)) kept = next;
    }
    out += kept;
  }
  return out;
}

/** Latin letters with a stroke or without a dot, which Unicode does not decompose. */
const STRIPPED: Record<string, string> = {
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0126': 'H',
  '\u0127': 'h',
  '\u0131': 'i',
  '\u0166': 'T',
  '\u0167': 't',
};

/** Fields of the data that cannot be printed as written (some letter lost or replaced). */
export function unprintableFields(data: CertificateData): string[] {
  const fields: Array<[string, string | undefined]> = [
    ['participant.name', data.participant.name],
    ['participant.rank', data.participant.rank],
    ['participant.serviceNumber', data.participant.serviceNumber],
    ['participant.contingent', data.participant.contingent],
    ['course.title', data.course.title],
    ['course.edition', data.course.edition],
    ['place', data.place],
    ['issuer.centre', data.issuer.centre],
    ['issuer.country', data.issuer.country],
    ...data.outcomes.map((o, i): [string, string] => [`outcomes.${i}`, o]),
  ];
  return fields.filter(([, v]) => v !== undefined && printable(v) !== v.normalize('NFC')).map(([k]) => k);
}
