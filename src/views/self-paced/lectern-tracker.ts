/**
 * The Lectern server's tracker: progress is written to localStorage first, synchronously, so that
 * nothing is lost offline or when the tab closes; it is then sent to the server when the network
 * allows (at once, on every `online` event, and with a growing delay after a failure).
 *
 * Only the latest progress is ever sent: saves made offline collapse into one request. Each carries its
 * revision, and the server keeps a progress only if its revision is higher than the stored one, so a
 * retry of a request whose answer was lost, or a late request, is acknowledged as stale and never
 * counted twice.
 */
import type { CompletionResult, SelfPacedProgress } from '../../selfpaced/self-paced-package.ts';
import type { LearnerIdentity, Tracker } from './tracker.ts';

/** local: saved on the device only; sending; saved: the server has the latest; offline; refused. */
export type SyncStatus = 'local' | 'sending' | 'saved' | 'offline' | 'refused';

export interface LecternTrackerOptions {
  courseId: string;
  /** Origin of the API; the page's own by default. */
  baseUrl?: string;
  onStatus?: (status: SyncStatus) => void;
}

interface LocalState {
  name: string | null;
  attemptId: string | null;
  token: string | null;
  progress: SelfPacedProgress | null;
  /** The highest revision the server has acknowledged (saved or stale). */
  synced: number;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/** The stable error code of a Lectern error response (`{error: {code}}`), if there is one. */
async function errorCode(response: globalThis.Response): Promise<string | undefined> {
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** An HTTP answer that retrying the same request will not change. */
class Refused extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`HTTP ${status}`);
    this.status = status;
  }
}

export class LecternTracker implements Tracker {
  readonly kind = 'lectern';
  readonly #key: string;
  readonly #base: string;
  readonly #onStatus: (status: SyncStatus) => void;
  /** Kept in memory too, for browsers where localStorage refuses writes. */
  #state: LocalState;
  #running: Promise<void> | null = null;
  #again = false;
  #retryTimer: number | undefined;
  #failures = 0;
  #status: SyncStatus = 'local';

  constructor(options: LecternTrackerOptions) {
    this.#key = `lectern.selfPaced.${options.courseId}`;
    this.#base = options.baseUrl ?? '';
    this.#onStatus = options.onStatus ?? (() => {});
    this.#state = this.#read();
    window.addEventListener('online', () => this.#kick());
    window.addEventListener('offline', () => this.#setStatus('offline'));
  }

  /** The learner registered on this device, if any. */
  learner(): LearnerIdentity | null {
    return this.#state.name ? { name: this.#state.name } : null;
  }

  /** Registers the learner on this device; the server attempt is created at the first sync. */
  register(name: string): void {
    this.#write({ ...this.#state, name, attemptId: null, token: null, progress: null, synced: 0 });
  }

  /** The server attempt, once created: for diagnostics and tests. */
  attempt(): { attemptId: string; token: string } | null {
    const { attemptId, token } = this.#state;
    return attemptId && token ? { attemptId, token } : null;
  }

  status(): SyncStatus {
    return this.#status;
  }

  async start(): Promise<{ learner: LearnerIdentity | null; progress: SelfPacedProgress | null }> {
    this.#state = this.#read();
    this.#setStatus(this.#pending() ? 'local' : this.#state.attemptId ? 'saved' : 'local');
    this.#kick();
    return { learner: this.learner(), progress: this.#state.progress };
  }

  async save(progress: SelfPacedProgress): Promise<void> {
    const stored = this.#state.progress;
    if (stored && stored.revision >= progress.revision) return;
    this.#write({ ...this.#state, progress });
    this.#setStatus('local');
    this.#kick();
  }

  /** The server keeps the answers inside the progress: nothing else to report. */
  async answered(
    _id: string,
    _outcomes: string[],
    _score: number | null,
    _response: unknown,
  ): Promise<void> {}

  /** The result travels in the progress saved just before; the server scores it again. */
  async complete(_result: CompletionResult): Promise<void> {
    this.#kick();
  }

  /** Sends what is left, with `keepalive` so that it survives the page closing. */
  async finish(): Promise<void> {
    if (!this.#pending() || !navigator.onLine) return;
    try {
      await this.#syncOnce(true);
    } catch {
      // Kept in localStorage: sent on the next visit.
    }
  }

  /** Resolves once the latest progress is on the server, or the attempt to send it has failed. */
  async flush(): Promise<void> {
    this.#kick();
    while (this.#running) await this.#running;
  }

  // ── sync ────────────────────────────────────────────────────────────────────────────────────

  #pending(): boolean {
    const progress = this.#state.progress;
    return progress !== null && progress.revision > this.#state.synced;
  }

  #kick(): void {
    window.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (!this.#pending() && this.#state.attemptId) {
      if (this.#status !== 'refused') this.#setStatus('saved');
      return;
    }
    if (!this.#state.name) return;
    this.#running = this.#run().finally(() => {
      this.#running = null;
    });
  }

  async #run(): Promise<void> {
    try {
      do {
        this.#again = false;
        if (!navigator.onLine) throw new TypeError('offline');
        await this.#syncOnce(false);
      } while (this.#again || this.#pending());
      this.#failures = 0;
      this.#setStatus('saved');
    } catch (error) {
      if (error instanceof Refused) {
        this.#setStatus('refused');
        return;
      }
      this.#setStatus('offline');
      this.#failures++;
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.#failures - 1));
      this.#retryTimer = window.setTimeout(() => this.#kick(), delay * (0.75 + Math.random() / 2));
    }
  }

  /** Creates the attempt if needed, then sends the latest progress once. Throws on failure. */
  async #syncOnce(keepalive: boolean): Promise<void> {
    if (!this.#state.attemptId || !this.#state.token) await this.#createAttempt(keepalive);
    const progress = this.#state.progress;
    if (!progress || progress.revision <= this.#state.synced) return;
    this.#setStatus('sending');
    const response = await fetch(`${this.#base}/api/self-paced/attempts/${this.#state.attemptId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${this.#state.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(progress),
      keepalive,
    });
    if (response.status === 403 || response.status === 404) {
      const code = await errorCode(response);
      if (code === 'NOT_FOUND' || code === 'TOKEN_INVALID') {
        // The server no longer knows this attempt (a new database): start a new one with this progress.
        this.#write({ ...this.#state, attemptId: null, token: null, synced: 0 });
        throw new TypeError('attempt unknown');
      }
    }
    if (!response.ok) {
      if (response.status >= 400 && response.status < 500 && response.status !== 429)
        throw new Refused(response.status);
      throw new TypeError(`HTTP ${response.status}`);
    }
    const body = (await response.json()) as { status: 'saved' | 'stale'; revision: number };
    this.#write({ ...this.#state, synced: Math.max(this.#state.synced, progress.revision) });
    if (body.status === 'stale' && body.revision > progress.revision) {
      // The server is ahead of this device (another tab): carry on from above its revision.
      console.warn('lectern: the server holds a newer revision', body.revision);
    }
  }

  async #createAttempt(keepalive: boolean): Promise<void> {
    const response = await fetch(`${this.#base}/api/self-paced/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: this.#state.name ?? '' }),
      keepalive,
    });
    if (!response.ok) {
      if (response.status >= 400 && response.status < 500 && response.status !== 429)
        throw new Refused(response.status);
      throw new TypeError(`HTTP ${response.status}`);
    }
    const body = (await response.json()) as { attemptId: string; token: string };
    this.#write({ ...this.#state, attemptId: body.attemptId, token: body.token, synced: 0 });
  }

  // ── storage ─────────────────────────────────────────────────────────────────────────────────

  #setStatus(status: SyncStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#onStatus(status);
  }

  #read(): LocalState {
    const empty: LocalState = { name: null, attemptId: null, token: null, progress: null, synced: 0 };
    try {
      const parsed = JSON.parse(localStorage.getItem(this.#key) ?? 'null') as Partial<LocalState> | null;
      if (!parsed || typeof parsed !== 'object') return this.#state ?? empty;
      return { ...empty, ...parsed };
    } catch {
      return this.#state ?? empty;
    }
  }

  #write(state: LocalState): void {
    this.#state = state;
    try {
      localStorage.setItem(this.#key, JSON.stringify(state));
    } catch {
      // Private browsing or a full quota: the progress lives as long as the page, and on the server.
    }
  }
}
