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
  identifier2004,
  interactionModel,
  pattern2004,
  result2004,
  type2004,
} from '../../exports/scorm/interactions.ts';
import {
  decimal,
  findActivity,
  findApi,
  LocalProgress,
  TrackerLog,
  timestamp2004,
} from '../../exports/scorm/runtime.ts';
import {
  decodeSuspendData,
  encodeSuspendData,
  encodeSuspendDataNow,
  SCORM2004_SUSPEND_LIMIT,
  type SuspendIds,
  suspendIds,
} from '../../exports/scorm/suspend-data.ts';
import { activityIri, DEFAULT_XAPI_BASE, isoDuration } from '../../exports/xapi/statements.ts';
import type {
  CompletionResult,
  SelfPacedPackage,
  SelfPacedProgress,
} from '../../selfpaced/self-paced-package.ts';
import type { LearnerIdentity, Tracker } from './tracker.ts';

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

export interface Scorm2004TrackerOptions {
  pkg: SelfPacedPackage;
  /** Base of the activity IRIs used as interaction ids. */
  base?: string;
  window?: Window;
  /** Delay before a commit after a change. Default 1000 ms. */
  commitDelayMs?: number;
}

export class Scorm2004Tracker implements Tracker {
  readonly kind = 'scorm2004';
  readonly log = new TrackerLog();
  readonly #pkg: SelfPacedPackage;
  readonly #base: string;
  readonly #window: Window;
  readonly #ids: SuspendIds;
  readonly #local: LocalProgress;
  readonly #commitDelayMs: number;
  #api: Scorm2004Api | null = null;
  #review = false;
  #passingScore: number | null = null;
  #passed = false;
  #completed = false;
  #finished = false;
  #startedAt = Date.now();
  #commitTimer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> = Promise.resolve();
  #latestRevision = -1;

  constructor(options: Scorm2004TrackerOptions) {
    this.#pkg = options.pkg;
    this.#base = options.base ?? DEFAULT_XAPI_BASE;
    this.#window = options.window ?? window;
    this.#ids = suspendIds(options.pkg);
    this.#local = new LocalProgress(options.pkg.courseId, 'scorm2004');
    this.#commitDelayMs = options.commitDelayMs ?? 1000;
  }

  get connected(): boolean {
    return this.#api !== null && !this.#finished;
  }

  async start(): Promise<{ learner: LearnerIdentity | null; progress: SelfPacedProgress | null }> {
    const api = findApi<Scorm2004Api>(this.#window, 'API_1484_11');
    if (!api) {
      this.log.warn('no SCORM 2004 API found: progress is kept in this browser only');
      return { learner: null, progress: this.#local.load() };
    }
    if (String(api.Initialize('')) !== 'true') {
      this.log.warn(`Initialize failed: ${this.#error(api)}`);
      return { learner: null, progress: this.#local.load() };
    }
    this.#api = api;
    this.#startedAt = Date.now();
    this.#review = this.#get('cmi.mode') === 'review';
    this.#passed = this.#get('cmi.success_status') === 'passed';
    const completion = this.#get('cmi.completion_status');
    this.#completed = completion === 'completed';
    const passing = Number.parseFloat(this.#get('cmi.scaled_passing_score'));
    this.#passingScore = Number.isFinite(passing) ? passing : null;
    if (!this.#review && (completion === 'not attempted' || completion === 'unknown' || completion === '')) {
      this.#set('cmi.completion_status', 'incomplete');
      this.#commit();
    }
    const name = this.#get('cmi.learner_name');
    const progress = await this.#restore();
    return { learner: name ? { name } : null, progress };
  }

  async #restore(): Promise<SelfPacedProgress | null> {
    const data = this.#get('cmi.suspend_data');
    const progress = data ? await decodeSuspendData(data, this.#ids) : null;
    if (progress) return progress;
    const frame = Number.parseInt(this.#get('cmi.location'), 10);
    if (!Number.isInteger(frame) || frame < 0 || frame > this.#pkg.frames.length) return null;
    return {
      revision: 0,
      frame,
      seen: [frame],
      answers: {},
      assessment: { startedAt: null, submittedAt: null, score: null, passed: null },
    };
  }

  /**
   * Writes location and suspend data at once (plain, so that a save made as the page goes still lands),
   * then, when the plain form had to be trimmed, the deflated form if it keeps more.
   */
  save(progress: SelfPacedProgress): Promise<void> {
    if (!this.#api) {
      this.#local.save(progress);
      return Promise.resolve();
    }
    if (!this.connected || this.#review || progress.revision < this.#latestRevision) return Promise.resolve();
    this.#latestRevision = progress.revision;
    const now = encodeSuspendDataNow(progress, this.#ids, SCORM2004_SUSPEND_LIMIT);
    this.#set('cmi.location', String(progress.frame));
    this.#set('cmi.suspend_data', now.data);
    const frames = Math.max(1, this.#pkg.frames.length);
    const seen = new Set(progress.seen.filter((f) => f >= 0 && f < frames)).size;
    // Progress reaches 1 only with completion: seeing every frame is not finishing the module.
    const measure = this.#completed ? 1 : Math.min(0.99, seen / frames);
    this.#set('cmi.progress_measure', decimal(measure, 4));
    this.#scheduleCommit();
    if (now.level === 0) return Promise.resolve();
    const run = this.#saving.then(async () => {
      const best = await encodeSuspendData(progress, this.#ids, SCORM2004_SUSPEND_LIMIT);
      if (!this.connected || progress.revision !== this.#latestRevision || best.level >= now.level) return;
      this.#set('cmi.suspend_data', best.data);
    });
    this.#saving = run.catch(() => undefined);
    return run;
  }

  async answered(id: string, outcomes: string[], score: number | null, response: unknown): Promise<void> {
    const activity = findActivity(this.#pkg, id);
    if (!this.connected || this.#review || !activity) return;
    const model = interactionModel(activity.view, activity.key, response);
    const interactionId = activityIri(this.#base, this.#pkg.courseId, id);
    const count = Number.parseInt(this.#get('cmi.interactions._count'), 10) || 0;
    let n = count;
    for (let i = 0; i < count; i++) {
      if (this.#get(`cmi.interactions.${i}.id`) === interactionId) {
        n = i;
        break;
      }
    }
    const at = `cmi.interactions.${n}`;
    if (n === count) {
      this.#set(`${at}.id`, interactionId);
      this.#set(`${at}.type`, type2004(model));
      outcomes.forEach((outcome, j) => {
        this.#set(`${at}.objectives.${j}.id`, identifier2004(outcome));
      });
      if (model.correct)
        this.#set(`${at}.correct_responses.0.pattern`, pattern2004(model.correct, model.kind));
      this.#set(`${at}.weighting`, '1');
      const description = model.prompt.replace(/\s+/g, ' ').trim().slice(0, 240);
      if (description) this.#set(`${at}.description`, `{lang=${this.#pkg.language}}${description}`);
    }
    this.#set(`${at}.timestamp`, timestamp2004(new Date()));
    if (model.response) this.#set(`${at}.learner_response`, pattern2004(model.response, model.kind));
    this.#set(`${at}.result`, result2004(score));
    this.#scheduleCommit();
  }

  async complete(result: CompletionResult): Promise<void> {
    if (!this.connected || this.#review) return;
    await this.#saving;
    const value = Math.round(result.score * 10_000) / 10_000;
    const passed = this.#passingScore === null ? result.passed : value >= this.#passingScore;
    this.#completed = true;
    this.#set('cmi.completion_status', 'completed');
    this.#set('cmi.progress_measure', '1');
    if (!(this.#passed && !passed)) {
      this.#set('cmi.score.scaled', decimal(value, 4));
      this.#set('cmi.score.min', '0');
      this.#set('cmi.score.max', '100');
      this.#set('cmi.score.raw', decimal(value * 100, 2));
      this.#set('cmi.success_status', passed ? 'passed' : 'failed');
      this.#passed = passed;
      this.#writeObjectives(result);
    }
    this.#commit();
  }

  #writeObjectives(result: CompletionResult): void {
    const count = Number.parseInt(this.#get('cmi.objectives._count'), 10) || 0;
    const existing = new Map<string, number>();
    for (let i = 0; i < count; i++) existing.set(this.#get(`cmi.objectives.${i}.id`), i);
    let next = count;
    for (const outcome of this.#pkg.outcomes) {
      const score = result.outcomes[outcome.id];
      if (score === undefined) continue;
      const id = identifier2004(outcome.id);
      const i = existing.get(id) ?? next++;
      const at = `cmi.objectives.${i}`;
      if (!existing.has(id)) this.#set(`${at}.id`, id);
      this.#set(`${at}.score.scaled`, decimal(score, 4));
      this.#set(`${at}.score.min`, '0');
      this.#set(`${at}.score.max`, '100');
      this.#set(`${at}.score.raw`, decimal(score * 100, 2));
      this.#set(`${at}.success_status`, score >= this.#pkg.assessment.passMark ? 'passed' : 'failed');
      this.#set(`${at}.completion_status`, 'completed');
      const text = outcome.text.replace(/\s+/g, ' ').trim().slice(0, 240);
      if (text) this.#set(`${at}.description`, `{lang=${this.#pkg.language}}${text}`);
    }
  }

  async finish(): Promise<void> {
    if (this.#finished) return;
    if (!this.#api) {
      this.#finished = true;
      return;
    }
    await this.#saving;
    this.finishNow();
  }

  /** Finishes at once, synchronously: for `pagehide`, where nothing asynchronous may run. */
  finishNow(): void {
    const api = this.#api;
    if (this.#finished || !api) return;
    if (this.#commitTimer !== null) clearTimeout(this.#commitTimer);
    this.#commitTimer = null;
    if (!this.#review) {
      this.#set('cmi.session_time', isoDuration(Date.now() - this.#startedAt));
      this.#set('cmi.exit', this.#passed ? 'normal' : 'suspend');
    }
    this.#finished = true;
    if (String(api.Terminate('')) !== 'true') this.log.warn(`Terminate failed: ${this.#error(api)}`);
  }

  #scheduleCommit(): void {
    if (this.#commitTimer !== null) return;
    this.#commitTimer = setTimeout(() => {
      this.#commitTimer = null;
      this.#commit();
    }, this.#commitDelayMs);
  }

  #commit(): void {
    const api = this.#api;
    if (!api || this.#finished) return;
    if (String(api.Commit('')) !== 'true') this.log.warn(`Commit failed: ${this.#error(api)}`);
  }

  #get(element: string): string {
    const api = this.#api;
    if (!api) return '';
    try {
      return String(api.GetValue(element) ?? '');
    } catch {
      return '';
    }
  }

  #set(element: string, value: string): void {
    const api = this.#api;
    if (!api || this.#finished) return;
    try {
      if (String(api.SetValue(element, value)) !== 'true') {
        this.log.warn(`SetValue ${element} failed: ${this.#error(api)}`);
      }
    } catch (error) {
      this.log.warn(`SetValue ${element} threw: ${String(error)}`);
    }
  }

  #error(api: Scorm2004Api): string {
    try {
      const code = String(api.GetLastError());
      return `${code} ${api.GetErrorString(code)}`;
    } catch {
      return 'unknown error';
    }
  }
}
