/**
 * Reads Moodle XML back into the neutral `BankQuestion` shape with fast-xml-parser, the way Moodle's
 * importer (qformat_xml) reads it: `<question type="category">` sets the category for the questions that
 * follow; texts are trimmed; fractions are percentages; tags are `<tags><tag><text>`. HTML-format texts are
 * turned back into plain text (`<br>` and paragraph breaks as line breaks, other tags dropped, entities
 * decoded), so that Lectern's plain-text prompts compare as written. Pure: no I/O.
 */
import { XMLParser } from 'fast-xml-parser';
import { type BankAnswer, type BankPair, type BankQuestion, fromTags, type ReadBank } from './bank.ts';

const ARRAYS = new Set(['question', 'answer', 'subquestion', 'tag']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

type Node = Record<string, unknown>;

export function readMoodleXml(source: string): ReadBank {
  const document = parser.parse(source) as Node;
  const quiz = document.quiz;
  if (!isNode(quiz)) throw new Error('not Moodle XML: no <quiz> element');
  const result: ReadBank = { categories: [], questions: [], unsupported: [] };
  let category = '';
  for (const q of nodes(quiz.question)) {
    const type = attribute(q, 'type');
    if (type === 'category') {
      category = textOf(q.category);
      result.categories.push(category);
      continue;
    }
    const name = textOf(q.name);
    const tags = nodes(isNode(q.tags) ? q.tags.tag : undefined).map((t) => textOf(t));
    const base: BankQuestion = {
      id: stringOf(q.idnumber) || name,
      name,
      type: 'essay',
      prompt: field(q.questiontext),
      answers: [],
      pairs: [],
      order: [],
      modelAnswer: '',
      feedback: field(q.generalfeedback),
      category,
      ...fromTags(tags),
      tags,
    };
    switch (type) {
      case 'multichoice':
        result.questions.push({
          ...base,
          type: 'multichoice',
          single: stringOf(q.single) !== 'false' && stringOf(q.single) !== '0',
          answers: nodes(q.answer).map((a) => answer(a, true)),
        });
        break;
      case 'truefalse':
        result.questions.push({
          ...base,
          type: 'truefalse',
          answers: nodes(q.answer).map((a) => answer(a, false)),
        });
        break;
      case 'shortanswer':
        result.questions.push({
          ...base,
          type: 'shortanswer',
          answers: nodes(q.answer).map((a) => answer(a, false)),
        });
        break;
      case 'essay':
        result.questions.push({ ...base, type: 'essay', modelAnswer: field(q.graderinfo) });
        break;
      case 'matching':
      case 'match':
        result.questions.push({ ...base, type: 'matching', pairs: nodes(q.subquestion).map(pair) });
        break;
      case 'ordering':
        // Moodle takes the answers' document order as the correct order.
        result.questions.push({ ...base, type: 'ordering', order: nodes(q.answer).map((a) => field(a)) });
        break;
      default:
        result.unsupported.push({ type, name });
    }
  }
  return result;
}

function answer(node: Node, html: boolean): BankAnswer {
  return {
    text: html ? field(node) : textOf(node),
    fraction: Number(attribute(node, 'fraction') || '0'),
    feedback: field(node.feedback),
  };
}

function pair(node: Node): BankPair {
  const answers = nodes(node.answer);
  return { left: field(node), right: answers[0] ? textOf(answers[0]) : '' };
}

/** A text element in its declared format (`html` when none is given), as plain text. */
function field(value: unknown): string {
  if (!isNode(value)) return '';
  const format = attribute(value, 'format') || 'html';
  const raw = textOf(value);
  return format === 'html' || format === 'moodle_auto_format' ? htmlToPlain(raw) : raw;
}

/** The content of an element's `<text>` child. */
function textOf(value: unknown): string {
  if (!isNode(value)) return '';
  return stringOf(value.text);
}

function stringOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'].trim();
  return '';
}

function attribute(node: Node, name: string): string {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : '';
}

function nodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter(isNode) : isNode(value) ? [value] : [];
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** HTML as plain text: line and paragraph breaks kept, other markup dropped, then entities decoded (after
 * the markup is gone, so that an escaped `&lt;tag&gt;` comes back as text). */
export function htmlToPlain(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p(?:\s[^>]*)?>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text).trim();
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const hex = name[1] === 'x' || name[1] === 'X';
      const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}
