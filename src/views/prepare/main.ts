/**
 * The instructor's preparation page: the checklist of the module (required readings, equipment,
 * materials, participant preparation) saved per session, the audience, the open sessions, and
 * "Start a session", which gives the join code, its QR code and the presenter and projector links.
 * The instructor key comes from the URL fragment (`#key=…`) and goes only into Authorization headers.
 */

import type { UiKey } from '../../i18n/ui-en.ts';
import type { Audience, SessionView } from '../../live/protocol.ts';
import { ApiError, apiRequest } from '../shared/api.ts';
import { AUDIENCE_LEVELS, audienceFields } from '../shared/audience-fields.ts';
import { hashParam, readConfig } from '../shared/config.ts';
import { fill, h, keepFocus, liveRegion } from '../shared/dom.ts';
import { errorMessage, formatNumber, initI18n, t } from '../shared/i18n.ts';

const config = readConfig();
initI18n(config);

interface ChecklistItem {
  id: string;
  group: 'readings' | 'equipment' | 'materials' | 'participants';
  text: string;
  note?: string;
  url?: string;
}
interface Preparation {
  title: string;
  audienceLevels: string[];
  items: ChecklistItem[];
  missionPacks?: { id: string; name: string; description: string }[];
}
type ListedSession = SessionView & { createdAt: number; checklist: Record<string, boolean> };
interface Created {
  sessionId: string;
  code: string;
  presenterToken: string;
  projectorToken: string;
  joinUrl: string;
  presenterUrl: string;
  projectorUrl: string;
}
interface Links {
  code: string;
  joinUrl: string;
  presenterUrl: string;
  projectorUrl: string;
}

const GROUPS = ['readings', 'equipment', 'materials', 'participants'] as const;
const LINKS_KEY = 'lectern.prepare.links';
const DRAFT_KEY = 'lectern.prepare.checklist';

let key = hashParam('key') ?? '';
let preparation: Preparation | null = null;
let sessions: ListedSession[] = [];
let selected: string | null = null;
let draft: Record<string, boolean> = readJson(DRAFT_KEY, {});
let audience: Audience = { level: 'operational', components: ['military', 'police', 'civilian'] };
let missionPack: string | null = null;
let created: Created | null = null;
let error = '';

function readJson<T>(name: string, fallback: T): T {
  try {
    return (JSON.parse(localStorage.getItem(name) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
}
function writeJson(name: string, value: unknown): void {
  try {
    localStorage.setItem(name, JSON.stringify(value));
  } catch {
    // Storage disabled: nothing is remembered between visits.
  }
}

function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return apiRequest<T>(key, method, path, body);
}

// ── layout ─────────────────────────────────────────────────────────────────────────────────────

const app = document.getElementById('app') as HTMLElement;
const announcer = liveRegion();
const main = h('main', { id: 'main', class: 'prepare', tabindex: '-1' });
const subtitle = h('p', { class: 'muted' });
fill(
  app,
  h('a', { class: 'skip', href: '#main', text: t('ui.skip') }),
  h(
    'header',
    { class: 'topbar' },
    h('div', null, h('h1', { class: 'deck-title', text: t('ui.prepare.title') }), subtitle),
  ),
  main,
  announcer.element,
);

const errorBox = h('p', { class: 'alert', role: 'alert' });
const startBox = h('section', { class: 'card start', 'aria-labelledby': 'start-title' });
const checklistBox = h('section', { class: 'card checklist', 'aria-labelledby': 'checklist-title' });
const sessionsBox = h('section', { class: 'card sessions', 'aria-labelledby': 'sessions-title' });

function render(): void {
  errorBox.textContent = error;
  errorBox.hidden = error === '';
  if (!key || !preparation) {
    renderKeyForm();
    return;
  }
  subtitle.textContent = preparation.title;
  if (!main.contains(startBox))
    fill(main, errorBox, h('div', { class: 'prepare-grid' }, startBox, checklistBox, sessionsBox));
  renderStart();
  renderChecklist();
  renderSessions();
}

function renderKeyForm(): void {
  const input = h('input', {
    type: 'password',
    id: 'instructor-key',
    autocomplete: 'current-password',
    required: true,
  });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'key-title' },
    h('h2', { id: 'key-title', text: t('ui.prepare.keyTitle') }),
    h('p', { class: 'hint', text: t('ui.prepare.keyHelp') }),
    h('div', { class: 'field' }, h('label', { for: 'instructor-key', text: t('ui.prepare.key') }), input),
    h('button', { type: 'submit', class: 'primary', text: t('ui.prepare.open') }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    key = input.value.trim();
    if (!key) return;
    history.replaceState(null, '', `#key=${encodeURIComponent(key)}`);
    void load();
  });
  fill(main, errorBox, form);
}

// ── start a session ────────────────────────────────────────────────────────────────────────────

function renderStart(): void {
  const levels = (preparation?.audienceLevels ?? []).filter((l): l is Audience['level'] =>
    (AUDIENCE_LEVELS as readonly string[]).includes(l),
  );
  const levelChoices = levels.length > 0 ? levels : [...AUDIENCE_LEVELS];
  keepFocus(() =>
    fill(
      startBox,
      h('h2', { id: 'start-title', text: t('ui.prepare.start') }),
      audienceFields(audience, {
        levels: levelChoices,
        current: () => audience,
        onChange: (next) => {
          audience = next;
        },
        onNeedOne: () => {
          error = t('ui.audience.needOne');
          render();
        },
      }),
      missionField(),
      h('button', {
        type: 'button',
        id: 'start-session',
        class: 'primary',
        text: t('ui.prepare.startButton'),
        onclick: start,
      }),
      created ? createdView(created) : null,
    ),
  );
}

async function start(): Promise<void> {
  error = '';
  try {
    created = await api<Created>('POST', '/api/sessions', { audience, missionPack });
    const links = readJson<Record<string, Links>>(LINKS_KEY, {});
    links[created.sessionId] = {
      code: created.code,
      joinUrl: created.joinUrl,
      presenterUrl: created.presenterUrl,
      projectorUrl: created.projectorUrl,
    };
    writeJson(LINKS_KEY, links);
    selected = created.sessionId;
    if (Object.keys(draft).length > 0) await saveChecklist(draft);
    await refreshSessions();
    announcer.say(t('ui.prepare.started', { code: created.code }));
    render();
    document.getElementById('created-title')?.focus();
  } catch (e) {
    error = errorMessage(e instanceof ApiError ? e.code : 'INTERNAL');
    render();
  }
}

/** The mission pack whose mission-specific points the presenter sees (chosen per session). */
function missionField(): HTMLElement | null {
  const packs = preparation?.missionPacks ?? [];
  if (packs.length === 0) return null;
  const chosen = packs.find((p) => p.id === missionPack);
  const select = h(
    'select',
    { id: 'mission-pack', 'aria-describedby': 'mission-hint' },
    h('option', { value: '', text: t('ui.prepare.missionNone') }),
    packs.map((p) => h('option', { value: p.id, selected: p.id === missionPack, text: p.name })),
  );
  select.addEventListener('change', () => {
    missionPack = select.value || null;
    renderStart();
  });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: 'mission-pack', text: t('ui.prepare.mission') }),
    select,
    h('p', {
      class: 'hint',
      id: 'mission-hint',
      text: chosen ? chosen.description : t('ui.prepare.missionHelp'),
    }),
  );
}

function createdView(session: Created): HTMLElement {
  return h(
    'div',
    { class: 'created' },
    h('h3', { id: 'created-title', tabindex: '-1', text: t('ui.prepare.ready') }),
    h(
      'p',
      null,
      t('ui.presenter.code'),
      ' ',
      h('strong', { class: 'mono big', id: 'created-code', text: session.code }),
    ),
    h('img', {
      class: 'qr',
      src: `/qr/${encodeURIComponent(session.code)}.svg`,
      alt: t('ui.projector.qrAlt', { code: session.code }),
      width: 200,
      height: 200,
    }),
    linksView({ ...session }),
    h('p', { class: 'hint', text: t('ui.prepare.secret') }),
  );
}

function linksView(links: Links): HTMLElement {
  return h(
    'ul',
    { class: 'links' },
    h(
      'li',
      null,
      t('ui.prepare.joinLink'),
      ' ',
      h('a', { href: links.joinUrl, class: 'mono', text: links.joinUrl }),
    ),
    h(
      'li',
      null,
      h('a', {
        href: links.presenterUrl,
        target: '_blank',
        rel: 'noopener',
        id: 'presenter-link',
        text: t('ui.prepare.presenterLink'),
      }),
    ),
    h(
      'li',
      null,
      h('a', {
        href: links.projectorUrl,
        target: '_blank',
        rel: 'noopener',
        id: 'projector-link',
        text: t('ui.prepare.projectorLink'),
      }),
    ),
  );
}

// ── checklist ──────────────────────────────────────────────────────────────────────────────────

const saveState = h('p', { class: 'answer-state', role: 'status', 'aria-live': 'polite' });

function currentChecklist(): Record<string, boolean> {
  if (!selected) return draft;
  return sessions.find((s) => s.sessionId === selected)?.checklist ?? {};
}

async function saveChecklist(checklist: Record<string, boolean>): Promise<void> {
  if (!selected) {
    draft = checklist;
    writeJson(DRAFT_KEY, draft);
    saveState.textContent = t('ui.prepare.savedHere');
    return;
  }
  const session = sessions.find((s) => s.sessionId === selected);
  if (session) session.checklist = checklist;
  try {
    await api('PUT', `/api/sessions/${encodeURIComponent(selected)}/checklist`, { checklist });
    saveState.textContent = t('ui.prepare.saved');
  } catch (e) {
    saveState.textContent = errorMessage(e instanceof ApiError ? e.code : 'INTERNAL');
  }
}

function renderChecklist(): void {
  const checklist = currentChecklist();
  const items = preparation?.items ?? [];
  const done = items.filter((i) => checklist[i.id]).length;
  const open = sessions.filter((s) => !s.ended);
  const target = h(
    'select',
    { id: 'checklist-session' },
    h('option', { value: '', text: t('ui.prepare.noSession') }),
    open.map((s) =>
      h('option', {
        value: s.sessionId,
        selected: s.sessionId === selected,
        text: t('ui.prepare.sessionOption', { code: s.code }),
      }),
    ),
  );
  target.addEventListener('change', () => {
    selected = target.value || null;
    render();
  });
  keepFocus(() =>
    fill(
      checklistBox,
      h('h2', { id: 'checklist-title', text: t('ui.prepare.checklist') }),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'checklist-session', text: t('ui.prepare.checklistFor') }),
        target,
      ),
      h('p', { text: t('ui.prepare.progress', { n: done, of: items.length }) }),
      GROUPS.map((group) => {
        const groupItems = items.filter((i) => i.group === group);
        if (groupItems.length === 0) return null;
        return h(
          'div',
          { class: 'check-group' },
          h('h3', { text: t(`ui.prepare.group.${group}` as UiKey) }),
          h(
            'ul',
            { class: 'checks' },
            groupItems.map((item) => {
              const id = `check-${item.id.replace(/[^\w-]/g, '_')}`;
              const input = h('input', { type: 'checkbox', id, checked: checklist[item.id] === true });
              input.addEventListener('change', () => {
                void saveChecklist({ ...currentChecklist(), [item.id]: input.checked });
              });
              return h(
                'li',
                null,
                h('label', { class: 'choice', for: id }, input, h('span', { text: item.text })),
                item.note ? h('p', { class: 'hint', text: item.note }) : null,
                item.url
                  ? h('p', { class: 'hint' }, h('a', { href: item.url, rel: 'noopener', text: item.url }))
                  : null,
              );
            }),
          ),
        );
      }),
      saveState,
    ),
  );
}

// ── open sessions ──────────────────────────────────────────────────────────────────────────────

async function refreshSessions(): Promise<void> {
  sessions = await api<ListedSession[]>('GET', '/api/sessions');
  sessions.sort((a, b) => b.createdAt - a.createdAt);
}

function renderSessions(): void {
  const links = readJson<Record<string, Links>>(LINKS_KEY, {});
  const dateFormat = new Intl.DateTimeFormat(config.lang, { dateStyle: 'medium', timeStyle: 'short' });
  fill(
    sessionsBox,
    h('h2', { id: 'sessions-title', text: t('ui.prepare.sessions') }),
    sessions.length === 0
      ? h('p', { class: 'muted', text: t('ui.prepare.noSessions') })
      : h(
          'ul',
          { class: 'session-list' },
          sessions.map((s) => {
            const known = links[s.sessionId];
            return h(
              'li',
              null,
              h(
                'p',
                null,
                h('strong', { class: 'mono', text: s.code }),
                ' · ',
                dateFormat.format(new Date(s.createdAt)),
              ),
              h(
                'p',
                { class: 'muted' },
                t('ui.prepare.sessionInfo', {
                  n: s.participants,
                  slide: s.slide + 1,
                  of: s.slideCount,
                  level: t(`ui.audience.${s.audience.level}` as UiKey),
                }),
                s.ended ? ` · ${t('ui.presenter.ended')}` : '',
              ),
              known ? linksView(known) : h('p', { class: 'hint', text: t('ui.prepare.linksElsewhere') }),
            );
          }),
        ),
    h('p', { class: 'hint', text: t('ui.prepare.count', { n: formatNumber(sessions.length) }) }),
  );
}

// ── start ──────────────────────────────────────────────────────────────────────────────────────

async function load(): Promise<void> {
  error = '';
  try {
    preparation = await api<Preparation>('GET', '/api/preparation');
    await refreshSessions();
    const newest = sessions.find((s) => !s.ended);
    if (!selected && newest && readJson<Record<string, Links>>(LINKS_KEY, {})[newest.sessionId])
      selected = newest.sessionId;
  } catch (e) {
    const code = e instanceof ApiError ? e.code : 'INTERNAL';
    if (code === 'NOT_AUTHENTICATED' || code === 'TOKEN_INVALID') {
      key = '';
      preparation = null;
      error = t('ui.prepare.keyWrong');
    } else error = errorMessage(code);
  }
  render();
}

if (key) void load();
else render();
