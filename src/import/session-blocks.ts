import type { BlockKind } from '../content/model.ts';
import { blockLabel, type LegendMarkers, listMarker } from './block-vocabulary.ts';
import type { Guess, ImportedBlock, SourcePlace } from './imported-course.ts';
import { joinLines } from './join-lines.ts';
import { collapseSpaces, type LayoutLine } from './layout-line.ts';
import { isCaps } from './text-case.ts';

/**
 * The instructor's blocks between two slides. Icons are lost in extraction, so a block is known by
 * (in order of evidence) its label ("Note to Instructor:"), its wording (a question to pose, an
 * answer), and its layout: a paragraph starts where the icon stood (an indent); notes sit in a
 * narrower box than speaking points, so a paragraph that wraps at the full body width after a note
 * starts speaking points, and a narrower one goes on with the note.
 */
export interface BlockContext {
  /** The body text's wrap width in characters (see bodyWidth). */
  width: number;
  /** The section gathers key messages: unlabelled paragraphs are its points. */
  keyMessages: boolean;
  /** Symbols the document's legend gives to block kinds. */
  markers?: LegendMarkers;
  /** A blank line after a sentence's end starts a paragraph (see gapsEndParagraphs). */
  gapsEndParagraphs?: boolean;
}

interface Paragraph {
  at: SourcePlace;
  lines: LayoutLine[];
  text: string;
  label?: BlockKind;
  list?: 'ordered' | 'unordered';
  answer?: string;
  /** Longest line but the last: how wide the paragraph's box is. */
  width: number;
  /** The same from the paragraph's own lines only (a one-line lead-in borrows its list's width). */
  ownWidth: number;
}

const QUESTION_WORDING = /^(pose|ask|address|put|discuss)\b[^;:?]*\bquestions?\b/i;
/** Sentences addressed to the instructor ("Ask participants to …", "Select two or three …"). */
const INSTRUCTION =
  /^(ask|invite|divide|refer|introduce|select|outline|display|show|distribute|remind|allow|encourage|facilitate|summari[sz]e|write|draw|break)\b/i;
const ANSWER = /^(answers?|expected answers?)\s*[:–-]\s*/i;

export function sessionBlocks(
  lines: LayoutLine[],
  context: BlockContext,
): { blocks: ImportedBlock[]; guesses: Guess[] } {
  const blocks: ImportedBlock[] = [];
  const guesses: Guess[] = [];
  let current: ImportedBlock | undefined;
  /** The column the current block sits in: a note's box, or the full width of speaking points. */
  let column: 'note' | 'speaking' | undefined;
  const start = (kind: BlockKind, at: SourcePlace): ImportedBlock => {
    current = { kind, at, parts: [] };
    blocks.push(current);
    return current;
  };
  const guess = (
    p: Paragraph,
    key: string,
    params: Record<string, string | number>,
    confidence: number,
  ): void => {
    guesses.push({ at: p.at, key, params, confidence });
  };

  const place = (p: Paragraph): void => {
    if (p.answer !== undefined) {
      const questions = [...blocks].reverse().find((b) => b.kind === 'questions');
      const last = questions?.questions?.items[questions.questions.items.length - 1];
      if (last) {
        last.answer = p.answer;
        guess(p, 'import.guess.answer', { question: clip(last.text) }, 0.8);
        return;
      }
    }
    if (p.label) {
      const kind = p.label;
      column = kind === 'speaking' ? 'speaking' : 'note';
      if (kind !== 'questions' && QUESTION_WORDING.test(p.text)) {
        startQuestions(start('questions', p.at), p.text);
        guess(p, 'import.guess.questionsFromWording', { label: kind }, 0.7);
        return;
      }
      if (kind === 'key-points' && current?.kind === 'key-points') {
        // One symbol per key point: the points of one list.
        addListItem(current, p);
        return;
      }
      const block = start(kind, p.at);
      if (kind === 'key-points') {
        if (p.text !== '') addListItem(block, p);
        return;
      }
      if (kind === 'questions') block.questions = { intro: p.text, items: [] };
      else if (p.text !== '') block.parts.push(p.text);
      return;
    }
    if (p.list && current) {
      addListItem(current, p);
      return;
    }
    // "(Modified from MONUSCO …)": a bracketed line credits the block above it.
    if (current && /^\(.*\)$/.test(p.text)) {
      if (current.chart) current.chart.source ??= p.text.slice(1, -1).trim();
      else current.parts.push(p.text);
      return;
    }
    if (QUESTION_WORDING.test(p.text) && /\?/.test(p.text)) {
      startQuestions(start('questions', p.at), p.text);
      column ??= 'speaking';
      guess(p, 'import.guess.questionsFromWording', { label: '-' }, 0.7);
      return;
    }
    if (current?.kind === 'questions' && current.questions && current.questions.items.length === 0) {
      current.questions.items.push({ text: p.text });
      return;
    }
    const kind = inferKind(p, current, column, context);
    const block = kind.kind === current?.kind ? current : start(kind.kind, p.at);
    if (p.list || kind.kind === 'key-points') addListItem(block, p);
    else block.parts.push(p.text);
    if (kind.kind !== 'key-points') column = kind.kind === 'speaking' ? 'speaking' : 'note';
    guess(p, 'import.guess.kindFromLayout', { kind: kind.kind, reason: kind.reason }, kind.confidence);
  };

  for (const p of paragraphs(lines, context)) {
    place(p);
    const emphasised = p.lines.flatMap((l) => l.emphasis);
    if (current && emphasised.length > 0) current.emphasis = [...(current.emphasis ?? []), ...emphasised];
  }
  return { blocks, guesses };
}

function inferKind(
  p: Paragraph,
  current: ImportedBlock | undefined,
  column: 'note' | 'speaking' | undefined,
  context: BlockContext,
): { kind: BlockKind; reason: string; confidence: number } {
  if (context.keyMessages) return { kind: 'key-points', reason: 'keyMessagesSection', confidence: 0.8 };
  // An activity's guidelines run over several paragraphs (purpose, time, preparation, steps).
  if (current?.kind === 'core-activity' || current?.kind === 'optional-activity') {
    return { kind: current.kind, reason: 'continuesActivity', confidence: 0.7 };
  }
  const wide = p.width >= context.width * 0.96;
  if (column === 'note') {
    if (wide) return { kind: 'speaking', reason: 'fullWidthAfterNote', confidence: 0.7 };
    // A boxed block (a note, a handout's contents, an example) goes on in its box.
    const boxed =
      current && current.kind !== 'questions' && current.kind !== 'speaking' ? current.kind : 'note';
    return { kind: boxed, reason: 'continuesNote', confidence: p.width === 0 ? 0.6 : 0.75 };
  }
  if (INSTRUCTION.test(p.text)) return { kind: 'note', reason: 'instruction', confidence: 0.65 };
  return { kind: 'speaking', reason: current ? 'continuesSpeaking' : 'firstAfterSlide', confidence: 0.8 };
}

function startQuestions(block: ImportedBlock, text: string): void {
  // "Pose the following question to the group; Based on this quote …?": instruction, then question.
  const split = /^(.*?\bquestions?\b[^;:?]*[;:])\s*(.+)$/i.exec(text);
  const intro = split?.[1] ?? '';
  const question = split?.[2] ?? '';
  block.questions = {
    intro: intro || text,
    items: question ? [{ text: question.charAt(0).toUpperCase() + question.slice(1) }] : [],
  };
}

function addListItem(block: ImportedBlock, p: Paragraph): void {
  if (block.kind === 'questions' && block.questions) block.questions.items.push({ text: p.text });
  else if (block.kind === 'key-points') block.parts.push(`- ${p.text}`);
  else block.parts.push(`${p.list === 'ordered' ? '1.' : '-'} ${p.text}`);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Paragraphs: a line starts one when it stands where an icon was (indented, capitalised), carries a
 * label, an answer or a list marker. Any other line continues the paragraph (extraction also puts
 * blank lines inside paragraphs, so blank lines decide nothing here).
 */
function paragraphs(lines: LayoutLine[], context: BlockContext): Paragraph[] {
  const found: Paragraph[] = [];
  for (const [i, line] of lines.entries()) {
    const label = blockLabel(line.text, context.markers);
    const answer = ANSWER.exec(line.text);
    const list = listMarker(line.text);
    const startsHere =
      found.length === 0 ||
      label ||
      (context.gapsEndParagraphs && line.gapBefore && /[.:;?!)”"]$/.test(lines[i - 1]?.text ?? '')) ||
      answer ||
      list ||
      (line.indented && /^[\p{Lu}“"‘'(…\d]/u.test(line.text));
    if (!startsHere) {
      found[found.length - 1]?.lines.push(line);
      continue;
    }
    const first = label
      ? label.rest
      : answer
        ? line.text.slice(answer[0].length)
        : list
          ? list.rest
          : line.text;
    found.push({
      at: { page: line.src.page, line: line.src.line },
      lines: [{ ...line, text: first }],
      text: '',
      ...(label ? { label: label.kind } : {}),
      ...(list ? { list: list.ordered ? ('ordered' as const) : ('unordered' as const) } : {}),
      ...(answer ? { answer: '' } : {}),
      width: 0,
      ownWidth: 0,
    });
  }
  for (const p of found) {
    p.text = joinLines(p.lines.map((l) => l.text));
    if (p.answer !== undefined) p.answer = p.text;
    // Capitals set wider than lower case, so a heading-like line says nothing about the box.
    const measured = p.lines.slice(0, -1).filter((l) => !isCaps(l.text));
    p.width = Math.max(0, ...measured.map((l) => collapseSpaces(l.src.text).length));
    p.ownWidth = p.width;
  }
  // A one-line lead-in ("There are two broad types …") sits in the box of the list that follows it.
  found.forEach((p, i) => {
    if (p.width > 0 || p.list) return;
    for (let j = i + 1; j < found.length && found[j]?.list; j++)
      p.width = Math.max(p.width, found[j]?.width ?? 0);
  });
  return found;
}
