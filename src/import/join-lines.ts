/**
 * Lines broken by the page layout, joined back into running text. A hyphen at a line's end is undone
 * when the word goes on in lower case ("protec-" / "tion"), but kept after a short prefix ("de-" /
 * "legitimizing") where it is more likely part of the word.
 */
export function joinLines(lines: string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (text === '') text = line;
    else if (/[A-Za-z]{4,}-$/.test(text) && /^[a-z]/.test(line) && !/\s[A-Za-z]{1,3}-$/.test(text)) {
      text = text.slice(0, -1) + line;
    } else if (/-$/.test(text) && /^[a-z]/.test(line)) text += line;
    else text += ` ${line}`;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** More "(" than ")": the text goes on past a line or page break (an extraction cut it there). */
export function hasUnclosedBracket(text: string): boolean {
  return text.split('(').length > text.split(')').length;
}
