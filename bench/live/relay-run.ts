/**
 * One run of bench/live against the raw relay (bench/live/raw-relay.ts): the same number of sockets
 * opened on the same schedule, the same answer messages sent on the same schedule; the projector gets
 * each one passed on. The least any server could do: Lectern's figures are read against these.
 */
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';
import {
  answerMessage,
  type BenchHealth,
  Conditions,
  fireAt,
  loadPlan,
  open,
  SelfWatch,
  sleep,
} from './clients.ts';
import type { RunOptions } from './lectern-run.ts';
import { cpuMs, memory, startChild } from './proc.ts';
import { differences, type Summary, summarise } from './stats.ts';

export interface RelayResult {
  participants: number;
  connected: number;
  delivered: number;
  connectMs: Summary;
  answerToProjectorMs: Summary;
  cpuPerConnectionMs: number;
  cpuPerAnswerMs: number;
  rssPeakMb: number;
  errors: Record<string, number>;
  /** The load generator's own event-loop delay and GC during each phase (see SelfWatch). */
  bench: { join: BenchHealth; answer: BenchHealth };
  failure?: string;
}

export async function runRelay(options: RunOptions): Promise<RelayResult> {
  const n = options.participants;
  // The same seed gives the same join times, answer times and texts as the Lectern run.
  const { joinTimes, answerTimes, texts, errors, countError } = loadPlan(options);

  const relay = await startChild(
    ['bench/live/raw-relay.ts', '--host', '127.0.0.1', '--port', '0'],
    /listening on (\d+)/,
    {
      cwd: options.repo,
      timeoutMs: 15_000,
    },
  );
  const base = `ws://127.0.0.1:${relay.ready[1]}`;
  const sockets: WebSocket[] = [];
  const conditions = new Conditions();
  const watch = new SelfWatch();
  const connectStart = new Float64Array(n).fill(Number.NaN);
  const connectedAt = new Float64Array(n).fill(Number.NaN);
  const answerSent = new Float64Array(n).fill(Number.NaN);
  const receivedAt = new Float64Array(n).fill(Number.NaN);
  let delivered = 0;
  let failure: string | undefined;

  try {
    const prefix = `bench-${options.seed}-`;
    const projector = await open(
      `${base}/projector`,
      (m, at) => {
        const clientId = String(m.clientId ?? '');
        const i = clientId.startsWith(prefix) ? Number(clientId.slice(prefix.length)) : -1;
        if (i >= 0 && i < n && Number.isNaN(receivedAt[i])) {
          receivedAt[i] = at;
          delivered++;
        }
        conditions.poke();
      },
      countError,
    );
    sockets.push(projector);
    await sleep(200);

    const participants: (WebSocket | undefined)[] = new Array(n);
    let settled = 0;
    watch.start(relay.pid);
    const cpuJoin0 = cpuMs(relay.pid);
    fireAt(joinTimes, (i) => {
      connectStart[i] = performance.now();
      open(`${base}/ws`, () => undefined, countError)
        .then((socket) => {
          connectedAt[i] = performance.now();
          participants[i] = socket;
          sockets.push(socket);
        })
        .catch(() => undefined)
        .finally(() => {
          settled++;
          conditions.poke();
        });
    });
    try {
      await conditions.until(() => settled === n, options.windowMs + options.graceMs, 'every connection');
    } catch (error) {
      failure = `connect phase: ${(error as Error).message}`;
    }
    const cpuJoin1 = cpuMs(relay.pid);
    const benchJoin = watch.stop();
    const connected = participants.filter(Boolean).length;
    await sleep(300);

    watch.start(relay.pid);
    const cpuAnswer0 = cpuMs(relay.pid);
    let sent = 0;
    fireAt(answerTimes, (i) => {
      const socket = participants[i];
      if (!socket) return;
      answerSent[i] = performance.now();
      sent++;
      socket.send(answerMessage(options.seed, i, texts[i]));
    });
    try {
      await sleep(options.windowMs);
      await conditions.until(() => delivered >= sent, options.graceMs, 'every relayed answer');
    } catch (error) {
      failure = `${failure ? `${failure}; ` : ''}answer phase: ${(error as Error).message}`;
    }
    await sleep(300);
    const cpuAnswer1 = cpuMs(relay.pid);
    const benchAnswer = watch.stop();
    const rssPeak = memory(relay.pid).peak;
    return {
      participants: n,
      connected,
      delivered,
      connectMs: summarise(differences(connectedAt, connectStart)),
      answerToProjectorMs: summarise(differences(receivedAt, answerSent)),
      cpuPerConnectionMs: (cpuJoin1 - cpuJoin0) / Math.max(1, connected),
      cpuPerAnswerMs: (cpuAnswer1 - cpuAnswer0) / Math.max(1, sent),
      rssPeakMb: rssPeak / 2 ** 20,
      errors,
      bench: { join: benchJoin, answer: benchAnswer },
      ...(failure ? { failure } : {}),
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    await relay.stop();
  }
}
