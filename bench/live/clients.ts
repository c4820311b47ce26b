/** WebSocket clients of the load generator, and waiting for conditions that messages make true. */
import { type ELDHistogram, monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { cpuMs, machineBusyMs } from './proc.ts';
import { schedule, seededRandom } from './stats.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface BenchHealth {
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  gcMs: number;
  /** CPU the generator itself used during the phase, in CPUs (1 = one core busy throughout). */
  generatorCpus: number;
  /** CPU used on the machine by anything other than the generator and the server under test, in CPUs. */
  otherCpus: number;
}

/**
 * The load generator watches itself: a pause of its own (garbage collection, a busy event loop) delays
 * the messages it timestamps and would be charged to the server. Each phase starts after a full
 * collection, and reports how late the generator's event loop ran, how long it collected, and how
 * busy the rest of the machine was (other processes share the CPUs and the figures with it).
 */
export class SelfWatch {
  readonly #delay: ELDHistogram = monitorEventLoopDelay({ resolution: 5 });
  #gcMs = 0;
  readonly #observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.#gcMs += entry.duration;
  });

  #pid = 0;
  #at = 0;
  #machine = 0;
  #server = 0;
  #self = process.cpuUsage();

  start(serverPid: number): void {
    gc();
    this.#pid = serverPid;
    this.#at = performance.now();
    this.#machine = machineBusyMs();
    this.#server = cpuMs(serverPid);
    this.#self = process.cpuUsage();
    this.#delay.reset();
    this.#gcMs = 0;
    this.#delay.enable();
    this.#observer.observe({ entryTypes: ['gc'] });
  }

  stop(): BenchHealth {
    this.#delay.disable();
    this.#observer.disconnect();
    const elapsed = performance.now() - this.#at;
    const self = process.cpuUsage(this.#self);
    const selfMs = (self.user + self.system) / 1000;
    const serverMs = cpuMs(this.#pid) - this.#server;
    const machineMs = machineBusyMs() - this.#machine;
    return {
      generatorCpus: selfMs / elapsed,
      otherCpus: Math.max(0, machineMs - selfMs - serverMs) / elapsed,
      loopDelayP99Ms: this.#delay.percentile(99) / 1e6,
      loopDelayMaxMs: this.#delay.max / 1e6,
      gcMs: this.#gcMs,
    };
  }
}

/** Opens a socket; `onMessage` gets each text message parsed, with its arrival time (performance.now()). */
export function open(
  url: string,
  onMessage: (message: Record<string, unknown>, at: number) => void,
  onError: (what: string) => void,
): Promise<WebSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  socket.on('message', (data) => {
    const at = performance.now();
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      onError('unparsable message');
      return;
    }
    if (message && typeof message === 'object') onMessage(message as Record<string, unknown>, at);
  });
  return new Promise<WebSocket>((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', (error) => {
      onError(`socket: ${error.message}`);
      reject(error);
    });
  });
}

/**
 * Conditions that incoming messages make true: `until` resolves once `check()` holds (re-tested on
 * every `poke()`, which message handlers call), or rejects after `timeoutMs`.
 */
export class Conditions {
  #pending: { check: () => boolean; resolve: () => void }[] = [];

  until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const entry = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.#pending = this.#pending.filter((p) => p !== entry);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.#pending.push(entry);
    });
  }

  poke(): void {
    if (this.#pending.length === 0) return;
    this.#pending = this.#pending.filter((p) => {
      if (!p.check()) return true;
      p.resolve();
      return false;
    });
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Calls `fire(i)` at `times[i]` ms from now, for every i. */
export function fireAt(times: readonly number[], fire: (i: number) => void): void {
  times.forEach((t, i) => {
    setTimeout(() => fire(i), t);
  });
}

/** What participants type for the open-text question: a few dozen common phrases and some unique ones. */
const PHRASES = [
  'sexual violence',
  'abduction',
  'forced recruitment',
  'attacks on schools',
  'human shields',
  'looting',
  'killing of civilians',
  'torture',
  'arbitrary detention',
  'forced displacement',
  'child soldiers',
  'burning of villages',
  'kidnapping',
  'extortion',
  'destruction of property',
  'attacks on hospitals',
  'landmines',
  'indiscriminate shelling',
  'rape',
  'trafficking',
  'ethnic violence',
  'mob violence',
  'checkpoints harassment',
  'cattle raiding',
];

function answerText(i: number, random: () => number): string {
  const phrase = PHRASES[Math.floor(random() * PHRASES.length)] ?? 'looting';
  // About one answer in four is worded uniquely, as real answers are.
  return random() < 0.25 ? `${phrase} in sector ${i}` : phrase;
}

/** Module 1's open-text question, which every participant answers. */
export const ACTIVITY_ID = 'act-violence-types';

/**
 * What one run sends, from its seed: when each of `participants` connects, when each answers, and what it
 * types; the same seed gives the Lectern run and the relay run the same load. With a tally of the errors
 * the clients see, by kind.
 */
export function loadPlan(options: { participants: number; windowMs: number; seed: number }) {
  const n = options.participants;
  const random = seededRandom(options.seed);
  const joinTimes = schedule(n, options.windowMs, random);
  const answerTimes = schedule(n, options.windowMs, random);
  const texts = Array.from({ length: n }, (_, i) => answerText(i, random));
  const errors: Record<string, number> = {};
  const countError = (what: string) => {
    errors[what] = (errors[what] ?? 0) + 1;
  };
  return { joinTimes, answerTimes, texts, errors, countError };
}

/** Participant `i`'s answer message; its client id is `bench-<seed>-<i>`, by which the relay run matches it. */
export function answerMessage(seed: number, i: number, text: string | undefined): string {
  return JSON.stringify({
    type: 'answer',
    clientId: `bench-${seed}-${i}`,
    activityId: ACTIVITY_ID,
    response: { text },
  });
}
