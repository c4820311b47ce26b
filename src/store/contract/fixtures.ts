/**
 * What the store tests share to build their records: the contract (`store.contract.ts`,
 * `contract/records.ts`) and the tests of one store.
 */
import { randomUUID } from 'node:crypto';
import type { PersistedSessionState } from '../store.ts';

/** The state of a session that has just been created. */
export function initialState(): PersistedSessionState {
  return {
    slide: 0,
    black: false,
    joining: true,
    ended: false,
    audience: { level: 'operational', components: ['military'] },
    activity: null,
    timer: { elapsedMs: 0, runningSince: null },
    activityEpochs: {},
  };
}

/** A clock of strictly increasing timestamps from `start`, so records made in order are in order. */
export function clockFrom(start: number): () => number {
  let clock = start;
  return () => {
    clock += 1;
    return clock;
  };
}

/** 64 hex digits, as a sha256 hex would be. */
export function hashLike(): string {
  return randomUUID().replaceAll('-', '').repeat(2);
}

/** Orders the interface leaves open are compared sorted. */
export function sortBy<T, K extends keyof T>(records: readonly T[], key: K): T[] {
  return [...records].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
}
