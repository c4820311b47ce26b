import type { BlockKind } from '../content/model.ts';

/**
 * The words instructor notes use to introduce a block or a metadata part. Icons are lost when text is
 * extracted, so wording is the strongest evidence left; each pattern is anchored at the start of a line.
 */
export const BLOCK_LABELS: { kind: BlockKind; pattern: RegExp }[] = [
  {
    kind: 'note',
    pattern:
      /^(notes?\s+(to|for)\s+(the\s+)?instructors?|instructor['’]?s?\s+notes?|trainer['’]?s?\s+notes?|\[note\])\s*[:.–-]?\s*/i,
  },
  { kind: 'speaking', pattern: /^(speaking|talking)\s+points?\s*[:.–-]?\s*/i },
  { kind: 'mission', pattern: /^(mission[\s-]+specific(\s+(point|information))?|\[mission\])\s*[:.–-]?\s*/i },
  { kind: 'example', pattern: /^(example|\[example\])\s*[:.–-]\s*/i },
  { kind: 'questions', pattern: /^((sample|discussion)\s+questions?|\[questions?\])\s*[:.–-]?\s*/i },
  { kind: 'handout', pattern: /^(handout(\s+\d+(\.\d+)*)?|\[handout\])\s*[:.–-]\s*/i },
  { kind: 'film', pattern: /^(film|video|\[film\])\s*[:.–-]\s*/i },
  { kind: 'core-activity', pattern: /^(core\s+(learning\s+)?activity|\[activity\])\s*[:.–-]?\s*/i },
  { kind: 'optional-activity', pattern: /^(optional\s+(learning\s+)?activity)\s*[:.–-]?\s*/i },
  {
    kind: 'key-points',
    pattern: /^(key\s+(summary\s+)?(points?|messages?)|\[key\s+messages?\])\s*[:.–-]\s*/i,
  },
];

/**
 * Symbols a document's own legend assigns to block kinds ("■ Speaking Points", "[FILM] Film"): the
 * body then marks each block with the symbol alone.
 */
export type LegendMarkers = ReadonlyMap<string, BlockKind>;

/** A legend entry's leading symbol or bracketed word, if it has one. */
export const LEGEND_MARKER = /^(\[[A-Z][A-Z ]{0,15}\]|[^\p{L}\p{N}\s(“"'‘’,.;:-])\s*/u;

/** A block label at the start of a line: its kind and the text after it. */
export function blockLabel(
  text: string,
  markers?: LegendMarkers,
): { kind: BlockKind; rest: string } | undefined {
  const marker = markers && LEGEND_MARKER.exec(text);
  const byMarker = marker ? markers.get(marker[1] ?? '') : undefined;
  if (marker && byMarker) return { kind: byMarker, rest: text.slice(marker[0].length) };
  // A label is capitalised and stands alone or ends in a colon or dash: "optional activity, if …"
  // inside a sentence is not one.
  if (!/^[\p{Lu}[]/u.test(text)) return undefined;
  for (const { kind, pattern } of BLOCK_LABELS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const rest = text.slice(match[0].length);
    if (rest === '' || /[:.–—\]-]\s*$/.test(match[0])) return { kind, rest };
  }
  return undefined;
}

/** The legend's own entries start with the kind's name, as the source's symbols legend spells them. */
export const LEGEND_ENTRIES: { kind: BlockKind; pattern: RegExp }[] = [
  { kind: 'note', pattern: /^note\s+to\s+(the\s+)?instructor/i },
  { kind: 'speaking', pattern: /^(speaking|talking)\s+points/i },
  { kind: 'mission', pattern: /^mission\s+specific/i },
  { kind: 'example', pattern: /^examples?\b/i },
  { kind: 'questions', pattern: /^(sample|discussion)\s+questions/i },
  { kind: 'handout', pattern: /^handouts?\b/i },
  { kind: 'film', pattern: /^(film|video)\b/i },
  { kind: 'core-activity', pattern: /^core\s+(learning\s+)?activity/i },
  { kind: 'optional-activity', pattern: /^optional\s+(learning\s+)?activity/i },
  { kind: 'key-points', pattern: /^key\s+(summary\s+)?(points|messages)/i },
];

export type MetadataPart =
  | 'aim'
  | 'audience'
  | 'outcomes'
  | 'trainingSequence'
  | 'duration'
  | 'methodology'
  | 'instructorProfile'
  | 'instructorPreparations'
  | 'equipment'
  | 'materials'
  | 'participantPreparations'
  | 'additionalResources'
  | 'materialsReferenced'
  | 'legend'
  | 'sessionNotes';

/** Metadata headings, matched against a whole line (a heading stands alone). */
const METADATA_HEADINGS: { part: MetadataPart; pattern: RegExp }[] = [
  { part: 'aim', pattern: /^(the\s+)?(aims?|purpose)(\s+of\s+(the|this)\s+(module|unit|session|lesson))?$/i },
  { part: 'audience', pattern: /^(target\s+)?audience$/i },
  { part: 'outcomes', pattern: /^(learning\s+)?(outcomes|objectives)$/i },
  { part: 'trainingSequence', pattern: /^(place\s+in\s+(the\s+)?)?training\s+sequence$/i },
  { part: 'duration', pattern: /^(duration|timing|time\s+required)$/i },
  { part: 'methodology', pattern: /^(suggested\s+|training\s+)?methodology$/i },
  { part: 'instructorProfile', pattern: /^(instructor|trainer)\s+profile$/i },
  {
    part: 'instructorPreparations',
    pattern:
      /^((instructor|trainer)\s+preparations?|preparations?\s+(by|for)\s+the\s+(instructor|trainer))$/i,
  },
  { part: 'equipment', pattern: /^equipment$/i },
  { part: 'materials', pattern: /^materials$/i },
  {
    part: 'participantPreparations',
    pattern: /^(participant\s+preparations?|preparations?\s+(by|for)\s+(the\s+)?participants)$/i,
  },
  { part: 'additionalResources', pattern: /^additional\s+resources$/i },
  {
    part: 'materialsReferenced',
    pattern: /^((materials|references?|documents)\s+referenced(\s+in\s+this\s+(module|unit))?|references)$/i,
  },
  {
    part: 'legend',
    pattern:
      /^(symbols?\s+legend|legend(\s+of\s+symbols)?|key\s+to\s+symbols|how\s+to\s+read\s+(these|the|this)\s+notes?)$/i,
  },
  { part: 'sessionNotes', pattern: /^(session\s+notes|lesson\s+plan|instructor\s+notes)$/i },
];

export function metadataHeading(text: string): MetadataPart | undefined {
  const bare = text.replace(/^\(?\d+(\.\d+)*[.)]?\s+/, '').replace(/[:.\s]+$/, '');
  return METADATA_HEADINGS.find((h) => h.pattern.test(bare))?.part;
}

/** "Slide 4", "Slide  12", "[Slide 3]", "Slide 3 of 12": the marker that follows a slide's picture. */
export function slideMarker(text: string): number | undefined {
  const match = /^\[?\s*slide\s+(\d{1,3})(\s+of\s+\d{1,3})?\s*\]?$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** A list item: a bullet symbol or a number/letter with a full stop or bracket. */
export function listMarker(text: string): { ordered: boolean; rest: string } | undefined {
  const bullet = /^[•▪◦●○■□➢►✓\-–*]\s*/.exec(text);
  if (bullet && text.length > bullet[0].length) return { ordered: false, rest: text.slice(bullet[0].length) };
  const number = /^\(?(\d{1,2}|[a-h]|Q\d{1,2})[.)]\s+/.exec(text);
  if (number) return { ordered: true, rest: text.slice(number[0].length) };
  return undefined;
}
