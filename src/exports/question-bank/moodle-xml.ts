/**
 * Lectern's items as a Moodle XML question bank (question/format/xml in Moodle), ready for Moodle's
 * question import. Pure: no I/O.
 *
 * - A `<question type="category">` per learning outcome (`$course$/Lectern/<course id>/<outcome id>`) with
 *   the outcome text as its description; each item follows the category of its first outcome.
 * - Each item: name and ID number = item id; question text, general feedback (the item's feedback) and
 *   per-option feedback in HTML format (Lectern's plain text, HTML-escaped, in CDATA); tags `outcome:<id>`
 *   for every outcome, `slide:<id>` and `audience:<tag>`.
 * - single-choice → multichoice single; multiple-choice → multichoice with several answers, +100/k for
 *   each of the k correct options and −100/k for each wrong one; true-false → truefalse; short-answer →
 *   essay with the model answer as information for graders (or shortanswer, see `ExportOptions`); match →
 *   matching; sort and classify → matching, each item to its category's label; order → ordering
 *   (qtype_ordering, standard since Moodle 4.4) graded by absolute position.
 *
 * Lectern fields with no place in Moodle XML: `cite` and `reveal`.
 */
import type { Course, Item } from '../../content/model.ts';
import { escapeXml } from '../escape-xml.ts';
import {
  choiceFractions,
  classifyPairs,
  type ExportNote,
  type ExportOptions,
  formatPercent,
  isMoodleFraction,
  itemTags,
  keyedGroups,
  normaliseNewlines,
} from './bank.ts';

export interface MoodleXmlExport {
  xml: string;
  /** Number of `<question>` elements that are real questions (not categories). */
  questions: number;
  categories: number;
  /** Items left out because they have no answer key. */
  skipped: ExportNote[];
  /** Items written, but which a default Moodle import may refuse or change. */
  warnings: ExportNote[];
}

export function toMoodleXml(course: Course, options: ExportOptions = {}): string {
  return exportMoodleXml(course, options).xml;
}

export function exportMoodleXml(course: Course, options: ExportOptions = {}): MoodleXmlExport {
  const shortAnswer = options.shortAnswer ?? 'essay';
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- Lectern question bank: ${comment(course.meta.id)} -->`,
    '<quiz>',
  ];
  const skipped: ExportNote[] = [];
  const warnings: ExportNote[] = [];
  const groups = keyedGroups(course, skipped);
  let questions = 0;
  for (const group of groups) {
    out.push(
      '  <question type="category">',
      `    <category>${text(group.path)}</category>`,
      `    <info format="html">${text(html(group.outcome ? `${group.outcome.id}: ${group.outcome.text}` : ''))}</info>`,
      '  </question>',
    );
    for (const item of group.items) {
      if (item.type === 'multiple-choice' && !choiceFractions(item).every(isMoodleFraction)) {
        warnings.push({
          id: item.id,
          type: item.type,
          reason:
            'more than 10 correct options: 100/k is not in Moodle’s grade list (import with "nearest grade")',
        });
      }
      out.push(...question(item, shortAnswer).map((line) => `  ${line}`));
      questions++;
    }
  }
  out.push('</quiz>', '');
  return { xml: out.join('\n'), questions, categories: groups.length, skipped, warnings };
}

function question(item: Item, shortAnswer: 'essay' | 'shortanswer'): string[] {
  const body = typeBody(item, shortAnswer);
  const penalty = body.type === 'truefalse' ? '1' : body.type === 'essay' ? '0' : '0.3333333';
  return [
    `<question type="${body.type}">`,
    `  <name>${text(item.id)}</name>`,
    `  <questiontext format="html">${text(html(item.prompt))}</questiontext>`,
    `  <generalfeedback format="html">${text(html(item.feedback))}</generalfeedback>`,
    '  <defaultgrade>1</defaultgrade>',
    `  <penalty>${penalty}</penalty>`,
    '  <hidden>0</hidden>',
    `  <idnumber>${escapeXml(clean(item.id))}</idnumber>`,
    ...body.lines.map((line) => `  ${line}`),
    '  <tags>',
    ...itemTags(item).map((tag) => `    <tag>${text(tag)}</tag>`),
    '  </tags>',
    '</question>',
  ];
}

function typeBody(item: Item, shortAnswer: 'essay' | 'shortanswer'): { type: string; lines: string[] } {
  switch (item.type) {
    case 'single-choice':
    case 'multiple-choice': {
      const fractions = choiceFractions(item);
      return {
        type: 'multichoice',
        lines: [
          `<single>${item.type === 'single-choice'}</single>`,
          // Lectern shows options in the authored order.
          '<shuffleanswers>false</shuffleanswers>',
          '<answernumbering>abc</answernumbering>',
          ...item.options.flatMap((option, i) => [
            `<answer fraction="${formatPercent(fractions[i] ?? 0)}" format="html">`,
            `  ${text(html(option.text))}`,
            ...(option.feedback
              ? [`  <feedback format="html">${text(html(option.feedback))}</feedback>`]
              : []),
            '</answer>',
          ]),
        ],
      };
    }
    case 'true-false':
      return {
        type: 'truefalse',
        lines: [
          `<answer fraction="${item.answer ? 100 : 0}" format="moodle_auto_format">${text('true')}</answer>`,
          `<answer fraction="${item.answer ? 0 : 100}" format="moodle_auto_format">${text('false')}</answer>`,
        ],
      };
    case 'short-answer':
      if (shortAnswer === 'shortanswer') {
        return {
          type: 'shortanswer',
          lines: [
            '<usecase>0</usecase>',
            `<answer fraction="100" format="moodle_auto_format">${text(plain(item.answer ?? ''))}</answer>`,
          ],
        };
      }
      return {
        type: 'essay',
        lines: [
          '<responseformat>plain</responseformat>',
          '<responserequired>1</responserequired>',
          '<responsefieldlines>5</responsefieldlines>',
          '<attachments>0</attachments>',
          '<attachmentsrequired>0</attachmentsrequired>',
          `<graderinfo format="html">${text(html(item.answer ?? ''))}</graderinfo>`,
          `<responsetemplate format="html">${text('')}</responsetemplate>`,
        ],
      };
    case 'match':
      return {
        type: 'matching',
        // Lectern keeps the left-hand entries in the authored order and shuffles the right-hand ones, as
        // Moodle does when "shuffle" is off.
        lines: ['<shuffleanswers>false</shuffleanswers>', ...subquestions(item.pairs ?? [])],
      };
    case 'sort':
    case 'classify':
      // Lectern shuffles the items to be classified.
      return {
        type: 'matching',
        lines: ['<shuffleanswers>true</shuffleanswers>', ...subquestions(classifyPairs(item))],
      };
    case 'order': {
      const items = item.items ?? [];
      return {
        type: 'ordering',
        lines: [
          '<layouttype>VERTICAL</layouttype>',
          '<selecttype>ALL</selecttype>',
          `<selectcount>${items.length}</selectcount>`,
          // Lectern's rule: the fraction of items in their correct position.
          '<gradingtype>ABSOLUTE_POSITION</gradingtype>',
          '<showgrading>SHOW</showgrading>',
          '<numberingstyle>none</numberingstyle>',
          '<shownumcorrect>1</shownumcorrect>',
          ...items.map(
            (entry, i) => `<answer fraction="${i + 1}" format="html">${text(html(entry))}</answer>`,
          ),
        ],
      };
    }
    default:
      throw new Error(`${item.type} is not an item type`);
  }
}

function subquestions(pairs: readonly { left: string; right: string }[]): string[] {
  return pairs.flatMap((pair) => [
    `<subquestion format="html">`,
    `  ${text(pair.left === '' ? '' : html(pair.left))}`,
    // The right-hand answer is plain text in Moodle (shown in a drop-down menu).
    `  <answer>${text(plain(pair.right))}</answer>`,
    '</subquestion>',
  ]);
}

/** `<text>` with the content as is, or in CDATA when it holds markup characters (as Moodle writes it). */
function text(content: string): string {
  const value = clean(content);
  if (!/[&<>"']/.test(value)) return `<text>${value}</text>`;
  return `<text><![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]></text>`;
}

/** Lectern's plain text as HTML: markup characters escaped, line breaks as `<br>`. */
export function html(plainText: string): string {
  return normaliseNewlines(plainText)
    .replace(/[&<>]/g, (c) => HTML_ESCAPES[c] ?? c)
    .replaceAll('\n', '<br>');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function plain(value: string): string {
  return normaliseNewlines(value);
}

/** Drops what XML 1.0 cannot hold at all, even escaped: control characters other than tab and line
 * breaks, unpaired surrogates, U+FFFE and U+FFFF. */
function clean(value: string): string {
  let result = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (allowed) result += char;
  }
  return result;
}

/** Text safe inside an XML comment (no `--`). */
function comment(value: string): string {
  return clean(value).replaceAll('--', '- -');
}
