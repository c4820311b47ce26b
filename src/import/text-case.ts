/**
 * Headings set in capitals ("2. THE REASONS FOR VIOLENCE") are written back in sentence or title case;
 * acronyms the document also uses in running text (POC, UN) stay in capitals.
 */
const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

export function sentenceCase(
  text: string,
  options: { titleWords?: boolean; acronyms?: ReadonlySet<string> } = {},
): string {
  let first = true;
  return text.replace(/[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]*/g, (word, offset: number) => {
    const upper = word.toUpperCase();
    const inBrackets =
      /\(\s*$/.test(text.slice(0, offset)) && /^\s*\)/.test(text.slice(offset + word.length));
    const keep = options.acronyms?.has(upper) || (inBrackets && word.length <= 5);
    const lower = word.toLowerCase();
    let out: string;
    if (keep) out = upper;
    else if (first || (options.titleWords && !SMALL_WORDS.has(lower)))
      out = lower.charAt(0).toUpperCase() + lower.slice(1);
    else out = lower;
    first = false;
    return out;
  });
}

/**
 * Capitalised words of 2–5 letters that running (not capitalised) text uses at least twice: the
 * document's acronyms (POC, UN), not the words it capitalises once for emphasis (THREAT, TYPE).
 */
export function acronymsOf(lines: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const letters = line.replace(/[^A-Za-z]/g, '');
    if (letters === letters.toUpperCase()) continue;
    for (const match of line.matchAll(/\b[A-Z]{2,5}\b/g))
      counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  }
  return new Set(
    [...counts]
      .filter(([word, n]) => n >= 2 && !['OR', 'AND', 'THE', 'OF', 'TO', 'IN', 'ALL', 'NOT'].includes(word))
      .map(([w]) => w),
  );
}

export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(s) ? s : `x-${s || 'item'}`;
}

/** Capitals only (at least three letters): a heading or a title set in capitals. */
export function isCaps(text: string): boolean {
  const letters = text.replace(/[^A-Za-zÀ-ÿ]/g, '');
  return letters.length >= 3 && letters === letters.toUpperCase();
}
