/**
 * What the SCORM and cmi5 trackers share in the browser: the API discovery algorithm, SCORM time
 * formats, the package lookups, and a local store for when no LMS is there (the package opened on
 * its own: progress stays in the browser, nothing is reported).
 */
import type {
  SelfPacedActivity,
  SelfPacedPackage,
  SelfPacedProgress,
} from '../../selfpaced/self-paced-package.ts';

/** Hops up a chain of parents before giving up (Rustici's and pipwerks' figure; ADL's sample used 7). */
const MAX_HOPS = 500;

function lookup<T>(win: Window, name: string): T | null {
  try {
    const api = (win as unknown as Record<string, unknown>)[name];
    return api && typeof api === 'object' ? (api as T) : null;
  } catch {
    return null; // a cross-origin frame
  }
}

function parentOf(win: Window): Window | null {
  try {
    return win.parent && win.parent !== win ? win.parent : null;
  } catch {
    return null;
  }
}

function openerOf(win: Window): Window | null {
  try {
    return (win.opener as Window | null) ?? null;
  } catch {
    return null;
  }
}

/** Looks in `win` and its parents, nearest first. */
function scan<T>(start: Window | null, name: string): T | null {
  let win = start;
  for (let hops = 0; win && hops <= MAX_HOPS; hops++) {
    const api = lookup<T>(win, name);
    if (api) return api;
    win = parentOf(win);
  }
  return null;
}

/**
 * The SCORM discovery algorithm: this window and its parent chain, then the opener and its parents,
 * then the top window's opener chain. `name` is `API` (SCORM 1.2) or `API_1484_11` (SCORM 2004).
 */
export function findApi<T>(win: Window, name: 'API' | 'API_1484_11'): T | null {
  const own = scan<T>(win, name);
  if (own) return own;
  const opener = scan<T>(openerOf(win), name);
  if (opener) return opener;
  let top: Window | null = null;
  try {
    top = win.top;
  } catch {
    top = null;
  }
  return top && top !== win ? scan<T>(openerOf(top), name) : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS: hours 2 to 4 digits (capped at 9999), seconds to the hundredth. */
export function timespan12(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.min(9999, Math.floor(centis / 360_000));
  const minutes = Math.floor((centis % 360_000) / 6000);
  const seconds = Math.floor((centis % 6000) / 100);
  const hundredths = centis % 100;
  if (hours === 9999) return '9999:59:59.99';
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(hundredths)}`;
}

/** SCORM 1.2 CMITime: the time of day, HH:MM:SS. */
export function timeOfDay12(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** SCORM 2004 time(second,10,0): a time zone is only allowed after fractional seconds, as here. */
export function timestamp2004(date: Date): string {
  return date.toISOString();
}

/** A number with at most `decimals` decimals, as SCORM writes it (no exponent, no trailing zeros). */
export function decimal(value: number, decimals: number): string {
  const factor = 10 ** decimals;
  return String(Math.round(value * factor) / factor);
}

/** An activity or assessment item of the package by id. */
export function findActivity(pkg: SelfPacedPackage, id: string): SelfPacedActivity | null {
  return pkg.activities[id] ?? pkg.assessment.items[id] ?? null;
}

/** SCORM 1.2 gives "Last, First": shown as "First Last". */
export function displayName(lmsName: string): string {
  const name = lmsName.trim();
  const m = /^([^,]+),\s*(.+)$/.exec(name);
  return m ? `${m[2]} ${m[1]}` : name;
}

/** Progress kept in the browser when no LMS is found. Never throws (storage may be disabled). */
export class LocalProgress {
  readonly #key: string;

  constructor(courseId: string, kind: string) {
    this.#key = `lectern:${kind}:${courseId}:progress`;
  }

  load(): SelfPacedProgress | null {
    try {
      const text = globalThis.localStorage?.getItem(this.#key);
      return text ? (JSON.parse(text) as SelfPacedProgress) : null;
    } catch {
      return null;
    }
  }

  save(progress: SelfPacedProgress): void {
    try {
      globalThis.localStorage?.setItem(this.#key, JSON.stringify(progress));
    } catch {
      // Private mode or a full store: progress lives as long as the page.
    }
  }
}

/** The lines a tracker logs, kept for diagnostics (and read by the tests). */
export class TrackerLog {
  readonly lines: string[] = [];

  warn(message: string): void {
    if (this.lines.length < 200) this.lines.push(message);
    console.warn(`lectern: ${message}`);
  }
}
