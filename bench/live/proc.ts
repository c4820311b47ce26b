/**
 * Child processes of the benchmark (the Lectern server, the raw relay) and what Linux says about them:
 * CPU time from /proc/<pid>/stat, resident memory from /proc/<pid>/status.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

/** Clock ticks per second of utime/stime (`getconf CLK_TCK`; 100 on Linux x86-64 and arm64). */
const CLOCK_TICKS = 100;

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** Milliseconds of CPU (user + system, all threads) the process has used so far. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of the man page (utime, stime) are at 11 and 12 once fields 1-2 are cut off.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** Milliseconds of CPU used by the whole machine so far (all CPUs; idle and I/O wait excluded). */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (
    (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 1000) /
    CLOCK_TICKS
  );
}

/** Resident set size now (VmRSS) and its peak so far (VmHWM), in bytes. */
export function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

export interface Child {
  process: ChildProcess;
  pid: number;
  /** The first match of `ready` in its standard output. */
  ready: RegExpExecArray;
  /** Its standard error so far (for error reports). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `node <args>` and waits until its standard output matches `ready`. */
export async function startChild(
  args: string[],
  ready: RegExp,
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<Child> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')}: not ready within ${options.timeoutMs} ms\n${stdout}${stderr}`));
    }, options.timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const m = ready.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`${args.join(' ')} exited (${code ?? signal}) before it was ready\n${stdout}${stderr}`),
      );
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${args.join(' ')}: no pid`);
  return {
    process: child,
    pid,
    ready: match,
    stderr: () => stderr,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A data directory to remove if the benchmark is cut short; `forget` once the run removed it itself. */
export function tempDir(path: string): { forget(): void } {
  tempDirs.add(path);
  return { forget: () => tempDirs.delete(path) };
}

/**
 * Kills every child still running and removes their data directories (on a timeout or an error:
 * the benchmark must not leave servers or files behind).
 */
export function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
