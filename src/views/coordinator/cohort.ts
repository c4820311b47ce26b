/**
 * A cohort's page: its figures, its roster (import from a CSV file: nothing is imported while the file has
 * problems, which are listed by line and column), the sessions delivered to it, and the server's other
 * sessions to deliver to it.
 */
import type { Dashboard } from '../../server/records/dashboard.ts';
import type { SessionReport } from '../../server/records/session-report.ts';
import type { CohortRecord, RosterRecord } from '../../store/store.ts';
import { h, table } from '../shared/dom.ts';
import { formatNumber, t } from '../shared/i18n.ts';
import { dashboardView } from './figures.ts';
import { download, type SessionContext, sessionView } from './session.ts';

export interface CohortDetail {
  cohort: CohortRecord;
  roster: RosterRecord[];
  sessions: SessionReport[];
  dashboard: Dashboard;
}

export interface ServerSession {
  sessionId: string;
  code: string;
  createdAt: number;
  ended: boolean;
  participants: number;
  cohortId: string | null;
}

export interface RosterProblemView {
  line: number;
  column: number;
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface CohortContext extends Omit<SessionContext, 'roster'> {
  servers: readonly ServerSession[];
  /** Problems of the last import (errors: nothing imported; warnings: imported anyway). */
  problems: { errors: boolean; file: string; list: RosterProblemView[] } | null;
  importing: boolean;
  importRoster(file: File): void;
  deliver(sessionId: string): void;
}

export function cohortView(detail: CohortDetail, ctx: CohortContext): (HTMLElement | null)[] {
  const { cohort } = detail;
  const sessionCtx: SessionContext = { ...ctx, roster: detail.roster };
  return [
    h(
      'nav',
      { class: 'co-back', 'aria-label': t('ui.co.breadcrumb') },
      h('a', { href: '#', text: t('ui.co.backToCohorts') }),
    ),
    h('h2', { id: 'cohort-title', tabindex: '-1', text: cohort.name }),
    h('p', {
      class: 'muted',
      text: [cohort.place, cohort.centre].filter(Boolean).join(' · ') || t('ui.co.cohort.noPlace'),
    }),
    !cohort.place || !cohort.centre ? h('p', { class: 'notice', text: t('ui.co.cohort.placeNeeded') }) : null,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'cohort-figures' },
      h('h3', { id: 'cohort-figures', text: t('ui.co.cohort.figures') }),
      detail.sessions.length === 0
        ? h('p', { class: 'muted', text: t('ui.co.cohort.noSessions') })
        : dashboardView('cohort', detail.dashboard),
      h(
        'p',
        null,
        h('a', {
          href: download(`/api/cohorts/${encodeURIComponent(cohort.id)}/results.csv`),
          download: '',
          text: t('ui.co.csv.cohort'),
        }),
      ),
      h(
        'p',
        null,
        h('a', {
          href: download(`/api/cohorts/${encodeURIComponent(cohort.id)}/certificates.zip`),
          download: '',
          text: t('ui.co.cert.cohortZip'),
        }),
        ' · ',
        h('a', {
          href: download(`/api/cohorts/${encodeURIComponent(cohort.id)}/certificates.pdf`),
          download: '',
          text: t('ui.co.cert.cohortPdf'),
        }),
      ),
    ),
    rosterSection(detail, ctx),
    deliverSection(detail, ctx),
    ...detail.sessions.map((report) => sessionView(report, sessionCtx)),
  ];
}

function rosterSection(detail: CohortDetail, ctx: CohortContext): HTMLElement {
  const input = h('input', {
    type: 'file',
    id: 'roster-file',
    accept: '.csv,text/csv',
    'aria-describedby': 'roster-help',
  });
  const form = h(
    'form',
    { class: 'co-import', novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'roster-file', text: t('ui.co.roster.file') }),
      h('p', { class: 'hint', id: 'roster-help', text: t('ui.co.roster.help') }),
      input,
    ),
    h('button', {
      type: 'submit',
      class: 'primary',
      id: 'roster-import',
      disabled: ctx.importing,
      text: t(ctx.importing ? 'ui.co.roster.importing' : 'ui.co.roster.import'),
    }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    ctx.importRoster(file);
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'roster-title' },
    h('h3', { id: 'roster-title', text: t('ui.co.roster.title', { n: detail.roster.length }) }),
    ctx.coordinator ? form : null,
    problemsView(ctx.problems),
    rosterTable(detail.roster),
  );
}

function problemsView(problems: CohortContext['problems']): HTMLElement | null {
  if (!problems || problems.list.length === 0) return null;
  return h(
    'div',
    {
      class: problems.errors ? 'alert co-problems' : 'notice co-problems',
      id: 'roster-problems',
      tabindex: '-1',
    },
    h('p', {
      text: t(problems.errors ? 'ui.co.roster.refused' : 'ui.co.roster.warnings', {
        file: problems.file,
        n: problems.list.length,
      }),
    }),
    h(
      'div',
      { class: 'table-wrap' },
      table(
        { class: 'roster-table co-table' },
        h('caption', { class: 'sr-only', text: t('ui.co.roster.problems') }),
        [t('ui.co.roster.line'), t('ui.co.roster.column'), t('ui.co.roster.problem')],
        problems.list.map((p) =>
          h(
            'tr',
            null,
            h('td', { class: 'num', text: formatNumber(p.line) }),
            h('td', { class: 'num', text: formatNumber(p.column) }),
            h('td', { text: p.message }),
          ),
        ),
      ),
    ),
  );
}

function rosterTable(roster: readonly RosterRecord[]): HTMLElement {
  if (roster.length === 0) return h('p', { class: 'muted', text: t('ui.co.roster.empty') });
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('ui.co.roster.caption') },
    table(
      { class: 'roster-table co-table', id: 'roster-table' },
      t('ui.co.roster.caption'),
      [
        t('ui.co.results.name'),
        t('ui.co.results.rank'),
        t('ui.co.roster.serviceNumber'),
        t('ui.co.roster.component'),
        t('ui.co.roster.contingent'),
        t('ui.co.roster.mission'),
      ],
      roster.map((r) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row', text: r.name }),
          h('td', { text: r.rank ?? '' }),
          h('td', { class: 'mono', text: r.serviceNumber ?? '' }),
          h('td', { text: t(`ui.audience.${r.component}`) }),
          h('td', { text: r.contingent ?? '' }),
          h('td', { text: r.mission ?? '' }),
        ),
      ),
    ),
  );
}

function deliverSection(detail: CohortDetail, ctx: CohortContext): HTMLElement | null {
  if (!ctx.coordinator) return null;
  const others = ctx.servers.filter((s) => s.cohortId !== detail.cohort.id);
  const select = h(
    'select',
    { id: 'deliver-session', 'aria-describedby': 'deliver-help' },
    others.map((s) =>
      h('option', {
        value: s.sessionId,
        text: t(s.ended ? 'ui.co.deliver.optionEnded' : 'ui.co.deliver.option', {
          code: s.code,
          date: ctx.dateTime.format(new Date(s.createdAt)),
          n: s.participants,
        }),
      }),
    ),
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'deliver-title' },
    h('h3', { id: 'deliver-title', text: t('ui.co.deliver.title') }),
    h('p', { class: 'hint', id: 'deliver-help', text: t('ui.co.deliver.help') }),
    others.length === 0
      ? h('p', { class: 'muted', text: t('ui.co.deliver.none') })
      : h(
          'div',
          { class: 'co-inline' },
          h(
            'div',
            { class: 'field' },
            h('label', { for: 'deliver-session', text: t('ui.co.deliver.label') }),
            select,
          ),
          h('button', {
            type: 'button',
            id: 'deliver-button',
            text: t('ui.co.deliver.button'),
            onclick: () => {
              if (select.value) ctx.deliver(select.value);
            },
          }),
        ),
  );
}
