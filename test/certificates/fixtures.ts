/** Certificate data for the tests, and byte-level edits of a PDF that a forger might make. */
import { deflateSync, inflateSync } from 'node:zlib';
import type { CertificateData } from '../../src/certificates/certificate.ts';

export const VERIFY_BASE = 'https://lectern.example.org';

export function sampleData(overrides: Partial<CertificateData> = {}): CertificateData {
  return {
    id: 'LEC-7K2M9QXR4T',
    participant: {
      name: 'Amara Okonkwo-Diallo',
      rank: 'Captain',
      serviceNumber: 'GH-204-1187',
      component: 'military',
      contingent: 'Ghana',
    },
    course: {
      id: 'poc-module-1',
      title: 'Overview of the Protection of Civilians (POC)',
      module: 1,
      edition: 'UN Protection of Civilians PDT Standards, 1st ed. (2011)',
    },
    outcomes: [
      'Explain the range of protection objectives encompassed by UN peacekeeping activities.',
      'Explain how and why POC has become a priority objective for UN peacekeeping.',
      'Describe the three tiers of POC and how they relate to each other.',
      'Identify the roles of mission components and partners in protecting civilians.',
    ],
    date: '2026-03-02',
    place: 'Accra, Ghana',
    hours: 6.5,
    issuer: { centre: 'Kofi Annan International Peacekeeping Training Centre', country: 'Ghana' },
    issuedAt: '2026-03-03T09:30:00Z',
    ...overrides,
  };
}

export const NAMES = [
  'Amara Okonkwo-Diallo',
  'Nguyễn Thị Lan',
  'José María Fernández',
  'Søren Kierkegaard-Łukasz',
  'Priya Raghunathan',
  'Jean-Baptiste N’Guessan',
];

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function bytesOf(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** Replaces the stream of object `num` with `edit(decoded)`, compressed as before, fixing /Length. */
export function editStream(pdf: Uint8Array, num: number, edit: (decoded: string) => string): Uint8Array {
  const src = latin1(pdf);
  const head = new RegExp(`\\n${num} 0 obj\\n<<([\\s\\S]*?)>>\\nstream\\n`).exec(src);
  if (!head) throw new Error(`object ${num} has no stream`);
  const dict = head[1] as string;
  const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
  const start = head.index + head[0].length;
  const old = src.slice(start, start + length);
  const flate = dict.includes('/FlateDecode');
  const decoded = flate ? inflateSync(Buffer.from(old, 'latin1')).toString('latin1') : old;
  const next = edit(decoded);
  const raw = flate ? deflateSync(Buffer.from(next, 'latin1')).toString('latin1') : next;
  const newDict = dict.replace(/\/Length \d+/, `/Length ${raw.length}`);
  return bytesOf(
    `${src.slice(0, head.index)}\n${num} 0 obj\n<<${newDict}>>\nstream\n${raw}${src.slice(start + length)}`,
  );
}

/** The object number of the (first) page's content stream. */
export function contentObject(pdf: Uint8Array): number {
  const m = /\/Type \/Page\n[\s\S]*?\/Contents (\d+) 0 R/.exec(latin1(pdf));
  if (!m) throw new Error('no page contents');
  return Number(m[1]);
}

/** Same-length replacement of text in the raw bytes (e.g. in the uncompressed embedded JSON). */
export function replaceBytes(pdf: Uint8Array, from: string, to: string): Uint8Array {
  if (Buffer.byteLength(from, 'utf8') !== Buffer.byteLength(to, 'utf8')) throw new Error('lengths differ');
  const src = Buffer.from(pdf);
  const at = src.indexOf(from, 0, 'utf8');
  if (at < 0) throw new Error(`not found: ${from}`);
  Buffer.from(to, 'utf8').copy(src, at);
  return new Uint8Array(src);
}

/** Hex of `text` as WinAnsi bytes, as pdfkit writes text. */
export function winAnsiHex(text: string): string {
  const table = new TextDecoder('windows-1252');
  const codes: number[] = [];
  for (const ch of text) {
    let code = -1;
    for (let b = 0; b < 256; b++) if (table.decode(new Uint8Array([b])) === ch) code = b;
    if (code < 0) throw new Error(`not WinAnsi: ${ch}`);
    codes.push(code);
  }
  return Buffer.from(codes).toString('hex');
}

/** Replaces the TJ array that prints exactly `line` with one that prints `replacement`. */
export function replaceTextLine(content: string, line: string, replacement: string): string {
  const decoder = new TextDecoder('windows-1252');
  let found = false;
  const out = content.replace(/\[([^\]]*)\] TJ/g, (whole, inner: string) => {
    const text = [...inner.matchAll(/<([0-9a-f]*)>/g)]
      .map((m) => decoder.decode(Buffer.from(m[1] as string, 'hex')))
      .join('');
    if (found || text !== line) return whole;
    found = true;
    return `[<${winAnsiHex(replacement)}>] TJ`;
  });
  if (!found) throw new Error(`line not found: ${line}`);
  return out;
}

/** Appends an incremental update that redefines object `num`, as an editor's "save" would. */
export function appendIncrementalUpdate(pdf: Uint8Array, num: number): Uint8Array {
  const src = latin1(pdf);
  const trailer = /trailer\n(<<[\s\S]*?>>)\nstartxref/.exec(src)?.[1];
  if (!trailer) throw new Error('no trailer');
  return bytesOf(`${src}${num} 0 obj\n(edited)\nendobj\ntrailer\n${trailer}\nstartxref\n0\n%%EOF\n`);
}
