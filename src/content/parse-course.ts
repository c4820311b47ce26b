/**
 * The pure course parser: source files in, typed course and problems out. No file system here;
 * `src/files/` reads folders, and this is what every other part calls.
 */

import type { z } from 'zod';
import { type Attributes, parseAttributes, spaceList } from './attributes.ts';
import { type RawDirective, scanFile } from './directive-scanner.ts';
import { internalLinks, parseList, parseQuestions, parseSlideBody, splitIntroAndList } from './markdown.ts';
import {
  type Activity,
  AUDIENCE_TAGS,
  type AudienceTag,
  BLOCK_KINDS,
  type Block,
  type BlockKind,
  type Course,
  type Item,
  type MissionPack,
  type MissionPoint,
  type Outcome,
  type Section,
  type Slide,
  type SourceFile,
} from './model.ts';
import { type Position, type Problem, problem } from './problem.ts';
import {
  chartSchema,
  INTERACTION_TYPES,
  type Interaction,
  type InteractionType,
  ITEM_TYPES,
  interactionSchemas,
  itemExtras,
  metadataSchema,
  missionFrontMatterSchema,
  sectionFrontMatterSchema,
} from './schemas.ts';
import { parseYaml } from './yaml-data.ts';

export const COURSE_FILE = 'course.md';
const RE_SECTION_FILE = /^sections\/[^/]+\.md$/;
const RE_ITEM_FILE = /^items\/[^/]+\.md$/;
const RE_MISSION_FILE = /^missions\/[^/]+\.md$/;

/** A place in the text that names an id, to be resolved once the whole course is known. */
export interface Reference {
  kind: 'outcome' | 'link' | 'chart' | 'slide';
  id: string;
  at: Position;
}

export interface ParseResult {
  course?: Course;
  problems: Problem[];
  references: Reference[];
  /** Where the checker points for course-wide problems. */
  anchors: { duration: Position; legend: Position; assessment: Position };
}

const COMMON_ATTRIBUTES = ['id', 'audience', 'outcomes', 'source', 'cite'];
const DIRECTIVE_ATTRIBUTES: Record<string, readonly string[]> = {
  slide: [...COMMON_ATTRIBUTES, 'minutes', 'chart'],
  activity: [...COMMON_ATTRIBUTES, 'type', 'chart'],
  item: [...COMMON_ATTRIBUTES, 'type', 'slide'],
  handout: [...COMMON_ATTRIBUTES, 'format'],
  mission: [...COMMON_ATTRIBUTES, 'slide'],
};

export function parseCourse(files: readonly SourceFile[]): ParseResult {
  const problems: Problem[] = [];
  const references: Reference[] = [];
  const origin = { file: COURSE_FILE, line: 1, column: 1 };
  const anchors = { duration: origin, legend: origin, assessment: origin };

  const courseFile = files.find((f) => f.path === COURSE_FILE);
  if (!courseFile) {
    problems.push(problem('COURSE_FILE_MISSING', origin, { file: COURSE_FILE }));
  }
  const meta = courseFile ? parseMetadata(courseFile, problems, anchors) : undefined;

  const sections = files
    .filter((f) => RE_SECTION_FILE.test(f.path))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((f) => parseSection(f, problems, references))
    .filter((s): s is Section => s !== undefined);
  let number = 0;
  for (const slide of sections.flatMap((s) => s.slides)) slide.number = ++number;

  const items = files
    .filter((f) => RE_ITEM_FILE.test(f.path))
    .sort((a, b) => a.path.localeCompare(b.path))
    .flatMap((f) => parseItemFile(f, problems, references));

  const missions = files
    .filter((f) => RE_MISSION_FILE.test(f.path))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((f) => parseMissionFile(f, problems, references))
    .filter((m): m is MissionPack => m !== undefined);

  if (!meta) return { problems, references, anchors };
  return {
    course: { meta: meta.data, outcomes: meta.outcomes, sections, items, missions },
    problems,
    references,
    anchors,
  };
}

function parseMetadata(file: SourceFile, problems: Problem[], anchors: ParseResult['anchors']) {
  const front = scanWithFrontMatter(file, metadataSchema, problems);
  if (!front) return undefined;
  const parsed = front.head;
  anchors.duration = parsed.locate(['duration', 'lecture']);
  anchors.legend = parsed.locate(['legend']);
  anchors.assessment = parsed.locateKey(['assessment', 'itemsPerOutcome']);
  if (!parsed.data) return undefined;
  const data = parsed.data;
  for (const kind of Object.keys(data.legend)) {
    if (!(BLOCK_KINDS as readonly string[]).includes(kind)) {
      problems.push(problem('UNKNOWN_BLOCK_KIND', parsed.locateKey(['legend', kind]), { kind }));
    }
  }
  for (const kind of BLOCK_KINDS) {
    if (!(kind in data.legend)) problems.push(problem('LEGEND_INCOMPLETE', anchors.legend, { kind }));
  }
  const outcomes: Outcome[] = data.outcomes.list.map((o, i) => ({
    ...o,
    at: parsed.locate(['outcomes', 'list', i, 'id']),
  }));
  return { data, outcomes };
}

/**
 * Scans a file that must open with front matter, and validates the front matter by its schema.
 * Undefined when the file has none (reported); `head.data` is undefined when it does not validate.
 */
function scanWithFrontMatter<S extends z.ZodType>(file: SourceFile, schema: S, problems: Problem[]) {
  const scanned = scanFile(file.path, file.text);
  problems.push(...scanned.problems);
  const start = { file: file.path, line: 1, column: 1 };
  if (!scanned.frontMatter) {
    problems.push(problem('FRONT_MATTER_MISSING', start, { reason: 'absent' }));
    return undefined;
  }
  const head = parseYaml(
    scanned.frontMatter.text,
    { file: file.path, line: scanned.frontMatter.line },
    schema,
  );
  problems.push(...head.problems);
  return { scanned, head, start };
}

function parseSection(file: SourceFile, problems: Problem[], references: Reference[]): Section | undefined {
  const read = scanWithFrontMatter(file, sectionFrontMatterSchema, problems);
  if (!read) return undefined;
  const { scanned, head, start } = read;
  const section: Section = {
    at: start,
    id: head.data?.id ?? file.path,
    number: head.data?.number ?? 0,
    title: head.data?.title ?? '',
    blocks: [],
    activities: [],
    slides: [],
  };
  const ctx = { problems, references };
  for (const raw of scanned.directives) {
    const current = section.slides.at(-1);
    if (raw.name === 'slide') {
      const slide = buildSlide(raw, ctx);
      if (slide) section.slides.push(slide);
    } else if (raw.name === 'activity') {
      const activity = buildActivity(raw, ctx);
      if (activity) (current ?? section).activities.push(activity);
    } else if ((BLOCK_KINDS as readonly string[]).includes(raw.name)) {
      const block = buildBlock(raw, raw.name as BlockKind, ctx);
      if (block) (current ?? section).blocks.push(block);
    } else {
      problems.push(problem('UNKNOWN_DIRECTIVE', raw.at, { name: raw.name, where: 'section' }));
    }
  }
  return section;
}

function parseItemFile(file: SourceFile, problems: Problem[], references: Reference[]): Item[] {
  const scanned = scanFile(file.path, file.text);
  problems.push(...scanned.problems);
  const items: Item[] = [];
  for (const raw of scanned.directives) {
    if (raw.name !== 'item') {
      problems.push(problem('UNKNOWN_DIRECTIVE', raw.at, { name: raw.name, where: 'items' }));
      continue;
    }
    const item = buildItem(raw, { problems, references });
    if (item) items.push(item);
  }
  return items;
}

/** A mission pack: front matter naming the mission, then `:::mission{slide=…}` points. */
function parseMissionFile(
  file: SourceFile,
  problems: Problem[],
  references: Reference[],
): MissionPack | undefined {
  const read = scanWithFrontMatter(file, missionFrontMatterSchema, problems);
  const mission = read?.head.data;
  if (!read || !mission) return undefined;
  const { scanned, start } = read;
  const points: MissionPoint[] = [];
  const ctx = { problems, references };
  for (const raw of scanned.directives) {
    if (raw.name !== 'mission') {
      problems.push(problem('UNKNOWN_DIRECTIVE', raw.at, { name: raw.name, where: 'missions' }));
      continue;
    }
    const block = buildBlock(raw, 'mission', ctx);
    const slideId = parseAttributes(raw.attributes, raw.attributesAt).values.get('slide');
    if (!slideId) {
      problems.push(problem('METADATA_MISSING', raw.attributesAt, { field: 'slide' }));
      continue;
    }
    references.push({ kind: 'slide', id: slideId, at: raw.attributesAt });
    if (block?.kind === 'mission') points.push({ at: raw.at, slideId, block });
  }
  return { at: start, ...mission, points };
}

interface Context {
  problems: Problem[];
  references: Reference[];
}

/** Attributes every directive shares; reports unknown keys and tags, and records outcome references. */
function placed(raw: RawDirective, ctx: Context) {
  const attrs = parseAttributes(raw.attributes, raw.attributesAt);
  ctx.problems.push(...attrs.problems);
  const allowed = DIRECTIVE_ATTRIBUTES[raw.name] ?? COMMON_ATTRIBUTES;
  for (const key of attrs.values.keys()) {
    if (!allowed.includes(key)) {
      ctx.problems.push(problem('ATTRIBUTE_INVALID', attributeAt(raw, attrs, key), { text: key }));
    }
  }
  const audience: AudienceTag[] = [];
  for (const tag of spaceList(attrs.values.get('audience'))) {
    if ((AUDIENCE_TAGS as readonly string[]).includes(tag)) audience.push(tag as AudienceTag);
    else ctx.problems.push(problem('ATTRIBUTE_INVALID', attributeAt(raw, attrs, 'audience'), { text: tag }));
  }
  const outcomes = spaceList(attrs.values.get('outcomes'));
  for (const id of outcomes)
    ctx.references.push({ kind: 'outcome', id, at: attributeAt(raw, attrs, 'outcomes') });

  const source = attrs.values.get('source');
  const cite = attrs.values.get('cite');
  if (source !== undefined && source !== 'addition') {
    ctx.problems.push(
      problem('ATTRIBUTE_INVALID', attributeAt(raw, attrs, 'source'), { text: `source=${source}` }),
    );
  }
  if (source === 'addition' && !cite) ctx.problems.push(problem('ADDITION_UNCITED', raw.at));

  const id = attrs.values.get('id');
  return {
    attrs,
    base: {
      at: raw.at,
      ...(id ? { id } : {}),
      audience,
      outcomes,
      ...(source === 'addition' && cite ? { addition: { cite } } : {}),
    },
  };
}

function attributeAt(raw: RawDirective, _attrs: Attributes, key: string): Position {
  const needle = key === 'id' ? '#' : `${key}=`;
  const offset = raw.attributes.indexOf(needle);
  return offset >= 0 ? { ...raw.attributesAt, column: raw.attributesAt.column + offset } : raw.attributesAt;
}

function bodyPosition(raw: RawDirective, line: number, column: number): Position {
  return { file: raw.at.file, line: raw.bodyLine + line, column };
}

function recordLinks(raw: RawDirective, ctx: Context) {
  for (const link of internalLinks(raw.body)) {
    ctx.references.push({ kind: 'link', id: link.value, at: bodyPosition(raw, link.line, link.column) });
  }
}

function buildSlide(raw: RawDirective, ctx: Context): Slide | undefined {
  const { attrs, base } = placed(raw, ctx);
  const body = parseSlideBody(raw.body);
  if (body.title === undefined) ctx.problems.push(problem('SLIDE_TITLE_MISSING', raw.at));
  const minutesText = attrs.values.get('minutes');
  const minutes = Number(minutesText);
  if (minutesText === undefined) {
    ctx.problems.push(problem('METADATA_MISSING', raw.attributesAt, { field: 'minutes' }));
  } else if (!Number.isFinite(minutes) || minutes < 0) {
    ctx.problems.push(
      problem('FIELD_INVALID', attributeAt(raw, attrs, 'minutes'), { field: 'minutes', expected: 'number' }),
    );
  }
  const chartId = attrs.values.get('chart');
  if (chartId) ctx.references.push({ kind: 'chart', id: chartId, at: attributeAt(raw, attrs, 'chart') });
  recordLinks(raw, ctx);
  return {
    at: raw.at,
    id: base.id ?? `slide@${raw.at.file}:${raw.at.line}`,
    number: 0,
    title: body.title ?? '',
    content: body.content,
    ...(chartId ? { chartId } : {}),
    minutes: Number.isFinite(minutes) && minutes >= 0 ? minutes : 0,
    outcomes: base.outcomes,
    audience: base.audience,
    blocks: [],
    activities: [],
  };
}

function buildBlock(raw: RawDirective, kind: BlockKind, ctx: Context): Block | undefined {
  const { attrs, base } = placed(raw, ctx);
  const markdown = raw.body.trim();
  if (kind === 'handout' && attrs.values.get('format') === 'chart') {
    if (!base.id) ctx.problems.push(problem('METADATA_MISSING', raw.attributesAt, { field: 'id' }));
    const parsed = parseYaml(raw.body, { file: raw.at.file, line: raw.bodyLine }, chartSchema);
    ctx.problems.push(...parsed.problems);
    if (!parsed.data) return undefined;
    return { ...base, kind, markdown: '', chart: { id: base.id ?? '', ...parsed.data } };
  }
  recordLinks(raw, ctx);
  switch (kind) {
    case 'questions':
      return { ...base, kind, markdown, ...parseQuestions(markdown) };
    case 'key-points': {
      const { intro, list } = splitIntroAndList(markdown);
      return { ...base, kind, markdown, intro, points: parseList(list) };
    }
    case 'handout':
      return { ...base, kind, markdown };
    default:
      return { ...base, kind, markdown };
  }
}

function interaction(
  raw: RawDirective,
  attrs: Attributes,
  allowed: readonly InteractionType[],
  extras: boolean,
  ctx: Context,
): Interaction | undefined {
  const type = attrs.values.get('type');
  if (!type || !allowed.includes(type as InteractionType)) {
    ctx.problems.push(
      problem(type ? 'FIELD_INVALID' : 'METADATA_MISSING', attributeAt(raw, attrs, 'type'), {
        field: 'type',
        expected: `one-of:${allowed.join(', ')}`,
      }),
    );
    return undefined;
  }
  const schema = extras ? itemSchema(type as InteractionType) : interactionSchemas[type as InteractionType];
  const parsed = parseYaml(raw.body, { file: raw.at.file, line: raw.bodyLine }, schema);
  ctx.problems.push(...parsed.problems);
  if (!parsed.data) return undefined;
  return { type, ...parsed.data } as Interaction;
}

const itemSchemas = new Map<InteractionType, ReturnType<typeof buildItemSchema>>();
function buildItemSchema(type: InteractionType) {
  return interactionSchemas[type].extend(itemExtras);
}
function itemSchema(type: InteractionType) {
  let schema = itemSchemas.get(type);
  if (!schema) {
    schema = buildItemSchema(type);
    itemSchemas.set(type, schema);
  }
  return schema;
}

function buildActivity(raw: RawDirective, ctx: Context): Activity | undefined {
  const { attrs, base } = placed(raw, ctx);
  if (!base.id) ctx.problems.push(problem('METADATA_MISSING', raw.attributesAt, { field: 'id' }));
  const chartId = attrs.values.get('chart');
  if (chartId) ctx.references.push({ kind: 'chart', id: chartId, at: attributeAt(raw, attrs, 'chart') });
  const body = interaction(raw, attrs, INTERACTION_TYPES, false, ctx);
  if (!body || !base.id) return undefined;
  return { ...base, id: base.id, ...(chartId ? { chartId } : {}), ...body } as Activity;
}

function buildItem(raw: RawDirective, ctx: Context): Item | undefined {
  const { attrs, base } = placed(raw, ctx);
  if (!base.id) ctx.problems.push(problem('METADATA_MISSING', raw.attributesAt, { field: 'id' }));
  const slideId = attrs.values.get('slide');
  if (slideId) ctx.references.push({ kind: 'slide', id: slideId, at: attributeAt(raw, attrs, 'slide') });
  else ctx.problems.push(problem('METADATA_MISSING', raw.attributesAt, { field: 'slide' }));
  if (base.outcomes.length === 0)
    ctx.problems.push(problem('METADATA_MISSING', raw.attributesAt, { field: 'outcomes' }));
  const body = interaction(raw, attrs, ITEM_TYPES, true, ctx);
  if (!body || !base.id) return undefined;
  return { ...base, id: base.id, slideId: slideId ?? '', ...body } as Item;
}
