/**
 * Certificates as tagged PDFs: A4 landscape, real selectable text in the standard Helvetica fonts
 * (WinAnsi, like the other PDF exports), a vector QR code to `<verifyBaseUrl>/verify/<id>`, and —
 * for a single certificate — the signed data embedded as the attachment `lectern-certificate.json`
 * so that the file alone can be verified (verify-file.ts).
 *
 * Every mark is either inside a structure element (Sect, H1, P, L/LI/Lbl/LBody, Link, Figure with
 * alternate text) or a layout artifact (the frame). The printed words come from certificate-text.ts,
 * in the order printedSequence() lists them; the verifier relies on that.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { drawArtifact } from '../exports/pdf/artifact.ts';
import { collectBytes } from '../exports/pdf/collect-bytes.ts';
import { COLORS, FONTS, fontName } from '../exports/pdf/theme.ts';
import { parseCertificateData, type SignedCertificate } from './certificate.ts';
import {
  BULLET,
  type CertificateLanguage,
  type CertificateText,
  certificateText,
  printable,
  TEXT_VERSION,
} from './certificate-text.ts';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

export const ATTACHMENT_NAME = 'lectern-certificate.json';

/** Bump when the page's drawing changes (positions, sizes, colours, frame, QR); see verify-file.ts. */
const PAGE_VERSION = 1;

/**
 * The renderer's identity: a PDF whose embedded `page` equals this was drawn by this very code, so
 * the verifier can redraw it from the signed data and compare the pages operator for operator.
 */
export const PAGE_RENDERER = `lectern-certificate-page/${PAGE_VERSION} pdfkit/${pdfkitVersion()}`;

/** What the PDF embeds: the signed certificate and how its page was drawn (not signed). */
export interface CertificateEnvelope {
  format: 'lectern-certificate';
  version: 1;
  /** PAGE_RENDERER of the code that drew the page. */
  page: string;
  /** TEXT_VERSION of the printed words. */
  text: number;
  language: CertificateLanguage;
  verifyBaseUrl: string;
  certificate: SignedCertificate;
}

export interface CertificatePdfOptions {
  /** Language of the printed labels (the data's own text is printed as given); default 'en'. */
  language?: CertificateLanguage;
}

// ---- geometry -----------------------------------------------------------------------------------

const W = 841.89;
const H = 595.28;
const SIDE = 84;
const CONTENT = W - 2 * SIDE;
const OUTCOMES_X = 130;
const OUTCOMES_W = W - 2 * OUTCOMES_X;
const BAND_TOP = H - 128;
const QR_SIZE = 84;
const QR_X = W - 66 - QR_SIZE;
const QR_Y = H - 60 - QR_SIZE;
/** Outcomes end above the QR code, which reaches into their column. */
const OUTCOMES_BOTTOM = QR_Y - 10;
const BULLET_INDENT = 12;

interface Style {
  size: number;
  bold?: boolean;
  italic?: boolean;
  color: string;
  lineGap?: number;
  align?: 'left' | 'center' | 'right';
}

const CENTRE: Style = { size: 11, color: COLORS.muted, align: 'center' };
const TITLE: Style = { size: 30, bold: true, color: COLORS.heading, align: 'center' };
const LABEL: Style = { size: 12, italic: true, color: COLORS.text, align: 'center' };
const NAME: Style = { size: 26, bold: true, color: COLORS.text, align: 'center' };
const DETAILS: Style = { size: 10, color: COLORS.muted, align: 'center' };
const MODULE: Style = { size: 16, bold: true, color: COLORS.heading, align: 'center', lineGap: 1 };
const EDITION: Style = { size: 10.5, color: COLORS.muted, align: 'center' };
const HELD: Style = { size: 11.5, color: COLORS.text, align: 'center' };
const OUTCOMES_HEADING: Style = { size: 10.5, bold: true, color: COLORS.heading };
const SMALL: Style = { size: 9.5, color: COLORS.text };
const ID: Style = { size: 11, bold: true, color: COLORS.text };

// ---- drawing ------------------------------------------------------------------------------------

function font(doc: Doc, style: Style): void {
  doc.font(fontName(style)).fontSize(style.size);
}

function height(doc: Doc, text: string, width: number, style: Style): number {
  font(doc, style);
  return doc.heightOfString(text, { width, lineGap: style.lineGap ?? 0 });
}

function put(doc: Doc, text: string, x: number, y: number, width: number, style: Style, link?: string) {
  font(doc, style);
  doc.fillColor(style.color).text(text, x, y, {
    width,
    align: style.align ?? 'left',
    lineGap: style.lineGap ?? 0,
    ...(link ? { link, underline: false } : {}),
  });
}

/** A leaf structure element whose content is `draw`. */
function leaf(doc: Doc, parent: Struct, tag: string, draw: () => void, options: object = {}): void {
  parent.add(doc.struct(tag, options as PDFKit.Mixins.StructureElementOptions, [draw]));
}

function frame(doc: Doc): void {
  drawArtifact(doc, 'Layout', () => {
    doc
      .rect(22, 22, W - 44, H - 44)
      .lineWidth(2.5)
      .stroke(COLORS.heading);
    doc
      .rect(30, 30, W - 60, H - 60)
      .lineWidth(0.75)
      .stroke(COLORS.rule);
  });
}

/** A short centred rule under the title, as an artifact. */
function rule(doc: Doc, y: number): void {
  drawArtifact(doc, 'Layout', () => {
    doc
      .moveTo(W / 2 - 60, y)
      .lineTo(W / 2 + 60, y)
      .lineWidth(0.75)
      .stroke(COLORS.rule);
  });
}

/** The QR code's dark modules as one filled path of horizontal runs. */
function drawQr(doc: Doc, url: string, x: number, y: number, size: number): void {
  // One byte-mode segment: skips the library's segment optimisation, which a URL does not need.
  const qr = QRCode.create([{ data: Buffer.from(url, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const m = size / n;
  const dark = qr.modules.data;
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!dark[r * n + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && dark[r * n + c]) c++;
      // A hair of overlap keeps viewers' anti-aliasing from drawing seams between rows.
      doc.rect(x + start * m, y + r * m, (c - start) * m, m + 0.05);
    }
  }
  doc.fill('#000000');
}

interface OutcomeFit {
  style: Style;
  columns: 1 | 2;
  fits: boolean;
}

/** The largest outcome font size and fewest columns that fit `room` points of height. */
function fitOutcomes(doc: Doc, outcomes: string[], room: number): OutcomeFit {
  const fits = (style: Style, columns: 1 | 2) => {
    const width = (OUTCOMES_W - (columns - 1) * 24) / columns - BULLET_INDENT;
    const heights = outcomes.map((o) => height(doc, o, width, style) + 3);
    if (columns === 1) return heights.reduce((a, b) => a + b, 0) <= room;
    const half = Math.ceil(outcomes.length / 2);
    const left = heights.slice(0, half).reduce((a, b) => a + b, 0);
    const right = heights.slice(half).reduce((a, b) => a + b, 0);
    return Math.max(left, right) <= room;
  };
  for (let size = 10.5; size >= 8; size -= 0.5) {
    const style = { ...SMALL, size, lineGap: 1 };
    if (fits(style, 1)) return { style, columns: 1, fits: true };
  }
  for (let size = 9; size >= 6; size -= 0.5) {
    const style = { ...SMALL, size, lineGap: 0.5 };
    if (fits(style, 2)) return { style, columns: 2, fits: true };
  }
  return { style: { ...SMALL, size: 6, lineGap: 0.5 }, columns: 2, fits: false };
}

/** One centred line (or paragraph) of the upper part of the page. */
interface Line {
  tag: string;
  text: string;
  style: Style;
  width: number;
  /** Space before it. */
  before: number;
  /** Draw the rule under the title before this line. */
  rule?: boolean;
}

/** The upper part at `scale` (1 = the designed sizes); long texts shrink it to leave room for outcomes. */
function upperLines(doc: Doc, t: CertificateText, scale: number): Line[] {
  const sized = (style: Style): Style => ({ ...style, size: style.size * scale });
  const name = sized(NAME);
  font(doc, name);
  while (name.size > 12 && doc.fontSize(name.size).widthOfString(t.name) > CONTENT) name.size -= 1;
  const lines: Line[] = [
    { tag: 'P', text: t.centre, style: sized(CENTRE), width: CONTENT, before: 0 },
    { tag: 'H1', text: t.title, style: sized(TITLE), width: CONTENT, before: 14 * scale },
    { tag: 'P', text: t.certify, style: sized(LABEL), width: CONTENT, before: 18 * scale, rule: true },
    { tag: 'P', text: t.name, style: name, width: CONTENT, before: 8 * scale },
    { tag: 'P', text: t.details, style: sized(DETAILS), width: CONTENT, before: 4 * scale },
    {
      tag: 'P',
      text: t.completed,
      style: sized(LABEL),
      width: CONTENT,
      before: (t.details ? 10 : 6) * scale,
    },
    { tag: 'P', text: t.module, style: sized(MODULE), width: 620, before: 8 * scale },
    { tag: 'P', text: t.edition, style: sized(EDITION), width: CONTENT, before: 3 * scale },
    { tag: 'P', text: t.held, style: sized(HELD), width: 660, before: 6 * scale },
  ];
  return lines.filter((l) => l.text !== '');
}

const TOP = 50;
const OUTCOMES_GAP = 16;

function linesHeight(doc: Doc, lines: Line[]): number {
  return lines.reduce((h, l) => h + l.before + height(doc, l.text, l.width, l.style), 0);
}

/** Draws one certificate on the current page, as a Sect of `root`. */
function drawCertificate(doc: Doc, root: Struct, t: CertificateText, id: string): void {
  // Shrink the upper part until the outcomes fit below it at a readable size.
  let lines: Line[] = [];
  let fit: OutcomeFit | undefined;
  for (const scale of [1, 0.9, 0.8, 0.7, 0.6]) {
    lines = upperLines(doc, t, scale);
    if (t.outcomes.length === 0) break;
    const headingHeight = height(doc, t.outcomesHeading, OUTCOMES_W, OUTCOMES_HEADING) + 5;
    const room = OUTCOMES_BOTTOM - TOP - linesHeight(doc, lines) - OUTCOMES_GAP - headingHeight;
    fit = fitOutcomes(doc, t.outcomes, room);
    if (fit.fits) break;
  }

  frame(doc);
  const sect = doc.struct('Sect', { title: id } as PDFKit.Mixins.StructureElementOptions);
  root.add(sect);
  const centred = (tag: string, text: string, y: number, style: Style, width: number): number => {
    const x = (W - width) / 2;
    leaf(doc, sect, tag, () => put(doc, text, x, y, width, style));
    return y + height(doc, text, width, style);
  };

  let y = TOP;
  for (const line of lines) {
    if (line.rule) rule(doc, y + line.before / 3);
    y = centred(line.tag, line.text, y + line.before, line.style, line.width);
  }
  y += OUTCOMES_GAP;

  if (fit && t.outcomes.length > 0) {
    y = centred('H2', t.outcomesHeading, y, { ...OUTCOMES_HEADING, align: 'left' }, OUTCOMES_W) + 5;
    const { style, columns } = fit;
    const colWidth = (OUTCOMES_W - (columns - 1) * 24) / columns;
    const half = columns === 2 ? Math.ceil(t.outcomes.length / 2) : t.outcomes.length;
    const list = doc.struct('L');
    sect.add(list);
    let rowY = y;
    t.outcomes.forEach((outcome, i) => {
      if (i === half) rowY = y;
      const x = OUTCOMES_X + (i < half ? 0 : colWidth + 24);
      const item = doc.struct('LI');
      list.add(item);
      const top = rowY;
      leaf(doc, item, 'Lbl', () =>
        put(doc, BULLET, x, top, BULLET_INDENT, { ...style, color: COLORS.heading }),
      );
      leaf(doc, item, 'LBody', () =>
        put(doc, outcome, x + BULLET_INDENT, top, colWidth - BULLET_INDENT, style),
      );
      item.end();
      rowY += height(doc, outcome, colWidth - BULLET_INDENT, style) + 3;
    });
    list.end();
  }

  // The band at the foot: issue date and id on the left, how to verify and the QR code on the right.
  const left = SIDE - 20;
  const textWidth = 330;
  leaf(doc, sect, 'P', () => put(doc, t.issued, left, BAND_TOP + 44, textWidth, SMALL));
  leaf(doc, sect, 'P', () => put(doc, t.id, left, BAND_TOP + 60, textWidth, ID));
  const verifyWidth = 300;
  const verifyX = QR_X - 12 - verifyWidth;
  const verifyY = QR_Y + QR_SIZE - 26;
  const verifyStyle: Style = { ...SMALL, size: 8.5, color: COLORS.muted, align: 'right' };
  const p = doc.struct('P');
  sect.add(p);
  p.add(() => put(doc, t.verify, verifyX, verifyY, verifyWidth, verifyStyle));
  const link = doc.struct('Link');
  p.add(link);
  const url = t.url;
  link.add(() =>
    put(doc, url, verifyX, verifyY + 12, verifyWidth, { ...verifyStyle, color: COLORS.link }, url),
  );
  link.end();
  p.end();
  leaf(doc, sect, 'Figure', () => drawQr(doc, url, QR_X, QR_Y, QR_SIZE), { alt: t.qrAlt });
  sect.end();
}

export class CertificateLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateLayoutError';
  }
}

interface NewDocument {
  doc: Doc;
  root: Struct;
  /** Ends the document and gives its bytes; throws unless it has `want` pages: a certificate must never
   * spill onto a second page. */
  finish: (want: number) => Promise<Uint8Array>;
}

function newDocument(language: CertificateLanguage, info: PDFKit.DocumentInfo): NewDocument {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    tagged: true,
    pdfVersion: '1.7',
    lang: language,
    displayTitle: true,
    font: FONTS.regular,
    info: { Creator: 'Lectern', ...info },
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const bytes = collectBytes(doc);
  let pages = 1;
  doc.on('pageAdded', () => {
    pages += 1;
  });
  const finish = (want: number) => {
    if (pages !== want) {
      throw new CertificateLayoutError(
        `${pages} pages drawn for ${want} certificate(s): some text does not fit`,
      );
    }
    root.end();
    doc.end();
    return bytes;
  };
  return { doc, root, finish };
}

// ---- public -------------------------------------------------------------------------------------

/** One certificate as a one-page PDF, with its signed data embedded for offline verification. */
export async function renderCertificatePdf(
  signed: SignedCertificate,
  verifyBaseUrl: string,
  options: CertificatePdfOptions = {},
): Promise<Uint8Array> {
  const language = options.language ?? 'en';
  const t = certificateText(parseCertificateData(signed.data), language, verifyBaseUrl);
  const { doc, root, finish } = newDocument(language, {
    Title: t.documentTitle,
    Subject: `${t.title} ${signed.data.id}`,
    Author: signed.data.issuer.centre,
    Keywords: `${signed.data.id}, ${signed.data.course.id}`,
  });
  drawCertificate(doc, root, t, signed.data.id);
  const envelope: CertificateEnvelope = {
    format: 'lectern-certificate',
    version: 1,
    page: PAGE_RENDERER,
    text: TEXT_VERSION,
    language,
    verifyBaseUrl,
    certificate: signed,
  };
  attach(doc, `${JSON.stringify(envelope, null, 2)}\n`);
  return finish(1);
}

/**
 * Many certificates as one PDF, one page each, for printing. It embeds no signed data (verify a
 * printed page by its QR code, or a single certificate's PDF with verify-file.ts).
 */
export async function renderCertificateBatchPdf(
  list: readonly SignedCertificate[],
  verifyBaseUrl: string,
  options: CertificatePdfOptions = {},
): Promise<Uint8Array> {
  const language = options.language ?? 'en';
  const first = list[0];
  const { doc, root, finish } = newDocument(language, {
    Title: first
      ? `${certificateText(first.data, language, verifyBaseUrl).title} (${list.length})`
      : 'Certificates',
    Author: first?.data.issuer.centre ?? 'Lectern',
  });
  list.forEach((signed, i) => {
    if (i > 0) doc.addPage();
    const t = certificateText(parseCertificateData(signed.data), language, verifyBaseUrl);
    drawCertificate(doc, root, t, signed.data.id);
  });
  return finish(Math.max(list.length, 1));
}

/** One PDF per certificate in a ZIP, named `<id>-<name>.pdf` in ASCII. */
export async function certificateZip(
  list: readonly SignedCertificate[],
  verifyBaseUrl: string,
  options: CertificatePdfOptions = {},
): Promise<Uint8Array> {
  const zip = new JSZip();
  const used = new Set<string>();
  for (const signed of list) {
    const name = uniqueName(certificateFileName(signed), used);
    // PDFs are mostly compressed already: store them.
    zip.file(name, await renderCertificatePdf(signed, verifyBaseUrl, options), { binary: true });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/** `LEC-…-Jane-Doe.pdf`: the id, then the name in ASCII letters and digits, at most 60 of them. */
export function certificateFileName(signed: SignedCertificate): string {
  const slug = printable(signed.data.participant.name)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØæÆœŒßþÞðÐ]/g, (c) => ASCII_LETTERS[c] ?? '-')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const id = signed.data.id.replace(/[^A-Za-z0-9-]/g, '');
  return `${id}${slug ? `-${slug}` : ''}.pdf`;
}

const ASCII_LETTERS: Record<string, string> = {
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ß: 'ss',
  þ: 'th',
  Þ: 'Th',
  ð: 'd',
  Ð: 'D',
};

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = name.replace(/\.pdf$/, `-${n}.pdf`);
  used.add(candidate);
  return candidate;
}

/** Embeds the JSON uncompressed, so that it can be read (and audited) in any text editor. */
function attach(doc: Doc, json: string): void {
  const settings = doc as unknown as { compress: boolean };
  const compress = settings.compress;
  settings.compress = false;
  try {
    doc.file(Buffer.from(json, 'utf8'), {
      name: ATTACHMENT_NAME,
      type: 'application/json',
      description: 'Lectern signed certificate data (Ed25519)',
      relationship: 'Data',
    } as PDFKit.Mixins.PDFAttachmentOptions);
  } finally {
    settings.compress = compress;
  }
}

function pdfkitVersion(): string {
  try {
    const url = new URL('../package.json', import.meta.resolve('pdfkit'));
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
