/**
 * The cmi5 rules (Quartz, §7.1 and §9) a session's statements must keep, as a checker: used by the
 * tests on what the cmi5 tracker sends, and usable on any AU's statements read from an LRS.
 */
import { CMI5, CMI5_AU_VERBS, type Statement, VERBS } from './statements.ts';

export interface Cmi5SessionExpectations {
  activityId: string;
  registration: string;
  sessionId: string;
  masteryScore?: number;
  /** Verbs already sent in earlier sessions of the registration (completed, passed). */
  earlier?: string[];
}

const verbName = (id: string): string => Object.entries(VERBS).find(([, v]) => v.id === id)?.[0] ?? id;

function categories(s: Statement): string[] {
  const list = s.context?.contextActivities?.category ?? [];
  return list.map((a) => a.id);
}

/** Every broken rule, in words; empty when the session keeps them all. */
export function cmi5SessionProblems(statements: Statement[], expect: Cmi5SessionExpectations): string[] {
  const problems: string[] = [];
  const say = (i: number, message: string) =>
    problems.push(`#${i} ${verbName(statements[i]?.verb.id ?? '')}: ${message}`);
  if (statements.length === 0) return ['no statements'];
  if (statements[0]?.verb.id !== VERBS.initialized.id)
    problems.push('the first statement is not initialized');
  if (statements.at(-1)?.verb.id !== VERBS.terminated.id)
    problems.push('the last statement is not terminated');

  const used = new Set<string>();
  const registrationVerbs = new Set(expect.earlier ?? []);
  let previous = '';
  statements.forEach((s, i) => {
    const name = verbName(s.verb.id);
    const cats = categories(s);
    const defined = cats.includes(CMI5.categoryCmi5);
    if (s.timestamp < previous) say(i, 'timestamp before the previous statement');
    previous = s.timestamp;
    if (!s.actor.account || (s.actor.objectType ?? 'Agent') !== 'Agent')
      say(i, 'actor is not an Agent with an account');
    if (s.context?.registration !== expect.registration) say(i, 'registration differs from the launch');
    if (s.context?.extensions?.[CMI5.sessionId] !== expect.sessionId)
      say(i, 'session id missing or different');
    const success = s.result?.success;
    const completion = s.result?.completion;
    const moveOn = cats.includes(CMI5.categoryMoveOn);
    if (!defined) {
      if (moveOn) say(i, 'moveon category on a cmi5 allowed statement');
      if (i === 0 || i === statements.length - 1)
        say(i, 'cmi5 allowed statement outside initialized…terminated');
      return;
    }
    if (!(CMI5_AU_VERBS as readonly string[]).includes(name)) say(i, 'not a verb an AU may use');
    if (s.object.id !== expect.activityId) say(i, 'object id is not the launch activityId');
    if (used.has(name)) say(i, 'verb repeated in the session');
    used.add(name);
    if (
      (name === 'passed' || name === 'failed') &&
      (used.has('passed') ? 1 : 0) + (used.has('failed') ? 1 : 0) > 1
    ) {
      say(i, 'both passed and failed in one session');
    }
    if (name === 'completed' && registrationVerbs.has('completed'))
      say(i, 'second completed in the registration');
    if (name === 'passed' && registrationVerbs.has('passed')) say(i, 'second passed in the registration');
    if (name === 'failed' && registrationVerbs.has('passed'))
      say(i, 'failed after passed in the registration');
    registrationVerbs.add(name);

    const judged = name === 'passed' || name === 'failed';
    const score = s.result?.score;
    if (score && !judged) say(i, 'score on a statement other than passed/failed');
    if (score?.raw !== undefined && (score.min === undefined || score.max === undefined))
      say(i, 'raw without min and max');
    if (
      name === 'passed' ? success !== true : name === 'failed' ? success !== false : success !== undefined
    ) {
      say(i, 'success wrong or out of place');
    }
    if (name === 'completed' ? completion !== true : completion !== undefined)
      say(i, 'completion wrong or out of place');
    if (['completed', 'passed', 'failed', 'terminated'].includes(name) && !s.result?.duration)
      say(i, 'no duration');
    if (moveOn !== (success !== undefined || completion !== undefined)) say(i, 'moveon category wrong');
    if (name === 'completed' && s.result?.extensions?.[CMI5.progress] !== undefined)
      say(i, 'progress on completed');
    if (judged && expect.masteryScore !== undefined) {
      if (s.context?.extensions?.[CMI5.masteryScore] !== expect.masteryScore)
        say(i, 'masteryscore extension missing');
      const value = score?.scaled;
      if (value !== undefined && name === 'passed' && value < expect.masteryScore)
        say(i, 'passed below mastery');
      if (value !== undefined && name === 'failed' && value >= expect.masteryScore)
        say(i, 'failed at mastery');
    }
  });
  return problems;
}
