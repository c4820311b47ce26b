import { slideText } from '../content/check-course.ts';
import type { ImportedCourse, ImportedSlide } from './imported-course.ts';

/**
 * What the source does not say per slide but the format needs: planned minutes (the lecture's time
 * shared by how much the instructor has to say at each slide, at least a minute each) and the
 * outcomes each slide serves (each outcome goes to the section whose words it shares most). Both are
 * guesses, listed in the report.
 */
export function planSlides(course: ImportedCourse): void {
  ensureSlides(course);
  uniqueChartIds(course);
  const slides = course.sections.flatMap((s) => s.slides);
  if (slides.length === 0) return;
  const duration = course.meta.duration as { lecture: number; discussion: number };
  if (duration.lecture < slides.length) {
    course.guesses.push({
      at: slides[0]?.at ?? { page: 1, line: 1 },
      key: 'import.guess.lectureMinutes',
      params: { found: duration.lecture, used: slides.length },
      confidence: 0.2,
    });
    duration.lecture = slides.length;
  }
  shareMinutes(slides, duration.lecture);
  course.guesses.push({
    at: slides[0]?.at ?? { page: 1, line: 1 },
    key: 'import.guess.minutes',
    params: { slides: slides.length, minutes: duration.lecture },
    confidence: 0.4,
  });
  assignOutcomes(course);
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z]{4,}/g) ?? [];
}

function slideWords(slide: ImportedSlide): string[] {
  const blocks = slide.blocks.map((b) =>
    [...b.parts, b.questions?.intro ?? '', ...(b.questions?.items.map((q) => q.text) ?? [])].join(' '),
  );
  return words([slideText(slide), ...blocks].join(' '));
}

/** Largest remainder: each slide at least one minute, the rest by words, summing exactly to `total`. */
function shareMinutes(slides: ImportedSlide[], total: number): void {
  const weights = slides.map((s) => Math.max(1, slideWords(s).length));
  const spare = total - slides.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (spare * w) / sum);
  const floors = exact.map(Math.floor);
  let left = spare - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  slides.forEach((slide, i) => {
    slide.minutes = 1 + (floors[i] ?? 0);
  });
}

const COMMON = new Set([
  'explain',
  'describe',
  'identify',
  'range',
  'will',
  'able',
  'that',
  'with',
  'their',
  'they',
  'this',
  'from',
  'have',
  'peacekeeping',
]);

function assignOutcomes(course: ImportedCourse): void {
  const outcomes = (course.meta.outcomes as { list: { id: string; text: string }[] }).list;
  const sections = course.sections.filter((s) => s.slides.length > 0);
  const frequency = new Map<string, number>();
  // A slide that lists the outcomes themselves ("Learning Outcomes") would win every outcome.
  const listsOutcomes = (slide: ImportedSlide): boolean => {
    const have = new Set(slideWords(slide));
    const covered = outcomes.filter((o) => {
      const own = words(o.text);
      return own.filter((w) => have.has(w)).length >= 0.7 * own.length;
    });
    return covered.length >= Math.max(2, outcomes.length / 2);
  };
  const sectionWords = sections.map(
    (s) =>
      new Set(
        [...words(s.title), ...s.slides.filter((sl) => !listsOutcomes(sl)).flatMap(slideWords)].map(stem),
      ),
  );
  for (const set of sectionWords) for (const w of set) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const titleWords = sections.map((s) => new Set(words(s.title).map(stem)));
  const titleFrequency = new Map<string, number>();
  for (const set of titleWords) for (const w of set) titleFrequency.set(w, (titleFrequency.get(w) ?? 0) + 1);
  for (const outcome of outcomes) {
    const keys = [...new Set(words(outcome.text).map(stem))].filter((w) => !COMMON.has(w));
    let best = { index: -1, score: 0 };
    sections.forEach((_, i) => {
      const have = sectionWords[i] ?? new Set<string>();
      const title = titleWords[i] ?? new Set<string>();
      // Rarer words weigh more ("threats" says more than "civilians" in a module about civilians),
      // and a word of the section's title more than one of its notes.
      const score = keys.reduce(
        (sum, w) =>
          sum +
          (have.has(w) ? 1 / (frequency.get(w) ?? 1) : 0) +
          (title.has(w) ? 4 / (titleFrequency.get(w) ?? 1) : 0),
        0,
      );
      if (score > best.score) best = { index: i, score };
    });
    const section = sections[best.index] ?? sections[0];
    if (!section) continue;
    for (const slide of section.slides)
      if (!slide.outcomes.includes(outcome.id)) slide.outcomes.push(outcome.id);
    course.guesses.push({
      at: section.at,
      key: 'import.guess.outcome',
      params: { outcome: outcome.id, section: section.title },
      confidence: Math.min(0.9, best.score / Math.max(1, keys.length) + 0.2),
    });
  }
}

function stem(word: string): string {
  return word.replace(/(ies|es|s)$/, '');
}

/**
 * A module without slides (discussion-based notes) still needs something to present and to hang its
 * outcomes and minutes on: each section gets a title slide, and the report says so.
 */
function ensureSlides(course: ImportedCourse): void {
  if (course.sections.some((s) => s.slides.length > 0)) return;
  if (course.sections.length === 0) {
    course.sections.push({
      at: { page: 1, line: 1 },
      number: 1,
      title: String(course.meta.title),
      blocks: [],
      slides: [],
    });
  }
  course.sections.forEach((section, i) => {
    section.slides.push({
      at: section.at,
      number: i + 1,
      title: section.title,
      content: [],
      minutes: 0,
      outcomes: [],
      blocks: [],
    });
  });
  course.guesses.push({
    at: course.sections[0]?.at ?? { page: 1, line: 1 },
    key: 'import.guess.sectionSlides',
    params: { slides: course.sections.length },
    confidence: 0.3,
  });
}

/** Chart ids come from their captions ("CHART 1.1"); two charts with one caption get numbered. */
function uniqueChartIds(course: ImportedCourse): void {
  const used = new Set<string>();
  for (const slide of course.sections.flatMap((s) => s.slides)) {
    for (const block of slide.blocks) {
      if (!block.chart) continue;
      let id = block.chart.id;
      for (let n = 2; used.has(id); n++) id = `${block.chart.id}-${n}`;
      used.add(id);
      if (slide.chartId === block.chart.id) slide.chartId = id;
      block.chart.id = id;
    }
  }
}
