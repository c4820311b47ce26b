/**
 * Course Markdown as the PDF writer draws it: paragraphs, lists and quotes made of styled runs.
 * `**bold**`, `*italic*`, `==slide words==` (bold blue, as in the source), `[text](#id)` and
 * `[text](https://…)` links. Anything else (code, raw HTML) is kept as plain text.
 */
import MarkdownIt from 'markdown-it';
import mark from 'markdown-it-mark';
import type { ListItem } from '../../content/model.ts';

type Token = ReturnType<MarkdownIt['parse']>[number];

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Words shown on the slide. */
  slide?: boolean;
  /** External URL. */
  link?: string;
  /** Internal target id. */
  goTo?: string;
}

export interface RichListItem {
  blocks: RichBlock[];
}

export type RichBlock =
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'list'; ordered: boolean; start: number; items: RichListItem[] }
  | { type: 'quote'; blocks: RichBlock[] };

const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(mark);

export function parseRich(markdown: string): RichBlock[] {
  const tokens = md.parse(markdown, {});
  const [blocks] = readBlocks(tokens, 0, null);
  return blocks;
}

export function parseInline(text: string): Run[] {
  const tokens = md.parseInline(text, {});
  return tokens.flatMap((t) => inlineRuns(t.children ?? []));
}

/** Plain runs from a string: no Markdown. */
export function plain(text: string, style: Omit<Run, 'text'> = {}): Run[] {
  return [{ text, ...style }];
}

/** A bulleted list from the model's list items (slide bullets, key messages); text is inline Markdown. */
export function listBlock(items: ListItem[]): RichBlock {
  return {
    type: 'list',
    ordered: false,
    start: 1,
    items: items.map((item) => ({
      blocks: [
        { type: 'paragraph', runs: parseInline(item.text) },
        ...(item.children.length > 0 ? [listBlock(item.children)] : []),
      ],
    })),
  };
}

export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}

/** Reads block tokens from `start` until the closing token `until` (or the end); returns the next index. */
function readBlocks(tokens: Token[], start: number, until: string | null): [RichBlock[], number] {
  const blocks: RichBlock[] = [];
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (until !== null && token.type === until) return [blocks, i + 1];
    switch (token.type) {
      case 'paragraph_open':
      case 'heading_open': {
        const inline = tokens[i + 1];
        const runs = inline ? inlineRuns(inline.children ?? []) : [];
        if (token.type === 'heading_open') for (const r of runs) r.bold = true;
        if (runs.length > 0) blocks.push({ type: 'paragraph', runs });
        i += 3;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open';
        const startAttr = Number(token.attrGet('start') ?? 1);
        const [items, next] = readItems(tokens, i + 1, ordered ? 'ordered_list_close' : 'bullet_list_close');
        blocks.push({ type: 'list', ordered, start: Number.isFinite(startAttr) ? startAttr : 1, items });
        i = next;
        break;
      }
      case 'blockquote_open': {
        const [inner, next] = readBlocks(tokens, i + 1, 'blockquote_close');
        blocks.push({ type: 'quote', blocks: inner });
        i = next;
        break;
      }
      case 'fence':
      case 'code_block':
      case 'html_block':
        if (token.content.trim())
          blocks.push({ type: 'paragraph', runs: [{ text: token.content.trimEnd() }] });
        i += 1;
        break;
      default:
        i += 1;
    }
  }
  return [blocks, i];
}

function readItems(tokens: Token[], start: number, close: string): [RichListItem[], number] {
  const items: RichListItem[] = [];
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (token.type === close) return [items, i + 1];
    if (token.type === 'list_item_open') {
      const [blocks, next] = readBlocks(tokens, i + 1, 'list_item_close');
      items.push({ blocks });
      i = next;
    } else {
      i += 1;
    }
  }
  return [items, i];
}

function inlineRuns(children: Token[]): Run[] {
  const runs: Run[] = [];
  const style = { bold: 0, italic: 0, slide: 0 };
  const links: { href: string }[] = [];
  const push = (text: string) => {
    if (!text) return;
    const run: Run = { text };
    if (style.bold > 0) run.bold = true;
    if (style.italic > 0) run.italic = true;
    if (style.slide > 0) run.slide = true;
    const href = links.at(-1)?.href;
    if (href?.startsWith('#')) run.goTo = href.slice(1);
    else if (href && /^https?:\/\//.test(href)) run.link = href;
    const last = runs.at(-1);
    if (last && sameStyle(last, run)) last.text += text;
    else runs.push(run);
  };
  for (const token of children) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
      case 'html_inline':
        push(token.content);
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        push('\n');
        break;
      case 'strong_open':
        style.bold++;
        break;
      case 'strong_close':
        style.bold--;
        break;
      case 'em_open':
        style.italic++;
        break;
      case 'em_close':
        style.italic--;
        break;
      case 'mark_open':
        style.slide++;
        break;
      case 'mark_close':
        style.slide--;
        break;
      case 'link_open':
        links.push({ href: token.attrGet('href') ?? '' });
        break;
      case 'link_close':
        links.pop();
        break;
      default:
        if (token.content) push(token.content);
    }
  }
  return runs;
}

function sameStyle(a: Run, b: Run): boolean {
  return (
    !!a.bold === !!b.bold &&
    !!a.italic === !!b.italic &&
    !!a.slide === !!b.slide &&
    a.link === b.link &&
    a.goTo === b.goTo
  );
}
