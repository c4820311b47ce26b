/**
 * Figures over several sessions (a cohort, or every cohort): completion rate, mean score, mastery per
 * outcome, and item statistics with their roll-up per outcome.
 *
 * Sessions draw different papers from the item bank, so item statistics are pooled per item over the
 * attempts whose paper held it. Each item's figures come from `itemStatistics()` fed two columns: the
 * item's mark x and the rest of that attempt's own paper r (as a share of the rest's maximum, so that
 * papers of different lengths mix). Facility, the discrimination index (the x–r correlation) and the
 * discriminative efficiency do not change when r is scaled, so for a single session they are exactly
 * Moodle's figures; weights, which belong to one paper, are left out.
 */
import { assembleAssessment } from '../../content/assessment.ts';
import type { Course } from '../../content/model.ts';
import { type ItemFlags, itemStatistics } from '../../records/item-statistics.ts';
import type { SessionReport } from './session-report.ts';

export interface PooledItem {
  id: string;
  prompt: string;
  outcomes: string[];
  /** Attempts whose paper held the item. */
  attempts: number;
  answered: number;
  facility: number | null;
  discriminationIndex: number | null;
  discriminativeEfficiency: number | null;
  flags: ItemFlags;
  flagged: boolean;
}

export interface OutcomeRollup {
  outcome: string;
  text: string;
  itemIds: string[];
  meanFacility: number | null;
  meanDiscriminationIndex: number | null;
  flaggedItems: number;
}

export interface Dashboard {
  sessions: number;
  participants: number;
  completed: number;
  /** completed / participants; null without participants. */
  completionRate: number | null;
  /** Participants who answered the assessment. */
  assessed: number;
  passed: number;
  /** Mean assessment score (0..1) of those assessed. */
  meanScore: number | null;
  /** Outcome id → mean of the participants' scores on it (0..1). */
  mastery: Record<string, number | null>;
  outcomes: { id: string; text: string }[];
  /** The course's pass mark: mastery below it is an outcome to revisit. */
  passMark: number;
  items: PooledItem[];
  outcomeRollup: OutcomeRollup[];
}

const NO_FLAGS: ItemFlags = {
  tooEasy: false,
  tooHard: false,
  poorDiscrimination: false,
  lowEfficiency: false,
};

export function dashboard(course: Course, reports: readonly SessionReport[]): Dashboard {
  const rows = reports.flatMap((r) => r.participants);
  const assessed = rows.filter((p) => p.assessment !== null);
  const mastery: Record<string, number | null> = {};
  for (const outcome of course.outcomes) {
    const values = rows.map((p) => p.outcomes[outcome.id]).filter((v): v is number => typeof v === 'number');
    mastery[outcome.id] = values.length ? mean(values) : null;
  }

  // Per item: (x, rest) for every assessed attempt whose paper held it.
  const pairs = new Map<string, { x: number | null; rest: number }[]>();
  for (const report of reports) {
    const paper = report.plan.itemIds;
    for (const p of report.participants) {
      if (p.assessment === null) continue;
      const total = paper.reduce((sum, id) => sum + (p.items[id] ?? 0), 0);
      for (const id of paper) {
        const x = p.items[id] ?? null;
        const rest = paper.length > 1 ? (total - (x ?? 0)) / (paper.length - 1) : 0;
        const list = pairs.get(id) ?? [];
        list.push({ x, rest });
        pairs.set(id, list);
      }
    }
  }
  const items: PooledItem[] = course.items
    .filter((item) => pairs.has(item.id))
    .map((item) => {
      const list = pairs.get(item.id) ?? [];
      const report = itemStatistics(
        {
          items: [
            { id: 'x', maxMark: 1, outcomes: [] },
            { id: 'rest', maxMark: 1, outcomes: [] },
          ],
          attempts: list.map((pair, i) => ({
            participantId: String(i),
            marks: { x: pair.x, rest: pair.rest },
          })),
        },
        { whichAttempts: 'all' },
      );
      const stats = report.items[0];
      const flags = stats?.flags ?? NO_FLAGS;
      return {
        id: item.id,
        prompt: item.prompt,
        outcomes: item.outcomes,
        attempts: stats?.attempts ?? 0,
        answered: stats?.answered ?? 0,
        facility: stats?.facility ?? null,
        discriminationIndex: stats?.discriminationIndex ?? null,
        discriminativeEfficiency: stats?.discriminativeEfficiency ?? null,
        flags,
        flagged: stats?.flagged ?? false,
      };
    });

  const outcomeRollup = course.outcomes.map((o): OutcomeRollup => {
    const measuring = items.filter((i) => i.outcomes.includes(o.id));
    const facilities = measuring.map((i) => i.facility).filter((v): v is number => v !== null);
    const discriminations = measuring
      .map((i) => i.discriminationIndex)
      .filter((v): v is number => v !== null);
    return {
      outcome: o.id,
      text: o.text,
      itemIds: measuring.map((i) => i.id),
      meanFacility: facilities.length ? mean(facilities) : null,
      meanDiscriminationIndex: discriminations.length ? mean(discriminations) : null,
      flaggedItems: measuring.filter((i) => i.flagged).length,
    };
  });

  const completed = rows.filter((p) => p.completed).length;
  return {
    sessions: reports.length,
    participants: rows.length,
    completed,
    completionRate: rows.length ? completed / rows.length : null,
    assessed: assessed.length,
    passed: assessed.filter((p) => p.passed).length,
    meanScore: assessed.length ? mean(assessed.map((p) => p.assessment ?? 0)) : null,
    mastery,
    outcomes: course.outcomes.map((o) => ({ id: o.id, text: o.text })),
    passMark: course.meta.assessment?.passMark ?? assembleAssessment(course).passMark,
    items,
    outcomeRollup,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
