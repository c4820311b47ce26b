/**
 * A course as the importer is judged on it: the flat list of blocks, in reading order, that a
 * reader of the source document would find. Both the curated reference and the import go through
 * this one function, so they are compared on equal terms.
 *
 * Left out, because they are not in the source document and no importer could find them:
 * blocks marked `source=addition` (written by Lectern's authors), activities (Lectern's interactive
 * additions), assessment items and mission packs.
 */
import type { Block, Course, ListItem, Slide, SlideContent } from '../../content/model.ts';
import type { Metadata } from '../../content/schemas.ts';

export interface EvalBlock {
  /** A metadata field name (`aim`, `outcomes`, …), `section`, `slide`, or a block kind (`speaking`, …). */
  kind: string;
  /** Plain text: no Markdown markup, whitespace collapsed. */
  text: string;
  /** Where a human finds it, e.g. `sections/02-reasons-for-violence.md:14` or `course.md#aim`. */
  where: string;
}

/** The metadata fields that hold source text, in the order instructor notes give them. */
export const METADATA_BLOCK_KINDS = [
  'aim',
  'audience',
  'outcomes',
  'trainingSequence',
  'duration',
  'methodology',
  'instructorProfile',
  'instructorPreparations',
  'equipment',
  'materials',
  'participantPreparations',
  'additionalResources',
  'materialsReferenced',
  'legend',
] as const satisfies readonly (keyof Metadata)[];

/** Keys whose values Lectern's authors choose (slugs, link liveness) rather than copy from the source. */
const LECTERN_ONLY_KEYS = new Set(['id', 'urlStatus']);

export function courseBlocks(course: Course): EvalBlock[] {
  const blocks: EvalBlock[] = [];
  const add = (kind: string, parts: readonly string[], where: string) => {
    const text = plainText(parts.join(' '));
    // An empty field (e.g. `equipment: []`) holds nothing an importer could find.
    if (text !== '') blocks.push({ kind, text, where });
  };

  for (const field of METADATA_BLOCK_KINDS) {
    const value = course.meta[field];
    if (value !== undefined) add(field, metadataStrings(value), `course.md#${field}`);
  }
  for (const section of course.sections) {
    add('section', [section.title], `${section.at.file}:${section.at.line}`);
    for (const block of section.blocks) addBlock(block, add);
    for (const slide of section.slides) {
      add('slide', slideStrings(slide), `${slide.at.file}:${slide.at.line}`);
      for (const block of slide.blocks) addBlock(block, add);
    }
  }
  return blocks;
}

type Add = (kind: string, parts: readonly string[], where: string) => void;

function addBlock(block: Block, add: Add): void {
  if (block.addition) return;
  add(block.kind, blockStrings(block), `${block.at.file}:${block.at.line}`);
}

function blockStrings(block: Block): string[] {
  switch (block.kind) {
    case 'questions':
      return [block.intro, ...block.questions.flatMap((q) => [q.text, q.answer ?? ''])];
    case 'key-points':
      return [block.intro, ...listStrings(block.points)];
    case 'handout': {
      const chart = block.chart;
      if (!chart) return [block.markdown];
      return [
        chart.title,
        chart.note ?? '',
        chart.source ?? '',
        ...chart.categories.flatMap((c) => [c.label, ...c.items]),
      ];
    }
    default:
      return [block.markdown];
  }
}

function slideStrings(slide: Slide): string[] {
  return [slide.title, ...slide.content.flatMap(contentStrings)];
}

function contentStrings(content: SlideContent): string[] {
  switch (content.type) {
    case 'bullets':
      return listStrings(content.items);
    case 'table':
      return content.rows.flat();
    default:
      return [content.text];
  }
}

function listStrings(items: readonly ListItem[]): string[] {
  return items.flatMap((item) => [item.text, ...listStrings(item.children)]);
}

/** Every string and number inside a metadata value, depth first; object keys are not source text. */
function metadataStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(metadataStrings);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) =>
      LECTERN_ONLY_KEYS.has(key) ? [] : metadataStrings(v),
    );
  }
  return [];
}

const RE_SLIDE_WORDS = /==([^=]+)==/g;
const RE_BOLD = /\*\*([^*]+)\*\*/g;
const RE_ITALIC = /(^|[^\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?!\w)/g;
const RE_LINK = /\[([^\]]*)\]\([^)\s]*\)/g;
const RE_LIST_MARKER = /^\s*(?:[-*+]|\d+[.)])\s+/gm;
const RE_QUOTE_MARKER = /^\s*>\s?/gm;
const RE_WHITESPACE = /[\s\u00a0]+/g;

/** Markdown as a reader sees it: markup removed, whitespace (NBSP included) collapsed to single spaces. */
export function plainText(markdown: string): string {
  return markdown
    .replace(RE_LIST_MARKER, '')
    .replace(RE_QUOTE_MARKER, '')
    .replace(RE_SLIDE_WORDS, '$1')
    .replace(RE_BOLD, '$1')
    .replace(RE_ITALIC, '$1$2')
    .replace(RE_LINK, '$1')
    .replace(RE_WHITESPACE, ' ')
    .trim();
}
