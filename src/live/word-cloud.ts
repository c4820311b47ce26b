/**
 * Normalising open-text answers for the word cloud. An entry is a participant's whole answer (a phrase),
 * not its separate words; answers that normalise to the same text are counted together. Pure: no I/O.
 */

/** Longest entry, in characters (code points), after normalising. */
export const MAX_WORD_LENGTH = 40;

/**
 * A short list of common profanities, lower-case and without accents, matched on whole words. English
 * is always checked; another language's list is checked when the session is in that language, or every
 * list when the language is not known. (Words that are harmless in another language, such as "con" in
 * Spanish, are why the lists are kept apart.)
 */
export const PROFANITY: Readonly<Record<string, readonly string[]>> = {
  en: [
    'asshole',
    'bastard',
    'bitch',
    'bullshit',
    'cunt',
    'dick',
    'fuck',
    'fucker',
    'fucking',
    'motherfucker',
    'shit',
    'slut',
    'twat',
    'wanker',
    'whore',
  ],
  fr: [
    'batard',
    'con',
    'connard',
    'connasse',
    'conne',
    'encule',
    'enculer',
    'enfoire',
    'merde',
    'nique',
    'pute',
    'putain',
    'salaud',
    'salope',
  ],
};

const PROFANE_BY_LANGUAGE = new Map(Object.entries(PROFANITY).map(([lang, words]) => [lang, new Set(words)]));

/** Surrounding punctuation and whitespace (letters, digits and symbols such as "+" are kept). */
const SURROUNDING = /^[\p{P}\s]+|[\p{P}\s]+$/gu;

/**
 * The word-cloud form of an answer: trimmed, lower-case, inner whitespace collapsed to one space and
 * surrounding punctuation removed. Undefined when nothing is left, when it is longer than
 * `MAX_WORD_LENGTH`, or when any of its words is on the profanity list.
 */
export function normaliseWord(text: string, lang?: string): string | undefined {
  const normal = lowerCase(text.normalize('NFC'), lang).replace(/\s+/gu, ' ').replace(SURROUNDING, '');
  if (normal === '' || [...normal].length > MAX_WORD_LENGTH) return undefined;
  return isProfane(normal, lang) ? undefined : normal;
}

/**
 * Whether any whole word of the text, with accents removed, is on a profanity list for `lang`. A plural
 * in "s" of a listed word counts too (for words of five letters or more, so that "cons" stays harmless).
 */
export function isProfane(text: string, lang?: string): boolean {
  const lists = profanityLists(lang);
  const listed = (word: string) => lists.some((list) => list.has(word));
  return stripAccents(text.toLowerCase())
    .split(/[^\p{L}\p{N}]+/u)
    .some(
      (word) =>
        word !== '' && (listed(word) || (word.length > 4 && word.endsWith('s') && listed(word.slice(0, -1)))),
    );
}

function profanityLists(lang: string | undefined): Set<string>[] {
  const base = lang?.toLowerCase().split(/[-_]/)[0];
  if (!base) return [...PROFANE_BY_LANGUAGE.values()];
  const lists = [PROFANE_BY_LANGUAGE.get('en'), base === 'en' ? undefined : PROFANE_BY_LANGUAGE.get(base)];
  return lists.filter((l) => l !== undefined);
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

function lowerCase(text: string, lang: string | undefined): string {
  if (lang) {
    try {
      return text.toLocaleLowerCase(lang);
    } catch {
      // An invalid language tag: fall back to the locale-independent mapping.
    }
  }
  return text.toLowerCase();
}
