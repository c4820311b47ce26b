/**
 * The self-paced course on the Lectern server (`/learn`): loads the package, asks the learner's name
 * once per device, and runs the player with the Lectern tracker. A service worker keeps the page, its
 * code, its styles and the package, so that a learner who has opened it once can go on offline.
 */
import type { SelfPacedPackage } from '../../selfpaced/self-paced-package.ts';
import { readConfig } from '../shared/config.ts';
import { fill, h } from '../shared/dom.ts';
import { initI18n, t } from '../shared/i18n.ts';
import { LecternTracker, type SyncStatus } from './lectern-tracker.ts';
import { type PlayerHandle, runPlayer } from './player.ts';

const MAX_NAME = 60;

const config = readConfig();
initI18n(config);

const app = document.getElementById('app') as HTMLElement;
const status = h('p', { class: 'conn', id: 'sp-sync', role: 'status', 'aria-live': 'polite' });

function showStatus(value: SyncStatus): void {
  status.dataset.state = value;
  status.className = `conn ${value === 'saved' ? 'conn-online' : value === 'offline' || value === 'refused' ? 'conn-offline' : ''}`;
  status.textContent = t(`ui.sp.sync.${value}`);
}

function layout(...content: HTMLElement[]): HTMLElement {
  const main = h('main', { id: 'sp-main', class: 'sp-player', tabindex: '-1' }, content);
  fill(
    app,
    h('a', { class: 'skip', href: '#sp-main', text: t('ui.skip') }),
    h('header', { class: 'topbar' }, h('p', { class: 'brand', text: 'Lectern' })),
    main,
  );
  return main;
}

function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/learn' }).catch((error: unknown) => {
    console.warn('lectern: no offline copy of the course', error);
  });
}

async function loadPackage(): Promise<SelfPacedPackage> {
  const response = await fetch('/api/self-paced/package');
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as SelfPacedPackage;
}

/** The name form, shown once per device; resolves with the name typed. */
function askName(pkg: SelfPacedPackage): Promise<string> {
  return new Promise((resolve) => {
    const input = h('input', {
      type: 'text',
      id: 'sp-name',
      name: 'name',
      autocomplete: 'name',
      maxLength: MAX_NAME,
      required: true,
      'aria-describedby': 'sp-name-hint',
    });
    const problem = h('p', { class: 'alert', role: 'alert', id: 'sp-name-problem' });
    problem.hidden = true;
    const form = h(
      'form',
      { novalidate: true, class: 'card', 'aria-labelledby': 'sp-register-title' },
      h('h2', { id: 'sp-register-title', text: t('ui.sp.register.title') }),
      h('p', { text: t('ui.sp.register.intro') }),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'sp-name', text: t('ui.sp.register.name') }),
        h('p', { class: 'hint', id: 'sp-name-hint', text: t('ui.sp.register.nameHint') }),
        input,
      ),
      problem,
      h('button', { type: 'submit', class: 'primary', text: t('ui.sp.register.start') }),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = input.value.trim().slice(0, MAX_NAME);
      if (!name) {
        problem.textContent = t('ui.sp.register.nameMissing');
        problem.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      resolve(name);
    });
    layout(
      h(
        'div',
        { class: 'sp-head' },
        h('p', { class: 'eyebrow', text: pkg.edition }),
        h('h1', { class: 'deck-title', text: pkg.title }),
      ),
      form,
    );
    document.title = pkg.title;
  });
}

declare global {
  interface Window {
    /** For diagnostics and the browser tests. */
    lecternSelfPaced?: { tracker: LecternTracker; player: PlayerHandle };
  }
}

async function start(): Promise<void> {
  layout(h('p', { class: 'muted', text: t('ui.sp.loading') }));
  registerServiceWorker();
  let pkg: SelfPacedPackage;
  try {
    pkg = await loadPackage();
  } catch {
    layout(h('p', { class: 'alert', role: 'alert', text: t('ui.sp.loadFailed') }));
    return;
  }
  const tracker = new LecternTracker({ courseId: pkg.courseId, onStatus: showStatus });
  if (!tracker.learner()) tracker.register(await askName(pkg));
  showStatus(tracker.status());
  const player = await runPlayer(app, pkg, tracker, config.messages, { status, lang: config.lang });
  window.lecternSelfPaced = { tracker, player };
  document.getElementById('sp-frame-title')?.focus();
}

void start();
