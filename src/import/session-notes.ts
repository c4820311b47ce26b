import { type LegendMarkers, slideMarker } from './block-vocabulary.ts';
import type { Guess, ImportedSection, ImportedSlide } from './imported-course.ts';
import { hasUnclosedBracket, joinLines } from './join-lines.ts';
import { type LayoutLine, placeOf } from './layout-line.ts';
import { markSlideWords } from './mark-slide-words.ts';
import { type BlockContext, sessionBlocks } from './session-blocks.ts';
import { markersLead, slideAfterMarker, slideRegion } from './slide-region.ts';
import { isCaps, sentenceCase } from './text-case.ts';

/**
 * The session notes: numbered sections, in them the slides (found by their "Slide N" markers) and,
 * after each slide, the instructor's blocks up to the next slide's picture.
 */
export interface SessionNotes {
  sections: ImportedSection[];
  guesses: Guess[];
}

interface Heading {
  index: number;
  end: number;
  number: number;
  title: string;
}

export function readSessionNotes(
  lines: LayoutLine[],
  context: {
    width: number;
    acronyms: ReadonlySet<string>;
    moduleTitle: string;
    markers: LegendMarkers;
    gapsEndParagraphs: boolean;
  },
): SessionNotes {
  const guesses: Guess[] = [];
  const headings = findHeadings(lines, context.acronyms);
  if (headings.length === 0 || (headings[0]?.index ?? 0) > 0) {
    // Text before the first heading (or a module without numbered sections) forms a section of its own.
    const firstIndex = headings[0]?.index ?? lines.length;
    if (lines.slice(0, firstIndex).some((l) => l.text !== '')) {
      headings.unshift({ index: 0, end: 0, number: 0, title: context.moduleTitle });
      guesses.push({
        at: placeOf(lines[0]),
        key: 'import.guess.implicitSection',
        params: { title: context.moduleTitle },
        confidence: 0.5,
      });
    }
  }
  const allMarkers = lines.flatMap((l, i) => (slideMarker(l.text) !== undefined ? [i] : []));
  const lead = markersLead(lines, allMarkers);
  const sections = headings.map((heading, h) => {
    const end = headings[h + 1]?.index ?? lines.length;
    const keyMessages = /\bkey\s+(messages|points)\b|\bsummary\b/i.test(heading.title);
    const blockContext = {
      width: context.width,
      keyMessages,
      markers: context.markers,
      gapsEndParagraphs: context.gapsEndParagraphs,
    };
    const markers: number[] = [];
    for (let i = heading.end; i < end; i++)
      if (slideMarker(lines[i]?.text ?? '') !== undefined) markers.push(i);
    const slides: ImportedSlide[] = [];
    let bodyStart = heading.end;
    let sectionBlocksEnd = end;
    let previous: { slide: ImportedSlide; bodyStart: number } | undefined;
    for (const marker of markers) {
      const led = lead ? slideAfterMarker(lines, marker, end) : undefined;
      const region = led ?? slideRegion(lines, bodyStart, marker);
      if (previous)
        previous.slide.blocks.push(
          ...blocksOf(lines.slice(previous.bodyStart, region.start), blockContext, guesses),
        );
      else sectionBlocksEnd = region.start;
      const markerLine = lines[marker];
      const number = slideMarker(markerLine?.text ?? '') ?? slides.length + 1;
      if (region.title === undefined) {
        guesses.push({
          at: placeOf(markerLine),
          key: 'import.guess.slideTitleFromSection',
          params: { slide: number },
          confidence: 0.5,
        });
      }
      const slide: ImportedSlide = {
        at: placeOf(lines[region.start] ?? markerLine),
        number,
        title: slideTitle(region.title ?? heading.title, context.acronyms),
        content: region.content,
        minutes: 0,
        outcomes: [],
        blocks: [],
        ...(region.chart ? { chartId: region.chart.id } : {}),
      };
      if (region.chart) {
        slide.blocks.push({ kind: 'handout', at: slide.at, parts: [], chart: region.chart });
        guesses.push({
          at: slide.at,
          key: 'import.guess.chart',
          params: { categories: region.chart.categories.length },
          confidence: 0.6,
        });
      }
      slides.push(slide);
      const after = led?.end ?? marker + 1;
      previous = { slide, bodyStart: after };
      bodyStart = after;
    }
    if (previous)
      previous.slide.blocks.push(...blocksOf(lines.slice(previous.bodyStart, end), blockContext, guesses));
    for (const slide of slides) markSlideWords(slide);
    const section: ImportedSection = {
      at: placeOf(lines[heading.index]),
      number: heading.number,
      title: heading.title,
      blocks: blocksOf(lines.slice(heading.end, sectionBlocksEnd), blockContext, guesses),
      slides,
    };
    return section;
  });
  return { sections, guesses };
}

function blocksOf(lines: LayoutLine[], context: BlockContext, guesses: Guess[]) {
  const result = sessionBlocks(lines, context);
  guesses.push(...result.guesses);
  return result.blocks;
}

function slideTitle(title: string, acronyms: ReadonlySet<string>): string {
  return isCaps(title) ? sentenceCase(title, { acronyms }) : title;
}

/** "2. THE REASONS FOR VIOLENCE", "Section 2: The reasons for violence", "Part B – Threats". */
function findHeadings(lines: LayoutLine[], acronyms: ReadonlySet<string>): Heading[] {
  const headings: Heading[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    const numbered = /^(\d{1,2})\.?\s+(.+)$/.exec(text);
    const named = /^(?:section|part|unit|lesson|topic)\s+(\d{1,2}|[A-Z]|[IVX]{1,4})\s*[:.–—-]\s*(.+)$/i.exec(
      text,
    );
    let number: number | undefined;
    let title: string | undefined;
    if (numbered?.[1] && numbered[2] && isCaps(numbered[2])) {
      number = Number(numbered[1]);
      title = numbered[2];
    } else if (named?.[1] && named[2] && !/[.;]$/.test(named[2]) && named[2].length <= 90) {
      number = /^\d+$/.test(named[1]) ? Number(named[1]) : headings.length + 1;
      title = named[2];
    }
    if (number === undefined || title === undefined) continue;
    let end = i + 1;
    // A capitalised heading wrapped over two lines: "… (AND WHERE" / "DO PEACEKEEPERS FIT)?"
    const next = lines[end]?.text ?? '';
    if (
      isCaps(title) &&
      isCaps(next) &&
      (hasUnclosedBracket(title) || /\b(of|and|the|to|where|for|in|a)$/i.test(title))
    ) {
      title = joinLines([title, next]);
      end += 1;
    }
    const cased = isCaps(title) ? sentenceCase(title, { acronyms }) : title;
    headings.push({ index: i, end, number, title: cased.replace(/\s+/g, ' ').trim() });
  }
  return headings;
}
