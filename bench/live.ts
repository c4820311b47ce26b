/**
 * bench/live: live delivery under a class's load. For each class size, a fresh Lectern server (child
 * process, own SQLite file on disk) gets a presenter, a projector and N participants over WebSockets on
 * 127.0.0.1: they join within 2 s, then each answers Module 1's open-text question once within 2 s.
 * Measured: join time (to the participant's welcome, and until the projector's count includes it),
 * answer→projector latency, ack time, lost or double-counted answers (projector and store), server CPU
 * per join and per answer, peak RSS. Side by side in the same run, a raw `ws` relay (bench/live/raw-relay.ts)
 * gets the same sockets and messages on the same schedule: Lectern's latency is read against it.
 *
 * Usage: node bench/live.ts [--sizes 50,200,500,1000] [--runs 3] [--window 2000] [--seed 1]
 *          [--tmp DIR] [--keep] [--profile] [--json artifacts/bench-live.json] [--timeout-min M]
 *          [--busy-cpus 0.3] [--retry-busy 3] [--server-dir DIR]
 * --server-dir runs the server of another checkout (e.g. an export of a commit, to compare or to hold
 * the code still while the working tree changes); the load and the relay still run from here.
 * A run during which other processes used more than --busy-cpus CPUs is repeated (up to --retry-busy
 * times, 10 s apart) and kept in the JSON as discarded. --profile runs the server with --cpu-prof and
 * prints where its time went in each phase of the first run of each size.
 * Figures are medians of the per-run figures; lost/double are the worst run. Exits by itself: every
 * phase has a deadline, and the whole benchmark has one (--timeout-min).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sleep } from './live/clients.ts';
import { type LecternResult, runLectern } from './live/lectern-run.ts';
import { killChildren } from './live/proc.ts';
import { printProfile } from './live/profile.ts';
import { type RelayResult, runRelay } from './live/relay-run.ts';
import { median } from './live/stats.ts';

const REPO = resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50,200,500,1000' },
    runs: { type: 'string', default: '3' },
    window: { type: 'string', default: '2000' },
    grace: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    tmp: { type: 'string' },
    'server-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    json: { type: 'string', default: 'artifacts/bench-live.json' },
    'timeout-min': { type: 'string' },
    'busy-cpus': { type: 'string', default: '0.3' },
    'retry-busy': { type: 'string', default: '3' },
  },
});
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
const runs = Number(values.runs);
const windowMs = Number(values.window);
const graceMs = Number(values.grace);
const baseSeed = Number(values.seed);
if (sizes.some((s) => !Number.isInteger(s) || s < 1 || s > 1500) || !(runs >= 1) || !(windowMs > 0)) {
  console.error('bench/live: --sizes takes integers 1..1500, --runs at least 1, --window a positive number');
  process.exit(2);
}
const busyCpus = Number(values['busy-cpus']);
const retryBusy = Number(values['retry-busy']);
const busyWaitMs = 10_000;
const serverDir = resolve(values['server-dir'] ?? REPO);
const tmpRoot = resolve(values.tmp ?? tmpdir());
const profileDir = values.profile ? resolve(REPO, 'artifacts', 'bench-live-prof') : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });

// The whole benchmark has a deadline: each run is two child processes and two 2-s windows plus set-up.
const timeoutMs =
  Number(values['timeout-min'] ?? 0) * 60_000 ||
  sizes.reduce(
    (ms, n) => ms + runs * (1 + retryBusy) * (2 * (4 * windowMs + graceMs) + 20_000 + busyWaitMs + n * 20),
    60_000,
  );
setTimeout(() => {
  console.error(`bench/live: gave up after ${(timeoutMs / 60_000).toFixed(1)} min (--timeout-min)`);
  killChildren();
  process.exit(2);
}, timeoutMs).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killChildren();
    process.exit(130);
  });
}

// ── the participant page's JavaScript ──
const bundle = await participantBundle();

console.log(
  `bench/live: sizes ${sizes.join(', ')}; ${runs} run(s) each; joins and answers within ${windowMs} ms; ` +
    `node ${process.version}, ${cpus().length} CPU(s) shared by server and load; data under ${tmpRoot}`,
);
console.log(
  `server: ${serverDir === REPO ? 'this checkout' : serverDir} at ${gitHead(serverDir) ?? 'unknown commit'}`,
);
console.log(
  bundle.gzipBytes === null
    ? `participant bundle: not built yet (${bundle.reason})`
    : `participant bundle: ${kb(bundle.gzipBytes)} gzipped (${kb(bundle.bytes ?? 0)} minified)`,
);

interface SizeResult {
  size: number;
  lectern: LecternResult[];
  relay: RelayResult[];
  /** Runs repeated because other processes kept the machine busy (kept for the record, not counted). */
  discarded: { lectern?: LecternResult | undefined; relay?: RelayResult | undefined; others: number }[];
  /** Runs counted although the machine was still busy after every retry. */
  busyRuns: number;
}
const results: SizeResult[] = [];
let failures = 0;

for (const size of sizes) {
  const entry: SizeResult = { size, lectern: [], relay: [], discarded: [], busyRuns: 0 };
  results.push(entry);
  for (let run = 0; run < runs; run++) {
    for (let attempt = 0; ; attempt++) {
      const seed = baseSeed * 100_003 + size * 101 + run + attempt * 7;
      const options = {
        participants: size,
        windowMs,
        graceMs,
        seed,
        repo: REPO,
        serverDir,
        tmpRoot,
        keepData: values.keep,
        ...(profileDir ? { profileDir } : {}),
      };
      // Alternate which goes first, so neither always gets the warmer machine.
      const order = run % 2 === 0 ? (['lectern', 'relay'] as const) : (['relay', 'lectern'] as const);
      let lectern: LecternResult | undefined;
      let relay: RelayResult | undefined;
      for (const which of order) {
        try {
          if (which === 'lectern') lectern = await runLectern(options);
          else relay = await runRelay(options);
        } catch (error) {
          failures++;
          console.error(`  ${size} run ${run + 1} ${which}: ${(error as Error).stack ?? error}`);
          killChildren();
        }
      }
      console.log(runLine(size, run, lectern, relay));
      // Other processes on the machine (a test suite, a browser) distort a run: repeat it, a little later.
      const others = Math.max(
        ...[lectern, relay].flatMap((r) => (r ? [r.bench.join.otherCpus, r.bench.answer.otherCpus] : [])),
      );
      if (others > busyCpus && attempt < retryBusy) {
        console.log(
          `         machine busy (other processes used ${f(others, 2)} CPU): run repeated in ${busyWaitMs / 1000} s`,
        );
        entry.discarded.push({ lectern, relay, others });
        await sleep(busyWaitMs);
        continue;
      }
      if (others > busyCpus) entry.busyRuns++;
      if (lectern) entry.lectern.push(lectern);
      if (relay) entry.relay.push(relay);
      if (lectern?.failure || relay?.failure) failures++;
      if (profileDir && run === 0 && lectern) {
        const file = readdirSync(profileDir).find((name) => name === `lectern-${size}-${seed}.cpuprofile`);
        if (file) {
          printProfile(join(profileDir, file), 15, lectern.phasesUs.join, ', join phase');
          printProfile(join(profileDir, file), 15, lectern.phasesUs.answer, ', answer phase');
        }
      }
      break;
    }
  }
}

// ── medians and goals ──
const summary = results.map((r) => summarise(r));
printTables(summary);
const goals = goalLines(summary, bundle.gzipBytes);
console.log('\ngoals:');
for (const g of goals) console.log(`  ${g.met === null ? '–' : g.met ? '✓' : '✗'} ${g.text}`);
if (profileDir) console.log(`\nCPU profiles of the server: ${profileDir} (profiling slows the server down)`);

const jsonPath = resolve(REPO, values.json);
mkdirSync(dirname(jsonPath), { recursive: true });
writeFileSync(
  jsonPath,
  `${JSON.stringify(
    {
      benchmark: 'bench/live',
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      options: {
        sizes,
        runs,
        windowMs,
        graceMs,
        seed: baseSeed,
        tmpRoot,
        serverDir,
        profile: values.profile,
      },
      serverCommit: gitHead(serverDir),
      participantBundle: bundle,
      summary,
      goals,
      runs: results,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nresults: ${jsonPath}`);
process.exit(failures > 0 ? 1 : 0);

// ── helpers ──

async function participantBundle(): Promise<{ gzipBytes: number | null; bytes?: number; reason?: string }> {
  try {
    const module = pathToFileURL(join(serverDir, 'src', 'server', 'client-bundles.ts')).href;
    const { buildClientBundles } = (await import(module)) as typeof import('../src/server/client-bundles.ts');
    const asset = (await buildClientBundles()).get('participant.js');
    if (!asset) return { gzipBytes: null, reason: 'no participant.js in the bundles' };
    return { gzipBytes: asset.gzipBytes, bytes: asset.body.length };
  } catch (error) {
    return { gzipBytes: null, reason: String((error as Error).message ?? error).split('\n')[0] ?? '' };
  }
}

/** The commit the server directory is at, when it is a git checkout (with " (modified)" for local changes). */
function gitHead(dir: string): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, stdio: 'pipe' })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bin'], {
      cwd: dir,
      stdio: 'pipe',
    })
      .toString()
      .trim();
    return dirty ? `${head} (modified)` : head;
  } catch {
    return null;
  }
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function f(ms: number, digits = 1): string {
  return Number.isFinite(ms) ? ms.toFixed(digits) : '–';
}

function runLine(size: number, run: number, l?: LecternResult, r?: RelayResult): string {
  const parts = [`  ${String(size).padStart(4)} run ${run + 1}:`];
  if (l) {
    parts.push(
      `lectern joined ${l.joined}/${l.participants} join→proj p95 ${f(l.joinToProjectorMs.p95)} ms,`,
      `ans→proj p50/p95/p99 ${f(l.answerToProjectorMs.p50)}/${f(l.answerToProjectorMs.p95)}/${f(l.answerToProjectorMs.p99)} ms,`,
      `ack p95 ${f(l.ackMs.p95)} ms, cpu ${f(l.cpuPerJoinMs, 2)}/join ${f(l.cpuPerAnswerMs, 2)}/answer ms,`,
      `rss ${f(l.rssPeakMb, 0)} MB, lost ${l.lost} double ${l.doubled},`,
      `generator loop p99/max ${f(l.bench.answer.loopDelayP99Ms)}/${f(l.bench.answer.loopDelayMaxMs)} ms gc ${f(l.bench.answer.gcMs)} ms, others ${f(l.bench.answer.otherCpus, 2)} CPU`,
    );
    const errors = Object.entries(l.errors);
    if (errors.length > 0) parts.push(`errors ${errors.map(([k, v]) => `${k}×${v}`).join(' ')}`);
    if (l.failure) parts.push(`FAILED ${l.failure}`);
  } else parts.push('lectern: no result;');
  if (r) {
    parts.push(
      `| relay ${r.delivered}/${r.participants} p50/p95/p99 ${f(r.answerToProjectorMs.p50)}/${f(r.answerToProjectorMs.p95)}/${f(r.answerToProjectorMs.p99)} ms,`,
      `cpu ${f(r.cpuPerAnswerMs, 3)}/answer ms, generator loop max ${f(r.bench.answer.loopDelayMaxMs)} ms`,
    );
    if (r.failure) parts.push(`FAILED ${r.failure}`);
  } else parts.push('| relay: no result');
  return parts.join(' ');
}

interface SizeSummary {
  size: number;
  runs: number;
  joined: number;
  joinToWelcome: { p50: number; p95: number; p99: number };
  joinToProjector: { p50: number; p95: number; p99: number };
  ack: { p50: number; p95: number; p99: number };
  answerToProjector: { p50: number; p95: number; p99: number };
  relayAnswerToProjector: { p50: number; p95: number; p99: number };
  ratioP95: number;
  cpuPerJoinMs: number;
  cpuPerAnswerMs: number;
  relayCpuPerConnectionMs: number;
  relayCpuPerAnswerMs: number;
  rssIdleMb: number;
  rssPeakMb: number;
  relayRssPeakMb: number;
  projectorResultsMessages: number;
  /** Worst run. */
  lost: number;
  doubled: number;
  failedRuns: number;
  /** Runs repeated because the machine was busy, and runs counted although it still was. */
  repeatedRuns: number;
  busyRuns: number;
  errors: Record<string, number>;
  /** The load generator's event-loop delay during the answer phase (Lectern runs), and the relay runs' max. */
  generatorLoopP99Ms: number;
  generatorLoopMaxMs: number;
  relayGeneratorLoopMaxMs: number;
  /** CPUs busy in the answer phase (Lectern runs): the load generator, and other processes on the machine. */
  generatorCpus: number;
  otherCpus: number;
}

function summarise(r: SizeResult): SizeSummary {
  const m = <T>(items: T[], pick: (t: T) => number) => median(items.map(pick));
  const pct = <T>(items: T[], pick: (t: T) => { p50: number; p95: number; p99: number }) => ({
    p50: m(items, (t) => pick(t).p50),
    p95: m(items, (t) => pick(t).p95),
    p99: m(items, (t) => pick(t).p99),
  });
  const l = r.lectern;
  const answerToProjector = pct(l, (x) => x.answerToProjectorMs);
  const relayAnswerToProjector = pct(r.relay, (x) => x.answerToProjectorMs);
  const errors: Record<string, number> = {};
  for (const run of [...l, ...r.relay])
    for (const [k, v] of Object.entries(run.errors)) errors[k] = (errors[k] ?? 0) + v;
  return {
    size: r.size,
    runs: l.length,
    joined: m(l, (x) => x.joined),
    joinToWelcome: pct(l, (x) => x.joinToWelcomeMs),
    joinToProjector: pct(l, (x) => x.joinToProjectorMs),
    ack: pct(l, (x) => x.ackMs),
    answerToProjector,
    relayAnswerToProjector,
    ratioP95: answerToProjector.p95 / relayAnswerToProjector.p95,
    cpuPerJoinMs: m(l, (x) => x.cpuPerJoinMs),
    cpuPerAnswerMs: m(l, (x) => x.cpuPerAnswerMs),
    relayCpuPerConnectionMs: m(r.relay, (x) => x.cpuPerConnectionMs),
    relayCpuPerAnswerMs: m(r.relay, (x) => x.cpuPerAnswerMs),
    rssIdleMb: m(l, (x) => x.rssIdleMb),
    rssPeakMb: m(l, (x) => x.rssPeakMb),
    relayRssPeakMb: m(r.relay, (x) => x.rssPeakMb),
    projectorResultsMessages: m(l, (x) => x.projectorResultsMessages),
    lost: l.length === 0 ? Number.NaN : Math.max(...l.map((x) => x.lost)),
    doubled: l.length === 0 ? Number.NaN : Math.max(...l.map((x) => x.doubled)),
    failedRuns: l.filter((x) => x.failure).length + r.relay.filter((x) => x.failure).length,
    repeatedRuns: r.discarded.length,
    busyRuns: r.busyRuns,
    errors,
    generatorLoopP99Ms: m(l, (x) => x.bench.answer.loopDelayP99Ms),
    generatorLoopMaxMs: m(l, (x) => x.bench.answer.loopDelayMaxMs),
    relayGeneratorLoopMaxMs: m(r.relay, (x) => x.bench.answer.loopDelayMaxMs),
    generatorCpus: m(l, (x) => x.bench.answer.generatorCpus),
    otherCpus: m(l, (x) => x.bench.answer.otherCpus),
  };
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

function printTables(summary: SizeSummary[]): void {
  const trio = (p: { p50: number; p95: number; p99: number }) => `${f(p.p50)} / ${f(p.p95)} / ${f(p.p99)}`;
  console.log(`\nlatency, ms (p50 / p95 / p99; medians of ${runs} run(s))`);
  table(
    [
      'size',
      'join→welcome',
      'join→projector',
      'answer→ack',
      'answer→projector',
      'relay answer→projector',
      'p95 ×relay',
    ],
    summary.map((s) => [
      String(s.size),
      trio(s.joinToWelcome),
      trio(s.joinToProjector),
      trio(s.ack),
      trio(s.answerToProjector),
      trio(s.relayAnswerToProjector),
      `${f(s.ratioP95)}×`,
    ]),
  );
  console.log('\ncost and correctness');
  table(
    [
      'size',
      'CPU/join ms',
      'CPU/answer ms',
      'relay CPU/conn',
      'relay CPU/answer',
      'RSS idle→peak MB',
      'relay RSS',
      'results msgs',
      'lost',
      'double',
      'failed runs',
      'repeated/busy runs',
      'generator loop p99/max',
      'CPUs: generator/others',
    ],
    summary.map((s) => [
      String(s.size),
      f(s.cpuPerJoinMs, 2),
      f(s.cpuPerAnswerMs, 2),
      f(s.relayCpuPerConnectionMs, 3),
      f(s.relayCpuPerAnswerMs, 3),
      `${f(s.rssIdleMb, 0)}→${f(s.rssPeakMb, 0)}`,
      f(s.relayRssPeakMb, 0),
      f(s.projectorResultsMessages, 0),
      String(s.lost),
      String(s.doubled),
      String(s.failedRuns),
      `${s.repeatedRuns}/${s.busyRuns}`,
      `${f(s.generatorLoopP99Ms)}/${f(s.generatorLoopMaxMs)} ms`,
      `${f(s.generatorCpus, 2)}/${f(s.otherCpus, 2)}`,
    ]),
  );
  const errorLines = summary.filter((s) => Object.keys(s.errors).length > 0);
  for (const s of errorLines) console.log(`  errors at ${s.size}: ${JSON.stringify(s.errors)}`);
}

interface Goal {
  text: string;
  met: boolean | null;
}

function goalLines(summary: SizeSummary[], gzipBytes: number | null): Goal[] {
  const goals: Goal[] = [];
  const at = (size: number) => summary.find((s) => s.size === size && s.runs > 0);
  const check = (text: string, value: number, limit: number, unit: string) =>
    goals.push({ text: `${text}: ${f(value)} ${unit} (goal ≤ ${limit} ${unit})`, met: value <= limit });
  for (const [size, limit] of [
    [200, 20],
    [500, 50],
    [1000, 50],
  ] as const) {
    const s = at(size);
    if (s) check(`answer→projector p95 at ${size}`, s.answerToProjector.p95, limit, 'ms');
  }
  for (const s of summary) {
    if (s.runs === 0) continue;
    goals.push({
      text: `answer→projector p95 at ${s.size} vs raw relay: ${f(s.ratioP95)}× (${f(s.answerToProjector.p95)} / ${f(s.relayAnswerToProjector.p95)} ms; goal ≤ 3×)`,
      met: Number.isFinite(s.ratioP95) ? s.ratioP95 <= 3 : null,
    });
  }
  for (const [size, limit] of [
    [200, 150],
    [1000, 500],
  ] as const) {
    const s = at(size);
    if (s) check(`join→projector p95 at ${size}`, s.joinToProjector.p95, limit, 'ms');
  }
  for (const s of summary) {
    if (s.runs === 0) continue;
    goals.push({
      text: `lost / double-counted answers at ${s.size}: ${s.lost} / ${s.doubled} (worst run; goal 0)${s.failedRuns > 0 ? `; ${s.failedRuns} run(s) did not complete` : ''}`,
      met: s.lost === 0 && s.doubled === 0 && s.failedRuns === 0,
    });
  }
  const s500 = at(500);
  if (s500) check('server peak RSS at 500', s500.rssPeakMb, 120, 'MB');
  goals.push(
    gzipBytes === null
      ? { text: 'participant JS ≤ 60 KB gzipped: not built yet', met: null }
      : {
          text: `participant JS: ${kb(gzipBytes)} gzipped (goal ≤ 60 KB)`,
          met: gzipBytes <= 60 * 1024,
        },
  );
  return goals;
}
