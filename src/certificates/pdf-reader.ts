/**
 * A small, strict reader for the PDFs Lectern writes with pdfkit: objects with direct stream
 * lengths, a classic xref table, Flate-compressed or plain streams, no object streams, no
 * encryption. It is not a general PDF parser: it reads just enough (objects, the trailer, page
 * content operators, text strings) for verify-file.ts to check a certificate, and reports what it
 * cannot read instead of guessing.
 */
import { inflateSync } from 'node:zlib';

export interface PdfName {
  kind: 'name';
  name: string;
}
export interface PdfString {
  kind: 'string';
  /** The string's bytes, one char per byte (latin1). */
  bytes: string;
}
export interface PdfRef {
  kind: 'ref';
  num: number;
  gen: number;
}
export interface PdfDict {
  kind: 'dict';
  entries: Map<string, PdfValue>;
}
export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfValue[];

export interface PdfObject {
  num: number;
  value: PdfValue;
  /** Raw (still encoded) stream bytes, one char per byte. */
  stream?: string;
}

export class PdfReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfReadError';
  }
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));

type Token =
  | { t: 'num'; v: number; int: boolean }
  | { t: 'name'; v: string }
  | { t: 'str'; v: string }
  | { t: 'open' | 'close' | 'dopen' | 'dclose' }
  | { t: 'kw'; v: string }
  | { t: 'eof' };

/** Tokenises PDF syntax held as a latin1 string (one char per byte). */
export class Lexer {
  readonly src: string;
  pos: number;

  constructor(src: string, pos = 0) {
    this.src = src;
    this.pos = pos;
  }

  private code(at = this.pos): number {
    return this.src.charCodeAt(at);
  }

  skipSpace(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = this.code();
      if (WHITE.has(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < s.length && this.code() !== 0x0a && this.code() !== 0x0d) this.pos++;
      } else break;
    }
  }

  next(): Token {
    this.skipSpace();
    const s = this.src;
    if (this.pos >= s.length) return { t: 'eof' };
    const c = s[this.pos] as string;
    const two = s.slice(this.pos, this.pos + 2);
    if (c === '[' || c === ']' || two === '<<' || two === '>>') {
      this.pos += c === '[' || c === ']' ? 1 : 2;
      return { t: c === '[' ? 'open' : c === ']' ? 'close' : two === '<<' ? 'dopen' : 'dclose' };
    }
    if (c === '<') return { t: 'str', v: this.hexString() };
    if (c === '(') return { t: 'str', v: this.literalString() };
    if (c === '/') {
      this.pos++;
      const raw = this.regular();
      return {
        t: 'name',
        v: raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      };
    }
    if (c === ')' || c === '>' || c === '{' || c === '}') {
      this.pos++;
      return { t: 'kw', v: c };
    }
    const word = this.regular();
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word))
      return { t: 'num', v: Number(word), int: /^[+-]?\d+$/.test(word) };
    return { t: 'kw', v: word };
  }

  private regular(): string {
    const start = this.pos;
    while (this.pos < this.src.length) {
      const c = this.code();
      if (WHITE.has(c) || DELIMITERS.has(c)) break;
      this.pos++;
    }
    if (this.pos === start) {
      this.pos++;
      return this.src.slice(start, this.pos);
    }
    return this.src.slice(start, this.pos);
  }

  private hexString(): string {
    const end = this.src.indexOf('>', this.pos);
    if (end < 0) throw new PdfReadError('unterminated hex string');
    let hex = this.src.slice(this.pos + 1, end).replace(/\s+/g, '');
    this.pos = end + 1;
    if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new PdfReadError('bad hex string');
    if (hex.length % 2) hex += '0';
    let out = '';
    for (let i = 0; i < hex.length; i += 2) out += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
    return out;
  }

  private literalString(): string {
    const s = this.src;
    let depth = 1;
    let out = '';
    this.pos++;
    while (this.pos < s.length) {
      const c = s[this.pos++] as string;
      if (c === '\\') {
        const e = s[this.pos++] ?? '';
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
        if (e in simple) out += simple[e];
        else if (/[0-7]/.test(e)) {
          let oct = e;
          while (oct.length < 3 && /[0-7]/.test(s[this.pos] ?? '')) oct += s[this.pos++];
          out += String.fromCharCode(parseInt(oct, 8) & 0xff);
        } else if (e === '\r') {
          if (s[this.pos] === '\n') this.pos++;
        } else if (e !== '\n') out += e;
      } else if (c === '(') {
        depth++;
        out += c;
      } else if (c === ')') {
        if (--depth === 0) return out;
        out += c;
      } else out += c;
    }
    throw new PdfReadError('unterminated string');
  }
}

/** Reads one value; `n g R` becomes a reference. Keywords other than true/false/null are errors. */
export function parseValue(lexer: Lexer, first: Token = lexer.next()): PdfValue {
  switch (first.t) {
    case 'num': {
      if (!first.int || first.v < 0) return first.v;
      const save = lexer.pos;
      const gen = lexer.next();
      if (gen.t === 'num' && gen.int) {
        const r = lexer.next();
        if (r.t === 'kw' && r.v === 'R') return { kind: 'ref', num: first.v, gen: gen.v };
      }
      lexer.pos = save;
      return first.v;
    }
    case 'name':
      return { kind: 'name', name: first.v };
    case 'str':
      return { kind: 'string', bytes: first.v };
    case 'open': {
      const items: PdfValue[] = [];
      for (let tok = lexer.next(); tok.t !== 'close'; tok = lexer.next()) {
        if (tok.t === 'eof') throw new PdfReadError('unterminated array');
        items.push(parseValue(lexer, tok));
      }
      return items;
    }
    case 'dopen': {
      const entries = new Map<string, PdfValue>();
      for (let tok = lexer.next(); tok.t !== 'dclose'; tok = lexer.next()) {
        if (tok.t !== 'name') throw new PdfReadError('dictionary key is not a name');
        entries.set(tok.v, parseValue(lexer));
      }
      return { kind: 'dict', entries };
    }
    case 'kw':
      if (first.v === 'true') return true;
      if (first.v === 'false') return false;
      if (first.v === 'null') return null;
      throw new PdfReadError(`unexpected keyword ${first.v}`);
    default:
      throw new PdfReadError(`unexpected ${first.t}`);
  }
}

export interface PdfFile {
  objects: Map<number, PdfObject>;
  trailer: PdfDict;
  /** Object numbers defined more than once (an incremental update redefines objects). */
  redefined: number[];
  /** How many times the file says `startxref`: 1 for a PDF as written, more after incremental saves. */
  revisions: number;
}

/** Reads every object of the file in order, following each stream's direct /Length. */
export function readPdf(bytes: Uint8Array): PdfFile {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!src.startsWith('%PDF-')) throw new PdfReadError('not a PDF');
  const objects = new Map<number, PdfObject>();
  const redefined: number[] = [];
  const header = /(\d+)\s+(\d+)\s+obj\b/g;
  let m = header.exec(src);
  while (m) {
    const num = Number(m[1]);
    const lexer = new Lexer(src, header.lastIndex);
    const value = parseValue(lexer);
    const object: PdfObject = { num, value };
    const after = lexer.next();
    let end = lexer.pos;
    if (after.t === 'kw' && after.v === 'stream') {
      let start = lexer.pos;
      if (src[start] === '\r') start++;
      if (src[start] === '\n') start++;
      const length = isDict(value) ? value.entries.get('Length') : undefined;
      if (typeof length !== 'number') throw new PdfReadError(`object ${num}: stream length is not direct`);
      if (!/^\s*endstream/.test(src.slice(start + length, start + length + 12))) {
        throw new PdfReadError(`object ${num}: stream length does not match`);
      }
      object.stream = src.slice(start, start + length);
      end = src.indexOf('endstream', start + length) + 'endstream'.length;
    }
    if (objects.has(num)) redefined.push(num);
    objects.set(num, object);
    header.lastIndex = end;
    m = header.exec(src);
  }
  const trailerAt = src.lastIndexOf('trailer');
  if (trailerAt < 0) throw new PdfReadError('no trailer');
  const trailer = parseValue(new Lexer(src, trailerAt + 'trailer'.length));
  if (!isDict(trailer)) throw new PdfReadError('bad trailer');
  const revisions = src.match(/\bstartxref\b/g)?.length ?? 0;
  return { objects, trailer, redefined, revisions };
}

export function isDict(value: PdfValue | undefined): value is PdfDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'dict';
}

export function isName(value: PdfValue | undefined, name?: string): value is PdfName {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    value.kind === 'name' &&
    (name === undefined || value.name === name)
  );
}

export function isString(value: PdfValue | undefined): value is PdfString {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'string';
}

/** Follows references (a few levels) to a direct value. */
export function resolve(file: PdfFile, value: PdfValue | undefined): PdfValue | undefined {
  let v = value;
  for (
    let i = 0;
    i < 8 && typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'ref';
    i++
  ) {
    v = file.objects.get(v.num)?.value;
  }
  return v;
}

export function get(file: PdfFile, dict: PdfValue | undefined, key: string): PdfValue | undefined {
  const d = resolve(file, dict);
  return isDict(d) ? resolve(file, d.entries.get(key)) : undefined;
}

/** A stream's decoded bytes (latin1 string); only FlateDecode or no filter. */
export function streamData(file: PdfFile, ref: PdfValue | undefined): string {
  const num =
    typeof ref === 'object' && ref !== null && !Array.isArray(ref) && ref.kind === 'ref'
      ? ref.num
      : undefined;
  const object = num === undefined ? undefined : file.objects.get(num);
  if (!object || object.stream === undefined || !isDict(object.value)) throw new PdfReadError('not a stream');
  const filter = object.value.entries.get('Filter');
  const raw = object.stream;
  if (filter === undefined) return raw;
  const filters = Array.isArray(filter) ? filter : [filter];
  if (filters.length !== 1 || !isName(filters[0], 'FlateDecode') || object.value.entries.has('DecodeParms')) {
    throw new PdfReadError('unsupported stream filter');
  }
  try {
    return inflateSync(Buffer.from(raw, 'latin1')).toString('latin1');
  } catch {
    throw new PdfReadError('corrupt compressed stream');
  }
}

/** A PDF text string (document information, file names): UTF-16BE with a BOM, else byte = char. */
export function textString(value: PdfValue | undefined): string | undefined {
  if (!isString(value)) return undefined;
  const b = value.bytes;
  if (b.startsWith('\xfe\xff')) return Buffer.from(b.slice(2), 'latin1').swap16().toString('utf16le');
  return b;
}

export interface ContentOp {
  op: string;
  operands: PdfValue[];
}

/** The operators of a content stream, in order. Inline images (BI … EI) are reported as one `BI`. */
export function contentOps(content: string): ContentOp[] {
  const lexer = new Lexer(content);
  const ops: ContentOp[] = [];
  let operands: PdfValue[] = [];
  for (let tok = lexer.next(); tok.t !== 'eof'; tok = lexer.next()) {
    if (tok.t === 'kw') {
      if (tok.v === 'true' || tok.v === 'false' || tok.v === 'null') {
        operands.push(tok.v === 'null' ? null : tok.v === 'true');
        continue;
      }
      ops.push({ op: tok.v, operands });
      operands = [];
      if (tok.v === 'BI') break;
    } else if (tok.t === 'num') operands.push(tok.v);
    else operands.push(parseValue(lexer, tok));
  }
  return ops;
}
