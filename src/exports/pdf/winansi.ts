/**
 * The standard PDF fonts (Helvetica) draw WinAnsi text only: Latin-1 plus a few typographic marks.
 * That covers English, French and Spanish. Text for other scripts would need an embedded Unicode
 * font, which the PDF exports do not carry yet; rather than print garbage, they refuse such courses
 * and replace a stray character outside WinAnsi with a close substitute or "?".
 */

/** Characters WinAnsi holds in 0x80–0x9F, beyond Latin-1. */
const EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const SUBSTITUTES: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '–',
  '\u2015': '—',
  '\u2212': '-',
  '\u2032': '’',
  '\u2033': '”',
  '\u2026': '…',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2713': 'v',
  '\u2022': '•',
  '\u202f': '\u00a0',
  '\u2009': ' ',
  '\u200b': '',
};

/** Languages whose text WinAnsi can hold. */
export const WINANSI_LANGUAGES: readonly string[] = ['en', 'fr', 'es'];

export function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || EXTRA.has(char);
}

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text) {
    if (isWinAnsi(char)) out += char;
    else if (char === '\t') out += ' ';
    else out += SUBSTITUTES[char] ?? '?';
  }
  return out;
}

export class UnsupportedLanguageError extends Error {
  constructor(language: string) {
    super(
      `The PDF exports draw text in the standard Helvetica fonts, which hold ${WINANSI_LANGUAGES.join(', ')} ` +
        `text only; a course in "${language}" needs an embedded Unicode font, not supported yet.`,
    );
    this.name = 'UnsupportedLanguageError';
  }
}
