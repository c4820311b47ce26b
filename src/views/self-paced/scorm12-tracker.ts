/**
 * The SCORM 1.2 tracker: the player inside an LMS that gives it an `API` object.
 *
 * - start: LMSInitialize; a first attempt becomes `incomplete`; progress comes back from
 *   `cmi.suspend_data` (compact, at most 4096 characters) or, failing that, `cmi.core.lesson_location`.
 * - save: location and suspend data, committed a moment later (one commit for a burst of changes).
 * - answered: one `cmi.interactions.n` per answer (SCORM 1.2 interactions are a journal).
 * - complete: score (0–100), `passed`/`failed` (by the LMS's mastery score when it gives one), and one
 *   `cmi.objectives.n` per learning outcome. A pass is never overwritten by a later fail.
 * - finish: session time, `cmi.core.exit` = `suspend` unless passed, LMSCommit, LMSFinish; also when
 *   the page goes away without the player finishing.
 *
 * Without an API (the package opened on its own) progress stays in the browser.
 */

import {
  type InteractionModel,
  identifier12,
  pattern12,
  result12,
  type12,
} from '../../exports/scorm/interactions.ts';
import { decimal, displayName, timeOfDay12, timespan12 } from '../../exports/scorm/runtime.ts';
import { SCORM12_SUSPEND_LIMIT } from '../../exports/scorm/suspend-data.ts';
import type { CompletionResult } from '../../selfpaced/self-paced-package.ts';
import { ScormTracker, type ScormTrackerOptions, type ScormVersion } from './scorm-tracker-core.ts';

export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

export type Scorm12TrackerOptions = ScormTrackerOptions;

const SCORM12: ScormVersion = {
  kind: 'scorm12',
  label: 'SCORM 1.2',
  apiName: 'API',
  calls: {
    initialize: 'LMSInitialize',
    get: 'LMSGetValue',
    set: 'LMSSetValue',
    commit: 'LMSCommit',
    lastError: 'LMSGetLastError',
    errorString: 'LMSGetErrorString',
    close: ['LMSCommit', 'LMSFinish'],
  },
  suspendLimit: SCORM12_SUSPEND_LIMIT,
  location: 'cmi.core.lesson_location',
  learnerName: 'cmi.core.student_name',
  displayName,
  sessionTime: 'cmi.core.session_time',
  timespan: timespan12,
  exit: 'cmi.core.exit',
  exitPassed: '',
  identifier: identifier12,
};

export class Scorm12Tracker extends ScormTracker {
  #mastery: number | null = null;

  constructor(options: Scorm12TrackerOptions) {
    super(SCORM12, options);
  }

  protected override open(): void {
    const status = this.get('cmi.core.lesson_status');
    const mode = this.get('cmi.core.lesson_mode');
    this.review = mode === 'review';
    this.passed = status === 'passed';
    const mastery = Number.parseFloat(this.get('cmi.student_data.mastery_score'));
    this.#mastery = Number.isFinite(mastery) ? mastery : null;
    if (!this.review && (status === 'not attempted' || status === '')) {
      this.set('cmi.core.lesson_status', mode === 'browse' ? 'browsed' : 'incomplete');
      this.commit();
    }
  }

  protected override interaction(
    id: string,
    outcomes: string[],
    score: number | null,
    model: InteractionModel,
    n: number,
  ): void {
    const at = `cmi.interactions.${n}`;
    this.set(`${at}.id`, identifier12(id));
    this.set(`${at}.type`, type12(model));
    outcomes.forEach((outcome, j) => {
      this.set(`${at}.objectives.${j}.id`, identifier12(outcome));
    });
    this.set(`${at}.time`, timeOfDay12(new Date()));
    if (model.correct) this.set(`${at}.correct_responses.0.pattern`, pattern12(model.correct));
    this.set(`${at}.weighting`, '1');
    if (model.response) this.set(`${at}.student_response`, pattern12(model.response));
    this.set(`${at}.result`, result12(score));
  }

  protected override completed(result: CompletionResult): void {
    const raw = Math.round(result.score * 10_000) / 100;
    const passed = this.#mastery === null ? result.passed : raw >= this.#mastery;
    // A learner who passed keeps the pass (and its score) whatever a later attempt gives.
    if (this.passed && !passed) return;
    this.set('cmi.core.score.min', '0');
    this.set('cmi.core.score.max', '100');
    this.set('cmi.core.score.raw', decimal(raw, 2));
    this.set('cmi.core.lesson_status', passed ? 'passed' : 'failed');
    this.passed = passed;
    this.writeObjectives(result);
    this.commit();
  }

  protected override objective(at: string, id: string, _isNew: boolean, score: number): void {
    this.set(`${at}.id`, id);
    this.set(`${at}.score.min`, '0');
    this.set(`${at}.score.max`, '100');
    this.set(`${at}.score.raw`, decimal(score * 100, 2));
    this.set(`${at}.status`, score >= this.pkg.assessment.passMark ? 'passed' : 'failed');
  }
}
