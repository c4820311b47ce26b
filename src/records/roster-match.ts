/**
 * Finds who on the roster a participant is, from the name they typed when joining. Case, accents,
 * punctuation and spacing do not matter; a leading rank or title ("Capt.", "Lt Col", "Mme") is ignored;
 * contingent and role break ties. Two people are never confused: when two entries match equally well the
 * answer is null, and the coordinator links the participant by hand.
 */

import { foldText, parseComponent, type RosterEntry } from './roster.ts';

export interface JoinedParticipant {
  name: string;
  contingent?: string | null;
  /** Matched against the component when it names one ("police", "militaire"); otherwise ignored. */
  role?: string | null;
}

export interface RosterMatch {
  entry: RosterEntry;
  /** exact: the same name, nothing contradicting it; likely: names in another order, one name more or
   * fewer, or a contingent or role that disagrees. */
  confidence: 'exact' | 'likely';
}

/** Ranks and titles, English and French, as {@link foldText} leaves them. */
const TITLES = `
  general, gen, gal, lieutenant general, lt gen, ltgen, major general, maj gen, majgen, brigadier general,
  brig gen, brigadier, brig, colonel, col, lieutenant colonel, lt col, ltcol, lcol, lcl, major, maj,
  captain, capt, cpt, capitaine, cne, lieutenant, lt, ltn, first lieutenant, 1lt, second lieutenant, 2lt, 2nd lt,
  sub lieutenant, sous lieutenant, slt, aspirant, asp, officer cadet, warrant officer, wo, wo1, wo2,
  sergeant major, sgt maj, staff sergeant, ssgt, sergeant, sgt, sergent, sergent chef, sgc, corporal, cpl,
  caporal, caporal chef, cch, lance corporal, lcpl, private, pte, pvt, soldat, sdt, commandant, cdt, cmdt,
  chef de bataillon, chef d escadron, chef d escadrons, capitaine de corvette, capitaine de fregate,
  capitaine de vaisseau, enseigne de vaisseau, lieutenant de vaisseau, amiral, contre amiral, vice amiral,
  marechal des logis, marechal des logis chef, mdl, mdc, soldat de premiere classe, adjudant, adj, adjudant chef, adc, commander, cdr, cmdr,
  lieutenant commander, lcdr, lt cdr, commodore, admiral, adm, rear admiral, vice admiral,
  squadron leader, sqn ldr, wing commander, wg cdr, group captain, flight lieutenant, flt lt,
  commissioner, police commissioner, commissaire, commissaire principal, commissaire divisionnaire,
  superintendent, supt, chief superintendent, inspector, insp, chief inspector, inspecteur,
  inspecteur principal, officier de police, police officer, constable, brigadier chef, gardien de la paix,
  mr, mrs, ms, miss, mx, dr, prof, m, mme, mlle, madame, monsieur, mademoiselle
`;

const BUILT_IN_TITLES: ReadonlySet<string> = new Set(
  TITLES.split(',').map((title) => title.trim().replace(/\s+/g, ' ')),
);

function nameTokens(name: string): string[] {
  // Apostrophes join ("N'Diaye" = "Ndiaye"); other punctuation separates ("Jean-Pierre" = "Jean Pierre").
  const folded = foldText(name.replace(/['’ʼ`´]/g, ''));
  return folded === '' ? [] : folded.split(' ');
}

/** Removes leading ranks and titles, always keeping at least one word. */
function stripTitles(tokens: string[], titles: ReadonlySet<string>, longest: number): string[] {
  let rest = tokens;
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (let n = Math.min(longest, rest.length - 1); n >= 1; n--) {
      if (titles.has(rest.slice(0, n).join(' '))) {
        rest = rest.slice(n);
        stripped = true;
        break;
      }
    }
  }
  return rest;
}

/** The ways a name may be read: as written, and without its leading rank or title. */
function readings(name: string, titles: ReadonlySet<string>, longest: number): string[][] {
  const tokens = nameTokens(name);
  const stripped = stripTitles(tokens, titles, longest);
  return stripped.length === tokens.length ? [tokens] : [tokens, stripped];
}

const entryReadings = new WeakMap<RosterEntry, string[][]>();

function readingsOf(entry: RosterEntry): string[][] {
  let found = entryReadings.get(entry);
  if (!found) {
    const titles = new Set(BUILT_IN_TITLES);
    const rank = entry.rank ? nameTokens(entry.rank).join(' ') : '';
    if (rank) titles.add(rank);
    found = readings(entry.name, titles, Math.max(4, rank.split(' ').length));
    entryReadings.set(entry, found);
  }
  return found;
}

/** 3: the same words in the same order (spacing aside); 2: the same words in another order; 1: one name
 * is the other with words added, sharing at least two; 0: no match. */
function nameTier(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.join(' ') === b.join(' ') || a.join('') === b.join('')) return 3;
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  if (sortedA.join(' ') === sortedB.join(' ')) return 2;
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  if (shorter.length < 2) return 0;
  const pool = [...longer];
  for (const word of shorter) {
    const at = pool.indexOf(word);
    if (at < 0) return 0;
    pool.splice(at, 1);
  }
  return 1;
}

/** 1 when both give the same value, -1 when they differ, 0 when either is unknown. */
function agreement(a: string | null | undefined, b: string | null | undefined): number {
  if (!a || !b) return 0;
  return a === b ? 1 : -1;
}

interface Candidate {
  entry: RosterEntry;
  tier: number;
  contingent: number;
  role: number;
}

function compare(a: Candidate, b: Candidate): number {
  return b.tier - a.tier || b.contingent - a.contingent || b.role - a.role;
}

export function matchParticipant(
  roster: readonly RosterEntry[],
  joined: JoinedParticipant,
): RosterMatch | null {
  const titles = new Set(BUILT_IN_TITLES);
  let longest = 4;
  for (const entry of roster) {
    if (!entry.rank) continue;
    const rank = nameTokens(entry.rank);
    if (rank.length === 0) continue;
    titles.add(rank.join(' '));
    longest = Math.max(longest, rank.length);
  }
  const typed = readings(joined.name, titles, longest);
  const contingent = joined.contingent ? foldText(joined.contingent) : '';
  const role = joined.role ? parseComponent(joined.role) : null;

  const candidates: Candidate[] = [];
  for (const entry of roster) {
    let tier = 0;
    for (const mine of typed)
      for (const theirs of readingsOf(entry)) tier = Math.max(tier, nameTier(mine, theirs));
    if (tier === 0) continue;
    candidates.push({
      entry,
      tier,
      contingent: agreement(contingent, entry.contingent ? foldText(entry.contingent) : ''),
      role: agreement(role, entry.component),
    });
  }
  candidates.sort(compare);
  const [best, second] = candidates;
  if (!best) return null;
  if (second && compare(best, second) === 0) return null;
  // The best name match is in another contingent than the one given, and someone else also matches:
  // either could be right.
  if (second && best.contingent < 0) return null;
  const confidence = best.tier === 3 && best.contingent >= 0 && best.role >= 0 ? 'exact' : 'likely';
  return { entry: best.entry, confidence };
}
