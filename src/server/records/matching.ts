/**
 * Who on a cohort's roster each participant of a session is. Exact matches are linked by themselves;
 * likely ones are only suggested, since a certificate carries the linked entry's name and a wrong link
 * would print someone else's. Nobody is added to the roster: participants left unmatched are for the
 * coordinator to link by hand.
 */
import { matchParticipant } from '../../records/roster-match.ts';
import type { ParticipantRecord, RosterRecord, Store } from '../../store/store.ts';

export interface Unmatched {
  participantId: string;
  name: string;
  contingent: string | null;
  /** The likely roster entry, when there is one nobody else holds. */
  suggestion: { rosterId: string; name: string; confidence: 'exact' | 'likely' } | null;
}

export interface LinkOutcome {
  linked: { participantId: string; rosterId: string }[];
  unmatched: Unmatched[];
}

/** Links the session's unlinked participants whose name matches one free roster entry exactly. */
export async function linkSessionToRoster(
  store: Store,
  sessionId: string,
  cohortId: string,
): Promise<LinkOutcome> {
  const roster = await store.listRoster(cohortId);
  const participants = (await store.listParticipants(sessionId)).filter((p) => !p.mergedInto);
  const links = await store.listParticipantLinks(sessionId);
  const taken = new Set(Object.values(links).filter((id) => roster.some((r) => r.id === id)));
  const linked: LinkOutcome['linked'] = [];
  for (const p of participants) {
    const current = links[p.id];
    if (current && roster.some((r) => r.id === current)) continue;
    const match = match1(roster, taken, p);
    if (match?.confidence !== 'exact') continue;
    await store.linkParticipant(p.id, match.entry.id);
    taken.add(match.entry.id);
    links[p.id] = match.entry.id;
    linked.push({ participantId: p.id, rosterId: match.entry.id });
  }
  return { linked, unmatched: unmatchedOf(roster, participants, links) };
}

/** The participants not linked to an entry of this roster, each with a suggestion where one fits. */
export function unmatchedOf(
  roster: readonly RosterRecord[],
  participants: readonly ParticipantRecord[],
  links: Readonly<Record<string, string>>,
): Unmatched[] {
  const ids = new Set(roster.map((r) => r.id));
  const taken = new Set(Object.values(links).filter((id) => ids.has(id)));
  return participants
    .filter((p) => !p.mergedInto && !ids.has(links[p.id] ?? ''))
    .map((p) => {
      const match = match1(roster, taken, p);
      return {
        participantId: p.id,
        name: p.name,
        contingent: p.contingent,
        suggestion: match
          ? { rosterId: match.entry.id, name: match.entry.name, confidence: match.confidence }
          : null,
      };
    });
}

function match1(
  roster: readonly RosterRecord[],
  taken: ReadonlySet<string>,
  p: ParticipantRecord,
): { entry: RosterRecord; confidence: 'exact' | 'likely' } | null {
  const match = matchParticipant(roster, { name: p.name, contingent: p.contingent, role: p.role });
  if (!match) return null;
  const entry = match.entry as RosterRecord;
  return taken.has(entry.id) ? null : { entry, confidence: match.confidence };
}
