/**
 * The cmi5 tracker: the player launched by a cmi5 LMS as an AU.
 *
 * Launch (cmi5 §8): the URL carries endpoint, fetch, actor, registration and activityId; the AU POSTs
 * once to `fetch` for the auth token and sends it (`Authorization: Basic <token>`) on every xAPI call;
 * it reads the LMS.LaunchData state document (context template with the session id, launch mode,
 * mastery score, moveOn, returnURL) and the learner preferences (§11).
 *
 * Statements, in order, each with a fresh UUID and a UTC timestamp: initialized; answered (cmi5
 * allowed: the question as a cmi.interaction activity, the AU as parent, the score and the learning
 * outcomes); completed once per registration; passed or failed (score, success, masteryscore,
 * duration), at most one per session, no second passed and no failed after a pass; terminated with the
 * session's duration. In Browse or Review mode only initialized, answered and terminated are sent.
 *
 * Progress lives in the xAPI State API (stateId `lectern.progress`, with what this registration has
 * already been told). A verdict that may not be sent in this session (a second attempt after a fail)
 * waits there for the next session. On `pagehide` without a finish, state and terminated still go,
 * with `keepalive`. Then the browser goes to returnURL, if the LMS gave one.
 *
 * Without launch parameters (the package opened on its own) progress stays in the browser.
 */

import { findActivity, LocalProgress, TrackerLog } from '../../exports/scorm/runtime.ts';
import {
  type Agent,
  answeredStatement,
  CMI5,
  type Cmi5AuVerb,
  type Context,
  cmi5AllowedContext,
  cmi5Statement,
  DEFAULT_XAPI_BASE,
  newUuid,
  type Statement,
  XAPI_VERSION,
} from '../../exports/xapi/statements.ts';
import type {
  CompletionResult,
  SelfPacedPackage,
  SelfPacedProgress,
} from '../../selfpaced/self-paced-package.ts';
import type { LearnerIdentity, Tracker } from './tracker.ts';

export const PROGRESS_STATE_ID = 'lectern.progress';

export interface Cmi5Launch {
  endpoint: string;
  fetch: string;
  actor: Agent;
  registration: string;
  activityId: string;
}

export interface LaunchData {
  contextTemplate?: Context;
  launchMode?: 'Normal' | 'Browse' | 'Review';
  launchParameters?: string;
  masteryScore?: number;
  moveOn?: 'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';
  returnURL?: string;
}

/** What the AU keeps in the State API for the registration. */
interface ProgressState {
  progress: SelfPacedProgress | null;
  /** cmi5 defined verbs already sent in this registration: completed, passed, failed. */
  sent: string[];
  /** A verdict judged when it could not be sent (one per session): sent at the next launch. */
  pending: { verdict: 'passed' | 'failed'; score: number; durationMs: number } | null;
}

export interface Cmi5TrackerOptions {
  pkg: SelfPacedPackage;
  /** Base of the question activities' IRIs. */
  base?: string;
  /** The launch URL; the page's by default. */
  url?: string;
  fetch?: typeof fetch;
  /** Goes to the LMS's returnURL after terminated; `location.assign` by default. */
  redirect?: (url: string) => void;
  /** Delay before the progress is written to the State API after a change. Default 1000 ms. */
  saveDelayMs?: number;
}

/** The cmi5 launch parameters of a URL, or null when any is missing or malformed. */
export function readLaunch(href: string): Cmi5Launch | null {
  try {
    const params = new URL(href).searchParams;
    const endpoint = params.get('endpoint');
    const fetchUrl = params.get('fetch');
    const actorText = params.get('actor');
    const registration = params.get('registration');
    const activityId = params.get('activityId');
    if (!endpoint || !fetchUrl || !actorText || !registration || !activityId) return null;
    const actor = JSON.parse(actorText) as Agent;
    if (typeof actor !== 'object' || actor === null) return null;
    return {
      endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`,
      fetch: fetchUrl,
      actor,
      registration,
      activityId,
    };
  } catch {
    return null;
  }
}

export class Cmi5Tracker implements Tracker {
  readonly kind = 'cmi5';
  readonly log = new TrackerLog();
  readonly #pkg: SelfPacedPackage;
  readonly #base: string;
  readonly #url: string;
  readonly #fetch: typeof fetch;
  readonly #redirect: (url: string) => void;
  readonly #saveDelayMs: number;
  readonly #local: LocalProgress;
  #launch: Cmi5Launch | null = null;
  #auth = '';
  #data: LaunchData = {};
  #state: ProgressState = { progress: null, sent: [], pending: null };
  /** cmi5 defined verbs sent in this session. */
  readonly #sessionVerbs = new Set<string>();
  #initializedAt = 0;
  #finished = false;
  /** Statements go one after another, in the order they were made. */
  #sending: Promise<void> = Promise.resolve();
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #stateDirty = false;
  #writingState: Promise<void> = Promise.resolve();
  #lastTimestamp = 0;
  /** Set on pagehide (before the player's own listener runs): the page is going. */
  #leaving = false;

  constructor(options: Cmi5TrackerOptions) {
    this.#pkg = options.pkg;
    this.#base = options.base ?? DEFAULT_XAPI_BASE;
    this.#url = options.url ?? location.href;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#redirect = options.redirect ?? ((url) => location.assign(url));
    this.#saveDelayMs = options.saveDelayMs ?? 1000;
    this.#local = new LocalProgress(options.pkg.courseId, 'cmi5');
  }

  get connected(): boolean {
    return this.#launch !== null && !this.#finished;
  }

  get launchData(): LaunchData {
    return this.#data;
  }

  /** Whether the LMS's moveOn criterion is met by what this registration has been told. */
  get moveOnSatisfied(): boolean {
    const sent = new Set(this.#state.sent);
    switch (this.#data.moveOn ?? 'NotApplicable') {
      case 'Passed':
        return sent.has('passed');
      case 'Completed':
        return sent.has('completed');
      case 'CompletedAndPassed':
        return sent.has('completed') && sent.has('passed');
      case 'CompletedOrPassed':
        return sent.has('completed') || sent.has('passed');
      default:
        return true;
    }
  }

  async start(): Promise<{ learner: LearnerIdentity | null; progress: SelfPacedProgress | null }> {
    const launch = readLaunch(this.#url);
    if (!launch) {
      this.log.warn('no cmi5 launch parameters: progress is kept in this browser only');
      return { learner: null, progress: this.#local.load() };
    }
    const token = await this.#fetchToken(launch.fetch);
    if (token === null) return { learner: null, progress: this.#local.load() };
    this.#launch = launch;
    this.#auth = `Basic ${token}`;
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', () => {
        this.#leaving = true;
      });
      window.addEventListener('pageshow', (event) => {
        if (event.persisted) this.#leaving = false;
      });
    }
    const data = await this.#getDocument<LaunchData>(this.#stateUrl(CMI5.launchDataStateId));
    if (!data) this.log.warn('no LMS.LaunchData state document: statements go without the context template');
    this.#data = data ?? {};
    // cmi5 §11: the AU reads the learner preferences at startup (a missing document is no error).
    await this.#getDocument(this.#profileUrl(CMI5.learnerPreferencesProfileId));
    const saved = await this.#getDocument<Partial<ProgressState>>(this.#stateUrl(PROGRESS_STATE_ID));
    this.#state = {
      progress: saved?.progress ?? null,
      sent: Array.isArray(saved?.sent) ? saved.sent : [],
      pending: saved?.pending ?? null,
    };
    this.#initializedAt = Date.now();
    this.#defined('initialized', {});
    const pending = this.#state.pending;
    if (pending && this.#normal) {
      this.#state.pending = null;
      this.#verdict(pending.verdict, pending.score, pending.durationMs);
      this.#stateDirty = true;
      this.#scheduleSave(0);
    }
    const name = launch.actor.name;
    return { learner: name ? { name } : null, progress: this.#state.progress };
  }

  get #normal(): boolean {
    return (this.#data.launchMode ?? 'Normal') === 'Normal';
  }

  save(progress: SelfPacedProgress): Promise<void> {
    if (!this.#launch) {
      this.#local.save(progress);
      return Promise.resolve();
    }
    if (this.#finished) return Promise.resolve();
    const current = this.#state.progress;
    if (current && current.revision > progress.revision) return Promise.resolve();
    this.#state.progress = progress;
    this.#stateDirty = true;
    this.#scheduleSave(this.#saveDelayMs);
    return Promise.resolve();
  }

  async answered(id: string, outcomes: string[], score: number | null, response: unknown): Promise<void> {
    const launch = this.#launch;
    const activity = findActivity(this.#pkg, id);
    if (!launch || this.#finished || !activity) return;
    this.#enqueue(
      answeredStatement({
        id: newUuid(),
        timestamp: this.#timestamp(),
        actor: launch.actor,
        base: this.#base,
        courseId: this.#pkg.courseId,
        lang: this.#pkg.language,
        view: activity.view,
        key: activity.key,
        response,
        score,
        outcomes,
        context: cmi5AllowedContext(this.#data.contextTemplate, launch.registration),
        parent: { objectType: 'Activity', id: launch.activityId },
      }),
    );
  }

  async complete(result: CompletionResult): Promise<void> {
    if (!this.#launch || this.#finished || !this.#normal) return;
    const durationMs = Date.now() - this.#initializedAt;
    const mastery = this.#data.masteryScore;
    const passed = typeof mastery === 'number' ? result.score >= mastery : result.passed;
    if (!this.#state.sent.includes('completed')) {
      this.#defined('completed', { durationMs });
      this.#state.sent.push('completed');
    }
    const verdict = passed ? 'passed' : 'failed';
    // Per registration: one passed, and no failed after it. Per session: one passed or failed, so a
    // pass after a fail in the same session waits for the next one (a second fail is no news).
    if (!this.#state.sent.includes('passed')) {
      if (!this.#sessionVerbs.has('failed')) this.#verdict(verdict, result.score, durationMs);
      else if (passed) this.#state.pending = { verdict, score: result.score, durationMs };
    }
    this.#stateDirty = true;
    this.#scheduleSave(0);
    await this.#sending;
  }

  #verdict(verdict: 'passed' | 'failed', score: number, durationMs: number): void {
    const mastery = this.#data.masteryScore;
    this.#defined(verdict, {
      durationMs,
      score,
      ...(typeof mastery === 'number' ? { masteryScore: mastery } : {}),
    });
    if (!this.#state.sent.includes(verdict)) this.#state.sent.push(verdict);
  }

  async finish(): Promise<void> {
    if (!this.#launch) {
      this.#finished = true;
      return;
    }
    if (this.#finished) return;
    // Called as the page goes (the player finishes on pagehide): nothing may wait.
    if (this.#leaving) {
      this.finishNow();
      return;
    }
    this.#finished = true;
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    const state = this.#writeState();
    this.#defined('terminated', this.#closing(), true);
    await Promise.all([state, this.#sending]);
    const returnUrl = this.#data.returnURL;
    if (returnUrl) this.#redirect(returnUrl);
  }

  /**
   * Ends the session at once, for `pagehide`: the state and terminated go out now (keepalive), not
   * after the statements still queued; the LRS orders by timestamp, and terminated's is the last.
   */
  finishNow(): void {
    if (!this.#launch || this.#finished) return;
    this.#finished = true;
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    void this.#writeState(true);
    this.#defined('terminated', this.#closing(), true, true);
  }

  /** Terminated's result: the session's duration, and the share of slides seen until completion. */
  #closing(): { durationMs: number; progress?: number } {
    const durationMs = Date.now() - this.#initializedAt;
    const seen = this.#state.progress?.seen ?? [];
    const frames = this.#pkg.frames.length;
    if (this.#state.sent.includes('completed') || frames === 0) return { durationMs };
    const count = new Set(seen.filter((f) => f >= 0 && f < frames)).size;
    return { durationMs, progress: Math.min(99, Math.round((count / frames) * 100)) };
  }

  // ── statements ────────────────────────────────────────────────────────────────────────────────

  #defined(
    verb: Cmi5AuVerb,
    extra: { durationMs?: number; score?: number; masteryScore?: number; progress?: number },
    force = false,
    now = false,
  ): void {
    const launch = this.#launch;
    if (!launch || (this.#finished && !force) || this.#sessionVerbs.has(verb)) return;
    this.#sessionVerbs.add(verb);
    this.#enqueue(
      cmi5Statement({
        id: newUuid(),
        timestamp: this.#timestamp(),
        actor: launch.actor,
        verb,
        activityId: launch.activityId,
        registration: launch.registration,
        contextTemplate: this.#data.contextTemplate,
        ...extra,
      }),
      now,
    );
  }

  /** UTC, never before the previous statement's (ordering is by timestamp, §9.3). */
  #timestamp(): string {
    const now = Math.max(Date.now(), this.#lastTimestamp);
    this.#lastTimestamp = now;
    return new Date(now).toISOString();
  }

  /**
   * Sends statements one after another, in the order they were made; `now` sends at once, unchained.
   * Every request is keepalive (small, one at a time), so that the one in flight survives the page.
   */
  #enqueue(statement: Statement, now = false): void {
    const launch = this.#launch;
    if (!launch) return;
    const send = async () => {
      for (let attempt = 0; attempt < 4; attempt++) {
        try {
          const response = await this.#fetch(`${launch.endpoint}statements`, {
            method: 'POST',
            headers: this.#headers(),
            body: JSON.stringify(statement),
            keepalive: true,
          });
          if (response.ok || response.status === 409) return;
          if (response.status < 500 && response.status !== 408 && response.status !== 429) {
            this.log.warn(`LRS refused ${statement.verb.display['en-US']}: ${response.status}`);
            return;
          }
        } catch (error) {
          if (this.#leaving) return;
          this.log.warn(`LRS unreachable (${String(error)})`);
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      }
      this.log.warn(`gave up sending ${statement.verb.display['en-US']}`);
    };
    if (now) {
      void send();
      return;
    }
    this.#sending = this.#sending.then(send, send);
  }

  // ── State API ─────────────────────────────────────────────────────────────────────────────────

  #scheduleSave(delay: number): void {
    if (this.#saveTimer !== null) {
      if (delay > 0) return;
      clearTimeout(this.#saveTimer);
    }
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = null;
      void this.#writeState();
    }, delay);
  }

  /** Writes the progress document (keepalive, so that it lands even as the page goes); `now` skips the queue. */
  #writeState(now = false): Promise<void> {
    const run = async () => {
      if (!this.#stateDirty || !this.#launch) return;
      this.#stateDirty = false;
      const body = JSON.stringify(this.#state);
      try {
        const response = await this.#fetch(this.#stateUrl(PROGRESS_STATE_ID), {
          method: 'PUT',
          headers: this.#headers(),
          body,
          keepalive: true,
        });
        if (!response.ok) {
          this.#stateDirty = true;
          this.log.warn(`State API refused the progress: ${response.status}`);
        }
      } catch (error) {
        this.#stateDirty = true;
        if (!this.#leaving) this.log.warn(`State API unreachable (${String(error)})`);
      }
    };
    if (now) return run();
    this.#writingState = this.#writingState.then(run, run);
    return this.#writingState;
  }

  #headers(): Record<string, string> {
    return {
      authorization: this.#auth,
      'x-experience-api-version': XAPI_VERSION,
      'content-type': 'application/json',
    };
  }

  #stateUrl(stateId: string): string {
    const launch = this.#launch as Cmi5Launch;
    const params = new URLSearchParams({
      stateId,
      activityId: launch.activityId,
      agent: JSON.stringify(launch.actor),
      registration: launch.registration,
    });
    return `${launch.endpoint}activities/state?${params}`;
  }

  #profileUrl(profileId: string): string {
    const launch = this.#launch as Cmi5Launch;
    const params = new URLSearchParams({ profileId, agent: JSON.stringify(launch.actor) });
    return `${launch.endpoint}agents/profile?${params}`;
  }

  async #getDocument<T>(url: string): Promise<T | null> {
    try {
      const response = await this.#fetch(url, { headers: this.#headers() });
      if (response.status === 404) return null;
      if (!response.ok) {
        this.log.warn(`LRS answered ${response.status} for ${new URL(url).pathname}`);
        return null;
      }
      return (await response.json()) as T;
    } catch (error) {
      this.log.warn(`LRS unreachable (${String(error)})`);
      return null;
    }
  }

  async #fetchToken(url: string): Promise<string | null> {
    try {
      const response = await this.#fetch(url, { method: 'POST' });
      const body = (await response.json()) as Record<string, unknown>;
      const token = body['auth-token'];
      if (typeof token === 'string' && token !== '') return token;
      this.log.warn(
        `fetch URL gave no token: error ${String(body['error-code'])} ${String(body['error-text'] ?? '')}`,
      );
    } catch (error) {
      this.log.warn(`fetch URL failed (${String(error)})`);
    }
    return null;
  }
}
