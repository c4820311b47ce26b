/**
 * A learner's progress as LMS suspend data: compact enough for SCORM 1.2's 4096 characters
 * (CMIString4096), which strict LMSs enforce. Answers are stored by the position of their activity in
 * the package (checked by a hash of the ids), times in seconds, responses in a short form, frames seen as
 * ranges; the result is deflated and base64-encoded when that is shorter. If it still does not fit,
 * what matters least goes first: long texts of practice activities, answer times, practice answers,
 * then the frames seen. The assessment's answers and result go last.
 *
 * Browser-safe and Node-safe (CompressionStream where the platform has it).
 */
import type { SelfPacedPackage, SelfPacedProgress } from '../../selfpaced/self-paced-package.ts';

export const SCORM12_SUSPEND_LIMIT = 4096;
export const SCORM2004_SUSPEND_LIMIT = 64_000;

const MARK = 'L1';

export interface SuspendIds {
  /** Every activity and item id, in package order. */
  ids: string[];
  /** The assessment's item ids: kept when space runs out. */
  assessment: string[];
}

export function suspendIds(pkg: SelfPacedPackage): SuspendIds {
  const ids = [...Object.keys(pkg.activities)];
  for (const id of pkg.assessment.itemIds) if (!ids.includes(id)) ids.push(id);
  return { ids, assessment: [...pkg.assessment.itemIds] };
}

type Compact = {
  /** Hash of the ids: another package's positions are not read as this one's. */
  h: string;
  r: number;
  f: number;
  s: string;
  a: [number, unknown, number | null, number][];
  x: [number | null, number | null, number | null, number | null];
};

/** FNV-1a, 32 bits, base 36. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function ranges(numbers: number[]): string {
  const sorted = [...new Set(numbers.filter((n) => Number.isInteger(n) && n >= 0))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function parseRanges(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Math.min(Number(m[2]), from + 100_000);
    for (let n = from; n <= to; n++) out.push(n);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A response in fewer characters: a choice is its number, a text its string, lists a one-letter tag. */
function packResponse(response: unknown, maxText: number): unknown {
  if (!isRecord(response)) return { u: response ?? null };
  const keys = Object.keys(response);
  if (keys.length === 1) {
    const value = response[keys[0] as string];
    switch (keys[0]) {
      case 'choice':
        if (typeof value === 'number') return value;
        break;
      case 'value':
        if (typeof value === 'boolean') return value;
        break;
      case 'text':
        if (typeof value === 'string') return value.slice(0, maxText);
        break;
      case 'choices':
        return { c: value };
      case 'categories':
        return { k: value };
      case 'matches':
        return { m: value };
      case 'order':
        return { o: value };
    }
  }
  return { u: response };
}

function unpackResponse(packed: unknown): unknown {
  if (typeof packed === 'number') return { choice: packed };
  if (typeof packed === 'boolean') return { value: packed };
  if (typeof packed === 'string') return { text: packed };
  if (!isRecord(packed)) return null;
  if ('c' in packed) return { choices: packed.c };
  if ('k' in packed) return { categories: packed.k };
  if ('m' in packed) return { matches: packed.m };
  if ('o' in packed) return { order: packed.o };
  return packed.u ?? null;
}

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 1000));
const millis = (s: unknown): number | null => (typeof s === 'number' && Number.isFinite(s) ? s * 1000 : null);
const milli = (score: number | null): number | null => (score === null ? null : Math.round(score * 1000));

interface Trim {
  practiceText: number;
  assessmentText: number;
  times: boolean;
  practice: boolean;
  seen: boolean;
  answers: boolean;
}

const LADDER: Trim[] = [
  { practiceText: 4000, assessmentText: 4000, times: true, practice: true, seen: true, answers: true },
  { practiceText: 200, assessmentText: 4000, times: true, practice: true, seen: true, answers: true },
  { practiceText: 40, assessmentText: 4000, times: true, practice: true, seen: true, answers: true },
  { practiceText: 40, assessmentText: 4000, times: false, practice: true, seen: true, answers: true },
  { practiceText: 40, assessmentText: 200, times: false, practice: true, seen: true, answers: true },
  { practiceText: 0, assessmentText: 200, times: false, practice: false, seen: true, answers: true },
  { practiceText: 0, assessmentText: 40, times: false, practice: false, seen: false, answers: true },
  { practiceText: 0, assessmentText: 0, times: false, practice: false, seen: false, answers: false },
];

function compact(progress: SelfPacedProgress, ids: SuspendIds, trim: Trim): Compact {
  const assessment = new Set(ids.assessment);
  const answers: Compact['a'] = [];
  for (const [id, answer] of Object.entries(progress.answers)) {
    const index = ids.ids.indexOf(id);
    if (index < 0) continue;
    const inAssessment = assessment.has(id);
    if (!trim.answers || (!inAssessment && !trim.practice)) continue;
    const maxText = inAssessment ? trim.assessmentText : trim.practiceText;
    answers.push([
      index,
      packResponse(answer.response, maxText),
      milli(answer.score),
      trim.times ? (seconds(answer.at) ?? 0) : 0,
    ]);
  }
  const a = progress.assessment;
  return {
    h: hash(ids.ids.join('\n')),
    r: progress.revision,
    f: progress.frame,
    s: trim.seen ? ranges(progress.seen) : ranges([progress.frame]),
    a: answers,
    x: [
      seconds(a.startedAt),
      seconds(a.submittedAt),
      milli(a.score),
      a.passed === null ? null : a.passed ? 1 : 0,
    ],
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function through(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

const canCompress = () =>
  typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

async function deflated(json: string): Promise<string | null> {
  if (!canCompress()) return null;
  try {
    const bytes = await through(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
    return `${MARK}z${toBase64(bytes)}`;
  } catch {
    return null;
  }
}

/**
 * The progress as plain suspend data of at most `limit` characters, at once (no compression): for a
 * save that must land before the page goes. `level` 0 means nothing was trimmed.
 */
export function encodeSuspendDataNow(
  progress: SelfPacedProgress,
  ids: SuspendIds,
  limit: number,
): { data: string; level: number } {
  for (const [level, trim] of LADDER.entries()) {
    const data = `${MARK}j${JSON.stringify(compact(progress, ids, trim))}`;
    if (data.length <= limit) return { data, level };
  }
  return { data: '', level: LADDER.length };
}

/**
 * The progress as suspend data of at most `limit` characters, deflated when that is shorter, trimmed
 * only as far as needed; `level` 0 means nothing was trimmed.
 */
export async function encodeSuspendData(
  progress: SelfPacedProgress,
  ids: SuspendIds,
  limit: number,
): Promise<{ data: string; level: number }> {
  for (const [level, trim] of LADDER.entries()) {
    const json = JSON.stringify(compact(progress, ids, trim));
    const plain = `${MARK}j${json}`;
    const packed = json.length >= 200 ? await deflated(json) : null;
    const data = packed !== null && packed.length < plain.length ? packed : plain;
    if (data.length <= limit) return { data, level };
  }
  return { data: '', level: LADDER.length };
}

/** The progress back from suspend data; null when it is empty, foreign or broken. */
export async function decodeSuspendData(data: string, ids: SuspendIds): Promise<SelfPacedProgress | null> {
  if (!data.startsWith(MARK)) return null;
  let json: string;
  try {
    if (data[MARK.length] === 'z') {
      if (!canCompress()) return null;
      const bytes = await through(
        fromBase64(data.slice(MARK.length + 1)),
        new DecompressionStream('deflate-raw'),
      );
      json = new TextDecoder().decode(bytes);
    } else if (data[MARK.length] === 'j') {
      json = data.slice(MARK.length + 1);
    } else {
      return null;
    }
    const c = JSON.parse(json) as Partial<Compact>;
    if (!isRecord(c) || typeof c.f !== 'number') return null;
    const sameIds = c.h === hash(ids.ids.join('\n'));
    const answers: SelfPacedProgress['answers'] = {};
    if (sameIds && Array.isArray(c.a)) {
      for (const entry of c.a) {
        if (!Array.isArray(entry)) continue;
        const [index, response, score, at] = entry;
        const id = typeof index === 'number' ? ids.ids[index] : undefined;
        if (!id) continue;
        answers[id] = {
          response: unpackResponse(response),
          score: typeof score === 'number' ? score / 1000 : null,
          at: millis(at) ?? 0,
        };
      }
    }
    const x = Array.isArray(c.x) ? c.x : [];
    const seen = typeof c.s === 'string' ? parseRanges(c.s) : [];
    return {
      revision: typeof c.r === 'number' ? c.r : 0,
      frame: c.f,
      seen: seen.length > 0 ? seen : [c.f],
      answers,
      assessment: {
        startedAt: millis(x[0]),
        submittedAt: millis(x[1]),
        score: typeof x[2] === 'number' ? x[2] / 1000 : null,
        passed: x[3] === 1 ? true : x[3] === 0 ? false : null,
      },
    };
  } catch {
    return null;
  }
}
