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
  identifier12,
  interactionModel,
  pattern12,
  result12,
  type12,
} from '../../exports/scorm/interactions.ts';
import {
  decimal,
  displayName,
  findActivity,
  findApi,
  LocalProgress,
  TrackerLog,
  timeOfDay12,
  timespan12,
} from '../../exports/scorm/runtime.ts';
import {
  decodeSuspendData,
  encodeSuspendData,
  encodeSuspendDataNow,
  SCORM12_SUSPEND_LIMIT,
  type SuspendIds,
  suspendIds,
} from '../../exports/scorm/suspend-data.ts';
import type {
  CompletionResult,
  SelfPacedPackage,
  SelfPacedProgress,
} from '../../selfpaced/self-paced-package.ts';
import type { LearnerIdentity, Tracker } from './tracker.ts';

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

export interface Scorm12TrackerOptions {
  pkg: SelfPacedPackage;
  /** Where to start looking for the API; the page's window by default. */
  window?: Window;
  /** Delay before a commit after a change. Default 1000 ms. */
  commitDelayMs?: number;
}

export class Scorm12Tracker implements Tracker {
  readonly kind = 'scorm12';
  readonly log = new TrackerLog();
  readonly #pkg: SelfPacedPackage;
  readonly #window: Window;
  readonly #ids: SuspendIds;
  readonly #local: LocalProgress;
  readonly #commitDelayMs: number;
  #api: Scorm12Api | null = null;
  #review = false;
  #mastery: number | null = null;
  #passed = false;
  #finished = false;
  #startedAt = Date.now();
  #commitTimer: ReturnType<typeof setTimeout> | null = null;
  /** Saves run one after another, so that an older progress never lands after a newer one. */
  #saving: Promise<void> = Promise.resolve();
  #latestRevision = -1;

  constructor(options: Scorm12TrackerOptions) {
    this.#pkg = options.pkg;
    this.#window = options.window ?? window;
    this.#ids = suspendIds(options.pkg);
    this.#local = new LocalProgress(options.pkg.courseId, 'scorm12');
    this.#commitDelayMs = options.commitDelayMs ?? 1000;
  }

  /** Whether an LMS is connected (false once finished, or when none was found). */
  get connected(): boolean {
    return this.#api !== null && !this.#finished;
  }

  async start(): Promise<{ learner: LearnerIdentity | null; progress: SelfPacedProgress | null }> {
    const api = findApi<Scorm12Api>(this.#window, 'API');
    if (!api) {
      this.log.warn('no SCORM 1.2 API found: progress is kept in this browser only');
      return { learner: null, progress: this.#local.load() };
    }
    if (String(api.LMSInitialize('')) !== 'true') {
      this.log.warn(`LMSInitialize failed: ${this.#error(api)}`);
      return { learner: null, progress: this.#local.load() };
    }
    this.#api = api;
    this.#startedAt = Date.now();
    const status = this.#get('cmi.core.lesson_status');
    const mode = this.#get('cmi.core.lesson_mode');
    this.#review = mode === 'review';
    this.#passed = status === 'passed';
    const mastery = Number.parseFloat(this.#get('cmi.student_data.mastery_score'));
    this.#mastery = Number.isFinite(mastery) ? mastery : null;
    if (!this.#review && (status === 'not attempted' || status === '')) {
      this.#set('cmi.core.lesson_status', mode === 'browse' ? 'browsed' : 'incomplete');
      this.#commit();
    }
    const name = this.#get('cmi.core.student_name');
    const progress = await this.#restore();
    return { learner: name ? { name: displayName(name) } : null, progress };
  }

  async #restore(): Promise<SelfPacedProgress | null> {
    const data = this.#get('cmi.suspend_data');
    const progress = data ? await decodeSuspendData(data, this.#ids) : null;
    if (progress) return progress;
    const frame = Number.parseInt(this.#get('cmi.core.lesson_location'), 10);
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
    const now = encodeSuspendDataNow(progress, this.#ids, SCORM12_SUSPEND_LIMIT);
    this.#set('cmi.core.lesson_location', String(progress.frame));
    this.#set('cmi.suspend_data', now.data);
    this.#scheduleCommit();
    if (now.level === 0) return Promise.resolve();
    const run = this.#saving.then(async () => {
      const best = await encodeSuspendData(progress, this.#ids, SCORM12_SUSPEND_LIMIT);
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
    const n = Number.parseInt(this.#get('cmi.interactions._count'), 10) || 0;
    const at = `cmi.interactions.${n}`;
    this.#set(`${at}.id`, identifier12(id));
    this.#set(`${at}.type`, type12(model));
    outcomes.forEach((outcome, j) => {
      this.#set(`${at}.objectives.${j}.id`, identifier12(outcome));
    });
    this.#set(`${at}.time`, timeOfDay12(new Date()));
    if (model.correct) this.#set(`${at}.correct_responses.0.pattern`, pattern12(model.correct));
    this.#set(`${at}.weighting`, '1');
    if (model.response) this.#set(`${at}.student_response`, pattern12(model.response));
    this.#set(`${at}.result`, result12(score));
    this.#scheduleCommit();
  }

  async complete(result: CompletionResult): Promise<void> {
    if (!this.connected || this.#review) return;
    await this.#saving;
    const raw = Math.round(result.score * 10_000) / 100;
    const passed = this.#mastery === null ? result.passed : raw >= this.#mastery;
    // A learner who passed keeps the pass (and its score) whatever a later attempt gives.
    if (this.#passed && !passed) return;
    this.#set('cmi.core.score.min', '0');
    this.#set('cmi.core.score.max', '100');
    this.#set('cmi.core.score.raw', decimal(raw, 2));
    this.#set('cmi.core.lesson_status', passed ? 'passed' : 'failed');
    this.#passed = passed;
    this.#writeObjectives(result);
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
      const id = identifier12(outcome.id);
      const i = existing.get(id) ?? next++;
      const at = `cmi.objectives.${i}`;
      this.#set(`${at}.id`, id);
      this.#set(`${at}.score.min`, '0');
      this.#set(`${at}.score.max`, '100');
      this.#set(`${at}.score.raw`, decimal(score * 100, 2));
      this.#set(`${at}.status`, score >= this.#pkg.assessment.passMark ? 'passed' : 'failed');
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
      this.#set('cmi.core.session_time', timespan12(Date.now() - this.#startedAt));
      this.#set('cmi.core.exit', this.#passed ? '' : 'suspend');
    }
    this.#finished = true;
    if (String(api.LMSCommit('')) !== 'true') this.log.warn(`LMSCommit failed: ${this.#error(api)}`);
    if (String(api.LMSFinish('')) !== 'true') this.log.warn(`LMSFinish failed: ${this.#error(api)}`);
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
    if (String(api.LMSCommit('')) !== 'true') this.log.warn(`LMSCommit failed: ${this.#error(api)}`);
  }

  #get(element: string): string {
    const api = this.#api;
    if (!api) return '';
    try {
      return String(api.LMSGetValue(element) ?? '');
    } catch {
      return '';
    }
  }

  #set(element: string, value: string): void {
    const api = this.#api;
    if (!api || this.#finished) return;
    try {
      if (String(api.LMSSetValue(element, value)) !== 'true') {
        this.log.warn(`LMSSetValue ${element} failed: ${this.#error(api)}`);
      }
    } catch (error) {
      this.log.warn(`LMSSetValue ${element} threw: ${String(error)}`);
    }
  }

  #error(api: Scorm12Api): string {
    try {
      const code = String(api.LMSGetLastError());
      return `${code} ${api.LMSGetErrorString(code)}`;
    } catch {
      return 'unknown error';
    }
  }
}
