/**
 * Scores an import against its curated reference, block by block: did the importer cut the document
 * where the reference does (boundaries), did it name each block's kind right (kinds), and how close is
 * each matched block's text (text similarity).
 *
 * Both sides are aligned in order: a block of one side matches at most one block of the other, and
 * matched pairs never cross, so a block found out of place does not count twice.
 */
import type { EvalBlock } from './course-blocks.ts';

/** A pair counts as "the same block" only from this similarity up. */
export const MATCH_THRESHOLD = 0.5;

export interface Rates {
  precision: number;
  recall: number;
  f1: number;
}

export interface MatchedPair {
  reference: EvalBlock;
  predicted: EvalBlock;
  /** Dice coefficient over word bigrams: what the alignment maximised. */
  similarity: number;
  /** 2·LCS/(|a|+|b|) over words: how much of the text survived, in order. */
  textSimilarity: number;
}

export interface KindTally {
  kind: string;
  reference: number;
  predicted: number;
  /** Matched pairs where both sides have this kind. */
  correct: number;
}

export interface ImportScore {
  counts: { reference: number; predicted: number; matched: number; kindCorrect: number };
  boundary: Rates;
  kind: Rates;
  /** Over matched pairs; 0 when nothing matched. */
  textSimilarity: { mean: number; min: number };
  byKind: KindTally[];
  pairs: MatchedPair[];
  /** Reference blocks the import has no counterpart for. */
  missed: EvalBlock[];
  /** Imported blocks with no counterpart in the reference. */
  extra: EvalBlock[];
  kindErrors: { reference: EvalBlock; predicted: EvalBlock }[];
}

export function scoreImport(reference: readonly EvalBlock[], predicted: readonly EvalBlock[]): ImportScore {
  const vocabulary = new Vocabulary();
  const refTexts = reference.map((b) => new BlockWords(b.text, vocabulary));
  const predTexts = predicted.map((b) => new BlockWords(b.text, vocabulary));
  const aligned = align(reference, predicted, refTexts, predTexts);

  const pairs: MatchedPair[] = aligned.map(([r, p, similarity]) => ({
    reference: reference[r] as EvalBlock,
    predicted: predicted[p] as EvalBlock,
    similarity,
    textSimilarity: wordSimilarity(refTexts[r] as BlockWords, predTexts[p] as BlockWords),
  }));
  const matchedRef = new Set(aligned.map(([r]) => r));
  const matchedPred = new Set(aligned.map(([, p]) => p));
  const kindErrors = pairs
    .filter((pair) => pair.reference.kind !== pair.predicted.kind)
    .map(({ reference, predicted }) => ({ reference, predicted }));
  const kindCorrect = pairs.length - kindErrors.length;
  const textScores = pairs.map((p) => p.textSimilarity);

  return {
    counts: { reference: reference.length, predicted: predicted.length, matched: pairs.length, kindCorrect },
    boundary: rates(pairs.length, reference.length, predicted.length),
    kind: rates(kindCorrect, reference.length, predicted.length),
    textSimilarity: {
      mean: textScores.length === 0 ? 0 : textScores.reduce((a, b) => a + b, 0) / textScores.length,
      min: textScores.length === 0 ? 0 : Math.min(...textScores),
    },
    byKind: tallyKinds(reference, predicted, pairs),
    pairs,
    missed: reference.filter((_, i) => !matchedRef.has(i)),
    extra: predicted.filter((_, i) => !matchedPred.has(i)),
    kindErrors,
  };
}

/** Precision, recall and F1; two empty lists agree perfectly, and an empty side never yields NaN. */
function rates(hits: number, referenceCount: number, predictedCount: number): Rates {
  if (referenceCount === 0 && predictedCount === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = predictedCount === 0 ? 0 : hits / predictedCount;
  const recall = referenceCount === 0 ? 0 : hits / referenceCount;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function tallyKinds(
  reference: readonly EvalBlock[],
  predicted: readonly EvalBlock[],
  pairs: readonly MatchedPair[],
): KindTally[] {
  const tallies = new Map<string, KindTally>();
  const tally = (kind: string) => {
    let t = tallies.get(kind);
    if (!t) {
      t = { kind, reference: 0, predicted: 0, correct: 0 };
      tallies.set(kind, t);
    }
    return t;
  };
  for (const b of reference) tally(b.kind).reference++;
  for (const b of predicted) tally(b.kind).predicted++;
  for (const p of pairs) if (p.reference.kind === p.predicted.kind) tally(p.reference.kind).correct++;
  return [...tallies.values()];
}

// Words: lower-cased runs of letters and digits. Punctuation is dropped, because PDF extraction varies
// in quotes, dashes and spacing around them, which says nothing about whether the block is right.
const RE_WORD = /[\p{L}\p{N}]+/gu;

/** Interns words and word bigrams as small integers, so that comparisons run on typed arrays. */
class Vocabulary {
  readonly #words = new Map<string, number>();
  readonly #bigrams = new Map<number, number>();

  word(w: string): number {
    return intern(this.#words, w);
  }

  /** Word ids stay far below 2^26, so first·2^26 + second is an exact, collision-free key. */
  bigram(first: number, second: number): number {
    return intern(this.#bigrams, first * 2 ** 26 + second);
  }
}

function intern<K>(ids: Map<K, number>, key: K): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  return id;
}

/** A multiset as parallel arrays of distinct ids (ascending) and their counts, for merge intersection. */
interface Bag {
  ids: Uint32Array;
  counts: Uint32Array;
  size: number;
}

function bagOf(items: readonly number[]): Bag {
  const sorted = Uint32Array.from(items).sort();
  const ids: number[] = [];
  const counts: number[] = [];
  for (const id of sorted) {
    if (ids.at(-1) === id) counts[counts.length - 1] = (counts.at(-1) ?? 0) + 1;
    else {
      ids.push(id);
      counts.push(1);
    }
  }
  return { ids: Uint32Array.from(ids), counts: Uint32Array.from(counts), size: items.length };
}

function sharedCount(a: Bag, b: Bag): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] as number;
    const y = b.ids[j] as number;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      shared += Math.min(a.counts[i] as number, b.counts[j] as number);
      i++;
      j++;
    }
  }
  return shared;
}

/** A block's words as vocabulary ids, with the word and bigram multisets Dice compares. */
class BlockWords {
  readonly ids: Uint32Array;
  readonly words: Bag;
  readonly bigrams: Bag;

  constructor(text: string, vocabulary: Vocabulary) {
    const words = text.toLowerCase().match(RE_WORD) ?? [];
    this.ids = Uint32Array.from(words, (w) => vocabulary.word(w));
    const bigrams: number[] = [];
    for (let i = 0; i + 1 < this.ids.length; i++) {
      bigrams.push(vocabulary.bigram(this.ids[i] as number, this.ids[i + 1] as number));
    }
    this.words = bagOf(Array.from(this.ids));
    this.bigrams = bagOf(bigrams);
  }
}

/**
 * Dice coefficient over word-bigram multisets, or over words when either side has a single word
 * (a one-word slide title has no bigram). Two texts without words are equal.
 */
function diceSimilarity(a: BlockWords, b: BlockWords): number {
  if (a.ids.length === 0 || b.ids.length === 0) return a.ids.length === b.ids.length ? 1 : 0;
  const useWords = a.ids.length < 2 || b.ids.length < 2;
  const bagA = useWords ? a.words : a.bigrams;
  const bagB = useWords ? b.words : b.bigrams;
  // Dice can reach at most 2·min/(sum): skip pairs whose sizes alone keep them below the threshold.
  if ((2 * Math.min(bagA.size, bagB.size)) / (bagA.size + bagB.size) < MATCH_THRESHOLD) return 0;
  return (2 * sharedCount(bagA, bagB)) / (bagA.size + bagB.size);
}

// Among alignments of equal similarity, prefer the one whose pairs agree on kind.
const SAME_KIND_TIE_BREAK = 1e-9;

/**
 * The order-preserving alignment of greatest total similarity (dynamic programming, as for a longest
 * common subsequence), over pairs at or above the threshold. Returns [reference, predicted, similarity].
 */
function align(
  reference: readonly EvalBlock[],
  predicted: readonly EvalBlock[],
  refTexts: readonly BlockWords[],
  predTexts: readonly BlockWords[],
): [number, number, number][] {
  const n = reference.length;
  const m = predicted.length;
  const width = m + 1;
  const gain = new Float64Array(n * m);
  const similarity = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const s = diceSimilarity(refTexts[i] as BlockWords, predTexts[j] as BlockWords);
      similarity[i * m + j] = s;
      if (s >= MATCH_THRESHOLD) {
        const sameKind = reference[i]?.kind === predicted[j]?.kind;
        gain[i * m + j] = s + (sameKind ? SAME_KIND_TIE_BREAK : 0);
      }
    }
  }
  // best[i·width + j]: the best total over the first i reference and first j predicted blocks.
  const best = new Float64Array((n + 1) * width);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const g = gain[(i - 1) * m + (j - 1)] as number;
      const skip = Math.max(best[(i - 1) * width + j] as number, best[i * width + j - 1] as number);
      best[i * width + j] = g > 0 ? Math.max(skip, (best[(i - 1) * width + j - 1] as number) + g) : skip;
    }
  }
  const pairs: [number, number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const here = best[i * width + j] as number;
    const g = gain[(i - 1) * m + (j - 1)] as number;
    if (g > 0 && here === (best[(i - 1) * width + j - 1] as number) + g) {
      pairs.push([i - 1, j - 1, similarity[(i - 1) * m + (j - 1)] as number]);
      i--;
      j--;
    } else if (here === best[(i - 1) * width + j]) {
      i--;
    } else {
      j--;
    }
  }
  return pairs.reverse();
}

/** 2·LCS/(|a|+|b|) over words. Common prefix and suffix are peeled off first: most matches are near-equal. */
function wordSimilarity(a: BlockWords, b: BlockWords): number {
  const x = a.ids;
  const y = b.ids;
  if (x.length + y.length === 0) return 1;
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const common = start + (x.length - endX);
  const lcs = common + lcsLength(x.subarray(start, endX), y.subarray(start, endY));
  return (2 * lcs) / (x.length + y.length);
}

/**
 * Length of the longest common subsequence, bit-parallel (Allison & Dix 1986, Hyyrö 2004): one 32-bit
 * word holds 32 cells of a row of the usual table, so two 1,000-word blocks cost 32,000 steps, not 10^6.
 * V starts all ones; for each word of y, with M its positions in x: V = (V + (V & M)) | (V & ~M).
 * The zero bits of V (over x's positions) count the LCS.
 */
function lcsLength(x: Uint32Array, y: Uint32Array): number {
  if (x.length === 0 || y.length === 0) return 0;
  const blocks = Math.ceil(x.length / 32);
  const positions = new Map<number, Uint32Array>();
  x.forEach((word, i) => {
    let mask = positions.get(word);
    if (!mask) {
      mask = new Uint32Array(blocks);
      positions.set(word, mask);
    }
    mask[i >>> 5] = (mask[i >>> 5] as number) | (1 << (i & 31));
  });
  const v = new Uint32Array(blocks).fill(0xffffffff);
  for (const word of y) {
    const mask = positions.get(word);
    if (!mask) continue; // a word x lacks leaves V as it is
    let carry = 0;
    for (let k = 0; k < blocks; k++) {
      const vk = v[k] as number;
      const mk = mask[k] as number;
      const sum = vk + ((vk & mk) >>> 0) + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[k] = (sum >>> 0) | (vk & ~mk);
    }
  }
  let zeros = 0;
  for (let i = 0; i < x.length; i++) if (((v[i >>> 5] as number) & (1 << (i & 31))) === 0) zeros++;
  return zeros;
}

/** A short table for people: the scores, counts per kind, then what went wrong (the first few of each). */
export function formatScore(score: ImportScore, listLimit = 10): string {
  const n = (x: number) => x.toFixed(3);
  const row = (label: string, r: Rates) =>
    `${label.padEnd(12)} ${n(r.precision).padStart(9)} ${n(r.recall).padStart(7)} ${n(r.f1).padStart(6)}`;
  const { counts } = score;
  const lines = [
    `blocks: reference ${counts.reference}, predicted ${counts.predicted}, matched ${counts.matched}`,
    `${''.padEnd(12)} precision  recall     F1`,
    row('boundaries', score.boundary),
    row('kinds', score.kind),
    `text similarity: mean ${n(score.textSimilarity.mean)}, min ${n(score.textSimilarity.min)}`,
    '',
    `${'kind'.padEnd(24)} ref  pred  correct`,
    ...score.byKind.map(
      (t) =>
        `${t.kind.padEnd(24)} ${String(t.reference).padStart(3)} ${String(t.predicted).padStart(5)} ${String(t.correct).padStart(8)}`,
    ),
  ];
  const list = <T>(title: string, xs: readonly T[], line: (x: T) => string) => {
    if (xs.length === 0) return;
    lines.push('', `${title}:`, ...xs.slice(0, listLimit).map((x) => `  ${line(x)}`));
    if (xs.length > listLimit) lines.push(`  … and ${xs.length - listLimit} more`);
  };
  const describe = (b: EvalBlock) => `${b.kind}  ${b.where}  ${excerpt(b.text)}`;
  list(`missed (${score.missed.length})`, score.missed, describe);
  list(`extra (${score.extra.length})`, score.extra, describe);
  list(
    `kind errors (${score.kindErrors.length})`,
    score.kindErrors,
    (e) =>
      `${e.reference.kind} read as ${e.predicted.kind}  ${e.predicted.where}  ${excerpt(e.predicted.text)}`,
  );
  const imperfect = score.pairs.filter((p) => p.textSimilarity < 1);
  list(
    'least similar texts',
    imperfect.sort((a, b) => a.textSimilarity - b.textSimilarity).slice(0, 3),
    (p) => `${n(p.textSimilarity)}  ${describe(p.reference)}  ~  ${p.predicted.where}`,
  );
  return lines.join('\n');
}

function excerpt(text: string): string {
  return `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`;
}
