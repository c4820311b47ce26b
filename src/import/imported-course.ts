import type { BlockKind, SlideContent } from '../content/model.ts';
import type { ChartBody } from '../content/schemas.ts';

/** Where in the source a thing was found: page and line, as the report prints them. */
export interface SourcePlace {
  page: number;
  line: number;
}

/**
 * A place where the importer chose without certain evidence. `key` names a message in the catalogue
 * (`import.guess.*`); confidence is 0..1, and the report lists every guess so an author can check it.
 */
export interface Guess {
  at: SourcePlace;
  key: string;
  params: Record<string, string | number>;
  confidence: number;
}

export interface ImportedQuestion {
  text: string;
  answer?: string;
}

export interface ImportedBlock {
  kind: BlockKind;
  at: SourcePlace;
  /** Markdown paragraphs and list lines, in order. */
  parts: string[];
  /** For `questions`: the instruction and the questions with their expected answers. */
  questions?: { intro: string; items: ImportedQuestion[] };
  /** For a chart handout. */
  chart?: ChartBody & { id: string };
  /** Phrases the source set in bold colour inside the block (PDF input). */
  emphasis?: string[];
}

export interface ImportedSlide {
  at: SourcePlace;
  number: number;
  title: string;
  content: SlideContent[];
  chartId?: string;
  minutes: number;
  outcomes: string[];
  blocks: ImportedBlock[];
}

export interface ImportedSection {
  at: SourcePlace;
  number: number;
  title: string;
  blocks: ImportedBlock[];
  slides: ImportedSlide[];
}

export interface ImportedCourse {
  /** The metadata, in the shape of `course.md`'s front matter (checked by the parser afterwards). */
  meta: Record<string, unknown>;
  sections: ImportedSection[];
  guesses: Guess[];
}
