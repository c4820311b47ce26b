/**
 * Course Markdown as text PowerPoint can hold: plain text for speaker notes (markers stripped, lists
 * kept as "•" / "1." lines) and formatted runs for slide text (bold, italic, web links).
 */
import MarkdownIt from 'markdown-it';
import mark from 'markdown-it-mark';

// The same dialect the live views render (src/live/deck.ts): no raw HTML, ==words== marks.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(mark);

type Token = ReturnType<MarkdownIt['parse']>[number];

/** One run of slide text with the same formatting. */
export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  /** An external (http, https, mailto) link; internal `#id` links keep only their text. */
  url?: string;
}

const NESTED_BULLETS = ['•', '–', '◦'];

/** Block Markdown as plain text lines: paragraphs, "• " bullets indented per level, "1. " items. */
export function markdownToPlainText(markdown: string): string {
  const lines: string[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let prefix = '';
  for (const token of md.parse(markdown, {})) {
    switch (token.type) {
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 1 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists.at(-1);
        if (!list) break;
        const marker = list.ordered
          ? `${list.next++}.`
          : (NESTED_BULLETS[(lists.length - 1) % NESTED_BULLETS.length] ?? '•');
        prefix = `${'  '.repeat(lists.length - 1)}${marker} `;
        break;
      }
      case 'inline': {
        const text = inlineToPlainText(token.children ?? []);
        const indent = '  '.repeat(lists.length);
        text.split('\n').forEach((line, i) => {
          lines.push(i === 0 && prefix ? prefix + line : lists.length > 0 ? indent + line : line);
        });
        prefix = '';
        break;
      }
      case 'code_block':
      case 'fence':
        lines.push(...token.content.replace(/\n$/, '').split('\n'));
        break;
    }
  }
  return lines.join('\n').trim();
}

/** Inline Markdown (one line of slide text, a question) as plain text. */
export function inlineToPlainText(source: string | Token[]): string {
  const tokens = typeof source === 'string' ? inlineTokens(source) : source;
  let text = '';
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'code_inline') text += t.content;
    else if (t.type === 'softbreak') text += ' ';
    else if (t.type === 'hardbreak') text += '\n';
    else if (t.type === 'image') text += t.content;
  }
  return text;
}

/** Inline Markdown as formatted runs; ==marked== words are shown bold, as the source's bold blue. */
export function inlineToRuns(source: string): Run[] {
  const runs: Run[] = [];
  let bold = 0;
  let italic = 0;
  let url: string | undefined;
  const push = (text: string) => {
    if (text === '') return;
    const last = runs.at(-1);
    if (last && last.bold === bold > 0 && last.italic === italic > 0 && last.url === url) {
      last.text += text;
      return;
    }
    runs.push({ text, bold: bold > 0, italic: italic > 0, ...(url ? { url } : {}) });
  };
  for (const t of inlineTokens(source)) {
    switch (t.type) {
      case 'text':
      case 'code_inline':
      case 'image':
        push(t.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        push(' ');
        break;
      case 'strong_open':
      case 'mark_open':
        bold++;
        break;
      case 'strong_close':
      case 'mark_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 'link_open': {
        const href = t.attrGet('href') ?? '';
        url = /^(https?:|mailto:)/i.test(href) ? href : undefined;
        break;
      }
      case 'link_close':
        url = undefined;
        break;
    }
  }
  return runs;
}

function inlineTokens(source: string): Token[] {
  return md.parseInline(source, {})[0]?.children ?? [];
}
