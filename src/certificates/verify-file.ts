/**
 * Verifies a certificate PDF on its own, offline: the signed data embedded as
 * `lectern-certificate.json` must verify with a known issuer key, and the page must show that
 * data. What "show" can mean is limited (docs/certificates.md, "Limits of the file check"):
 *
 * - Always: the page's text, read from its content stream, must be exactly the text Lectern prints
 *   for the signed data (same words, same order, nothing added), in the standard fonts with their
 *   standard encoding; no images, no invisible text, no annotations but the verification link; one
 *   page; no incremental update (a PDF "saved" over by an editor).
 * - When the PDF was drawn by this very renderer (same page layout version and pdfkit version): the
 *   page is redrawn from the signed data and its drawing compared operator for operator, which also
 *   covers shapes (a name painted over with vector outlines, a swapped QR code).
 */
import { createHash } from 'node:crypto';
import type { CertificateData } from './certificate.ts';
import {
  ATTACHMENT_NAME,
  type CertificateEnvelope,
  PAGE_RENDERER,
  renderCertificatePdf,
} from './certificate-pdf.ts';
import { certificateText, isCertificateLanguage, printedSequence, TEXT_VERSION } from './certificate-text.ts';
import {
  contentOps,
  get,
  isDict,
  isName,
  isString,
  type PdfFile,
  PdfReadError,
  type PdfValue,
  readPdf,
  resolve,
  streamData,
  textString,
} from './pdf-reader.ts';
import { keyIdOf, type PublicKeyLike, verifyCertificate } from './signing.ts';

export type FileStatus = 'valid' | 'tampered' | 'unsigned';

export interface FileVerification {
  status: FileStatus;
  /** The signed data; only when status is 'valid'. */
  data?: CertificateData;
  /** Why the file is not valid, in words for people. */
  reason?: string;
  /**
   * How closely the page was compared with the signed data: 'page' when it was redrawn and its
   * drawing matched exactly, 'text' when only its text and structure could be checked (a PDF drawn
   * by another version of Lectern).
   */
  checked?: 'page' | 'text';
}

export interface VerifyFileOptions {
  /**
   * Verification addresses this issuer uses. When given, a PDF whose printed address (and QR code)
   * points anywhere else is 'tampered': the address is not part of the signed data.
   */
  verifyBaseUrls?: readonly string[];
}

/** MediaBox of an A4 landscape page as pdfkit writes it. */
const PAGE_BOX = '0 0 841.89 595.28';
const FONTS = new Set(['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']);
const WINDOWS_1252 = new TextDecoder('windows-1252');

class Tampered extends Error {}

export async function verifyCertificatePdf(
  bytes: Uint8Array,
  publicKeys: Iterable<PublicKeyLike>,
  options: VerifyFileOptions = {},
): Promise<FileVerification> {
  const keys = [...publicKeys];
  let file: PdfFile;
  try {
    file = readPdf(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message === 'not a PDF') return { status: 'unsigned', reason: 'not a PDF file' };
    return hasAttachmentName(bytes)
      ? { status: 'tampered', reason: `the PDF's structure is damaged (${message})` }
      : { status: 'unsigned', reason: `no Lectern certificate data could be read (${message})` };
  }
  try {
    const json = findAttachment(file);
    if (json === undefined)
      return { status: 'unsigned', reason: 'the PDF holds no Lectern certificate data' };
    const envelope = parseEnvelope(json);
    const signed = envelope.certificate;
    if (verifyCertificate(signed, keys) !== 'valid') {
      const known = keys.some((k) => keyIdOf(k) === signed.keyId);
      throw new Tampered(
        known
          ? 'the signature does not match the embedded certificate data: the data was changed'
          : 'the embedded data is not signed by a known issuer key',
      );
    }
    if (options.verifyBaseUrls && !options.verifyBaseUrls.includes(envelope.verifyBaseUrl)) {
      throw new Tampered(`the verification address ${envelope.verifyBaseUrl} is not this issuer's`);
    }
    if (file.revisions !== 1 || file.redefined.length > 0) {
      throw new Tampered('the PDF was modified after it was issued (an incremental update)');
    }
    const page = checkPage(file, envelope);
    let checked: 'page' | 'text' = 'text';
    if (envelope.page === PAGE_RENDERER) {
      const redrawn = readPdf(
        await renderCertificatePdf(signed, envelope.verifyBaseUrl, { language: envelope.language }),
      );
      const expected = pageDrawing(redrawn);
      if (expected.content !== page.content)
        throw new Tampered('the page is drawn differently from the one issued');
      if (expected.fonts !== page.fonts)
        throw new Tampered('the page uses different fonts from the one issued');
      checked = 'page';
    }
    return { status: 'valid', data: signed.data, checked };
  } catch (error) {
    if (error instanceof Tampered) return { status: 'tampered', reason: error.message };
    // Anything else that fails on this file's bytes (never throw on untrusted input).
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'tampered', reason: `part of the PDF cannot be read (${message})` };
  }
}

/**
 * SHA-256 (hex) of a one-page certificate PDF's drawing: its decoded content stream, its fonts and
 * its links. Kept by the store when a PDF is issued, it lets an uploaded PDF be compared exactly,
 * whatever version of Lectern drew it (the file check alone cannot, see the module comment).
 */
export function certificatePageFingerprint(bytes: Uint8Array): string {
  try {
    const d = pageDrawing(readPdf(bytes));
    return createHash('sha256')
      .update(`${d.fonts}\n${d.annots.join(' ')}\n${d.content}`, 'latin1')
      .digest('hex');
  } catch (error) {
    if (error instanceof Tampered) throw new PdfReadError(error.message);
    throw error;
  }
}

function hasAttachmentName(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ATTACHMENT_NAME, 0, 'latin1');
}

/** The embedded JSON's text, or undefined when the PDF has none. */
function findAttachment(file: PdfFile): string | undefined {
  const catalog = get(file, file.trailer, 'Root');
  const specs: PdfValue[] = [];
  const names = get(file, get(file, get(file, catalog, 'Names'), 'EmbeddedFiles'), 'Names');
  if (Array.isArray(names)) {
    for (let i = 0; i + 1 < names.length; i += 2) {
      if (textString(names[i]) === ATTACHMENT_NAME) specs.push(names[i + 1] ?? null);
    }
  }
  const af = get(file, catalog, 'AF');
  if (Array.isArray(af)) {
    for (const spec of af) {
      if (textString(get(file, spec, 'UF') ?? get(file, spec, 'F')) === ATTACHMENT_NAME) specs.push(spec);
    }
  }
  const streams = new Set<number>();
  for (const spec of specs) {
    const ef = resolve(file, get(file, spec, 'EF'));
    const ref = isDict(ef) ? ef.entries.get('F') : undefined;
    if (typeof ref === 'object' && ref !== null && !Array.isArray(ref) && ref.kind === 'ref')
      streams.add(ref.num);
  }
  if (streams.size === 0) return undefined;
  if (streams.size > 1) throw new Tampered('the PDF holds more than one set of certificate data');
  const num = [...streams][0] as number;
  const raw = streamData(file, { kind: 'ref', num, gen: 0 });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(raw, 'latin1'));
  } catch {
    throw new Tampered('the embedded certificate data is not readable text');
  }
}

function parseEnvelope(json: string): CertificateEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Tampered('the embedded certificate data is not valid JSON');
  }
  const e = value as Partial<CertificateEnvelope> | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    e.format !== 'lectern-certificate' ||
    e.version !== 1 ||
    typeof e.page !== 'string' ||
    typeof e.verifyBaseUrl !== 'string' ||
    !isCertificateLanguage(e.language) ||
    typeof e.certificate !== 'object' ||
    e.certificate === null
  ) {
    throw new Tampered('the embedded certificate data is not in the expected form');
  }
  if (e.text !== TEXT_VERSION) throw new Tampered(`unknown printed-text version ${String(e.text)}`);
  return e as CertificateEnvelope;
}

interface PageDrawing {
  /** The decoded content stream(s). */
  content: string;
  /** Font resources, as "F1=Helvetica;F2=…". */
  fonts: string;
}

/** Reads the single page's drawing, resources and annotations; throws Tampered on anything foreign. */
function pageDrawing(file: PdfFile): PageDrawing & { text: string; annots: string[] } {
  const catalog = get(file, file.trailer, 'Root');
  const kids = get(file, get(file, catalog, 'Pages'), 'Kids');
  if (!Array.isArray(kids) || kids.length !== 1) throw new Tampered('a certificate PDF has exactly one page');
  const page = resolve(file, kids[0]);
  if (!isDict(page) || !isName(page.entries.get('Type'), 'Page'))
    throw new Tampered('the page cannot be read');
  if (get(file, catalog, 'OCProperties') !== undefined) throw new Tampered('layers were added to the PDF');
  const box = get(file, page, 'MediaBox');
  const unit = get(file, page, 'UserUnit');
  if (
    !Array.isArray(box) ||
    box.map(String).join(' ') !== PAGE_BOX ||
    ['CropBox', 'Rotate'].some((k) => page.entries.has(k)) ||
    get(file, get(file, catalog, 'Pages'), 'Rotate') !== undefined ||
    (unit !== undefined && unit !== 1)
  ) {
    throw new Tampered('the page was resized, cropped or rotated');
  }

  const resources = get(file, page, 'Resources');
  const xobjects = get(file, resources, 'XObject');
  if (isDict(xobjects) && xobjects.entries.size > 0)
    throw new Tampered('an image or form was added to the page');
  const fonts = new Map<string, string>();
  const fontDict = get(file, resources, 'Font');
  if (isDict(fontDict)) {
    for (const [name, ref] of fontDict.entries) {
      const f = resolve(file, ref);
      if (!isDict(f)) throw new Tampered('a font of the page cannot be read');
      const base = f.entries.get('BaseFont');
      const ok =
        isName(f.entries.get('Subtype'), 'Type1') &&
        isName(base) &&
        FONTS.has(base.name) &&
        isName(f.entries.get('Encoding'), 'WinAnsiEncoding') &&
        [...f.entries.keys()].every((k) => ['Type', 'Subtype', 'BaseFont', 'Encoding'].includes(k));
      if (!ok || !isName(base)) throw new Tampered('the page uses a font Lectern does not use');
      fonts.set(name, base.name);
    }
  }

  const annots: string[] = [];
  const annotList = get(file, page, 'Annots');
  for (const a of Array.isArray(annotList) ? annotList : []) {
    const action = get(file, a, 'A');
    const uri = get(file, action, 'URI');
    if (
      !isName(get(file, a, 'Subtype'), 'Link') ||
      !isName(get(file, action, 'S'), 'URI') ||
      !isString(uri)
    ) {
      throw new Tampered('an annotation was added to the page');
    }
    annots.push(uri.bytes);
  }

  const contents = resolve(file, page.entries.get('Contents'));
  const refs = Array.isArray(contents) ? contents : [page.entries.get('Contents') ?? null];
  const content = refs.map((r) => streamData(file, r)).join('\n');
  let text = '';
  for (const { op, operands } of contentOps(content)) {
    if (op === 'BI' || op === 'Do') throw new Tampered('an image or form was added to the page');
    if (op === 'Tr' && operands[0] !== 0)
      throw new Tampered('text on the page was made invisible or outlined');
    if (op === 'Tf' && !(isName(operands[0]) && fonts.has(operands[0].name))) {
      throw new Tampered('the page uses a font Lectern does not use');
    }
    if (op === 'Tj' || op === "'" || op === '"') text += decodeText(operands.at(-1));
    if (op === 'TJ') {
      const parts = operands[0];
      for (const part of Array.isArray(parts) ? parts : []) text += decodeText(part);
    }
  }
  const fontList = [...fonts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`);
  return { content, fonts: fontList.join(';'), text, annots };
}

function decodeText(value: PdfValue | undefined): string {
  return isString(value) ? WINDOWS_1252.decode(Buffer.from(value.bytes, 'latin1')) : '';
}

/** Checks the page shows the signed data (text, link, title); returns its drawing. */
function checkPage(file: PdfFile, envelope: CertificateEnvelope): PageDrawing {
  const t = certificateText(envelope.certificate.data, envelope.language, envelope.verifyBaseUrl);
  const drawing = pageDrawing(file);
  if (drawing.annots.some((uri) => uri !== t.url)) throw new Tampered('the page links to another address');
  const actual = squeeze(drawing.text);
  let at = 0;
  for (const [field, text] of printedSequence(t)) {
    const want = squeeze(text);
    if (!actual.startsWith(want, at)) {
      throw new Tampered(`the page's ${field} differs from the signed certificate data`);
    }
    at += want.length;
  }
  if (at !== actual.length)
    throw new Tampered('the page shows text that is not in the signed certificate data');
  const title = textString(get(file, get(file, file.trailer, 'Info'), 'Title'));
  if (title !== undefined && title !== t.documentTitle) {
    throw new Tampered("the document's title differs from the signed certificate data");
  }
  return drawing;
}

/** Text without white space: line breaks and spacing are layout, not content. */
function squeeze(text: string): string {
  return text.replace(/\s+/gu, '');
}
