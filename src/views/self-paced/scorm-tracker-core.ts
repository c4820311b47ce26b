/**
 * What the SCORM 1.2 and SCORM 2004 trackers share: finding and calling the LMS's API object, resuming
 * from suspend data or the location, saving (plain at once, deflated after), the commit timer, writing
 * one `cmi.objectives.n` per learning outcome, and finishing (also synchronously, as the page goes).
 *
 * A version is a small table of its API's method names and data-model elements ({@link ScormVersion})
 * plus a few hooks for what really differs: the status read at start, interactions and the completion.
 *
 * Without an API (the package opened on its own) progress stays in the browser.
 */

import type { InteractionModel } from '../../exports/scorm/interactions.ts';
import { interactionModel } from '../../exports/scorm/interactions.ts';
import { findActivity, findApi, LocalProgress, TrackerLog } from '../../exports/scorm/runtime.ts';
import {
  decodeSuspendData,
  encodeSuspendData,
  encodeSuspendDataNow,
  type SuspendIds,
  suspendIds,
} from '../../exports/scorm/suspend-data.ts';
import type {
  CompletionResult,
  SelfPacedPackage,
  SelfPacedProgress,
} from '../../selfpaced/self-paced-package.ts';
import type { LearnerIdentity, Tracker } from './tracker.ts';

/** The names of one version's API methods (they also name the call in warnings). */
export interface ScormCalls {
  initialize: string;
  get: string;
  set: string;
  commit: string;
  lastError: string;
  errorString: string;
  /** Called in turn when finishing: LMSCommit + LMSFinish, or Terminate. */
  close: readonly string[];
}

/** What a SCORM version's tracker is made of, besides its hooks. */
export interface ScormVersion {
  kind: string;
  /** 'SCORM 1.2', for the warning when no API is found. */
  label: string;
  /** The window property that holds the API: `API` or `API_1484_11`. */
  apiName: 'API' | 'API_1484_11';
  calls: ScormCalls;
  suspendLimit: number;
  /** The element that keeps the frame when suspend data is missing. */
  location: string;
  learnerName: string;
  displayName(name: string): string;
  sessionTime: string;
  timespan(ms: number): string;
  exit: string;
  /** The exit value once passed ('' or 'normal'); 'suspend' otherwise. */
  exitPassed: string;
  /** An outcome id as an objective identifier. */
  identifier(id: string): string;
}

export interface ScormTrackerOptions {
  pkg: SelfPacedPackage;
  /** Where to start looking for the API; the page's window by default. */
  window?: Window;
  /** Delay before a commit after a change. Default 1000 ms. */
  commitDelayMs?: number;
}

type Callable = Record<string, (...args: string[]) => unknown>;

/** Calls the API's method `name` (throwing, as a direct call would, when it has none). */
function call(api: Callable, name: string, ...args: string[]): unknown {
  const method = api[name] as (...args: string[]) => unknown;
  return method.apply(api, args);
}

/** `{lang=xx}text` with white space folded and at most 240 characters, or '' when empty. */
export function langString(pkg: SelfPacedPackage, text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim().slice(0, 240);
  return folded ? `{lang=${pkg.language}}${folded}` : '';
}

export abstract class ScormTracker implements Tracker {
  readonly kind: string;
  readonly log = new TrackerLog();
  protected readonly pkg: SelfPacedPackage;
  protected review = false;
  protected passed = false;
  readonly #version: ScormVersion;
  readonly #window: Window;
  readonly #ids: SuspendIds;
  readonly #local: LocalProgress;
  readonly #commitDelayMs: number;
  #api: Callable | null = null;
  #finished = false;
  #startedAt = Date.now();
  #commitTimer: ReturnType<typeof setTimeout> | null = null;
  /** Saves run one after another, so that an older progress never lands after a newer one. */
  #saving: Promise<void> = Promise.resolve();
  #latestRevision = -1;

  constructor(version: ScormVersion, options: ScormTrackerOptions) {
    this.kind = version.kind;
    this.#version = version;
    this.pkg = options.pkg;
    this.#window = options.window ?? window;
    this.#ids = suspendIds(options.pkg);
    this.#local = new LocalProgress(options.pkg.courseId, version.kind);
    this.#commitDelayMs = options.commitDelayMs ?? 1000;
  }

  /** Reads the attempt's state (review, passed, thresholds) and marks a first attempt as begun. */
  protected abstract open(): void;
  /** Called by save after location and suspend data are written (2004: the progress measure). */
  protected saved(_progress: SelfPacedProgress): void {}
  /** Writes the interaction of one answer; `count` is `cmi.interactions._count`. */
  protected abstract interaction(
    id: string,
    outcomes: string[],
    score: number | null,
    model: InteractionModel,
    count: number,
  ): void;
  /** Writes the result; the saves before it have landed. */
  protected abstract completed(result: CompletionResult): void;
  /** Writes one objective at `at` (e.g. `cmi.objectives.2`), `isNew` when it was not there yet. */
  protected abstract objective(
    at: string,
    id: string,
    isNew: boolean,
    score: number,
    outcome: SelfPacedPackage['outcomes'][number],
  ): void;

  /** Whether an LMS is connected (false once finished, or when none was found). */
  get connected(): boolean {
    return this.#api !== null && !this.#finished;
  }

  async start(): Promise<{ learner: LearnerIdentity | null; progress: SelfPacedProgress | null }> {
    const version = this.#version;
    const api = findApi<Callable>(this.#window, version.apiName);
    if (!api) {
      this.log.warn(`no ${version.label} API found: progress is kept in this browser only`);
      return { learner: null, progress: this.#local.load() };
    }
    if (String(call(api, version.calls.initialize, '')) !== 'true') {
      this.log.warn(`${version.calls.initialize} failed: ${this.#error(api)}`);
      return { learner: null, progress: this.#local.load() };
    }
    this.#api = api;
    this.#startedAt = Date.now();
    this.open();
    const name = this.get(version.learnerName);
    const progress = await this.#restore();
    return { learner: name ? { name: version.displayName(name) } : null, progress };
  }

  async #restore(): Promise<SelfPacedProgress | null> {
    const data = this.get('cmi.suspend_data');
    const progress = data ? await decodeSuspendData(data, this.#ids) : null;
    if (progress) return progress;
    const frame = Number.parseInt(this.get(this.#version.location), 10);
    if (!Number.isInteger(frame) || frame < 0 || frame > this.pkg.frames.length) return null;
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
    if (!this.connected || this.review || progress.revision < this.#latestRevision) return Promise.resolve();
    this.#latestRevision = progress.revision;
    const limit = this.#version.suspendLimit;
    const now = encodeSuspendDataNow(progress, this.#ids, limit);
    this.set(this.#version.location, String(progress.frame));
    this.set('cmi.suspend_data', now.data);
    this.saved(progress);
    this.#scheduleCommit();
    if (now.level === 0) return Promise.resolve();
    const run = this.#saving.then(async () => {
      const best = await encodeSuspendData(progress, this.#ids, limit);
      if (!this.connected || progress.revision !== this.#latestRevision || best.level >= now.level) return;
      this.set('cmi.suspend_data', best.data);
    });
    this.#saving = run.catch(() => undefined);
    return run;
  }

  async answered(id: string, outcomes: string[], score: number | null, response: unknown): Promise<void> {
    const activity = findActivity(this.pkg, id);
    if (!this.connected || this.review || !activity) return;
    const model = interactionModel(activity.view, activity.key, response);
    const count = Number.parseInt(this.get('cmi.interactions._count'), 10) || 0;
    this.interaction(id, outcomes, score, model, count);
    this.#scheduleCommit();
  }

  async complete(result: CompletionResult): Promise<void> {
    if (!this.connected || this.review) return;
    await this.#saving;
    this.completed(result);
  }

  /** One `cmi.objectives.n` per learning outcome the result scores, found again by id. */
  protected writeObjectives(result: CompletionResult): void {
    const count = Number.parseInt(this.get('cmi.objectives._count'), 10) || 0;
    const existing = new Map<string, number>();
    for (let i = 0; i < count; i++) existing.set(this.get(`cmi.objectives.${i}.id`), i);
    let next = count;
    for (const outcome of this.pkg.outcomes) {
      const score = result.outcomes[outcome.id];
      if (score === undefined) continue;
      const id = this.#version.identifier(outcome.id);
      const i = existing.get(id) ?? next++;
      this.objective(`cmi.objectives.${i}`, id, !existing.has(id), score, outcome);
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
    const version = this.#version;
    if (this.#finished || !api) return;
    if (this.#commitTimer !== null) clearTimeout(this.#commitTimer);
    this.#commitTimer = null;
    if (!this.review) {
      this.set(version.sessionTime, version.timespan(Date.now() - this.#startedAt));
      this.set(version.exit, this.passed ? version.exitPassed : 'suspend');
    }
    this.#finished = true;
    for (const name of version.calls.close) {
      if (String(call(api, name, '')) !== 'true') this.log.warn(`${name} failed: ${this.#error(api)}`);
    }
  }

  #scheduleCommit(): void {
    if (this.#commitTimer !== null) return;
    this.#commitTimer = setTimeout(() => {
      this.#commitTimer = null;
      this.commit();
    }, this.#commitDelayMs);
  }

  protected commit(): void {
    const api = this.#api;
    const name = this.#version.calls.commit;
    if (!api || this.#finished) return;
    if (String(call(api, name, '')) !== 'true') this.log.warn(`${name} failed: ${this.#error(api)}`);
  }

  protected get(element: string): string {
    const api = this.#api;
    if (!api) return '';
    try {
      return String(call(api, this.#version.calls.get, element) ?? '');
    } catch {
      return '';
    }
  }

  protected set(element: string, value: string): void {
    const api = this.#api;
    const name = this.#version.calls.set;
    if (!api || this.#finished) return;
    try {
      if (String(call(api, name, element, value)) !== 'true') {
        this.log.warn(`${name} ${element} failed: ${this.#error(api)}`);
      }
    } catch (error) {
      this.log.warn(`${name} ${element} threw: ${String(error)}`);
    }
  }

  #error(api: Callable): string {
    try {
      const code = String(call(api, this.#version.calls.lastError));
      return `${code} ${call(api, this.#version.calls.errorString, code)}`;
    } catch {
      return 'unknown error';
    }
  }
}
