/**
 * Tagged tables: Table > (Caption) > TR > TH/TD. Header cells carry their scope (Column for the
 * header row, Row for a row's first cell). A cell holds a paragraph or a bulleted list (L/LI), which
 * pdfkit's own table cannot hold, so the grid is laid out here: measured, ruled as an artifact, then
 * filled with structure content.
 */
import type { Run } from './rich-text.ts';
import { BULLET_INDENT, type StructOptions, type TaggedWriter, type TextStyle } from './tagged-writer.ts';
import { COLORS, GAP } from './theme.ts';

export type CellContent = { runs: Run[] } | { items: Run[][] };

export interface TableSpec {
  caption?: Run[];
  /** The header row: one TH (scope Column) per column. */
  header?: Run[][];
  /** Body rows; `head` becomes the row's first cell, a TH with scope Row. */
  rows: { head?: Run[]; cells: CellContent[] }[];
  /** Relative column widths; equal by default. */
  widths?: number[];
  style: TextStyle;
}

const PAD = 5;
const ITEM_GAP = 3;

interface Cell {
  tag: 'TH' | 'TD';
  scope?: 'Row' | 'Column';
  content: CellContent;
}

function grid(spec: TableSpec): Cell[][] {
  const rows: Cell[][] = [];
  if (spec.header) rows.push(spec.header.map((runs) => ({ tag: 'TH', scope: 'Column', content: { runs } })));
  for (const row of spec.rows) {
    const cells: Cell[] = row.cells.map((content) => ({ tag: 'TD', content }));
    if (row.head) cells.unshift({ tag: 'TH', scope: 'Row', content: { runs: row.head } });
    rows.push(cells);
  }
  return rows;
}

function columnWidths(spec: TableSpec, count: number, width: number): number[] {
  const weights = spec.widths && spec.widths.length === count ? spec.widths : Array(count).fill(1);
  const total = weights.reduce((a: number, b: number) => a + b, 0);
  return weights.map((w: number) => (w / total) * width);
}

function cellStyle(spec: TableSpec, cell: Cell): TextStyle {
  return { ...spec.style, bold: cell.tag === 'TH' || spec.style.bold, gap: 0 };
}

function cellHeight(w: TaggedWriter, spec: TableSpec, cell: Cell, width: number): number {
  const inner = width - 2 * PAD;
  const style = cellStyle(spec, cell);
  if ('runs' in cell.content) return w.measure(cell.content.runs, inner, style) + 2 * PAD;
  const items = cell.content.items;
  const sum = items.reduce((h, runs) => h + w.measure(runs, inner - BULLET_INDENT, style) + ITEM_GAP, 0);
  return sum - (items.length > 0 ? ITEM_GAP : 0) + 2 * PAD;
}

function rowHeights(
  w: TaggedWriter,
  spec: TableSpec,
  width: number,
): { heights: number[]; widths: number[] } {
  const rows = grid(spec);
  const count = Math.max(...rows.map((r) => r.length));
  const widths = columnWidths(spec, count, width);
  const heights = rows.map((row) =>
    Math.max(...row.map((cell, c) => cellHeight(w, spec, cell, widths[c] ?? 0))),
  );
  return { heights, widths };
}

function captionHeight(w: TaggedWriter, spec: TableSpec, width: number): number {
  return spec.caption ? w.measure(spec.caption, width, { ...spec.style, bold: true }) + 4 : 0;
}

/** Height the table takes at `width`, caption included. */
export function measureTable(w: TaggedWriter, spec: TableSpec, width: number): number {
  const { heights } = rowHeights(w, spec, width);
  return captionHeight(w, spec, width) + heights.reduce((a, b) => a + b, 0);
}

/**
 * Draws the table at the current position in the current column. Starts a new page first if the
 * whole table would fit on one but not on this one; otherwise breaks between rows.
 */
export function drawTable(w: TaggedWriter, spec: TableSpec, options: { fill?: string } = {}): void {
  const x = w.x;
  const width = w.width;
  const total = measureTable(w, spec, width);
  if (total <= w.bottom - w.top) w.ensureSpace(total);
  const { heights, widths } = rowHeights(w, spec, width);
  const rows = grid(spec);
  w.group('Table', () => {
    if (spec.caption) {
      const caption = spec.caption;
      w.paragraph(caption, { ...spec.style, bold: true, gap: 4 }, 'Caption');
    }
    rows.forEach((row, r) => {
      const height = heights[r] ?? 0;
      w.ensureSpace(height);
      const y = w.y;
      w.artifact((doc) => {
        let cx = x;
        row.forEach((cell, c) => {
          const cw = widths[c] ?? 0;
          const fill = cell.tag === 'TH' ? COLORS.tableHeadFill : options.fill;
          if (fill) doc.rect(cx, y, cw, height).fill(fill);
          doc.lineWidth(0.6).rect(cx, y, cw, height).stroke(COLORS.tableBorder);
          cx += cw;
        });
      });
      w.group('TR', () => {
        let cx = x;
        row.forEach((cell, c) => {
          const cw = widths[c] ?? 0;
          drawCell(w, spec, cell, cx, y, cw);
          cx += cw;
        });
      });
      w.y = y + height;
    });
  });
  w.doc.x = x;
  w.y += spec.style.gap ?? GAP;
}

function drawCell(w: TaggedWriter, spec: TableSpec, cell: Cell, x: number, y: number, width: number): void {
  const style = cellStyle(spec, cell);
  const options: StructOptions = cell.scope ? { scope: cell.scope } : {};
  const content = cell.content;
  w.column(x + PAD, width - 2 * PAD, () => {
    w.y = y + PAD;
    if ('runs' in content) {
      w.group(cell.tag, () => w.paragraph(content.runs, style, 'P', { y: y + PAD }), options);
      return;
    }
    w.group(cell.tag, () => {
      w.list(
        content.items.map((runs) => [{ type: 'paragraph' as const, runs }]),
        {},
        { ...style, gap: ITEM_GAP },
      );
    });
  });
}
