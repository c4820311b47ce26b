/** The typed course model that every part of Lectern reads. Plain data: no methods, no I/O. */
import type { Position } from './problem.ts';
import type { ChartBody, Interaction, Metadata } from './schemas.ts';

/** The ten kinds of the source's symbols legend, by directive name, in legend order. */
export const BLOCK_KINDS = [
  'note',
  'speaking',
  'mission',
  'example',
  'questions',
  'handout',
  'film',
  'core-activity',
  'optional-activity',
  'key-points',
] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export const AUDIENCE_TAGS = ['operational', 'tactical', 'military', 'police', 'civilian'] as const;
export type AudienceTag = (typeof AUDIENCE_TAGS)[number];

export interface ListItem {
  text: string;
  children: ListItem[];
}

interface Placed {
  /** Where the directive opens. */
  at: Position;
  id?: string;
  audience: AudienceTag[];
  outcomes: string[];
  /** Set when the block is written by Lectern's authors rather than taken from the source document. */
  addition?: { cite: string };
}

export interface TextBlock extends Placed {
  kind: Exclude<BlockKind, 'questions' | 'handout' | 'key-points'>;
  markdown: string;
}

export interface Question {
  text: string;
  answer?: string;
}

export interface QuestionsBlock extends Placed {
  kind: 'questions';
  markdown: string;
  intro: string;
  questions: Question[];
}

export interface KeyPointsBlock extends Placed {
  kind: 'key-points';
  markdown: string;
  intro: string;
  points: ListItem[];
}

export interface Chart extends ChartBody {
  id: string;
}

export interface HandoutBlock extends Placed {
  kind: 'handout';
  markdown: string;
  chart?: Chart;
}

export type Block = TextBlock | QuestionsBlock | KeyPointsBlock | HandoutBlock;

export type SlideContent =
  | { type: 'bullets'; items: ListItem[] }
  | { type: 'quote'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'table'; rows: string[][] };

export type Activity = Placed & { id: string; chartId?: string } & Interaction;

export type Item = Placed & { id: string; slideId: string; feedback: string; cite: string } & Interaction;

export interface Slide {
  at: Position;
  id: string;
  /** 1-based, in reading order across the course. */
  number: number;
  title: string;
  content: SlideContent[];
  chartId?: string;
  minutes: number;
  outcomes: string[];
  audience: AudienceTag[];
  blocks: Block[];
  activities: Activity[];
}

export interface Section {
  at: Position;
  id: string;
  number: number;
  title: string;
  /** Blocks and activities that come before the section's first slide. */
  blocks: Block[];
  activities: Activity[];
  slides: Slide[];
}

export interface Outcome {
  at: Position;
  id: string;
  text: string;
}

/** Mission-specific points for one mission (e.g. the Carana scenario), shown at the slides they name. */
export interface MissionPack {
  at: Position;
  id: string;
  name: string;
  description: string;
  points: MissionPoint[];
}

export interface MissionPoint {
  at: Position;
  slideId: string;
  block: TextBlock;
}

export interface Course {
  meta: Metadata;
  outcomes: Outcome[];
  sections: Section[];
  items: Item[];
  missions: MissionPack[];
}

export interface SourceFile {
  /** Path relative to the course folder, with forward slashes; used in problem positions. */
  path: string;
  text: string;
}

export function allSlides(course: Course): Slide[] {
  return course.sections.flatMap((s) => s.slides);
}

export function allActivities(course: Course): Activity[] {
  return course.sections.flatMap((s) => [...s.activities, ...s.slides.flatMap((sl) => sl.activities)]);
}

export function allBlocks(course: Course): Block[] {
  return course.sections.flatMap((s) => [...s.blocks, ...s.slides.flatMap((sl) => sl.blocks)]);
}

export function findChart(course: Course, id: string): Chart | undefined {
  for (const block of allBlocks(course)) {
    if (block.kind === 'handout' && block.chart?.id === id) return block.chart;
  }
  return undefined;
}
