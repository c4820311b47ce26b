/**
 * PDFs for the import tests, drawn in memory with pdfkit: an instructor-notes module laid out like the
 * UN POC originals (running header and footer, bold headings, slide text in another font, legend icons,
 * wrapped and hyphenated lines), a paragraph with bold blue words, and the documents that cannot be
 * imported (encrypted, image-only, no pages, damaged bytes).
 */
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../../src/exports/pdf/winansi.ts';

export const RUNNING_HEADER = 'Module 1: Overview of the Protection of Civilians';
export const RUNNING_FOOTER = 'UN Protection of Civilians PDT Standards, 1st ed. (2011)';

/** Where the module's body text sits on an A4 page (595 × 842 pt). */
export const BODY_X = 72;
export const ICON_INDENT = 18;
export const BODY_SIZE = 11;
export const SLIDE_SIZE = 10;
const HEADER_SIZE = 9;
const PAGE_RIGHT = 523;
const HEADER_TOP = 36;
const FOOTER_TOP = 800;
const CONTENT_TOP = 72;
const CONTENT_BOTTOM = 780;
const BLANK_GAP = 5;

export interface ModulePdfOptions {
  /** Width of the text column; narrower than the original's so that long lines wrap. */
  textWidth?: number;
  /** Hyphenate every n-th wrap that falls inside a word of more than 8 letters. */
  hyphenateEvery?: number;
}

type LineKind = 'body' | 'heading' | 'slide';

/** A line as the fixture draws it, before wrapping. */
interface SourceRow {
  text: string;
  kind: LineKind;
  icon: boolean;
}

/** Fixed metadata, so that the same input gives the same bytes (and fuzz seeds replay). */
const INFO = { Title: 'Lectern import fixture', CreationDate: new Date(Date.UTC(2011, 0, 1)) };

/** Runs `draw` on a fresh pdfkit document and returns the finished file. */
export function drawPdf(
  draw: (doc: PDFKit.PDFDocument) => void,
  options: PDFKit.PDFDocumentOptions = {},
): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 72, info: INFO, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

/** The original's running header and footer, which the source text carries once (page 8). */
function isOriginalFurniture(text: string): boolean {
  return /^Module 1: Overview of the Protection of Civilians\s+\d+\s*$/.test(text) || text === RUNNING_FOOTER;
}

/** Source lines as rows to draw; `null` for a blank line (a vertical gap). */
function rowsOf(sourceText: string): (SourceRow | null)[] {
  const rows: (SourceRow | null)[] = [];
  for (const raw of sourceText.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') {
      rows.push(null);
      continue;
    }
    if (isOriginalFurniture(line.trim())) continue;
    const slide = line.includes('\u00a0');
    // Standard fonts draw WinAnsi only; the source's typographic marks (‘’“”–—…•) are all in it.
    const text = toWinAnsi(line.replaceAll('\u00a0', ' ').trim());
    const heading = !slide && /[A-Z]{2}/.test(text) && !/[a-z]/.test(text);
    rows.push({ text, kind: slide ? 'slide' : heading ? 'heading' : 'body', icon: /^\s/.test(line) });
  }
  return rows;
}

function fontOf(kind: LineKind): { font: string; size: number; leading: number } {
  if (kind === 'slide') return { font: 'Times-Roman', size: SLIDE_SIZE, leading: 13 };
  return { font: kind === 'heading' ? 'Helvetica-Bold' : 'Helvetica', size: BODY_SIZE, leading: 14 };
}

/**
 * Greedy word wrap. When the word that overflows has more than 8 letters, every `every`-th such wrap
 * breaks inside it with a hyphen, as a word processor with hyphenation on would.
 */
class Wrapper {
  private longWordWraps = 0;
  private readonly every: number;

  constructor(every: number) {
    this.every = every;
  }

  wrap(text: string, width: number, measure: (s: string) => number): string[] {
    const lines: string[] = [];
    let current = '';
    const words = text.split(' ');
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      const candidate = current === '' ? word : `${current} ${word}`;
      if (measure(candidate) <= width || current === '') {
        current = candidate; // a word wider than the column overflows rather than break mid-URL
        continue;
      }
      if ((word.match(/\p{L}/gu)?.length ?? 0) > 8 && ++this.longWordWraps % this.every === 0) {
        const cut = this.hyphenCut(current, word, width, measure);
        if (cut > 0) {
          lines.push(`${current} ${word.slice(0, cut)}-`);
          current = '';
          words[i--] = word.slice(cut);
          continue;
        }
      }
      lines.push(current);
      current = word;
    }
    if (current !== '') lines.push(current);
    return lines;
  }

  /** The longest cut between two letters, three or more on each side, whose "prefix-" still fits. */
  private hyphenCut(current: string, word: string, width: number, measure: (s: string) => number): number {
    for (let cut = word.length - 3; cut >= 3; cut--) {
      if (!/\p{L}\p{L}/u.test(word.slice(cut - 1, cut + 1))) continue;
      if (measure(`${current} ${word.slice(0, cut)}-`) <= width) return cut;
    }
    return 0;
  }
}

/** Header (title left, page number right) and footer, drawn on every page. */
function drawFurniture(doc: PDFKit.PDFDocument, pageNumber: number): void {
  doc.font('Helvetica').fontSize(HEADER_SIZE).fillColor('#000000');
  doc.text(RUNNING_HEADER, BODY_X, HEADER_TOP, { lineBreak: false });
  const number = String(pageNumber);
  doc.text(number, PAGE_RIGHT - doc.widthOfString(number), HEADER_TOP, { lineBreak: false });
  doc.text(RUNNING_FOOTER, BODY_X, FOOTER_TOP, { lineBreak: false });
}

/** The small legend symbol the original draws where the extracted text has a leading space. */
function drawIcon(doc: PDFKit.PDFDocument, top: number): void {
  doc
    .save()
    .rect(BODY_X, top + 1, 9, 9)
    .fillAndStroke('#7f7f7f', '#404040')
    .restore();
}

/**
 * An instructor-notes text (like courses/poc-module-1/source.txt) laid out on A4 pages: Helvetica 11
 * body, Helvetica-Bold ALL-CAPS headings, Times-Roman 10 slide text (source lines with a no-break
 * space), a legend icon and an 18 pt indent for lines that start with a space, a gap for each blank line,
 * a running header and footer on every page. The source's own copy of the header and footer is dropped.
 */
export function modulePdf(sourceText: string, options: ModulePdfOptions = {}): Promise<Uint8Array> {
  const width = options.textWidth ?? 380;
  const wrapper = new Wrapper(options.hyphenateEvery ?? 3);
  return drawPdf(
    (doc) => {
      let pageNumber = 1;
      let y = CONTENT_TOP;
      drawFurniture(doc, pageNumber);
      const newPage = () => {
        doc.addPage();
        drawFurniture(doc, ++pageNumber);
        y = CONTENT_TOP;
      };
      for (const row of rowsOf(sourceText)) {
        if (row === null) {
          y += BLANK_GAP;
          continue;
        }
        const { font, size, leading } = fontOf(row.kind);
        doc.font(font).fontSize(size).fillColor('#000000');
        const x = BODY_X + (row.icon ? ICON_INDENT : 0);
        const lines = wrapper.wrap(row.text, width - (x - BODY_X), (s) => doc.widthOfString(s));
        lines.forEach((line, i) => {
          if (y + leading > CONTENT_BOTTOM) {
            newPage();
            doc.font(font).fontSize(size).fillColor('#000000');
          }
          if (row.icon && i === 0) drawIcon(doc, y);
          doc.text(line, x, y, { lineBreak: false });
          y += leading;
        });
      }
    },
    { margin: 0 },
  );
}

/** A column as wide as the original's: notes keep their narrower box, so their lines wrap shorter. */
export const MODULE_1_PDF_WIDTH = 445;

export const BOLD_BLUE = '#1f4e9c';
/** The words boldBluePdf() sets in bold blue, in order. */
export const BOLD_BLUE_PHRASES = ['physical protection from harm', 'imminent threat'];

/** A speaking-points paragraph where slide words are bold blue among regular black text, wrapped by pdfkit. */
export function boldBluePdf(): Promise<Uint8Array> {
  const [first, second] = BOLD_BLUE_PHRASES as [string, string];
  return drawPdf((doc) => {
    doc.font('Helvetica').fontSize(BODY_SIZE).fillColor('#000000');
    doc.text('Speaking points', { underline: false });
    doc.moveDown();
    const black = (text: string, continued: boolean) =>
      doc.font('Helvetica').fillColor('#000000').text(text, { width: 380, continued });
    const blue = (text: string) =>
      doc.font('Helvetica-Bold').fillColor(BOLD_BLUE).text(text, { continued: true });
    black('Peacekeepers provide ', true);
    blue(first);
    black(' to civilians under ', true);
    blue(second);
    black(
      ', within their capabilities and areas of deployment, as the mandate and the rules of engagement allow.',
      false,
    );
  });
}

/** One page of text, readable only with the password. */
export function encryptedPdf(): Promise<Uint8Array> {
  return drawPdf(
    (doc) => doc.font('Helvetica').text('Restricted instructor notes for the protection of civilians.'),
    {
      userPassword: 'peacekeeper',
      pdfVersion: '1.7',
    },
  );
}

/** Pages that hold a picture of text and no text: what a scanner gives. */
export function scannedPdf(pages = 3): Promise<Uint8Array> {
  const scan = grayPng(200, 280);
  return drawPdf((doc) => {
    for (let page = 1; page <= pages; page++) {
      if (page > 1) doc.addPage();
      doc.image(scan, 72, 72, { width: 451 });
      doc.rect(72, 72, 451, 632).stroke('#808080');
    }
  });
}

/** A PDF whose page tree is empty. */
export function emptyPagePdf(): Promise<Uint8Array> {
  return drawPdf(() => {}, { autoFirstPage: false });
}

/** One page with nothing on it. */
export function blankPagePdf(): Promise<Uint8Array> {
  return drawPdf(() => {});
}

/** A small text PDF (the fuzz seed): two pages, two fonts, a colour. */
export function smallPdf(): Promise<Uint8Array> {
  return drawPdf((doc) => {
    doc.font('Helvetica-Bold').fontSize(12).text('1. INTRODUCTION');
    doc
      .font('Helvetica')
      .fontSize(11)
      .text('Peacekeepers protect civilians under threat of physical violence.');
    doc
      .font('Times-Roman')
      .fontSize(10)
      .fillColor(BOLD_BLUE)
      .text('Slide 1 Overview of Protection of Civilians');
    doc.addPage();
    doc
      .font('Helvetica')
      .fontSize(11)
      .fillColor('#000000')
      .text('The host state has the primary responsibility.');
  });
}

/**
 * smallPdf() with a page tree that makes pdf.js leave a promise rejected behind it
 * (mozilla/pdf.js#18627): a stray byte inside /Kids, and the second page's /MediaBox never closed.
 * Bytes are replaced, not added, so the cross-reference offsets stay right.
 */
export async function pageTreeTrapPdf(): Promise<Uint8Array> {
  let text = Buffer.from(await smallPdf()).toString('latin1');
  text = text.replace(/\/Kids \[(\d+) 0 R/, '/Kids [$1\u00df0 R');
  let boxes = 0;
  text = text.replace(/\/MediaBox \[([^\]]*)\]/g, (box, inside) =>
    ++boxes === 2 ? `/MediaBox [${inside}\u00a2` : box,
  );
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/**
 * A grayscale PNG of `width` × `height` with dark "lines of text" stripes, encoded here (no image file):
 * signature, IHDR, one IDAT of filtered rows, IEND.
 */
export function grayPng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width + 1) * height, 0xff);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter: none
    if (y % 12 >= 8) continue;
    for (let x = 10; x < width - 10; x++) if ((x * 7 + y) % 9 < 6) rows[y * (width + 1) + 1 + x] = 0x30;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit grayscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Damaged copies of a file: the first `length` bytes. */
export function truncated(bytes: Uint8Array, length: number): Uint8Array {
  return bytes.slice(0, Math.max(0, length));
}

/** A copy with the byte at each offset inverted. */
export function flipped(bytes: Uint8Array, offsets: readonly number[]): Uint8Array {
  const copy = bytes.slice();
  for (const offset of offsets) {
    const at = offset % copy.length;
    copy[at] = (copy[at] as number) ^ 0xff;
  }
  return copy;
}

/** A copy with `insert` put in at `offset`. */
export function inserted(bytes: Uint8Array, offset: number, insert: Uint8Array): Uint8Array {
  const at = Math.min(Math.max(0, offset), bytes.length);
  const copy = new Uint8Array(bytes.length + insert.length);
  copy.set(bytes.subarray(0, at), 0);
  copy.set(insert, at);
  copy.set(bytes.subarray(at), at + insert.length);
  return copy;
}
