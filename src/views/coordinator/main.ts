/**
 * The coordinator's training records (`/records`): sign in, cohorts with their figures, a cohort's roster
 * (imported from CSV), the sessions delivered to it with each participant's results, mastery per outcome,
 * item statistics, CSV exports, and certificates (issue, download, revoke). Instructors see the same and
 * can mark short answers; only coordinators change cohorts, rosters and certificates.
 *
 * Routes live in the URL fragment: `#` (cohorts) and `#cohort/<id>`. Everything users or files wrote goes
 * into the page as text.
 */
import type { AccountView } from '../../server/records/auth.ts';
import type { Dashboard } from '../../server/records/dashboard.ts';
import type { CohortRecord } from '../../store/store.ts';
import { readConfig } from '../shared/config.ts';
import { fill, h, keepFocus, liveRegion } from '../shared/dom.ts';
import { errorMessage, formatNumber, initI18n, t } from '../shared/i18n.ts';
import { ApiError, api, setCsrf } from './api.ts';
import {
  type CohortContext,
  type CohortDetail,
  cohortView,
  type RosterProblemView,
  type ServerSession,
} from './cohort.ts';
import { dashboardView, percentOrDash } from './figures.ts';

const config = readConfig();
initI18n(config);
document.title = t('ui.co.pageTitle');

interface ListedCohort extends CohortRecord {
  rosterCount: number;
  sessionCount: number;
  participants: number;
  completed: number;
  completionRate: number | null;
  meanScore: number | null;
}

interface State {
  account: AccountView | null;
  /** Still asking the server who is signed in. */
  checking: boolean;
  error: string;
  cohorts: { cohorts: ListedCohort[]; dashboard: Dashboard } | null;
  cohort: CohortDetail | null;
  servers: ServerSession[];
  problems: CohortContext['problems'];
  importing: boolean;
  revoking: string | null;
}

const state: State = {
  account: null,
  checking: true,
  error: '',
  cohorts: null,
  cohort: null,
  servers: [],
  problems: null,
  importing: false,
  revoking: null,
};

const dateTime = new Intl.DateTimeFormat(config.lang, { dateStyle: 'medium', timeStyle: 'short' });

// ── layout ─────────────────────────────────────────────────────────────────────────────────────

const app = document.getElementById('app') as HTMLElement;
const announcer = liveRegion();
const who = h('div', { class: 'co-who' });
const main = h('main', { id: 'main', class: 'co-main', tabindex: '-1' });
const errorBox = h('p', { class: 'alert', role: 'alert', id: 'co-error' });
fill(
  app,
  h('a', { class: 'skip', href: '#main', text: t('ui.skip') }),
  h('header', { class: 'topbar' }, h('h1', { class: 'deck-title', text: t('ui.co.title') }), who),
  main,
  announcer.element,
);

function route(): { view: 'cohorts' } | { view: 'cohort'; id: string } {
  const m = /^#cohort\/([\w-]{1,64})$/.exec(location.hash);
  return m?.[1] ? { view: 'cohort', id: m[1] } : { view: 'cohorts' };
}

function fail(error: unknown): void {
  const code = error instanceof ApiError ? error.code : 'INTERNAL';
  if (code === 'NOT_AUTHENTICATED') {
    state.account = null;
    state.error = t('ui.co.login.expired');
  } else state.error = config.messages[`ui.co.error.${code}`] ?? errorMessage(code);
  render();
}

function render(): void {
  errorBox.textContent = state.error;
  errorBox.hidden = state.error === '';
  renderWho();
  if (state.checking) {
    fill(main, h('p', { class: 'muted', text: t('ui.co.loading') }));
    return;
  }
  if (!state.account) {
    renderLogin();
    return;
  }
  const r = route();
  keepFocus(() => {
    if (r.view === 'cohort' && state.cohort?.cohort.id === r.id)
      fill(main, errorBox, ...cohortView(state.cohort, cohortContext()));
    else if (r.view === 'cohorts' && state.cohorts) fill(main, errorBox, ...cohortsView(state.cohorts));
    else fill(main, errorBox, h('p', { class: 'muted', text: t('ui.co.loading') }));
  });
}

function renderWho(): void {
  if (!state.account) {
    fill(who);
    return;
  }
  fill(
    who,
    h('span', {
      text: t('ui.co.signedInAs', {
        name: state.account.displayName,
        role: t(state.account.role === 'coordinator' ? 'ui.co.role.coordinator' : 'ui.co.role.instructor'),
      }),
    }),
    h('button', { type: 'button', id: 'sign-out', text: t('ui.co.logout'), onclick: logout }),
  );
}

// ── sign in ────────────────────────────────────────────────────────────────────────────────────

function renderLogin(): void {
  const username = h('input', {
    type: 'text',
    id: 'login-username',
    name: 'username',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
  });
  const password = h('input', {
    type: 'password',
    id: 'login-password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = h(
    'form',
    { class: 'card co-login', novalidate: true, 'aria-labelledby': 'login-title' },
    h('h2', { id: 'login-title', text: t('ui.co.login.title') }),
    h('p', { class: 'hint', text: t('ui.co.login.help') }),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'login-username', text: t('ui.co.login.username') }),
      username,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'login-password', text: t('ui.co.login.password') }),
      password,
    ),
    h('button', { type: 'submit', class: 'primary', id: 'login-submit', text: t('ui.co.login.submit') }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const missing = [username, password].find((input) => input.value.trim() === '');
    for (const input of [username, password])
      input.setAttribute('aria-invalid', String(input.value.trim() === ''));
    if (missing) {
      showError(t('ui.co.login.missing'));
      missing.focus();
      return;
    }
    void login(username.value, password.value);
  });
  fill(main, errorBox, form);
}

async function login(username: string, password: string): Promise<void> {
  try {
    const reply = await api<{ account: AccountView; csrfToken: string }>('POST', '/api/auth/login', {
      json: { username, password },
    });
    setCsrf(reply.csrfToken);
    state.account = reply.account;
    state.error = '';
    announcer.say(t('ui.co.login.done', { name: reply.account.displayName }));
    await load(true);
  } catch (error) {
    // The form stays as it is (the username typed is kept); the password is typed again.
    if (error instanceof ApiError && error.code === 'LOGIN_FAILED') showError(t('ui.co.login.failed'));
    else if (error instanceof ApiError && error.code === 'LOGIN_THROTTLED')
      showError(t('ui.co.login.throttled', { n: Number(error.extra.retryAfter ?? 1) }));
    else return fail(error);
    const password = document.getElementById('login-password');
    if (password instanceof HTMLInputElement) {
      password.value = '';
      password.setAttribute('aria-invalid', 'true');
      password.focus();
    }
  }
}

/** Shows an error without re-rendering the page (keeps what was typed). */
function showError(text: string): void {
  state.error = text;
  // Cleared first so that the same message is announced again.
  errorBox.textContent = '';
  errorBox.hidden = false;
  window.setTimeout(() => {
    errorBox.textContent = text;
  }, 50);
}

async function logout(): Promise<void> {
  try {
    await api('POST', '/api/auth/logout');
  } catch {
    // Signed out anyway, as far as this page goes.
  }
  setCsrf('');
  state.account = null;
  state.cohorts = null;
  state.cohort = null;
  state.error = '';
  announcer.say(t('ui.co.logout.done'));
  render();
  document.getElementById('login-username')?.focus();
}

// ── cohorts ────────────────────────────────────────────────────────────────────────────────────

function cohortsView(data: { cohorts: ListedCohort[]; dashboard: Dashboard }): (HTMLElement | null)[] {
  const coordinator = state.account?.role === 'coordinator';
  return [
    h('h2', { id: 'cohorts-title', tabindex: '-1', text: t('ui.co.cohorts.title') }),
    data.cohorts.length === 0
      ? h('p', { class: 'muted', text: t('ui.co.cohorts.none') })
      : h(
          'div',
          { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('ui.co.cohorts.caption') },
          h(
            'table',
            { class: 'roster-table co-table', id: 'cohort-table' },
            h('caption', { text: t('ui.co.cohorts.caption') }),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                (
                  [
                    'ui.co.cohorts.name',
                    'ui.co.cohorts.place',
                    'ui.co.cohorts.roster',
                    'ui.co.cohorts.sessions',
                    'ui.co.stat.completion',
                    'ui.co.stat.meanScore',
                  ] as const
                ).map((key) => h('th', { scope: 'col', text: t(key) })),
              ),
            ),
            h(
              'tbody',
              null,
              data.cohorts.map((c) =>
                h(
                  'tr',
                  null,
                  h(
                    'th',
                    { scope: 'row' },
                    h('a', { href: `#cohort/${encodeURIComponent(c.id)}`, text: c.name }),
                  ),
                  h('td', { text: [c.place, c.centre].filter(Boolean).join(' · ') }),
                  h('td', { class: 'num', text: formatNumber(c.rosterCount) }),
                  h('td', { class: 'num', text: formatNumber(c.sessionCount) }),
                  h('td', { class: 'num', text: percentOrDash(c.completionRate) }),
                  h('td', { class: 'num', text: percentOrDash(c.meanScore) }),
                ),
              ),
            ),
          ),
        ),
    coordinator ? newCohortForm() : null,
    data.cohorts.length === 0
      ? null
      : h(
          'section',
          { class: 'card', 'aria-labelledby': 'all-figures' },
          h('h3', { id: 'all-figures', text: t('ui.co.cohorts.figures') }),
          dashboardView('all', data.dashboard),
        ),
  ];
}

function newCohortForm(): HTMLElement {
  const field = (id: string, label: Parameters<typeof t>[0], hint?: Parameters<typeof t>[0]) => {
    const input = h('input', {
      type: 'text',
      id,
      maxLength: id === 'cohort-centre' ? 150 : 120,
      ...(hint ? { 'aria-describedby': `${id}-hint` } : {}),
    });
    return {
      input,
      element: h(
        'div',
        { class: 'field' },
        h('label', { for: id, text: t(label) }),
        hint ? h('p', { class: 'hint', id: `${id}-hint`, text: t(hint) }) : null,
        input,
      ),
    };
  };
  const name = field('cohort-name', 'ui.co.cohorts.name');
  const place = field('cohort-place', 'ui.co.cohorts.newPlace', 'ui.co.cohorts.placeHint');
  const centre = field('cohort-centre', 'ui.co.cohorts.newCentre', 'ui.co.cohorts.centreHint');
  name.input.required = true;
  const form = h(
    'form',
    { class: 'card co-new', novalidate: true, 'aria-labelledby': 'new-cohort-title' },
    h('h3', { id: 'new-cohort-title', text: t('ui.co.cohorts.new') }),
    name.element,
    place.element,
    centre.element,
    h('button', { type: 'submit', class: 'primary', id: 'cohort-create', text: t('ui.co.cohorts.create') }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!name.input.value.trim()) {
      name.input.setAttribute('aria-invalid', 'true');
      state.error = t('ui.co.cohorts.nameMissing');
      render();
      document.getElementById('cohort-name')?.focus();
      return;
    }
    void (async () => {
      try {
        const cohort = await api<CohortRecord>('POST', '/api/cohorts', {
          json: { name: name.input.value, place: place.input.value, centre: centre.input.value },
        });
        state.error = '';
        announcer.say(t('ui.co.cohorts.created', { name: cohort.name }));
        location.hash = `#cohort/${cohort.id}`;
      } catch (error) {
        fail(error);
      }
    })();
  });
  return form;
}

// ── a cohort ───────────────────────────────────────────────────────────────────────────────────

function cohortContext(): CohortContext {
  return {
    coordinator: state.account?.role === 'coordinator',
    revoking: state.revoking,
    dateTime,
    servers: state.servers,
    problems: state.problems,
    importing: state.importing,
    importRoster: (file) => void importRoster(file),
    deliver: (sessionId) =>
      void act(async () => {
        const cohortId = state.cohort?.cohort.id;
        const reply = await api<{ linked: unknown[]; unmatched: unknown[] }>(
          'PUT',
          `/api/sessions/${encodeURIComponent(sessionId)}/cohort`,
          { json: { cohortId } },
        );
        return t('ui.co.deliver.done', { linked: reply.linked.length, unmatched: reply.unmatched.length });
      }),
    link: (participantId, rosterId) =>
      void act(async () => {
        await api('PUT', `/api/participants/${encodeURIComponent(participantId)}/roster`, {
          json: { rosterId },
        });
        return t('ui.co.unmatched.linked');
      }),
    mark: (sessionId, participantId, itemId, score) =>
      void act(async () => {
        await api('PUT', `/api/sessions/${encodeURIComponent(sessionId)}/marks`, {
          json: { participantId, itemId, score },
        });
        return t('ui.co.marking.saved');
      }),
    issue: (sessionId) =>
      void act(async () => {
        const reply = await api<{ issued: string[]; failed: unknown[]; warnings: unknown[] }>(
          'POST',
          `/api/sessions/${encodeURIComponent(sessionId)}/certificates`,
        );
        return t('ui.co.cert.issued', { n: reply.issued.length });
      }),
    startRevoke: (certificateId) => {
      state.revoking = certificateId;
      render();
      const target = certificateId
        ? document.getElementById(`revoke-${certificateId.replace(/[^\w-]/g, '_')}-reason`)
        : null;
      target?.focus();
    },
    revoke: (certificateId, reason) =>
      void act(async () => {
        await api('POST', `/api/certificates/${encodeURIComponent(certificateId)}/revoke`, {
          json: { reason },
        });
        state.revoking = null;
        return t('ui.co.cert.revokedDone', { id: certificateId });
      }),
  };
}

/** Runs a change, reloads the cohort and announces the outcome. */
async function act(change: () => Promise<string>): Promise<void> {
  try {
    const message = await change();
    state.error = '';
    await loadCohort();
    render();
    announcer.say(message);
  } catch (error) {
    fail(error);
  }
}

async function importRoster(file: File): Promise<void> {
  const cohortId = state.cohort?.cohort.id;
  if (!cohortId) return;
  state.importing = true;
  state.problems = null;
  render();
  try {
    const text = await file.text();
    const reply = await api<{ imported: number; warnings: RosterProblemView[] }>(
      'POST',
      `/api/cohorts/${encodeURIComponent(cohortId)}/roster`,
      { text, type: 'text/csv' },
    );
    state.problems =
      reply.warnings.length > 0 ? { errors: false, file: file.name, list: reply.warnings } : null;
    state.error = '';
    await loadCohort();
    announcer.say(t('ui.co.roster.imported', { n: reply.imported }));
  } catch (error) {
    if (error instanceof ApiError && error.code === 'ROSTER_INVALID') {
      state.problems = {
        errors: true,
        file: file.name,
        list: (error.extra.problems as RosterProblemView[] | undefined) ?? [],
      };
      state.error = '';
    } else {
      state.importing = false;
      return fail(error);
    }
  }
  state.importing = false;
  render();
  if (state.problems?.errors) document.getElementById('roster-problems')?.focus();
}

// ── loading ────────────────────────────────────────────────────────────────────────────────────

async function loadCohort(): Promise<void> {
  const r = route();
  if (r.view !== 'cohort') return;
  const [detail, servers] = await Promise.all([
    api<CohortDetail>('GET', `/api/cohorts/${encodeURIComponent(r.id)}`),
    api<ServerSession[]>('GET', '/api/records/sessions'),
  ]);
  state.cohort = detail;
  state.servers = servers;
}

async function load(focusHeading = false): Promise<void> {
  const r = route();
  try {
    if (r.view === 'cohort') {
      if (state.cohort?.cohort.id !== r.id) {
        state.problems = null;
        state.revoking = null;
      }
      await loadCohort();
    } else state.cohorts = await api('GET', '/api/cohorts');
    state.error = '';
  } catch (error) {
    return fail(error);
  }
  render();
  if (focusHeading) document.getElementById(r.view === 'cohort' ? 'cohort-title' : 'cohorts-title')?.focus();
}

async function start(): Promise<void> {
  try {
    const me = await api<{ account: AccountView; csrfToken: string }>('GET', '/api/auth/me');
    setCsrf(me.csrfToken);
    state.account = me.account;
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'NOT_AUTHENTICATED'))
      state.error = errorMessage('INTERNAL');
  }
  state.checking = false;
  if (state.account) await load();
  else render();
}

window.addEventListener('hashchange', () => {
  if (state.account) void load(true);
});

render();
void start();
