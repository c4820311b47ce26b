/**
 * Speaker notes as plain text: each block of the slide under its kind's legend name ("Speaking
 * Points:", "Note to the Instructor:" …), in the order the presenter reads them in the live view.
 */
import type { Block, BlockKind, Course, ListItem } from '../../content/model.ts';
import { uiMessages } from '../../i18n/catalogue.ts';
import { inlineToPlainText, markdownToPlainText } from './plain-text.ts';

export type LegendNames = (kind: BlockKind) => string;

/**
 * The legend name of each block kind: the course legend's text up to its explanation in parentheses
 * ("Speaking Points (The main points …)" → "Speaking Points"), so notes speak the course's language;
 * the UI catalogue's name when the legend lacks the kind.
 */
export function legendNames(course: Course): LegendNames {
  const ui = uiMessages(course.meta.language === 'fr' ? 'fr' : 'en');
  return (kind) => {
    const legend = course.meta.legend[kind]?.trim();
    const name = legend?.replace(/\s*\(.*$/s, '').trim();
    return name || ui[`ui.kind.${kind}`] || kind;
  };
}

/** The notes of one slide: one paragraph group per block, separated by a blank line. */
export function speakerNotes(blocks: readonly Block[], names: LegendNames): string {
  return blocks
    .map((block) => {
      const body = blockText(block);
      const heading = `${names(block.kind)}${audienceText(block)}${additionText(block)}:`;
      return body ? `${heading}\n${body}` : heading;
    })
    .join('\n\n');
}

function audienceText(block: Block): string {
  return block.audience.length > 0 ? ` [${block.audience.join(', ')}]` : '';
}

function additionText(block: Block): string {
  return block.addition ? ` (Lectern addition — ${block.addition.cite})` : '';
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'questions': {
      const intro = markdownToPlainText(block.intro);
      const questions = block.questions.map((q, i) => {
        const text = `${i + 1}. ${inlineToPlainText(q.text)}`;
        return q.answer ? `${text}\n   Answer: ${inlineToPlainText(q.answer)}` : text;
      });
      return [intro, ...questions].filter(Boolean).join('\n');
    }
    case 'key-points':
      return [markdownToPlainText(block.intro), ...pointLines(block.points, 0)].filter(Boolean).join('\n');
    case 'handout': {
      const chart = block.chart;
      if (!chart) return markdownToPlainText(block.markdown);
      return [
        inlineToPlainText(chart.title),
        chart.note ? inlineToPlainText(chart.note) : '',
        chart.source ? `Source: ${inlineToPlainText(chart.source)}` : '',
      ]
        .filter(Boolean)
        .join('\n');
    }
    default:
      return markdownToPlainText(block.markdown);
  }
}

function pointLines(items: readonly ListItem[], depth: number): string[] {
  return items.flatMap((item) => [
    `${'  '.repeat(depth)}${depth === 0 ? '•' : '–'} ${inlineToPlainText(item.text)}`,
    ...pointLines(item.children, depth + 1),
  ]);
}
