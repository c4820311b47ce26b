/**
 * Lectern's items in GIFT, the plain-text question format trainers can edit by hand and Moodle imports
 * (question/format/gift in Moodle). Pure: no I/O.
 *
 * - `$CATEGORY: $course$/Lectern/<course id>/<outcome id>` before the items of each learning outcome.
 * - Each item is preceded by `// [id:<item id>] [tag:outcome:<id>] [tag:slide:<id>]`, which Moodle (3.6+)
 *   reads as the question's ID number and tags, and titled `::<item id>::`. Texts are written in `[plain]`
 *   format, Lectern's own, so nothing in them is taken as HTML.
 * - The GIFT special characters `~ = # { } :` and `\` are escaped with a backslash, and line breaks are
 *   written as `\n`, exactly as Moodle's own GIFT export does.
 * - single-choice `{=right ~wrong}`; multiple-choice `{~%50%right ~%-50%wrong}` (+100/k and −100/k, as in
 *   Lectern); true-false `{T}`/`{F}`; short-answer as an essay `{}` with the model answer at the end of the
 *   general feedback (or `{=%100%answer}`, see `ExportOptions`); match `{=left -> right}`; sort and
 *   classify as matching, each item `-> category label`; general feedback after `####`; option feedback
 *   after `#`.
 * - GIFT has no ordering syntax in its core format, so order items become a comment line
 *   `// order item <id> not expressible in GIFT` and are listed in `notExpressible`.
 */
import type { Course, Item } from '../../content/model.ts';
import {
  choiceFractions,
  classifyPairs,
  type ExportNote,
  type ExportOptions,
  formatPercent,
  itemTags,
  keyedGroups,
  MODEL_ANSWER_LABEL,
  normaliseNewlines,
} from './bank.ts';

export interface GiftExport {
  gift: string;
  /** Number of questions written. */
  questions: number;
  categories: number;
  /** Items GIFT cannot express (order items, and matching pairs whose left side holds `->`), written as
   * comment lines. */
  notExpressible: ExportNote[];
  /** Items left out because they have no answer key. */
  skipped: ExportNote[];
}

export function toGift(course: Course, options: ExportOptions = {}): string {
  return exportGift(course, options).gift;
}

export function exportGift(course: Course, options: ExportOptions = {}): GiftExport {
  const shortAnswer = options.shortAnswer ?? 'essay';
  const blocks: string[] = [
    [
      `// Lectern question bank: ${oneLine(course.meta.title)} (${oneLine(course.meta.id)})`,
      '// Import into Moodle as GIFT. Questions are separated by blank lines.',
    ].join('\n'),
  ];
  const notExpressible: ExportNote[] = [];
  const skipped: ExportNote[] = [];
  const groups = keyedGroups(course, skipped);
  let questions = 0;
  for (const group of groups) {
    blocks.push(`$CATEGORY: ${group.path}`);
    for (const item of group.items) {
      const why = inexpressible(item, shortAnswer);
      if (why) {
        notExpressible.push({ id: item.id, type: item.type, reason: why });
        blocks.push(`// ${item.type} item ${oneLine(item.id)} not expressible in GIFT`);
        continue;
      }
      blocks.push(question(item, shortAnswer));
      questions++;
    }
  }
  return {
    gift: `${blocks.join('\n\n')}\n`,
    questions,
    categories: groups.length,
    notExpressible,
    skipped,
  };
}

/** Why GIFT cannot carry this item, or undefined. */
function inexpressible(item: Item, shortAnswer: 'essay' | 'shortanswer'): string | undefined {
  switch (item.type) {
    case 'order':
      return 'GIFT has no ordering question';
    case 'match':
      return (item.pairs ?? []).some((p) => p.left.includes('->'))
        ? 'a left-hand entry contains "->", which GIFT cannot escape'
        : undefined;
    case 'sort':
    case 'classify':
      return (item.items ?? []).some((i) => i.text.includes('->'))
        ? 'an item contains "->", which GIFT cannot escape'
        : undefined;
    case 'short-answer':
      return shortAnswer === 'shortanswer' && (item.answer ?? '').includes('->')
        ? 'the answer contains "->", which would make Moodle read a matching question'
        : undefined;
    default:
      return undefined;
  }
}

function question(item: Item, shortAnswer: 'essay' | 'shortanswer'): string {
  const comment = `// [id:${bracket(item.id)}] ${itemTags(item)
    .map((t) => `[tag:${bracket(t)}]`)
    .join(' ')}`;
  const head = `::${escapeGift(item.id)}::[plain]${escapeGift(item.prompt)} {`;
  const feedback = (extra = '') => {
    const text = item.feedback + extra;
    return text === '' ? [] : [`\t####${formatted(text)}`];
  };
  let lines: string[];
  switch (item.type) {
    case 'single-choice':
    case 'multiple-choice': {
      const fractions = choiceFractions(item);
      lines = item.options.map((option, i) => {
        const fraction = fractions[i] ?? 0;
        const mark =
          item.type === 'single-choice'
            ? fraction === 100
              ? '='
              : option.text.startsWith('%')
                ? '~%0%' // so that a leading "%…%" in the text is not read as a weight
                : '~'
            : `~%${formatPercent(fraction)}%`;
        const optionFeedback = option.feedback ? `#${formatted(option.feedback)}` : '';
        return `\t${mark}${formatted(option.text)}${optionFeedback}`;
      });
      break;
    }
    case 'true-false':
      return [comment, `${head}${item.answer ? 'T' : 'F'}`, ...feedback(), '}'].join('\n');
    case 'short-answer':
      if (shortAnswer === 'shortanswer') {
        lines = [`\t=%100%${formatted(item.answer ?? '')}`];
        break;
      }
      // Essay: GIFT has no field for graders' information, so the model answer ends the general feedback.
      return [
        comment,
        head,
        ...feedback(`${item.feedback ? '\n\n' : ''}${MODEL_ANSWER_LABEL}${item.answer ?? ''}`),
        '}',
      ].join('\n');
    case 'match':
      lines = (item.pairs ?? []).map((p) => matchLine(p));
      break;
    case 'sort':
    case 'classify':
      lines = classifyPairs(item).map((p) => matchLine(p));
      break;
    default:
      throw new Error(`${item.type} cannot be written as GIFT`);
  }
  return [comment, head, ...lines, ...feedback(), '}'].join('\n');
}

function matchLine(pair: { left: string; right: string }): string {
  // Moodle reads the right-hand side without a format prefix, so it is only escaped.
  return `\t=${pair.left === '' ? '' : formatted(pair.left)} -> ${escapeGift(pair.right)}`;
}

/**
 * Escapes GIFT's special characters as Moodle's export does (`repchar`): backslash, `~ = # { } :`, and a
 * line break as `\n`.
 */
export function escapeGift(text: string): string {
  return normaliseNewlines(text).replace(/[\\~=#{}:\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** An escaped text that Moodle will not mistake for a `[format]` prefix: Moodle strips a leading
 * `[html]`, `[plain]`, `[moodle]` or `[markdown]`, so a text starting with `[` gets an explicit `[plain]`. */
function formatted(text: string): string {
  const escaped = escapeGift(text);
  return escaped.startsWith('[') ? `[plain]${escaped}` : escaped;
}

/** A value inside `[id:…]` or `[tag:…]`, where Moodle reads `\]` as `]`. */
function bracket(value: string): string {
  return oneLine(value).replaceAll(']', '\\]');
}

function oneLine(value: string): string {
  return normaliseNewlines(value).replaceAll('\n', ' ');
}
