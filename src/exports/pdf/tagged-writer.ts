/**
 * A flowing, tagged PDF writer on top of pdfkit. Every mark on a page is either structure content
 * (inside a structure element: H1–H4, P, L/LI/Lbl/LBody, BlockQuote, Table…) or an artifact
 * (rules, boxes, bars, running header and footer), so the PDF reads in order with a screen reader
 * and its text stays real, selectable text.
 *
 * pdfkit marks content through closures: `parent.add(doc.struct('P', () => draw()))` runs `draw`
 * at once when `parent` is already in the tree, wrapping what it draws in a marked-content
 * sequence. Closures must not nest and artifacts must not be drawn inside one; this class keeps to
 * that by drawing decorations either before the content (measured boxes) or in a final pass.
 */
import PDFDocument from 'pdfkit';
import { drawArtifact } from './artifact.ts';
import { collectBytes } from './collect-bytes.ts';
import { type RichBlock, type Run, runsText } from './rich-text.ts';
import { COLORS, FONTS, fontName, GAP, MARGINS, PAGE, SIZES } from './theme.ts';
import { toWinAnsi, UnsupportedLanguageError, WINANSI_LANGUAGES } from './winansi.ts';

export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;

export interface TextStyle {
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
  lineGap?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Space after the paragraph. */
  gap?: number;
}

export const BULLET_INDENT = 14;
export const NUMBER_INDENT = 20;
export const QUOTE_INDENT = 14;
const ITEM_GAP = 4;

export const BODY: TextStyle = { size: SIZES.body, color: COLORS.text, lineGap: 2, gap: GAP };

export interface WriterOptions {
  title: string;
  subject: string;
  author: string;
  keywords: string;
  lang: string;
  /** Ids that exist as named destinations in this document; links to any other id are dropped. */
  targets?: ReadonlySet<string>;
}

/** Options of a structure element; pdfkit also takes `scope` for table header cells. */
export interface StructOptions {
  title?: string;
  lang?: string;
  alt?: string;
  actual?: string;
  scope?: 'Row' | 'Column' | 'Both';
}

/** Drawn in the final pass, as an artifact, on one page. */
type Decoration = (doc: Doc) => void;

interface Column {
  x: number;
  width: number;
}

export class TaggedWriter {
  readonly doc: Doc;
  readonly root: Struct;
  readonly lang: string;
  /** 0-based index of the current page. */
  page = 0;
  private readonly stack: Struct[] = [];
  private readonly columns: Column[] = [];
  private readonly decorations = new Map<number, Decoration[]>();
  private readonly targets: ReadonlySet<string>;
  private readonly outlines: PDFKit.PDFOutline[] = [];

  constructor(options: WriterOptions) {
    if (!WINANSI_LANGUAGES.includes(options.lang)) throw new UnsupportedLanguageError(options.lang);
    this.lang = options.lang;
    this.targets = options.targets ?? new Set();
    this.doc = new PDFDocument({
      size: PAGE.size,
      margins: { ...MARGINS },
      bufferPages: true,
      tagged: true,
      pdfVersion: '1.7',
      lang: options.lang,
      displayTitle: true,
      font: FONTS.regular,
      info: {
        Title: options.title,
        Subject: options.subject,
        Author: options.author,
        Keywords: options.keywords,
        Creator: 'Lectern',
      },
    });
    this.doc.on('pageAdded', () => {
      this.page += 1;
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.columns.push({ x: MARGINS.left, width: PAGE.width - MARGINS.left - MARGINS.right });
  }

  // ---- geometry -------------------------------------------------------------------------------

  get x(): number {
    return (this.columns.at(-1) as Column).x;
  }

  get width(): number {
    return (this.columns.at(-1) as Column).width;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  get top(): number {
    return MARGINS.top;
  }

  get bottom(): number {
    return PAGE.height - MARGINS.bottom;
  }

  /** Runs `fn` with the text column narrowed by `left` (and `right`) points. */
  indented<T>(left: number, fn: () => T, right = 0): T {
    this.columns.push({ x: this.x + left, width: this.width - left - right });
    try {
      return fn();
    } finally {
      this.columns.pop();
    }
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top + 1) this.newPage();
  }

  // ---- structure ------------------------------------------------------------------------------

  get container(): Struct {
    return this.stack.at(-1) ?? this.root;
  }

  /** Adds a grouping element (Sect, L, LI, BlockQuote, Table…) and fills it with `fn`. */
  group<T>(tag: string, fn: (el: Struct) => T, options: StructOptions = {}): T {
    const el = this.doc.struct(tag, options as PDFKit.Mixins.StructureElementOptions);
    this.container.add(el);
    this.stack.push(el);
    try {
      return fn(el);
    } finally {
      this.stack.pop();
      el.end();
    }
  }

  /** Adds a leaf element whose content is what `draw` puts on the page. */
  leaf(tag: string, draw: () => void, options: StructOptions = {}): void {
    this.container.add(this.doc.struct(tag, options as PDFKit.Mixins.StructureElementOptions, [draw]));
  }

  /** Runs `fn` with the text column set to `x`…`x + width` on the page. */
  column<T>(x: number, width: number, fn: () => T): T {
    this.columns.push({ x, width });
    try {
      return fn();
    } finally {
      this.columns.pop();
    }
  }

  /** Draws decorations now, as a layout artifact (outside any structure element). */
  artifact(draw: (doc: Doc) => void): void {
    drawArtifact(this.doc, 'Layout', draw);
  }

  /** Queues a decoration for page `page`, drawn over the finished page (never under text). */
  decorate(page: number, draw: Decoration): void {
    const list = this.decorations.get(page) ?? [];
    list.push(draw);
    this.decorations.set(page, list);
  }

  /** A vertical bar beside content drawn between (page0, y0) and (page1, y1), across page breaks. */
  bar(x: number, color: string, from: { page: number; y: number }, to: { page: number; y: number }, w = 3) {
    for (let p = from.page; p <= to.page; p++) {
      const y0 = p === from.page ? from.y : this.top;
      const y1 = p === to.page ? to.y : this.bottom;
      if (y1 - y0 < 2) continue;
      this.decorate(p, (doc) => doc.rect(x, y0, w, y1 - y0).fill(color));
    }
  }

  here(): { page: number; y: number } {
    return { page: this.page, y: this.y };
  }

  // ---- text -----------------------------------------------------------------------------------

  font(style: { bold?: boolean | undefined; italic?: boolean | undefined }, size: number): void {
    this.doc.font(fontName(style)).fontSize(size);
  }

  /** Height of runs wrapped to `width` (a little generous for mixed bold text). */
  measure(runs: Run[], width: number, style: TextStyle): number {
    const text = toWinAnsi(runsText(runs));
    if (!text.trim()) return 0;
    const anyBold = style.bold || runs.some((r) => r.bold || r.slide);
    this.font({ bold: anyBold, italic: style.italic }, style.size);
    return this.doc.heightOfString(text, { width, lineGap: style.lineGap ?? 0 });
  }

  lineHeight(style: TextStyle): number {
    this.font(style, style.size);
    return this.doc.currentLineHeight(true) + (style.lineGap ?? 0);
  }

  /**
   * A paragraph in the current container, at the current column (or at `at`). Runs that link
   * become Link elements inside the P, so their annotations are tagged too.
   */
  paragraph(
    runs: Run[],
    style: TextStyle = BODY,
    tag = 'P',
    at?: { x?: number; y?: number; width?: number },
  ) {
    const usable = runs
      .map((r) => ({ ...r, text: toWinAnsi(r.text) }))
      .filter((r) => r.text.length > 0)
      .map((r) => (r.goTo && !this.targets.has(r.goTo) ? { ...r, goTo: undefined } : r));
    if (!usable.some((r) => r.text.trim())) return;
    const x = at?.x ?? this.x;
    const width = at?.width ?? this.width;
    if (at?.y === undefined)
      this.ensureSpace(Math.min(this.lineHeight(style) * 2, this.measure(usable, width, style)));
    const y = at?.y ?? this.y;
    const painter = new RunPainter(this, x, y, width, style);
    const groups = groupByLink(usable);
    if (groups.length === 1 && !isLink(groups[0]?.[0])) {
      this.leaf(tag, () => painter.paint(usable, true));
    } else {
      this.group(tag, (el) => {
        groups.forEach((group, i) => {
          const last = i === groups.length - 1;
          if (isLink(group[0])) {
            const link = this.doc.struct('Link');
            el.add(link);
            link.add(() => painter.paint(group, last, link));
            link.end();
          } else el.add(() => painter.paint(group, last));
        });
      });
    }
    this.doc.x = this.x;
    this.y += style.gap ?? 0;
  }

  /** A heading; `dest` names it as a link target, `outline` adds a bookmark at that depth (1 = top). */
  heading(
    level: 1 | 2 | 3 | 4,
    text: string,
    style: TextStyle,
    options: { dest?: string | undefined; outline?: number; keepWith?: number; before?: number } = {},
  ): void {
    const height = this.measure([{ text }], this.width, style);
    this.ensureSpace(height + (options.before ?? 0) + (options.keepWith ?? 48));
    if (this.y > this.top + 1) this.y += options.before ?? 0;
    if (options.dest) this.destination(options.dest);
    if (options.outline) this.bookmark(text, options.outline);
    this.paragraph([{ text }], style, `H${level}`);
  }

  destination(id: string): void {
    this.doc.addNamedDestination(id, 'XYZ', null, Math.max(this.y - 6, 0), null);
  }

  bookmark(title: string, depth: number): void {
    const parent = depth <= 1 ? this.doc.outline : (this.outlines[depth - 2] ?? this.doc.outline);
    const item = parent.addItem(title);
    this.outlines.length = depth - 1;
    this.outlines[depth - 1] = item;
  }

  /** Course Markdown blocks in the current container. */
  rich(blocks: RichBlock[], style: TextStyle = BODY): void {
    for (const block of blocks) {
      if (block.type === 'paragraph') this.paragraph(block.runs, style);
      else if (block.type === 'list') {
        this.list(
          block.items.map((item) => item.blocks),
          { ordered: block.ordered, start: block.start },
          style,
        );
      } else {
        const from = this.here();
        this.group('BlockQuote', () => {
          this.indented(QUOTE_INDENT, () => this.rich(block.blocks, { ...style, italic: true }));
        });
        this.bar(this.x + 4, COLORS.rule, from, { page: this.page, y: this.y - (style.gap ?? 0) }, 2);
      }
    }
  }

  /** Height that `rich(blocks, style)` takes in the current column; mirrors rich() and list(). */
  measureRich(blocks: RichBlock[], style: TextStyle = BODY, width = this.width): number {
    let h = 0;
    for (const block of blocks) {
      if (block.type === 'paragraph') {
        if (block.runs.some((r) => r.text.trim()))
          h += this.measure(block.runs, width, style) + (style.gap ?? 0);
      } else if (block.type === 'list') {
        h += this.measureList(
          block.items.map((i) => i.blocks),
          block.ordered,
          style,
          width,
          0,
        );
      } else {
        h += this.measureRich(block.blocks, { ...style, italic: true }, width - QUOTE_INDENT);
      }
    }
    return h;
  }

  private measureList(
    items: RichBlock[][],
    ordered: boolean,
    style: TextStyle,
    width: number,
    depth: number,
  ) {
    const indent = ordered ? NUMBER_INDENT : BULLET_INDENT;
    const itemStyle = { ...style, gap: Math.min(style.gap ?? 0, ITEM_GAP) };
    let h = 0;
    for (const blocks of items) {
      for (const block of blocks) {
        if (block.type === 'list') {
          h += this.measureList(
            block.items.map((i) => i.blocks),
            block.ordered,
            style,
            width - indent,
            depth + 1,
          );
        } else h += this.measureRich([block], itemStyle, width - indent);
      }
    }
    return depth === 0 ? h + (style.gap ?? 0) - (itemStyle.gap ?? 0) : h;
  }

  /**
   * A list (L) of items, each LI with its label (Lbl) and its body (LBody). Items are Markdown
   * blocks, so an item can hold several paragraphs and a nested list.
   */
  list(
    items: RichBlock[][],
    options: { ordered?: boolean; start?: number; depth?: number; labels?: string[] } = {},
    style: TextStyle = BODY,
  ): void {
    if (items.length === 0) return;
    const depth = options.depth ?? 0;
    const indent = options.ordered || options.labels ? NUMBER_INDENT : BULLET_INDENT;
    const itemStyle = { ...style, gap: Math.min(style.gap ?? 0, ITEM_GAP) };
    this.group('L', () => {
      items.forEach((blocks, i) => {
        const label =
          options.labels?.[i] ??
          (options.ordered ? `${(options.start ?? 1) + i}.` : depth === 0 ? '\u2022' : '\u2013');
        this.group('LI', () => {
          this.ensureSpace(this.lineHeight(style) * 1.5);
          const y = this.y;
          const x = this.x;
          this.leaf('Lbl', () => {
            this.font({ bold: !!options.ordered || style.bold }, style.size);
            this.doc.fillColor(style.color).text(label, x, y, { width: indent, lineBreak: false });
          });
          this.group('LBody', () => {
            this.indented(indent, () => {
              blocks.forEach((block, b) => {
                if (block.type === 'paragraph') {
                  this.paragraph(block.runs, itemStyle, 'P', b === 0 ? { y } : undefined);
                } else if (block.type === 'list') {
                  if (b === 0) this.y = y;
                  this.list(
                    block.items.map((it) => it.blocks),
                    { ordered: block.ordered, start: block.start, depth: depth + 1 },
                    style,
                  );
                } else {
                  if (b === 0) this.y = y;
                  this.rich([block], itemStyle);
                }
              });
            });
          });
        });
      });
    });
    if (depth === 0) this.y += (style.gap ?? 0) - (itemStyle.gap ?? 0);
  }

  // ---- finishing ------------------------------------------------------------------------------

  /**
   * Draws the queued decorations and the running header and footer on every page (as artifacts),
   * then ends the document and returns its bytes.
   */
  async finish(furniture: (doc: Doc, page: number, pageCount: number) => void): Promise<Uint8Array> {
    const doc = this.doc;
    const bytes = collectBytes(doc);
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      // Nothing drawn here may flow onto a new page.
      const margins = doc.page.margins;
      const saved = { ...margins };
      margins.top = 0;
      margins.bottom = 0;
      for (const draw of this.decorations.get(i) ?? []) this.artifact(draw);
      drawArtifact(doc, 'Pagination', () => furniture(doc, i, count));
      Object.assign(margins, saved);
    }
    this.root.end();
    doc.end();
    return bytes;
  }
}

/** Draws runs as one flowing paragraph, possibly over several marked-content closures. */
class RunPainter {
  private first = true;
  private readonly writer: TaggedWriter;
  private readonly x: number;
  private readonly y: number;
  private readonly width: number;
  private readonly style: TextStyle;

  constructor(writer: TaggedWriter, x: number, y: number, width: number, style: TextStyle) {
    this.writer = writer;
    this.x = x;
    this.y = y;
    this.width = width;
    this.style = style;
  }

  /** `link` is the Link element the runs are painted in, if any: their annotations join it. */
  paint(runs: Run[], lastGroup: boolean, link?: Struct): void {
    const doc = this.writer.doc;
    // pdfkit attaches a URI link's annotation to the Link element being filled, but not an internal
    // (GoTo) link's: pass the element to goTo() for it.
    const goTo = doc.goTo;
    if (link) {
      doc.goTo = (x, y, w, h, name, options) =>
        goTo.call(doc, x, y, w, h, name, {
          ...options,
          structParent: link,
          Contents: new String(runsText(runs)),
        } as unknown as PDFKit.Mixins.AnnotationOption);
    }
    try {
      this.paintRuns(runs, lastGroup);
    } finally {
      doc.goTo = goTo;
    }
  }

  private paintRuns(runs: Run[], lastGroup: boolean): void {
    const doc = this.writer.doc;
    runs.forEach((run, i) => {
      const last = lastGroup && i === runs.length - 1;
      const linked = !!(run.link || run.goTo);
      this.writer.font(
        { bold: this.style.bold || run.bold || run.slide, italic: this.style.italic || run.italic },
        this.style.size,
      );
      doc.fillColor(run.slide || linked ? (linked ? COLORS.link : COLORS.slideWords) : this.style.color);
      // Unset options are inherited from the previous segment of continued text: set them all.
      const options = {
        width: this.width,
        lineGap: this.style.lineGap ?? 0,
        align: this.style.align ?? 'left',
        continued: !last,
        link: run.link ?? null,
        goTo: (run.goTo ?? null) as unknown as string,
        underline: linked,
      };
      if (this.first) {
        doc.text(run.text, this.x, this.y, options);
        this.first = false;
      } else {
        doc.text(run.text, options);
      }
    });
  }
}

function isLink(run: Run | undefined): boolean {
  return !!(run && (run.link || run.goTo));
}

/** Consecutive runs grouped so that each link (one target) is its own group. */
function groupByLink(runs: Run[]): Run[][] {
  const groups: Run[][] = [];
  for (const run of runs) {
    const last = groups.at(-1);
    const prev = last?.at(-1);
    const sameTarget = prev && (prev.link ?? prev.goTo ?? null) === (run.link ?? run.goTo ?? null);
    if (last && sameTarget) last.push(run);
    else groups.push([run]);
  }
  return groups;
}
