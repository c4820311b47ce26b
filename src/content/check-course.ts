/** Course-wide checks that need the whole course: ids, references, outcomes, timing and answers. */

import { shortOutcomes } from './assessment.ts';
import { slideWords } from './markdown.ts';
import {
  type Activity,
  allActivities,
  allBlocks,
  allSlides,
  type Course,
  findChart,
  type Item,
  type ListItem,
  type Slide,
} from './model.ts';
import type { ParseResult } from './parse-course.ts';
import { type Position, type Problem, problem, sortProblems } from './problem.ts';

export interface CheckResult {
  course?: Course;
  problems: Problem[];
}

export function checkCourse(parsed: ParseResult): CheckResult {
  const { course } = parsed;
  const problems = [...parsed.problems];
  if (course) {
    problems.push(
      ...duplicateIds(course),
      ...unresolvedReferences(course, parsed),
      ...unservedOutcomes(course),
      ...durationMismatch(course, parsed.anchors.duration),
      ...[...allActivities(course), ...course.items].flatMap(answerProblems),
      ...allSlides(course).flatMap(slideWordsProblems),
      ...shortOutcomes(course).map((o) =>
        problem('ASSESSMENT_SHORT', parsed.anchors.assessment, {
          id: o.id,
          available: o.available,
          needed: o.needed,
        }),
      ),
    );
  }
  return { ...(course ? { course } : {}), problems: sortProblems(problems) };
}

function idsWithPlaces(course: Course): { id: string; at: Position }[] {
  const withId = <T extends { id?: string | undefined; at: Position }>(xs: T[]) =>
    xs.flatMap((x) => (x.id ? [{ id: x.id, at: x.at }] : []));
  return [
    ...withId(course.outcomes),
    ...withId(course.sections),
    ...withId(allSlides(course)),
    ...withId(allBlocks(course)),
    ...withId(allActivities(course)),
    ...withId(course.items),
  ];
}

function duplicateIds(course: Course): Problem[] {
  const first = new Map<string, Position>();
  const problems: Problem[] = [];
  for (const { id, at } of idsWithPlaces(course)) {
    const earlier = first.get(id);
    if (earlier) {
      problems.push(problem('DUPLICATE_ID', at, { id, first: `${earlier.file}:${earlier.line}` }));
    } else {
      first.set(id, at);
    }
  }
  return problems;
}

function unresolvedReferences(course: Course, parsed: ParseResult): Problem[] {
  const ids = new Set(idsWithPlaces(course).map((x) => x.id));
  const outcomes = new Set(course.outcomes.map((o) => o.id));
  const slides = new Set(allSlides(course).map((s) => s.id));
  const problems: Problem[] = [];
  for (const ref of parsed.references) {
    if (ref.kind === 'outcome' && !outcomes.has(ref.id)) {
      problems.push(problem('OUTCOME_UNDECLARED', ref.at, { id: ref.id }));
    } else if (ref.kind === 'link' && !ids.has(ref.id)) {
      problems.push(problem('LINK_BROKEN', ref.at, { id: ref.id }));
    } else if (ref.kind === 'chart' && !findChart(course, ref.id)) {
      problems.push(problem('LINK_BROKEN', ref.at, { id: ref.id }));
    } else if (ref.kind === 'slide' && !slides.has(ref.id)) {
      problems.push(problem('LINK_BROKEN', ref.at, { id: ref.id }));
    }
  }
  return problems;
}

function unservedOutcomes(course: Course): Problem[] {
  const served = new Set(
    [...allSlides(course), ...allActivities(course), ...course.items].flatMap((x) => x.outcomes),
  );
  return course.outcomes
    .filter((o) => !served.has(o.id))
    .map((o) => problem('OUTCOME_UNSERVED', o.at, { id: o.id }));
}

function durationMismatch(course: Course, at: Position): Problem[] {
  const planned = course.meta.duration.lecture;
  const slides = allSlides(course).reduce((sum, s) => sum + s.minutes, 0);
  return planned === slides ? [] : [problem('DURATION_MISMATCH', at, { planned, slides })];
}

function answerProblems(a: Activity | Item): Problem[] {
  const missing = (detail: string) => [problem('ANSWER_MISSING', a.at, { id: a.id, type: a.type, detail })];
  switch (a.type) {
    case 'single-choice': {
      const correct = a.options.filter((o) => o.correct).length;
      return correct === 1 ? [] : missing('exactly-one-correct');
    }
    case 'multiple-choice':
      return a.options.some((o) => o.correct) ? [] : missing('at-least-one-correct');
    case 'true-false':
      return a.answer === undefined ? missing('answer') : [];
    case 'short-answer':
      return a.answer === undefined ? missing('answer') : [];
    case 'match':
      return a.pairs && a.pairs.length >= 2 ? [] : missing('pairs');
    case 'order':
      return a.items && a.items.length >= 2 ? [] : missing('items');
    case 'sort':
    case 'classify': {
      // A sort over a chart takes its categories and items from the chart (LINK_BROKEN covers a bad id).
      if ('chartId' in a && a.chartId) return [];
      if (!a.categories || !a.items) return missing('categories-and-items');
      const declared = new Set(a.categories.map((c) => c.id));
      const problems: Problem[] = [];
      for (const item of a.items) {
        if (item.category === undefined) problems.push(...missing('category'));
        else if (!declared.has(item.category)) {
          problems.push(problem('CATEGORY_UNKNOWN', a.at, { id: a.id, category: item.category }));
        }
      }
      return problems;
    }
    default:
      return [];
  }
}

/** Every `==phrase==` in a slide's speaking points must be words the slide shows. */
function slideWordsProblems(slide: Slide): Problem[] {
  const shown = normalise(slideText(slide));
  const problems: Problem[] = [];
  for (const block of slide.blocks) {
    if (block.kind !== 'speaking') continue;
    for (const words of slideWords(block.markdown)) {
      if (!shown.includes(normalise(words.value))) {
        problems.push(
          problem(
            'SLIDE_WORDS_NOT_ON_SLIDE',
            { file: block.at.file, line: block.at.line + 1 + words.line, column: words.column },
            { words: words.value, slide: slide.id },
          ),
        );
      }
    }
  }
  return problems;
}

/** Everything a slide shows, as one string: its title and every bullet, quote, paragraph and cell. */
export function slideText(slide: Pick<Slide, 'title' | 'content'>): string {
  const parts: string[] = [slide.title];
  const walk = (items: ListItem[]) => {
    for (const i of items) {
      parts.push(i.text);
      walk(i.children);
    }
  };
  for (const c of slide.content) {
    if (c.type === 'bullets') walk(c.items);
    else if (c.type === 'table') parts.push(...c.rows.flat());
    else parts.push(c.text);
  }
  return parts.join(' ');
}

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
