/**
 * The start of an exported package's page (index.html): reads the package and the page configuration
 * (inert JSON in the page), makes the tracker for the LMS, and runs the self-paced player with it.
 * When the page goes away the tracker finishes at once (SCORM calls are synchronous; cmi5 uses
 * keepalive), after the player has saved what was pending.
 */
import type { SelfPacedPackage } from '../../selfpaced/self-paced-package.ts';
import { type PlayerHandle, runPlayer } from '../../views/self-paced/player.ts';
import type { Tracker } from '../../views/self-paced/tracker.ts';

/** What index.html carries besides the package (`#lectern-config`). */
export interface LmsPageConfig {
  lang: string;
  messages: Record<string, string>;
  /** Base of the xAPI activity IRIs (and SCORM 2004 interaction ids). */
  base: string;
}

export interface LmsTracker extends Tracker {
  /** Ends the attempt synchronously, for `pagehide`. */
  finishNow(): void;
}

declare global {
  interface Window {
    /** For diagnostics and the LMS runtime tests. */
    lecternLms?: { tracker: LmsTracker; player: PlayerHandle | null };
  }
}

const RTL = new Set(['ar', 'fa', 'he', 'ur']);

function readJson<T>(id: string): T | null {
  try {
    return JSON.parse(document.getElementById(id)?.textContent ?? 'null') as T | null;
  } catch {
    return null;
  }
}

export async function bootLmsPlayer(
  makeTracker: (pkg: SelfPacedPackage, config: LmsPageConfig) => LmsTracker,
): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  const pkg = readJson<SelfPacedPackage>('lectern-package');
  const page = readJson<Partial<LmsPageConfig>>('lectern-config') ?? {};
  if (!pkg) {
    root.textContent = 'This package is damaged: its course could not be read.';
    return;
  }
  const config: LmsPageConfig = {
    lang: page.lang ?? pkg.language,
    messages: page.messages ?? {},
    base: page.base ?? 'https://lectern.example',
  };
  document.documentElement.lang = config.lang;
  document.documentElement.dir = RTL.has(config.lang.split('-')[0] ?? '') ? 'rtl' : 'ltr';
  document.title = pkg.title;
  const tracker = makeTracker(pkg, config);
  window.lecternLms = { tracker, player: null };
  const player = await runPlayer(root, pkg, tracker, config.messages, { lang: config.lang });
  window.lecternLms.player = player;
  // Registered after the player's own listener, which saves what is pending first.
  window.addEventListener('pagehide', () => tracker.finishNow());
}
