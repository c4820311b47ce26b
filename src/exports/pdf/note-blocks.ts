/**
 * The instructor notes around a slide: each block of the symbols legend (speaking points, note to
 * the instructor, sample questions with their answers, handout, key summary points…) labelled by
 * its kind and marked by its colour bar, plus Lectern's interactive activities. Lectern additions
 * carry their citation under the label.
 */
import type { Activity, Block, Course } from '../../content/model.ts';
import { chartTable } from './chart-table.ts';
import { fill, kindName, type PdfLabels } from './labels.ts';
import { listBlock, parseInline, parseRich, type Run } from './rich-text.ts';
import { drawTable } from './table.ts';
import { BODY, type TaggedWriter, type TextStyle } from './tagged-writer.ts';
import { ACTIVITY_COLOR, COLORS, GAP, KIND_COLORS, SIZES } from './theme.ts';

export interface NotesContext {
  course: Course;
  labels: PdfLabels;
  /** Charts some slide projects: their handout block need not repeat the table. */
  projectedCharts: ReadonlySet<string>;
}

const INDENT = 14;
const LABEL: TextStyle = { size: SIZES.label, color: COLORS.heading, bold: true, gap: 2 };
const CITE: TextStyle = { size: SIZES.small, color: COLORS.addition, italic: true, lineGap: 1, gap: 3 };
const CELL: TextStyle = { size: 9, color: COLORS.text, lineGap: 1, gap: GAP };

/** A block with its label and colour bar, grouped in a Div. */
export function labelled(
  w: TaggedWriter,
  color: string,
  label: string,
  extra: Run[][],
  body: () => void,
  dest?: string,
): void {
  w.group('Div', () => {
    w.ensureSpace(w.lineHeight(LABEL) + 2 * w.lineHeight(BODY) + 4);
    if (dest) w.destination(dest);
    const from = w.here();
    w.indented(INDENT, () => {
      w.paragraph([{ text: label }], { ...LABEL, color });
      for (const line of extra) w.paragraph(line, CITE);
      body();
    });
    w.bar(w.x + 2, color, from, { page: w.page, y: w.y - GAP + 2 });
    w.y += 2;
  });
}

function audienceLine(block: { audience: string[] }, labels: PdfLabels): Run[][] {
  if (block.audience.length === 0) return [];
  const names = block.audience.map((tag) =>
    tag in labels.components ? labels.components[tag as keyof PdfLabels['components']] : tag,
  );
  return [[{ text: fill(labels.audienceOnly, { list: names.join(', ') }) }]];
}

function additionLine(block: { addition?: { cite: string } }, labels: PdfLabels): Run[][] {
  return block.addition ? [[{ text: fill(labels.addition, { cite: block.addition.cite }) }]] : [];
}

export function drawBlock(w: TaggedWriter, block: Block, ctx: NotesContext, context?: string): void {
  const { labels, course } = ctx;
  const name = kindName(course.meta.legend, block.kind, labels);
  const extra = [
    ...(context ? [[{ text: context }]] : []),
    ...additionLine(block, labels),
    ...audienceLine(block, labels),
  ];
  labelled(
    w,
    KIND_COLORS[block.kind],
    name,
    extra,
    () => {
      switch (block.kind) {
        case 'questions':
          if (block.intro.trim()) w.rich(parseRich(block.intro));
          w.list(
            block.questions.map((q) => [
              { type: 'paragraph', runs: parseInline(q.text) },
              ...(q.answer
                ? [
                    {
                      type: 'paragraph' as const,
                      runs: [{ text: `${labels.answer} `, bold: true }, ...parseInline(q.answer)],
                    },
                  ]
                : []),
            ]),
            { ordered: true },
          );
          break;
        case 'key-points':
          if (block.intro.trim()) w.rich(parseRich(block.intro));
          w.rich([listBlock(block.points)]);
          break;
        case 'handout': {
          const chart = block.chart;
          if (!chart) {
            w.rich(parseRich(block.markdown));
            break;
          }
          w.paragraph(parseInline(chart.title), { ...BODY, bold: true });
          if (chart.note) w.paragraph(parseInline(chart.note), { ...BODY, italic: true });
          if (!ctx.projectedCharts.has(chart.id)) drawTable(w, chartTable(chart, CELL));
          if (chart.source)
            w.paragraph(parseInline(fill(labels.chartSource, { source: chart.source })), BODY);
          break;
        }
        default:
          w.rich(parseRich(block.markdown));
      }
    },
    block.id,
  );
}

export function drawActivity(w: TaggedWriter, activity: Activity, ctx: NotesContext): void {
  const { labels } = ctx;
  const label = fill(labels.activity, { type: labels.interactions[activity.type] });
  labelled(
    w,
    ACTIVITY_COLOR,
    label,
    [...additionLine(activity, labels), ...audienceLine(activity, labels)],
    () => {
      w.paragraph(parseInline(activity.prompt));
      if (activity.reveal) {
        w.paragraph([{ text: `${labels.onReveal} `, bold: true }, ...parseInline(activity.reveal)]);
      }
    },
    activity.id,
  );
}
