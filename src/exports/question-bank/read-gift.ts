/**
 * Reads GIFT back into the neutral `BankQuestion` shape, following the steps of Moodle's own importer
 * (qformat_gift::readquestion) so that a test can predict what Moodle will make of an export: questions
 * are separated by blank lines; `//` lines are comments, and `[id:…]`/`[tag:…]` in them give the ID number
 * and tags; backslash escapes are replaced first; the name is between the first two `::`; the answers are
 * between the first unescaped `{` and `}`; general feedback follows the last `####`; a leading
 * `[html]`/`[plain]`/`[moodle]`/`[markdown]` gives a text's format; and the question type is told from
 * the answers' characters. Texts come back as written (no HTML is interpreted). Pure: no I/O.
 */
import { type BankAnswer, type BankQuestion, fromTags, MODEL_ANSWER_LABEL, type ReadBank } from './bank.ts';

// Escaped characters stand in as private-use code points while the structure is parsed, as Moodle's
// `&&058;`-style placeholders do.
const PLACEHOLDERS: Record<string, string> = {
  ':': '\uE001',
  '#': '\uE002',
  '=': '\uE003',
  '{': '\uE004',
  '}': '\uE005',
  '~': '\uE006',
  n: '\uE007',
};
const RESTORE: Record<string, string> = {
  '\uE001': ':',
  '\uE002': '#',
  '\uE003': '=',
  '\uE004': '{',
  '\uE005': '}',
  '\uE006': '~',
  '\uE007': '\n',
};
const FORMATS = new Set(['html', 'plain', 'moodle', 'markdown']);
const WEIGHT = /^%-*([0-9]{1,2})\.?([0-9]*)%/;
const NOT_EXPRESSIBLE = /^\/\/\s*(\S+) item (\S+) not expressible in GIFT\s*$/;

export interface ReadGift extends ReadBank {
  /** Items the writer noted as `// <type> item <id> not expressible in GIFT`. */
  notExpressible: { type: string; id: string }[];
}

export function readGift(source: string): ReadGift {
  const result: ReadGift = { categories: [], questions: [], unsupported: [], notExpressible: [] };
  let category = '';
  for (const lines of blocks(source)) {
    const comments = lines.filter((l) => l.startsWith('//'));
    for (const c of comments) {
      const match = NOT_EXPRESSIBLE.exec(c);
      if (match?.[1] && match[2]) result.notExpressible.push({ type: match[1], id: match[2] });
    }
    const raw = lines
      .map((l) => (l.startsWith('//') ? ' ' : l))
      .join('\n')
      .trim();
    if (raw === '') continue;
    let text = pre(raw);
    if (text.startsWith('$CATEGORY:')) {
      category = text.slice('$CATEGORY:'.length).trim();
      result.categories.push(category);
      continue;
    }
    let name: string | undefined;
    if (text.startsWith('::')) {
      const end = text.indexOf('::', 2);
      if (end >= 0) {
        name = post(text.slice(2, end)).trim();
        text = text.slice(end + 2).trim();
      }
    }
    const start = text.indexOf('{');
    const finish = text.indexOf('}');
    if (start < 0 || finish < 0) {
      result.unsupported.push({
        type: start < 0 && finish < 0 ? 'description' : 'invalid',
        name: name ?? '',
      });
      continue;
    }
    let answerText = text.slice(start + 1, finish).trim();
    // Answers inside the text (missing-word format) leave a blank in their place.
    const blank = text.endsWith('}') ? '' : '_____';
    const questionText = text.slice(0, start) + blank + text.slice(finish + 1);
    let generalFeedback = '';
    const separator = answerText.lastIndexOf('####');
    if (separator >= 0) {
      generalFeedback = answerText.slice(separator + 4);
      answerText = answerText.slice(0, separator).trim();
    }
    const prompt = formatted(questionText);
    const { idnumber, tags } = idAndTags(comments.join('\n'));
    const base: BankQuestion = {
      id: idnumber || (name ?? ''),
      name: name ?? '',
      type: 'essay',
      prompt,
      answers: [],
      pairs: [],
      order: [],
      modelAnswer: '',
      feedback: formatted(generalFeedback),
      category,
      ...fromTags(tags),
      tags,
    };
    const question = typed(base, answerText);
    if (question) result.questions.push(question);
    else
      result.unsupported.push({
        type: answerText.startsWith('#') ? 'numerical' : 'invalid',
        name: base.name,
      });
  }
  return result;
}

/** The question with its type and answers, or undefined for a type the reader does not handle. */
function typed(base: BankQuestion, answerText: string): BankQuestion | undefined {
  if (answerText === '') {
    // Essay. The writer put Lectern's model answer at the end of the general feedback.
    if (base.feedback.startsWith(MODEL_ANSWER_LABEL)) {
      return { ...base, feedback: '', modelAnswer: base.feedback.slice(MODEL_ANSWER_LABEL.length) };
    }
    const at = base.feedback.lastIndexOf(`\n\n${MODEL_ANSWER_LABEL}`);
    if (at < 0) return base;
    return {
      ...base,
      feedback: base.feedback.slice(0, at),
      modelAnswer: base.feedback.slice(at + 2 + MODEL_ANSWER_LABEL.length),
    };
  }
  if (answerText.startsWith('#') || answerText.startsWith('>')) return undefined;
  if (answerText.includes('~')) {
    const single = answerText.includes('=');
    const parts = answerText.replaceAll('=', '~=').split('~');
    if (parts[0]?.trim() === '') parts.shift();
    const answers = parts.map((part): BankAnswer => {
      let answer = part.trim();
      let fraction = 0;
      if (answer.startsWith('=')) {
        fraction = 100;
        answer = answer.slice(1);
      } else if (WEIGHT.test(answer)) {
        const end = answer.indexOf('%', 1);
        fraction = Number(answer.slice(1, end));
        answer = answer.slice(end + 1);
      }
      const [text, feedback] = splitOnce(answer, '#');
      return { text: formatted(text), fraction, feedback: feedback === undefined ? '' : formatted(feedback) };
    });
    return { ...base, type: 'multichoice', single, answers };
  }
  if (answerText.includes('=') && answerText.includes('->')) {
    const parts = answerText.split('=');
    if (parts[0]?.trim() === '') parts.shift();
    const pairs = parts.map((part) => {
      const answer = part.trim();
      const marker = answer.indexOf('->');
      return { left: formatted(answer.slice(0, marker)), right: post(answer.slice(marker + 2)).trim() };
    });
    return { ...base, type: 'matching', pairs };
  }
  const hash = answerText.indexOf('#');
  const check = hash > 0 ? answerText.slice(0, hash).trim() : answerText;
  if (['T', 'TRUE', 'F', 'FALSE'].includes(check)) {
    const value = check.startsWith('T');
    // `{T#feedback for a wrong answer#feedback for the right one}`
    const [, rest] = splitOnce(answerText, '#');
    const [wrongText, rightText] = splitOnce(rest ?? '', '#');
    const wrong = formatted(wrongText);
    const right = formatted(rightText ?? '');
    return {
      ...base,
      type: 'truefalse',
      answers: [
        { text: 'true', fraction: value ? 100 : 0, feedback: value ? right : wrong },
        { text: 'false', fraction: value ? 0 : 100, feedback: value ? wrong : right },
      ],
    };
  }
  const parts = answerText.split('=');
  if (parts[0]?.trim() === '') parts.shift();
  const answers = parts.map((part): BankAnswer => {
    let answer = part.trim();
    let fraction = 100;
    if (WEIGHT.test(answer)) {
      const end = answer.indexOf('%', 1);
      fraction = Number(answer.slice(1, end));
      answer = answer.slice(end + 1);
    }
    const [text, feedback] = splitOnce(answer, '#');
    return { text: formatted(text), fraction, feedback: feedback === undefined ? '' : formatted(feedback) };
  });
  return { ...base, type: 'shortanswer', answers };
}

/** Lines grouped into questions: a blank line (after trimming) ends a question. */
function blocks(source: string): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  for (const rawLine of source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.trim();
    if (line === '') {
      if (current.length > 0) result.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** Replaces escapes by placeholders; `\\` becomes a plain backslash that escapes nothing. */
function pre(text: string): string {
  return text.replace(/\\(\\|[:#={}~n])/g, (_, c: string) => (c === '\\' ? '\\' : (PLACEHOLDERS[c] ?? c)));
}

function post(text: string): string {
  return text.replace(/[\uE001-\uE007]/g, (c) => RESTORE[c] ?? c);
}

/** Moodle's parse_text_with_format: drops a known leading `[format]`, restores escapes and trims. */
function formatted(text: string): string {
  let value = text.trim();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end > 0 && FORMATS.has(value.slice(1, end))) value = value.slice(end + 1);
  }
  return post(value).trim();
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** `[id:…]` (the first) and every `[tag:…]` in the comments, with `\]` read as `]`. */
function idAndTags(comments: string): { idnumber: string; tags: string[] } {
  const id = /\[id:((?:\\\]|[^\]\p{Cc}])+)\]/u.exec(comments);
  const tags = [...comments.matchAll(/\[tag:((?:\\\]|[^\]<>`\p{Cc}])+)\]/gu)].map((m) =>
    (m[1] ?? '').replaceAll('\\]', ']').trim(),
  );
  return { idnumber: (id?.[1] ?? '').replaceAll('\\]', ']').trim(), tags };
}
