/**
 * A slide as the instructor sees it in the notes: a framed box holding what is projected (slide
 * number, title, bullets, quote, table or chart), in the place of the source's slide thumbnail.
 */
import type { Course, Slide, SlideContent } from '../../content/model.ts';
import { findChart } from '../../content/model.ts';
import { chartTable } from './chart-table.ts';
import { fill, type PdfLabels } from './labels.ts';
import { listBlock, parseInline, type RichBlock } from './rich-text.ts';
import { drawTable, measureTable, type TableSpec } from './table.ts';
import type { TaggedWriter, TextStyle } from './tagged-writer.ts';
import { COLORS, GAP, SIZES } from './theme.ts';

const PAD = 12;

const CAPTION: TextStyle = { size: SIZES.small, color: COLORS.slideBorder, bold: true, gap: 3 };
const TITLE: TextStyle = { size: SIZES.slideTitle, color: COLORS.heading, bold: true, lineGap: 1, gap: 6 };
const TEXT: TextStyle = { size: 10, color: COLORS.text, lineGap: 1.5, gap: GAP };
const NOTE: TextStyle = { size: SIZES.small, color: COLORS.muted, italic: true, lineGap: 1, gap: GAP };
const CELL: TextStyle = { size: 8.5, color: COLORS.text, lineGap: 1, gap: GAP };

type Part = { kind: 'rich'; blocks: RichBlock[]; style?: TextStyle } | { kind: 'table'; spec: TableSpec };

function contentPart(content: SlideContent): Part {
  switch (content.type) {
    case 'bullets':
      return { kind: 'rich', blocks: [listBlock(content.items)] };
    case 'quote':
      return {
        kind: 'rich',
        blocks: [{ type: 'quote', blocks: [{ type: 'paragraph', runs: parseInline(content.text) }] }],
      };
    case 'paragraph':
      return { kind: 'rich', blocks: [{ type: 'paragraph', runs: parseInline(content.text) }] };
    case 'table':
      return {
        kind: 'table',
        spec: {
          rows: content.rows.map((row) => ({ cells: row.map((c) => ({ runs: parseInline(c) })) })),
          style: CELL,
        },
      };
  }
}

export function slideParts(course: Course, slide: Slide): Part[] {
  const parts = slide.content.map(contentPart);
  const chart = slide.chartId ? findChart(course, slide.chartId) : undefined;
  if (chart) {
    parts.push({ kind: 'table', spec: chartTable(chart, CELL, { caption: true }) });
    const small = [chart.note, chart.source].filter((t): t is string => !!t).join('  \u00b7  ');
    if (small)
      parts.push({ kind: 'rich', blocks: [{ type: 'paragraph', runs: parseInline(small) }], style: NOTE });
  }
  return parts;
}

function slideCaption(slide: Slide, labels: PdfLabels): string {
  const bits = [fill(labels.slide, { n: slide.number }), `${slide.minutes} min`];
  if (slide.outcomes.length > 0) bits.push(fill(labels.outcomesShort, { list: slide.outcomes.join(', ') }));
  return bits.join('  \u00b7  ');
}

/** Draws the slide box at the current position; keeps the box on one page when it fits on one. */
export function drawSlideBox(w: TaggedWriter, course: Course, slide: Slide, labels: PdfLabels): void {
  const parts = slideParts(course, slide);
  const x = w.x;
  const width = w.width;
  const inner = width - 2 * PAD;
  const caption = slideCaption(slide, labels);
  const title = `${slide.title}`;

  const measured = w.column(x + PAD, inner, () => {
    let h = w.measure([{ text: caption }], inner, CAPTION) + (CAPTION.gap ?? 0);
    h += w.measure([{ text: title }], inner, TITLE) + (TITLE.gap ?? 0);
    for (const part of parts) {
      h +=
        part.kind === 'rich'
          ? w.measureRich(part.blocks, part.style ?? TEXT, inner)
          : measureTable(w, part.spec, inner) + (part.spec.style.gap ?? GAP);
    }
    return h;
  });
  const height = PAD + measured - GAP + PAD;
  if (height <= w.bottom - w.top) w.ensureSpace(height + GAP);
  const top = w.y;
  const from = w.here();
  // The fill goes under the text, so it is drawn first, from the measured height; a box taller
  // than the page (not in Module 1) runs over the break framed but unfilled.
  if (top + height <= w.bottom) w.artifact((doc) => doc.rect(x, top, width, height).fill(COLORS.slideFill));

  w.group('Div', () => {
    w.column(x + PAD, inner, () => {
      w.y = top + PAD;
      w.paragraph([{ text: caption }], CAPTION);
      w.destination(slide.id);
      w.bookmark(`${fill(labels.slide, { n: slide.number })}: ${slide.title}`, 3);
      w.paragraph([{ text: title }], TITLE, 'H4');
      for (const part of parts) {
        if (part.kind === 'rich') w.rich(part.blocks, part.style ?? TEXT);
        else drawTable(w, part.spec, { fill: '#ffffff' });
      }
    });
  });

  const end = { page: w.page, y: Math.max(w.y - GAP + PAD, from.page === w.page ? top + height : 0) };
  frame(w, x, width, from, end);
  w.y = end.y + GAP * 1.5;
}

/** The box's border, drawn in the final pass; open at a page break if the box runs over one. */
function frame(
  w: TaggedWriter,
  x: number,
  width: number,
  from: { page: number; y: number },
  to: { page: number; y: number },
): void {
  for (let p = from.page; p <= to.page; p++) {
    const y0 = p === from.page ? from.y : w.top;
    const y1 = p === to.page ? to.y : w.bottom;
    w.decorate(p, (doc) => {
      doc.lineWidth(0.8).strokeColor(COLORS.slideBorder);
      doc
        .moveTo(x, y0)
        .lineTo(x, y1)
        .moveTo(x + width, y0)
        .lineTo(x + width, y1)
        .stroke();
      if (p === from.page)
        doc
          .moveTo(x, y0)
          .lineTo(x + width, y0)
          .stroke();
      if (p === to.page)
        doc
          .moveTo(x, y1)
          .lineTo(x + width, y1)
          .stroke();
      doc.rect(x, y0, 4, y1 - y0).fill(COLORS.slideBorder);
    });
  }
}
