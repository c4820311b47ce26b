/**
 * Sends statements to a configured Learning Record Store: `POST <endpoint>/statements` with basic
 * auth and `X-Experience-API-Version: 1.0.3`, in batches, one request at a time (so statements arrive
 * in order), retrying with exponential backoff on network errors, timeouts, 408, 429 and 5xx (honouring
 * Retry-After). The queue is bounded: when the LRS stays away, the oldest statements are dropped and
 * counted. A batch the LRS refuses as malformed is retried one statement at a time, so that one bad
 * statement does not take its neighbours with it.
 *
 * With no LRS configured the client does nothing. It never throws and never rejects: the classroom
 * goes on whatever the LRS does.
 */
import { type Statement, XAPI_VERSION } from './statements.ts';

export interface LrsConfig {
  /** The xAPI endpoint, e.g. https://lrs.example.org/xapi/ (statements go to `<endpoint>/statements`). */
  endpoint: string;
  username?: string;
  password?: string;
}

export interface LrsClientOptions {
  /** Most statements held while the LRS is slow or away; the oldest go first. Default 10 000. */
  maxQueue?: number;
  /** Statements per request. Default 50. */
  batchSize?: number;
  /** How long a statement waits for others to share its request. Default 500 ms. */
  batchDelayMs?: number;
  /** First retry delay, doubled on every failure up to `maxDelayMs`. Defaults 1 s and 60 s. */
  retryDelayMs?: number;
  maxDelayMs?: number;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  log?: (message: string, error?: unknown) => void;
}

export interface LrsStats {
  queued: number;
  sent: number;
  /** Dropped because the queue was full. */
  dropped: number;
  /** Refused by the LRS as invalid (4xx), not retried. */
  rejected: number;
  /** Failed requests that were retried. */
  retries: number;
}

export interface LrsClient {
  readonly enabled: boolean;
  /** Queues statements; returns at once. */
  send(statements: Statement | Statement[]): void;
  /** Resolves once everything queued is sent or given up, or after `timeoutMs` (default 10 s). */
  flush(timeoutMs?: number): Promise<void>;
  /** Flushes (for at most `timeoutMs`, default 5 s), then ignores further statements. */
  close(timeoutMs?: number): Promise<void>;
  stats(): LrsStats;
}

/** The LRS named by the environment (LECTERN_LRS_ENDPOINT, _USERNAME, _PASSWORD), or null. */
export function lrsConfigFromEnv(env: Record<string, string | undefined>): LrsConfig | null {
  const endpoint = env.LECTERN_LRS_ENDPOINT?.trim();
  if (!endpoint) return null;
  return {
    endpoint,
    ...(env.LECTERN_LRS_USERNAME ? { username: env.LECTERN_LRS_USERNAME } : {}),
    ...(env.LECTERN_LRS_PASSWORD ? { password: env.LECTERN_LRS_PASSWORD } : {}),
  };
}

const DISABLED: LrsClient = {
  enabled: false,
  send: () => {},
  flush: async () => {},
  close: async () => {},
  stats: () => ({ queued: 0, sent: 0, dropped: 0, rejected: 0, retries: 0 }),
};

interface Entry {
  statement: Statement;
  /** Set when a batch was refused: the statement then goes on its own. */
  alone: boolean;
}

function statementsUrl(endpoint: string): string | null {
  try {
    const url = new URL(endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return new URL('statements', url).href;
  } catch {
    return null;
  }
}

function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

function retryAfterMs(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export function createLrsClient(
  config: LrsConfig | null | undefined,
  options: LrsClientOptions = {},
): LrsClient {
  const log = options.log ?? ((message, error) => console.error(`lectern: LRS: ${message}`, error ?? ''));
  const url = config ? statementsUrl(config.endpoint) : null;
  if (!config || !url) {
    if (config) log(`not an http(s) endpoint, statements are not sent: ${config.endpoint}`);
    return DISABLED;
  }
  const maxQueue = Math.max(1, options.maxQueue ?? 10_000);
  const batchSize = Math.max(1, options.batchSize ?? 50);
  const batchDelayMs = options.batchDelayMs ?? 500;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-experience-api-version': XAPI_VERSION,
  };
  if (config.username !== undefined || config.password !== undefined) {
    headers.authorization = basicAuth(config.username ?? '', config.password ?? '');
  }

  const queue: Entry[] = [];
  const stats = { sent: 0, dropped: 0, rejected: 0, retries: 0 };
  let closed = false;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let idleWaiters: (() => void)[] = [];
  let droppedAtLastLog = 0;
  let inFlight = new Set<Entry>();
  /** A delay the LRS asked for (Retry-After), used instead of the backoff for the next retry. */
  let nextDelay: number | null = null;

  const settleIdle = () => {
    if (running || timer !== null || queue.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const schedule = (delay: number) => {
    if (timer !== null || running || closed) return;
    timer = setTimeout(() => {
      timer = null;
      void pump();
    }, delay);
    (timer as { unref?: () => void }).unref?.();
  };

  async function post(batch: Entry[]): Promise<'ok' | 'retry' | 'refused'> {
    const controller = new AbortController();
    const abort = setTimeout(() => controller.abort(), timeoutMs);
    (abort as { unref?: () => void }).unref?.();
    try {
      const response = await doFetch(url as string, {
        method: 'POST',
        headers,
        body: JSON.stringify(batch.map((e) => e.statement)),
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      // 409: the LRS holds these statement ids already (a retry of a request that did arrive).
      if (response.ok || response.status === 409) return 'ok';
      if (response.status === 408 || response.status === 429 || response.status >= 500) {
        const after = retryAfterMs(response);
        if (after !== null) nextDelay = Math.min(maxDelayMs, after);
        log(`LRS answered ${response.status}; will retry`);
        return 'retry';
      }
      log(`LRS refused ${batch.length} statement(s): ${response.status}`);
      return 'refused';
    } catch (error) {
      log('LRS unreachable; will retry', error);
      return 'retry';
    } finally {
      clearTimeout(abort);
    }
  }

  async function pump(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (queue.length > 0) {
        let count = 1;
        if (!queue[0]?.alone) {
          while (count < batchSize && count < queue.length && !queue[count]?.alone) count++;
        }
        const batch = queue.slice(0, count);
        nextDelay = null;
        inFlight = new Set(batch);
        const outcome = await post(batch);
        inFlight = new Set();
        // The queue may have been trimmed from the front while the request was in flight.
        const still = batch.filter((e) => queue.includes(e));
        if (outcome === 'ok') {
          for (const e of still) queue.splice(queue.indexOf(e), 1);
          stats.sent += batch.length;
          failures = 0;
        } else if (outcome === 'refused') {
          if (batch.length > 1) {
            for (const e of still) e.alone = true;
          } else {
            for (const e of still) queue.splice(queue.indexOf(e), 1);
            stats.rejected += batch.length;
          }
        } else {
          stats.retries++;
          failures++;
          if (closed) break;
          const backoff = Math.min(maxDelayMs, retryDelayMs * 2 ** Math.min(failures - 1, 20));
          const delay = nextDelay ?? backoff * (0.75 + Math.random() * 0.5);
          running = false;
          schedule(delay);
          return;
        }
      }
    } catch (error) {
      log('unexpected error while sending statements', error);
    } finally {
      running = false;
      settleIdle();
    }
  }

  return {
    enabled: true,
    send(statements) {
      try {
        if (closed) return;
        const list = Array.isArray(statements) ? statements : [statements];
        for (const statement of list) queue.push({ statement, alone: false });
        const excess = queue.length - maxQueue;
        if (excess > 0) {
          // A statement already on its way is not counted as dropped: it may well arrive.
          stats.dropped += queue.splice(0, excess).filter((e) => !inFlight.has(e)).length;
          // The first drop is logged, then one line per thousand.
          if (stats.dropped > 0 && (droppedAtLastLog === 0 || stats.dropped - droppedAtLastLog >= 1000)) {
            log(`queue full: ${stats.dropped} oldest statement(s) dropped so far`);
            droppedAtLastLog = stats.dropped;
          }
        }
        if (failures > 0) return; // a retry is already scheduled
        if (queue.length >= batchSize) {
          if (timer !== null) {
            clearTimeout(timer);
            timer = null;
          }
          void pump();
        } else {
          schedule(batchDelayMs);
        }
      } catch (error) {
        log('could not queue statements', error);
      }
    },
    flush(wait = 10_000) {
      return new Promise<void>((resolve) => {
        const done = setTimeout(resolve, wait);
        (done as { unref?: () => void }).unref?.();
        idleWaiters.push(() => {
          clearTimeout(done);
          resolve();
        });
        if (failures === 0 && timer !== null) {
          clearTimeout(timer);
          timer = null;
        }
        if (failures === 0) void pump();
        else settleIdle();
      });
    },
    async close(wait = 5000) {
      if (closed) return;
      await this.flush(wait);
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      settleIdle();
    },
    stats: () => ({ queued: queue.length, ...stats }),
  };
}
