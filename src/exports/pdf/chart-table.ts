/** A chart handout (e.g. Chart 1.1) as a table: one column per category, its items as a list. */
import type { Chart } from '../../content/model.ts';
import { parseInline } from './rich-text.ts';
import type { TableSpec } from './table.ts';
import type { TextStyle } from './tagged-writer.ts';

export function chartTable(chart: Chart, style: TextStyle, options: { caption?: boolean } = {}): TableSpec {
  const spec: TableSpec = {
    header: chart.categories.map((c) => parseInline(c.label)),
    rows: [{ cells: chart.categories.map((c) => ({ items: c.items.map((i) => parseInline(i)) })) }],
    widths: chartWidths(chart),
    style,
  };
  if (options.caption) spec.caption = parseInline(chart.title);
  return spec;
}

/**
 * Column weights that follow how much each category holds (its text's square root, so a long column
 * is wider but not overwhelming), never below three quarters of the average.
 */
function chartWidths(chart: Chart): number[] {
  const raw = chart.categories.map((c) => Math.sqrt(c.label.length + c.items.join(' ').length));
  const mean = raw.reduce((a, b) => a + b, 0) / Math.max(raw.length, 1);
  return raw.map((r) => Math.max(r, 0.75 * mean));
}
