/**
 * The SCORM 2004 (4th edition) tracker: the player inside an LMS that gives it `API_1484_11`.
 *
 * - start: Initialize; a first attempt becomes `incomplete`; progress comes back from
 *   `cmi.suspend_data` (up to 64 000 characters) or `cmi.location`.
 * - save: location, suspend data and `cmi.progress_measure` (frames seen), committed a moment later.
 * - answered: `cmi.interactions.n`, found again by id when the learner answers anew; the id is the
 *   activity's IRI, as in xAPI.
 * - complete: `cmi.score.scaled/raw/min/max`, `completion_status` = completed, `success_status` by
 *   `cmi.scaled_passing_score` when the LMS gives one (from the manifest's minNormalizedMeasure), else
 *   by the package's pass mark; one `cmi.objectives.n` per learning outcome. A pass is never undone.
 * - finish: session time, `cmi.exit` = `normal` once passed, else `suspend`; Terminate.
 *
 * Without an API (the package opened on its own) progress stays in the browser.
 */

import {
  type InteractionModel,
  identifier2004,
  pattern2004,
  result2004,
  type2004,
} from '../../exports/scorm/interactions.ts';
import { decimal, timestamp2004 } from '../../exports/scorm/runtime.ts';
import { SCORM2004_SUSPEND_LIMIT } from '../../exports/scorm/suspend-data.ts';
import { activityIri, DEFAULT_XAPI_BASE, isoDuration } from '../../exports/xapi/statements.ts';
import type {
  CompletionResult,
  SelfPacedPackage,
  SelfPacedProgress,
} from '../../selfpaced/self-paced-package.ts';
import {
  langString,
  ScormTracker,
  type ScormTrackerOptions,
  type ScormVersion,
} from './scorm-tracker-core.ts';

export interface Scorm2004Api {
  Initialize(arg: ''): string;
  Terminate(arg: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

export interface Scorm2004TrackerOptions extends ScormTrackerOptions {
  /** Base of the activity IRIs used as interaction ids. */
  base?: string;
}

const SCORM2004: ScormVersion = {
  kind: 'scorm2004',
  label: 'SCORM 2004',
  apiName: 'API_1484_11',
  calls: {
    initialize: 'Initialize',
    get: 'GetValue',
    set: 'SetValue',
    commit: 'Commit',
    lastError: 'GetLastError',
    errorString: 'GetErrorString',
    close: ['Terminate'],
  },
  suspendLimit: SCORM2004_SUSPEND_LIMIT,
  location: 'cmi.location',
  learnerName: 'cmi.learner_name',
  displayName: (name) => name,
  sessionTime: 'cmi.session_time',
  timespan: isoDuration,
  exit: 'cmi.exit',
  exitPassed: 'normal',
  identifier: identifier2004,
};

export class Scorm2004Tracker extends ScormTracker {
  readonly #base: string;
  #passingScore: number | null = null;
  #completed = false;

  constructor(options: Scorm2004TrackerOptions) {
    super(SCORM2004, options);
    this.#base = options.base ?? DEFAULT_XAPI_BASE;
  }

  protected override open(): void {
    this.review = this.get('cmi.mode') === 'review';
    this.passed = this.get('cmi.success_status') === 'passed';
    const completion = this.get('cmi.completion_status');
    this.#completed = completion === 'completed';
    const passing = Number.parseFloat(this.get('cmi.scaled_passing_score'));
    this.#passingScore = Number.isFinite(passing) ? passing : null;
    if (!this.review && (completion === 'not attempted' || completion === 'unknown' || completion === '')) {
      this.set('cmi.completion_status', 'incomplete');
      this.commit();
    }
  }

  protected override saved(progress: SelfPacedProgress): void {
    const frames = Math.max(1, this.pkg.frames.length);
    const seen = new Set(progress.seen.filter((f) => f >= 0 && f < frames)).size;
    // Progress reaches 1 only with completion: seeing every frame is not finishing the module.
    const measure = this.#completed ? 1 : Math.min(0.99, seen / frames);
    this.set('cmi.progress_measure', decimal(measure, 4));
  }

  protected override interaction(
    id: string,
    outcomes: string[],
    score: number | null,
    model: InteractionModel,
    count: number,
  ): void {
    const interactionId = activityIri(this.#base, this.pkg.courseId, id);
    let n = count;
    for (let i = 0; i < count; i++) {
      if (this.get(`cmi.interactions.${i}.id`) === interactionId) {
        n = i;
        break;
      }
    }
    const at = `cmi.interactions.${n}`;
    if (n === count) {
      this.set(`${at}.id`, interactionId);
      this.set(`${at}.type`, type2004(model));
      outcomes.forEach((outcome, j) => {
        this.set(`${at}.objectives.${j}.id`, identifier2004(outcome));
      });
      if (model.correct)
        this.set(`${at}.correct_responses.0.pattern`, pattern2004(model.correct, model.kind));
      this.set(`${at}.weighting`, '1');
      const description = langString(this.pkg, model.prompt);
      if (description) this.set(`${at}.description`, description);
    }
    this.set(`${at}.timestamp`, timestamp2004(new Date()));
    if (model.response) this.set(`${at}.learner_response`, pattern2004(model.response, model.kind));
    this.set(`${at}.result`, result2004(score));
  }

  protected override completed(result: CompletionResult): void {
    const value = Math.round(result.score * 10_000) / 10_000;
    const passed = this.#passingScore === null ? result.passed : value >= this.#passingScore;
    this.#completed = true;
    this.set('cmi.completion_status', 'completed');
    this.set('cmi.progress_measure', '1');
    if (!(this.passed && !passed)) {
      this.set('cmi.score.scaled', decimal(value, 4));
      this.set('cmi.score.min', '0');
      this.set('cmi.score.max', '100');
      this.set('cmi.score.raw', decimal(value * 100, 2));
      this.set('cmi.success_status', passed ? 'passed' : 'failed');
      this.passed = passed;
      this.writeObjectives(result);
    }
    this.commit();
  }

  protected override objective(
    at: string,
    id: string,
    isNew: boolean,
    score: number,
    outcome: SelfPacedPackage['outcomes'][number],
  ): void {
    if (isNew) this.set(`${at}.id`, id);
    this.set(`${at}.score.scaled`, decimal(score, 4));
    this.set(`${at}.score.min`, '0');
    this.set(`${at}.score.max`, '100');
    this.set(`${at}.score.raw`, decimal(score * 100, 2));
    this.set(`${at}.success_status`, score >= this.pkg.assessment.passMark ? 'passed' : 'failed');
    this.set(`${at}.completion_status`, 'completed');
    const text = langString(this.pkg, outcome.text);
    if (text) this.set(`${at}.description`, text);
  }
}
