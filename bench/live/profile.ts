/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and lists where the time went: self time per function,
 * and per source file, heaviest first. Usage: node bench/live/profile.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  share: number;
}

export function summariseProfile(
  path: string,
  top = 20,
  window?: readonly [number, number],
): { totalMs: number; functions: ProfileLine[]; files: ProfileLine[] } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  // Sample i was taken at startTime + the deltas up to i; keep those inside the window (µs, monotonic).
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window[0] || at > window[1])) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busyUs += us;
    const file =
      frame.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|src)\//, '$1/') || frame.functionName;
    const name = `${frame.functionName || '(anonymous)'} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
  }
  const lines = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: us / Math.max(1, busyUs) }));
  return { totalMs: busyUs / 1000, functions: lines(functions), files: lines(files) };
}

export function printProfile(path: string, top = 20, window?: readonly [number, number], label = ''): void {
  const { totalMs, functions, files } = summariseProfile(path, top, window);
  const row = (l: ProfileLine) =>
    `    ${l.selfMs.toFixed(0).padStart(7)} ms ${(l.share * 100).toFixed(1).padStart(5)}%  ${l.name}`;
  console.log(
    `  profile ${path}${label}: ${totalMs.toFixed(0)} ms sampled (idle excluded; blocking calls count)`,
  );
  console.log('  self time by function:');
  for (const l of functions) console.log(row(l));
  console.log('  self time by file:');
  for (const l of files.slice(0, 12)) console.log(row(l));
}

if (import.meta.main) {
  const [path, top] = process.argv.slice(2);
  if (!path) {
    console.error('usage: node bench/live/profile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  printProfile(path, Number(top ?? 20));
}
