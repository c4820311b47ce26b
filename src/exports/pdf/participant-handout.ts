/**
 * The participant handout: only what participants may see. The module title, the learning
 * outcomes, every handout of the course (Chart 1.1 as a table of its four categories) and the key
 * messages. Never notes to the instructor, speaking points, sample questions or their answers.
 */
import type { Course, HandoutBlock, KeyPointsBlock } from '../../content/model.ts';
import { allBlocks } from '../../content/model.ts';
import { chartTable } from './chart-table.ts';
import { fill, kindName, pdfLabels } from './labels.ts';
import { drawFurniture } from './page-furniture.ts';
import { listBlock, parseInline, parseRich, plain } from './rich-text.ts';
import { drawTable } from './table.ts';
import { BODY, TaggedWriter, type TextStyle } from './tagged-writer.ts';
import { COLORS, GAP, SIZES } from './theme.ts';

const H1: TextStyle = { size: 20, color: COLORS.heading, bold: true, lineGap: 2, gap: 6 };
const H2: TextStyle = { size: SIZES.h2, color: COLORS.heading, bold: true, gap: 6 };
const SUBTITLE: TextStyle = { size: 13, color: COLORS.text, gap: 3 };
const SERIES: TextStyle = { size: 10, color: COLORS.muted, gap: 18 };
const CELL: TextStyle = { size: 9, color: COLORS.text, lineGap: 1, gap: GAP * 1.5 };

export async function exportParticipantHandout(course: Course): Promise<Uint8Array> {
  const { meta } = course;
  const labels = pdfLabels(meta.language);
  const moduleTitle = `${fill(labels.module, { n: meta.module })}: ${meta.title}`;
  const blocks = allBlocks(course);
  const handouts = blocks.filter((b): b is HandoutBlock => b.kind === 'handout');
  const keyPoints = blocks.filter((b): b is KeyPointsBlock => b.kind === 'key-points');
  const w = new TaggedWriter({
    title: `${moduleTitle} – ${labels.participantHandout}`,
    subject: labels.participantHandout,
    author: `${meta.series}, ${meta.edition}`,
    keywords: `${meta.id}, ${meta.series}`,
    lang: meta.language,
  });

  w.group('Sect', () => {
    w.heading(1, moduleTitle, H1);
    w.paragraph(plain(labels.participantHandout), SUBTITLE);
    w.paragraph(plain(`${meta.series}, ${meta.edition}`), SERIES);
  });

  w.group('Sect', () => {
    w.heading(2, labels.learningOutcomes, H2, { outline: 1, before: 10 });
    w.paragraph(plain(meta.outcomes.intro));
    w.list(
      meta.outcomes.list.map((o) => [{ type: 'paragraph', runs: plain(o.text) }]),
      { ordered: true },
    );
  });

  for (const handout of handouts) {
    w.group('Sect', () => {
      const chart = handout.chart;
      if (chart) {
        w.heading(2, chart.title, H2, { outline: 1, keepWith: 160, before: 10 });
        if (chart.note) w.paragraph(parseInline(chart.note), { ...BODY, italic: true });
        drawTable(w, chartTable(chart, CELL));
        if (chart.source) w.paragraph(parseInline(fill(labels.chartSource, { source: chart.source })), BODY);
      } else {
        w.heading(2, kindName(meta.legend, 'handout', labels), H2, { outline: 1, before: 10 });
        w.rich(parseRich(handout.markdown));
      }
    });
  }

  if (keyPoints.length > 0) {
    w.group('Sect', () => {
      w.heading(2, labels.keyMessages, H2, { outline: 1, before: 10 });
      for (const block of keyPoints) {
        if (block.intro.trim()) w.rich(parseRich(block.intro));
        w.rich([listBlock(block.points)]);
      }
    });
  }

  return w.finish(
    drawFurniture({
      header: moduleTitle,
      headerRight: labels.participantHandout,
      footer: `${meta.series}, ${meta.edition}`,
      pageLabel: (n, total) => fill(labels.page, { n, total }),
    }),
  );
}
