/**
 * One run of bench/live against Lectern: a fresh `lectern start` child process with its own data
 * directory, a presenter, a projector and `n` participants who join within the window, then each
 * answer the open-text question of Module 1 once within the window.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import type WebSocket from 'ws';
import { buildServerBundle } from '../../scripts/build-server.ts';
import {
  ACTIVITY_ID,
  answerMessage,
  type BenchHealth,
  Conditions,
  fireAt,
  loadPlan,
  open,
  SelfWatch,
  sleep,
} from './clients.ts';
import { cpuMs, memory, startChild, tempDir } from './proc.ts';
import { differences, type Summary, summarise } from './stats.ts';

const INSTRUCTOR_KEY = 'bench-live-instructor-key-0123456789';

export interface RunOptions {
  participants: number;
  /** Joins, then answers, are spread over this many milliseconds. */
  windowMs: number;
  seed: number;
  /** This repository (the relay runs from here). */
  repo: string;
  /** The Lectern checkout whose `bin/lectern.js` is benchmarked (this repository unless --server-dir). */
  serverDir: string;
  /** Where the data directory is made (a real disk: the server fsyncs each commit). */
  tmpRoot: string;
  /** How long each phase may take after its window before the run is abandoned. */
  graceMs: number;
  keepData: boolean;
  /** When set, the server runs with --cpu-prof and writes its profile here. */
  profileDir?: string;
}

export interface LecternResult {
  participants: number;
  joined: number;
  answered: number;
  connectMs: Summary;
  joinToWelcomeMs: Summary;
  joinToProjectorMs: Summary;
  ackMs: Summary;
  answerToProjectorMs: Summary;
  cpuPerJoinMs: number;
  cpuPerAnswerMs: number;
  rssIdleMb: number;
  rssPeakMb: number;
  projectorResultsMessages: number;
  projectorFinalResponses: number;
  storeParticipants: number;
  storeAnswers: number;
  storeAnswerRows: number;
  lost: number;
  doubled: number;
  /** Error replies and socket failures seen by the clients, by code. */
  errors: Record<string, number>;
  /** Answers whose projector time came before their ack order could explain (reordering across sockets). */
  reordered: number;
  /** The load generator's own event-loop delay and GC during each phase (see SelfWatch). */
  bench: { join: BenchHealth; answer: BenchHealth };
  /** When each phase ran, on the monotonic clock in µs (the clock of V8 CPU profiles, to cut them by phase). */
  phasesUs: { join: [number, number]; answer: [number, number] };
  failure?: string;
}

export async function runLectern(options: RunOptions): Promise<LecternResult> {
  const n = options.participants;
  const { joinTimes, answerTimes, texts, errors, countError } = loadPlan(options);

  const dataDir = mkdtempSync(join(options.tmpRoot, 'lectern-bench-'));
  const dataDirEntry = options.keepData ? undefined : tempDir(dataDir);
  writeFileSync(join(dataDir, 'instructor.key'), `${INSTRUCTOR_KEY}\n`, { mode: 0o600 });
  const nodeArgs = options.profileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${options.profileDir}`,
        `--cpu-prof-name=lectern-${n}-${options.seed}.cpuprofile`,
      ]
    : [];
  // The server runs as `npm start` runs it: the esbuild bundle with a small young generation.
  await ensureServerBundle(options.serverDir);
  const server = await startChild(
    [
      '--max-semi-space-size=2',
      ...nodeArgs,
      'dist/lectern.mjs',
      'start',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--data',
      dataDir,
    ],
    /http:\/\/127\.0\.0\.1:(\d+)/,
    { cwd: options.serverDir, timeoutMs: 30_000, env: { LECTERN_LANG: 'en' } },
  );
  const base = `http://127.0.0.1:${server.ready[1]}`;
  const wsUrl = `${base.replace('http', 'ws')}/ws`;
  const sockets: WebSocket[] = [];
  const conditions = new Conditions();
  const watch = new SelfWatch();

  // Per participant (index i): times are performance.now() milliseconds.
  const connectStart = new Float64Array(n).fill(Number.NaN);
  const joinSent = new Float64Array(n).fill(Number.NaN);
  const welcomeAt = new Float64Array(n).fill(Number.NaN);
  const welcomeOrder = new Int32Array(n).fill(-1);
  const answerSent = new Float64Array(n).fill(Number.NaN);
  const ackAt = new Float64Array(n).fill(Number.NaN);
  const ackOrder = new Int32Array(n).fill(-1);
  // Projector: when its participant count, and its response count, first reached k (index k).
  const projectorCountAt = new Float64Array(n + 1).fill(Number.NaN);
  const projectorResponsesAt = new Float64Array(n + 1).fill(Number.NaN);
  let projectorCount = 0;
  let projectorResponses = 0;
  let projectorResultsMessages = 0;
  let projectorWelcomed = false;
  let welcomed = 0;
  let joinFailed = 0;
  let acked = 0;
  let answerFailed = 0;
  let rosterSize = 0;
  let failure: string | undefined;
  let phase: 'join' | 'answer' | 'other' = 'other';

  try {
    const response = await fetch(`${base}/api/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INSTRUCTOR_KEY}`, 'content-type': 'application/json' },
      body: '{}',
    });
    if (response.status !== 201)
      throw new Error(`create session: ${response.status} ${await response.text()}`);
    const session = (await response.json()) as {
      sessionId: string;
      code: string;
      presenterToken: string;
      projectorToken: string;
    };

    const acks = new Set<string>();
    const presenter = await open(
      wsUrl,
      (m) => {
        if (m.type === 'roster' && Array.isArray(m.participants)) rosterSize = m.participants.length;
        if (m.type === 'ack') acks.add(String(m.clientId));
        conditions.poke();
      },
      countError,
    );
    sockets.push(presenter);
    const projector = await open(
      wsUrl,
      (m, at) => {
        if (m.type === 'welcome') projectorWelcomed = true;
        if (m.type === 'state' || m.type === 'welcome') {
          const count = (m.session as { participants: number }).participants;
          for (let k = projectorCount + 1; k <= Math.min(count, n); k++) projectorCountAt[k] = at;
          projectorCount = Math.max(projectorCount, count);
        } else if (m.type === 'results' && m.activityId === ACTIVITY_ID) {
          const count = (m.results as { responses: number }).responses;
          if (phase === 'answer') projectorResultsMessages++;
          for (let k = projectorResponses + 1; k <= Math.min(count, n); k++) projectorResponsesAt[k] = at;
          projectorResponses = phase === 'answer' ? count : Math.max(projectorResponses, count);
        }
        conditions.poke();
      },
      countError,
    );
    sockets.push(projector);
    presenter.send(
      JSON.stringify({ type: 'present', sessionId: session.sessionId, token: session.presenterToken }),
    );
    projector.send(
      JSON.stringify({ type: 'project', sessionId: session.sessionId, token: session.projectorToken }),
    );
    await conditions.until(() => projectorWelcomed, 5000, 'the projector welcome');
    await sleep(200);
    const rssIdle = memory(server.pid).rss;

    const participantMessage = (i: number) => (m: Record<string, unknown>, at: number) => {
      if (m.type === 'welcome' && welcomeOrder[i] === -1) {
        welcomeAt[i] = at;
        welcomed++;
        welcomeOrder[i] = welcomed;
      } else if (m.type === 'ack' && ackOrder[i] === -1) {
        if (m.duplicate) countError('duplicate ack');
        ackAt[i] = at;
        acked++;
        ackOrder[i] = acked;
      } else if (m.type === 'error') {
        countError(String(m.code));
        if (welcomeOrder[i] === -1) joinFailed++;
        else if (Number.isFinite(answerSent[i]) && ackOrder[i] === -1) answerFailed++;
      }
      conditions.poke();
    };

    // ── join phase: each participant opens its socket at a random time in the window, then joins ──
    phase = 'join';
    watch.start(server.pid);
    const joinStartUs = monotonicUs();
    const cpuJoin0 = cpuMs(server.pid);
    const participants: (WebSocket | undefined)[] = new Array(n);
    let settled = 0;
    let opened = 0;
    fireAt(joinTimes, (i) => {
      connectStart[i] = performance.now();
      open(wsUrl, participantMessage(i), countError)
        .then((socket) => {
          participants[i] = socket;
          opened++;
          sockets.push(socket);
          joinSent[i] = performance.now();
          socket.send(JSON.stringify({ type: 'join', code: session.code, name: `Participant ${i + 1}` }));
        })
        .catch(() => undefined)
        .finally(() => {
          settled++;
          conditions.poke();
        });
    });
    const joinDeadline = options.windowMs + options.graceMs;
    try {
      await conditions.until(
        () => settled === n && welcomed + joinFailed >= opened,
        joinDeadline,
        'every participant welcomed',
      );
      await conditions.until(() => projectorCount >= welcomed, options.graceMs, 'the projector count');
      // The presenter's roster (coalesced, once a second) is part of what a join costs.
      await conditions.until(() => rosterSize >= welcomed, options.graceMs, 'the presenter roster');
    } catch (error) {
      failure = `join phase: ${(error as Error).message}`;
    }
    const cpuJoin1 = cpuMs(server.pid);
    const benchJoin = watch.stop();
    const joinEndUs = monotonicUs();

    // ── answer phase: the presenter opens the question; each participant answers once ──
    phase = 'other';
    presenter.send(
      JSON.stringify({
        type: 'command',
        clientId: 'bench-open-activity',
        command: { command: 'open', activityId: ACTIVITY_ID },
      }),
    );
    await conditions.until(() => acks.has('bench-open-activity'), 5000, 'the open command ack');
    await sleep(300);
    projectorResponses = 0;
    phase = 'answer';
    watch.start(server.pid);
    const answerStartUs = monotonicUs();
    const cpuAnswer0 = cpuMs(server.pid);
    let sent = 0;
    fireAt(answerTimes, (i) => {
      const socket = participants[i];
      if (!socket || welcomeOrder[i] === -1) return;
      answerSent[i] = performance.now();
      sent++;
      socket.send(answerMessage(options.seed, i, texts[i]));
    });
    try {
      await sleep(options.windowMs);
      await conditions.until(
        () => acked + answerFailed >= sent && projectorResponses >= acked,
        options.graceMs,
        'every ack and the projector count',
      );
    } catch (error) {
      failure = `${failure ? `${failure}; ` : ''}answer phase: ${(error as Error).message}`;
    }
    // Anything counted twice would show up as a later update above the number of participants.
    await sleep(300);
    const cpuAnswer1 = cpuMs(server.pid);
    const benchAnswer = watch.stop();
    const answerEndUs = monotonicUs();
    const rssPeak = memory(server.pid).peak;

    // ── close, then check the store ──
    for (const socket of sockets) socket.terminate();
    await server.stop();
    const store = checkStore(join(dataDir, 'lectern.sqlite'), session.sessionId);

    const joined = welcomed;
    const answered = sent;
    const lost = Math.max(0, answered - acked, answered - projectorResponses, answered - store.answers);
    const doubled = Math.max(0, projectorResponses - answered, store.rows - store.answers);
    let reordered = 0;
    const joinToProjector: number[] = [];
    const answerToProjector: number[] = [];
    for (let i = 0; i < n; i++) {
      const shown = projectorCountAt[welcomeOrder[i] ?? -1];
      if (shown !== undefined && welcomeOrder[i] !== -1) joinToProjector.push(shown - (joinSent[i] ?? 0));
      const counted = projectorResponsesAt[ackOrder[i] ?? -1];
      if (counted !== undefined && ackOrder[i] !== -1) {
        const latency = counted - (answerSent[i] ?? 0);
        if (latency < 0) reordered++;
        answerToProjector.push(Math.max(0, latency));
      }
    }
    return {
      participants: n,
      joined,
      answered,
      connectMs: summarise(differences(joinSent, connectStart)),
      joinToWelcomeMs: summarise(differences(welcomeAt, joinSent)),
      joinToProjectorMs: summarise(joinToProjector),
      ackMs: summarise(differences(ackAt, answerSent)),
      answerToProjectorMs: summarise(answerToProjector),
      cpuPerJoinMs: (cpuJoin1 - cpuJoin0) / Math.max(1, joined),
      cpuPerAnswerMs: (cpuAnswer1 - cpuAnswer0) / Math.max(1, answered),
      rssIdleMb: rssIdle / 2 ** 20,
      rssPeakMb: rssPeak / 2 ** 20,
      projectorResultsMessages,
      projectorFinalResponses: projectorResponses,
      storeParticipants: store.participants,
      storeAnswers: store.answers,
      storeAnswerRows: store.rows,
      lost,
      doubled,
      errors,
      reordered,
      bench: { join: benchJoin, answer: benchAnswer },
      phasesUs: { join: [joinStartUs, joinEndUs], answer: [answerStartUs, answerEndUs] },
      ...(failure ? { failure } : {}),
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    await server.stop();
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    dataDirEntry?.forget();
  }
}

/** CLOCK_MONOTONIC in microseconds: libuv's hrtime and V8's profile timestamps both read it on Linux. */
function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Reads the stopped server's database read-only: participants of the session, and per participant
 * its answers to the activity (all rows, superseded ones included, so a double write would show).
 */
function checkStore(
  path: string,
  sessionId: string,
): { participants: number; answers: number; rows: number } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const participants = db
      .prepare('SELECT count(*) AS n FROM participants WHERE session_id = ?')
      .get(sessionId) as { n: number };
    const answers = db
      .prepare(
        'SELECT count(DISTINCT participant_id) AS distinct_participants, count(*) AS answer_rows FROM answers WHERE session_id = ? AND activity_id = ?',
      )
      .get(sessionId, ACTIVITY_ID) as { distinct_participants: number; answer_rows: number };
    return {
      participants: participants.n,
      answers: answers.distinct_participants,
      rows: answers.answer_rows,
    };
  } finally {
    db.close();
  }
}

const built = new Set<string>();
/** Builds dist/lectern.mjs as scripts/start.sh does, once per server checkout and bench run. */
async function ensureServerBundle(serverDir: string): Promise<void> {
  if (built.has(serverDir)) return;
  await buildServerBundle(serverDir);
  built.add(serverDir);
}
