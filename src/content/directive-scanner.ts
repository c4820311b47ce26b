/**
 * Splits a course file into its front matter and its `:::name{attrs}` … `:::` directives.
 * Tolerant: every structural mistake becomes a problem and scanning goes on.
 */
import { type Position, type Problem, problem } from './problem.ts';

const RE_FENCE = /^---\s*$/;
const RE_OPEN = /^:::\s*([A-Za-z][\w-]*)\s*(\{.*\})?\s*$/;
const RE_CLOSE = /^:::\s*$/;
const RE_COMMENT_OPEN = /^\s*<!--/;
const RE_COMMENT_CLOSE = /-->\s*$/;

export interface FrontMatter {
  text: string;
  /** 1-based line of the first YAML line. */
  line: number;
}

export interface RawDirective {
  name: string;
  /** The `{…}` text, empty when absent. */
  attributes: string;
  attributesAt: Position;
  at: Position;
  body: string;
  /** 1-based line of the first body line. */
  bodyLine: number;
}

export interface ScannedFile {
  frontMatter?: FrontMatter;
  directives: RawDirective[];
  problems: Problem[];
}

export function scanFile(file: string, text: string): ScannedFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const problems: Problem[] = [];
  const directives: RawDirective[] = [];
  const pos = (index: number, column = 1): Position => ({ file, line: index + 1, column });

  let start = 0;
  let frontMatter: FrontMatter | undefined;
  if (RE_FENCE.test(lines[0] ?? '')) {
    const end = lines.findIndex((l, i) => i > 0 && RE_FENCE.test(l));
    if (end === -1) {
      problems.push(problem('FRONT_MATTER_MISSING', pos(0), { reason: 'unclosed' }));
      return { directives, problems };
    }
    frontMatter = { text: lines.slice(1, end).join('\n'), line: 2 };
    start = end + 1;
  }

  let open: { name: string; attributes: string; index: number; column: number } | undefined;
  let bodyStart = 0;
  let inComment = false;
  let strayReported = false;

  const close = (endIndex: number) => {
    if (!open) return;
    directives.push({
      name: open.name,
      attributes: open.attributes,
      attributesAt: pos(open.index, open.column),
      at: pos(open.index),
      body: lines.slice(bodyStart, endIndex).join('\n'),
      // An empty body has no line of its own: its problems point at the opening line.
      bodyLine: bodyStart < endIndex ? bodyStart + 1 : open.index + 1,
    });
    open = undefined;
  };
  const openAt = (index: number, opening: RegExpExecArray, line: string) => {
    open = { name: opening[1] ?? '', attributes: opening[2] ?? '', index, column: attributesColumn(line) };
    bodyStart = index + 1;
  };

  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const opening = RE_OPEN.exec(line);
    if (open) {
      if (RE_CLOSE.test(line)) {
        close(i);
      } else if (opening) {
        problems.push(problem('DIRECTIVE_NESTED', pos(i), { name: opening[1] ?? '', outer: open.name }));
        close(i);
        openAt(i, opening, line);
      }
      continue;
    }
    if (inComment) {
      if (RE_COMMENT_CLOSE.test(line)) inComment = false;
      continue;
    }
    if (opening) {
      openAt(i, opening, line);
      strayReported = false;
    } else if (RE_CLOSE.test(line)) {
      problems.push(problem('CLOSE_WITHOUT_OPEN', pos(i)));
    } else if (RE_COMMENT_OPEN.test(line)) {
      inComment = !RE_COMMENT_CLOSE.test(line);
    } else if (line.trim() !== '') {
      // One report per run of stray lines is enough to find them.
      if (!strayReported) problems.push(problem('TEXT_OUTSIDE_BLOCK', pos(i, firstNonSpace(line))));
      strayReported = true;
      continue;
    }
    if (line.trim() === '') strayReported = false;
  }
  if (open) {
    problems.push(problem('DIRECTIVE_UNCLOSED', pos(open.index), { name: open.name }));
    close(lines.length);
  }
  return { ...(frontMatter ? { frontMatter } : {}), directives, problems };
}

function attributesColumn(line: string): number {
  const brace = line.indexOf('{');
  return brace === -1 ? 1 : brace + 1;
}

function firstNonSpace(line: string): number {
  return line.length - line.trimStart().length + 1;
}
