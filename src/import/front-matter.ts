import type { BlockKind } from '../content/model.ts';
import {
  blockLabel,
  LEGEND_ENTRIES,
  LEGEND_MARKER,
  type LegendMarkers,
  type MetadataPart,
  metadataHeading,
} from './block-vocabulary.ts';
import type { Guess, SourcePlace } from './imported-course.ts';
import { hasUnclosedBracket, joinLines } from './join-lines.ts';
import { type LayoutLine, placeOf } from './layout-line.ts';
import { listItems } from './list-items.ts';
import { isCaps, sentenceCase, slug } from './text-case.ts';

/**
 * The module's front matter (title, aim, audience, outcomes … symbols legend) read from the lines
 * before the session notes, in the shape of `course.md`. A part the source lacks gets a visible
 * placeholder and a guess, so the course still checks and the author sees what to fill in.
 */
export interface FrontMatter {
  meta: Record<string, unknown>;
  guesses: Guess[];
  /** Symbols the legend gives to block kinds, which the session notes then use as labels. */
  legendMarkers: LegendMarkers;
}

export const PLACEHOLDER = 'TODO: not found in the source document';

export function readFrontMatter(lines: LayoutLine[], furniture: string[]): FrontMatter {
  const guesses: Guess[] = [];
  const parts = new Map<MetadataPart, LayoutLine[]>();
  const titleLines: LayoutLine[] = [];
  let current: LayoutLine[] = titleLines;
  for (const line of lines) {
    const part = metadataHeading(line.text);
    if (part && !parts.has(part)) {
      current = [];
      parts.set(part, current);
    } else current.push(line);
  }
  const at = (part: MetadataPart): SourcePlace => placeOf(parts.get(part)?.[0] ?? lines[0]);
  const missing = (field: string, part: MetadataPart): void => {
    guesses.push({ at: at(part), key: 'import.guess.metadataMissing', params: { field }, confidence: 0 });
  };
  const section = (part: MetadataPart): LayoutLine[] | undefined => {
    const found = parts.get(part);
    if (!found || found.length === 0) missing(part, part);
    return found && found.length > 0 ? found : undefined;
  };

  const { title, subtitle, module } = readTitle(titleLines);
  const { series, edition } = readSeries(furniture);
  if (!series) missing('series', 'aim');
  const meta: Record<string, unknown> = {
    id: slug(`module-${module ?? 1}-${title ?? 'imported'}`)
      .slice(0, 60)
      .replace(/-+$/, ''),
    module: module ?? 1,
    title: title ?? PLACEHOLDER,
    ...(subtitle ? { subtitle } : {}),
    series: series ?? PLACEHOLDER,
    edition: edition ?? PLACEHOLDER,
    language: 'en',
  };
  if (!title) missing('title', 'aim');

  const aim = section('aim');
  const aimList = aim ? listItems(aim) : undefined;
  meta.aim = { intro: aimList?.intro || PLACEHOLDER, points: nonEmpty(aimList?.items) };

  meta.audience = readAudience(section('audience'));
  meta.outcomes = readOutcomes(section('outcomes'));
  meta.trainingSequence = text(section('trainingSequence'));
  meta.duration = readDuration(section('duration'), (key, params) =>
    guesses.push({ at: at('duration'), key, params, confidence: 0.3 }),
  );
  const methodology = section('methodology');
  const method = methodology
    ? listItems(methodology, (l) => /^part\s+\d+\s*[:.–-]/i.test(l.text))
    : undefined;
  meta.methodology = {
    points: nonEmpty(method?.items.filter((i) => !/^part\s+\d+/i.test(i))),
    parts: method?.items.filter((i) => /^part\s+\d+/i.test(i)) ?? [],
  };
  meta.instructorProfile = text(section('instructorProfile'));
  const readings = section('instructorPreparations');
  const readingList = readings ? references(readings) : [];
  meta.instructorPreparations = { requiredReadings: readingList.length > 0 ? readingList : [PLACEHOLDER] };
  meta.equipment = references(parts.get('equipment') ?? []);
  meta.materials = references(parts.get('materials') ?? []);
  const preparations = section('participantPreparations');
  const prep = preparations ? listItems(preparations) : undefined;
  meta.participantPreparations = { intro: prep?.intro || PLACEHOLDER, items: prep?.items ?? [] };
  meta.additionalResources = readResources(section('additionalResources'));
  meta.materialsReferenced = references(parts.get('materialsReferenced') ?? []);
  const legend = readLegend(section('legend'));
  meta.legend = legend.legend;
  return { meta, guesses, legendMarkers: legend.markers };
}

function text(lines: LayoutLine[] | undefined): string {
  return (lines && joinLines(lines.map((l) => l.text))) || PLACEHOLDER;
}

function nonEmpty(items: string[] | undefined): string[] {
  return items && items.length > 0 ? items : [PLACEHOLDER];
}

/** "MODULE 1: OVERVIEW OF THE PROTECTION OF CIVILIANS (POC)" then "Preparatory Notes to Instructors". */
function readTitle(lines: LayoutLine[]): { title?: string; subtitle?: string; module?: number } {
  const caps = lines.filter((l) => isCaps(l.text));
  const titleText = joinLines((caps.length > 0 ? caps : lines.slice(0, 1)).map((l) => l.text));
  const match = /^(?:module|unit|lesson)\s+(\d+)\s*[:.–-]?\s*(.*)$/i.exec(titleText);
  const bare = (match ? match[2] : titleText)?.trim();
  const rest = lines.filter((l) => !caps.includes(l) && l !== lines[0]);
  const subtitle = rest.find((l) => /notes|guide|instructor|trainer/i.test(l.text))?.text;
  return {
    ...(bare ? { title: isCaps(bare) ? sentenceCase(bare, { titleWords: true }) : bare } : {}),
    ...(subtitle ? { subtitle } : {}),
    ...(match?.[1] ? { module: Number(match[1]) } : {}),
  };
}

/** A running footer like "UN Protection of Civilians PDT Standards, 1st ed. (2011)". */
function readSeries(furniture: string[]): { series?: string; edition?: string } {
  for (const line of furniture) {
    const match = /^(.*?),?\s+((?:\d+(?:st|nd|rd|th)\s+)?(?:ed\.|edition)[\s\S]*)$/i.exec(line);
    if (match?.[1] && match[2]) return { series: match[1], edition: match[2] };
  }
  return {};
}

function readAudience(lines: LayoutLine[] | undefined): unknown {
  const all = lines ?? [];
  const profileAt = all.findIndex((l) => /profile/i.test(l.text) && l.text.length < 60);
  const textLines = profileAt >= 0 ? all.slice(0, profileAt) : all;
  const profile = profileAt >= 0 ? listItems(all.slice(profileAt + 1)).items : [];
  const body = joinLines(textLines.map((l) => l.text));
  const levels = ['operational', 'tactical'].filter((level) => new RegExp(`\\b${level}\\b`, 'i').test(body));
  return {
    levels: levels.length > 0 ? levels : ['operational'],
    text: body || PLACEHOLDER,
    profileIntro: profileAt >= 0 ? (all[profileAt]?.text ?? PLACEHOLDER) : PLACEHOLDER,
    profile: nonEmptyProfile(
      profile.flatMap((item) => {
        const match = /^(military|police|civilians?)\s*[-–:,]?\s*(.*)$/i.exec(item);
        const component = match?.[1]?.toLowerCase().replace(/s$/, '');
        return match && component && match[2] ? [{ component, text: match[2] }] : [];
      }),
    ),
  };
}

/** The format wants a profile per component; without one, each component gets a placeholder. */
function nonEmptyProfile(
  profile: { component: string; text: string }[],
): { component: string; text: string }[] {
  return profile.length > 0
    ? profile
    : ['military', 'police', 'civilian'].map((component) => ({ component, text: PLACEHOLDER }));
}

function readOutcomes(lines: LayoutLine[] | undefined): unknown {
  const list = listItems(lines ?? []);
  return {
    intro: list.intro || PLACEHOLDER,
    list: nonEmpty(list.items).map((item, i) => ({ id: `LO${i + 1}`, text: item })),
  };
}

/** Minutes for the lecture and for discussion and assessment: the first two "N min" in the part. */
function readDuration(
  lines: LayoutLine[] | undefined,
  guess: (key: string, params: Record<string, string | number>) => void,
): { lecture: number; discussion: number } {
  const body = (lines ?? []).map((l) => l.text).join(' ');
  const minutes = [...body.matchAll(/(\d+(?:[.,]\d+)?)\s*(min|minutes|mins|hours?|hrs?|h)\b/gi)].map((m) =>
    Math.round(Number(m[1]?.replace(',', '.')) * (/^h/i.test(m[2] ?? '') ? 60 : 1)),
  );
  const [lecture, discussion] = minutes;
  if (lecture === undefined || discussion === undefined) {
    guess('import.guess.duration', { found: minutes.join(', ') || '-' });
  }
  return { lecture: lecture ?? 0, discussion: discussion ?? 0 };
}

const URL = /\bhttps?:\/\/[^\s)]+[^\s).,;]/;

function references(lines: LayoutLine[]): unknown[] {
  return listItems(lines).items.map((item) => {
    const url = URL.exec(item)?.[0];
    if (!url) return item;
    const title = item.replace(url, '').replace(/\s+/g, ' ').trim();
    return { title: title || url, url };
  });
}

function readResources(lines: LayoutLine[] | undefined): unknown {
  const list = listItems(lines ?? []);
  const url = URL.exec(list.intro)?.[0];
  const resolutions = list.items.flatMap((item) => {
    const match = /^(.*?)[,\s]*\(?\s*(S\/RES\/\d+)\s*\)?[,\s]*\(?((?:19|20)\d\d)\)?/.exec(item);
    return match?.[1] && match[2] && match[3]
      ? [{ title: match[1], symbol: match[2], year: Number(match[3]) }]
      : [];
  });
  return { intro: list.intro || PLACEHOLDER, ...(url ? { url } : {}), resolutions };
}

function readLegend(lines: LayoutLine[] | undefined): {
  legend: Record<string, string>;
  markers: Map<string, BlockKind>;
} {
  const entries: { kind: BlockKind; texts: string[] }[] = [];
  const uses = new Map<string, BlockKind[]>();
  for (const line of lines ?? []) {
    const marker = LEGEND_MARKER.exec(line.text);
    const name = marker ? line.text.slice(marker[0].length) : line.text;
    // An entry starts with its capitalised name; "speaking points.)" further down continues one.
    const kind = /^\p{Lu}/u.test(name)
      ? (LEGEND_ENTRIES.find((e) => e.pattern.test(name))?.kind ?? blockLabel(name)?.kind)
      : undefined;
    const entry = kind ? { kind } : undefined;
    if (entry) {
      entries.push({ kind: entry.kind, texts: [name] });
      if (marker?.[1]) uses.set(marker[1], [...(uses.get(marker[1]) ?? []), entry.kind]);
    } else entries[entries.length - 1]?.texts.push(line.text);
  }
  const legend: Record<string, string> = {};
  for (const entry of entries) {
    const value = joinLines(entry.texts);
    // An unclosed bracket at the end is the extraction's, not the author's.
    legend[entry.kind] ??= hasUnclosedBracket(value) ? `${value})` : value;
  }
  // A symbol that starts every entry (a plain bullet) names no kind.
  const markers = new Map<string, BlockKind>();
  for (const [marker, kinds] of uses) if (kinds.length === 1 && kinds[0]) markers.set(marker, kinds[0]);
  return { legend, markers };
}
