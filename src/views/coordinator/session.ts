/**
 * One delivered session on the cohort page: its results table (name, rank, attendance, score, passed,
 * completed, certificate), the participants still to link to the roster, short answers to mark, mastery
 * per outcome, item statistics, CSV links, and the certificates (issue, download, revoke).
 */
import type { UiKey } from '../../i18n/ui-en.ts';
import type { ReportRow, SessionReport } from '../../server/records/session-report.ts';
import type { RosterRecord } from '../../store/store.ts';
import { domId, h } from '../shared/dom.ts';
import { currentLang, formatNumber, formatPercent, t } from '../shared/i18n.ts';
import { itemTable, masteryBars, percentOrDash } from './figures.ts';

export interface SessionContext {
  coordinator: boolean;
  roster: readonly RosterRecord[];
  /** The certificate whose revocation form is open. */
  revoking: string | null;
  dateTime: Intl.DateTimeFormat;
  link(participantId: string, rosterId: string | null): void;
  mark(sessionId: string, participantId: string, itemId: string, score: number): void;
  issue(sessionId: string): void;
  startRevoke(certificateId: string | null): void;
  revoke(certificateId: string, reason: string): void;
}

/** A download in the page's language (CSV headings, certificate labels). */
export function download(href: string): string {
  return `${href}?lang=${encodeURIComponent(currentLang())}`;
}

function yes(value: boolean): HTMLElement {
  return h('span', {
    class: value ? 'tag tag-ok' : 'tag tag-neutral',
    text: t(value ? 'ui.co.yes' : 'ui.co.no'),
  });
}

export function sessionView(report: SessionReport, ctx: SessionContext): HTMLElement {
  const id = domId('session', report.session.id);
  const base = `/api/sessions/${encodeURIComponent(report.session.id)}`;
  const standing = report.participants.filter((p) => p.certificate && p.certificate.revokedAt === null);
  const completed = report.participants.filter((p) => p.completed).length;
  return h(
    'section',
    { class: 'card co-session', id, 'aria-labelledby': `${id}-title` },
    h(
      'h3',
      { id: `${id}-title`, tabindex: '-1' },
      t('ui.co.session.title', {
        code: report.session.code,
        date: ctx.dateTime.format(new Date(report.session.createdAt)),
      }),
    ),
    h(
      'p',
      { class: 'muted' },
      t(report.session.ended ? 'ui.co.session.ended' : 'ui.co.session.running'),
      ' · ',
      t('ui.co.session.summary', {
        n: report.participants.length,
        completed,
        minutes: Math.round(report.span.ms / 60_000),
      }),
      ' · ',
      t('ui.co.session.rule', {
        attendance: formatPercent(report.completion.attendance),
        passMark: formatPercent(report.plan.passMark),
      }),
    ),
    h(
      'ul',
      { class: 'co-links' },
      h(
        'li',
        null,
        h('a', { href: download(`${base}/results.csv`), download: '', text: t('ui.co.csv.results') }),
      ),
      h(
        'li',
        null,
        h('a', { href: download(`${base}/attendance.csv`), download: '', text: t('ui.co.csv.attendance') }),
      ),
      h(
        'li',
        null,
        h('a', { href: download(`${base}/item-statistics.csv`), download: '', text: t('ui.co.csv.items') }),
      ),
    ),
    resultsTable(report, ctx, id),
    unmatchedView(report, ctx, id),
    markingView(report, ctx, id),
    masteryBars(`${id}-mastery`, report.outcomes, report.mastery, report.plan.passMark),
    h('h4', { text: t('ui.co.items.title') }),
    h('p', { class: 'hint', text: t('ui.co.items.help') }),
    itemTable(
      t('ui.co.items.sessionCaption', { code: report.session.code }),
      report.statistics.items.map((s) => ({
        ...s,
        prompt: report.items.find((i) => i.id === s.id)?.prompt ?? s.id,
      })),
    ),
    h(
      'div',
      { class: 'co-certificates' },
      h('h4', { text: t('ui.co.cert.title') }),
      h('p', {
        class: 'hint',
        text: t('ui.co.cert.help', { n: completed, issued: standing.length }),
      }),
      h(
        'div',
        { class: 'button-row' },
        ctx.coordinator
          ? h('button', {
              type: 'button',
              class: 'primary',
              id: `${id}-issue`,
              text: t('ui.co.cert.issue'),
              onclick: () => ctx.issue(report.session.id),
            })
          : null,
      ),
      standing.length > 0
        ? h(
            'ul',
            { class: 'co-links' },
            h(
              'li',
              null,
              h('a', { href: download(`${base}/certificates.zip`), download: '', text: t('ui.co.cert.zip') }),
            ),
            h(
              'li',
              null,
              h('a', {
                href: download(`${base}/certificates.pdf`),
                download: '',
                text: t('ui.co.cert.batch'),
              }),
            ),
          )
        : null,
    ),
  );
}

function resultsTable(report: SessionReport, ctx: SessionContext, id: string): HTMLElement {
  const th = (key: UiKey) => h('th', { scope: 'col', text: t(key) });
  if (report.participants.length === 0) return h('p', { class: 'muted', text: t('ui.co.results.none') });
  return h(
    'div',
    {
      class: 'table-wrap',
      tabindex: '0',
      role: 'region',
      'aria-label': t('ui.co.results.caption', { code: report.session.code }),
    },
    h(
      'table',
      { class: 'roster-table co-table co-results', id: `${id}-results` },
      h('caption', { text: t('ui.co.results.caption', { code: report.session.code }) }),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          th('ui.co.results.name'),
          th('ui.co.results.rank'),
          th('ui.co.results.attendance'),
          th('ui.co.results.score'),
          th('ui.co.results.passed'),
          th('ui.co.results.completed'),
          th('ui.co.results.certificate'),
        ),
      ),
      h(
        'tbody',
        null,
        report.participants.map((row) =>
          h(
            'tr',
            null,
            h(
              'th',
              { scope: 'row' },
              row.name,
              row.joinedName !== row.name
                ? h('span', {
                    class: 'co-joined muted',
                    text: t('ui.co.results.joinedAs', { name: row.joinedName }),
                  })
                : null,
              row.rosterId === null
                ? h('span', { class: 'tag tag-neutral', text: t('ui.co.results.notOnRoster') })
                : null,
            ),
            h('td', { text: row.rank ?? '' }),
            h('td', { class: 'num', text: formatPercent(row.attendance) }),
            h(
              'td',
              { class: 'num' },
              percentOrDash(row.assessment),
              row.unmarked.length > 0
                ? h('span', {
                    class: 'co-joined muted',
                    text: t('ui.co.results.unmarked', { n: row.unmarked.length }),
                  })
                : null,
            ),
            h('td', null, yes(row.passed)),
            h('td', null, yes(row.completed)),
            h('td', null, certificateCell(row, ctx)),
          ),
        ),
      ),
    ),
  );
}

function certificateCell(row: ReportRow, ctx: SessionContext): HTMLElement | string {
  const c = row.certificate;
  if (!c) return h('span', { class: 'muted', text: t('ui.co.none') });
  const revoked = c.revokedAt !== null;
  const box = h(
    'div',
    { class: 'co-cert' },
    h('a', {
      class: 'mono',
      href: `/verify/${encodeURIComponent(c.id)}`,
      target: '_blank',
      rel: 'noopener',
      text: c.id,
    }),
    ' ',
    h('span', {
      class: revoked ? 'tag tag-bad' : 'tag tag-ok',
      text: t(revoked ? 'ui.co.cert.revoked' : 'ui.co.cert.valid'),
    }),
  );
  if (revoked) {
    box.append(
      h('span', {
        class: 'co-joined muted',
        text: t('ui.co.cert.revokedWhy', {
          date: ctx.dateTime.format(new Date(c.revokedAt ?? 0)),
          reason: c.reason ?? '',
        }),
      }),
    );
    return box;
  }
  box.append(
    ' ',
    h('a', {
      href: download(`/api/certificates/${encodeURIComponent(c.id)}.pdf`),
      download: '',
      text: t('ui.co.cert.pdf'),
      'aria-label': t('ui.co.cert.pdfFor', { name: row.name }),
    }),
  );
  if (!ctx.coordinator) return box;
  const formId = domId('revoke', c.id);
  if (ctx.revoking !== c.id) {
    box.append(
      h('button', {
        type: 'button',
        class: 'danger small',
        id: `${formId}-open`,
        text: t('ui.co.cert.revoke'),
        'aria-label': t('ui.co.cert.revokeFor', { name: row.name }),
        onclick: () => ctx.startRevoke(c.id),
      }),
    );
    return box;
  }
  const reason = h('input', {
    type: 'text',
    id: `${formId}-reason`,
    maxLength: 300,
    required: true,
    autocomplete: 'off',
  });
  const form = h(
    'form',
    { class: 'co-revoke', novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('label', { for: `${formId}-reason`, text: t('ui.co.cert.reason', { name: row.name }) }),
      reason,
    ),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'danger', text: t('ui.co.cert.confirmRevoke') }),
      h('button', { type: 'button', text: t('ui.co.cancel'), onclick: () => ctx.startRevoke(null) }),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = reason.value.trim();
    if (!text) {
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    ctx.revoke(c.id, text);
  });
  box.append(form);
  return box;
}

function unmatchedView(report: SessionReport, ctx: SessionContext, id: string): HTMLElement | null {
  if (report.session.cohortId === null || report.unmatched.length === 0) return null;
  const taken = new Set(report.participants.map((p) => p.rosterId).filter((r): r is string => r !== null));
  const free = ctx.roster.filter((r) => !taken.has(r.id));
  return h(
    'section',
    { class: 'co-unmatched', 'aria-labelledby': `${id}-unmatched` },
    h('h4', { id: `${id}-unmatched`, text: t('ui.co.unmatched.title', { n: report.unmatched.length }) }),
    h('p', { class: 'hint', text: t('ui.co.unmatched.help') }),
    h(
      'ul',
      { class: 'co-list' },
      report.unmatched.map((u) => {
        const selectId = domId('link', u.participantId);
        const select = h(
          'select',
          { id: selectId },
          h('option', { value: '', text: t('ui.co.unmatched.choose') }),
          free.map((r) =>
            h('option', {
              value: r.id,
              selected: u.suggestion?.rosterId === r.id,
              text: [r.name, r.rank, r.serviceNumber].filter(Boolean).join(' · '),
            }),
          ),
        );
        return h(
          'li',
          null,
          h(
            'div',
            { class: 'field' },
            h('label', {
              for: selectId,
              text: t('ui.co.unmatched.label', { name: u.name, contingent: u.contingent ?? '' }),
            }),
            u.suggestion
              ? h('p', { class: 'hint', text: t('ui.co.unmatched.suggested', { name: u.suggestion.name }) })
              : null,
            select,
          ),
          ctx.coordinator
            ? h('button', {
                type: 'button',
                text: t('ui.co.unmatched.link'),
                'aria-label': t('ui.co.unmatched.linkFor', { name: u.name }),
                onclick: () => {
                  if (select.value) ctx.link(u.participantId, select.value);
                  else select.focus();
                },
              })
            : null,
        );
      }),
    ),
  );
}

function markingView(report: SessionReport, ctx: SessionContext, id: string): HTMLElement | null {
  if (report.marking.length === 0) return null;
  const waiting = report.marking.filter((m) => m.mark === null).length;
  return h(
    'section',
    { class: 'co-marking', 'aria-labelledby': `${id}-marking` },
    h('h4', { id: `${id}-marking`, text: t('ui.co.marking.title', { n: waiting }) }),
    h(
      'ul',
      { class: 'co-list' },
      report.marking.map((m) => {
        const groupId = domId('mark', m.participantId, m.itemId);
        return h(
          'li',
          { class: 'co-mark' },
          h('p', null, h('strong', { text: m.name }), ' · ', m.prompt),
          m.modelAnswer
            ? h('p', { class: 'hint', text: t('ui.co.marking.model', { answer: m.modelAnswer }) })
            : null,
          h('blockquote', { class: 'co-response', text: m.response }),
          h(
            'div',
            { class: 'button-row', role: 'group', 'aria-labelledby': `${groupId}-label` },
            h('span', {
              id: `${groupId}-label`,
              class: 'sr-only',
              text: t('ui.co.marking.group', { name: m.name }),
            }),
            (
              [
                [1, 'ui.co.marking.right'],
                [0.5, 'ui.co.marking.half'],
                [0, 'ui.co.marking.wrong'],
              ] as const
            ).map(([score, label]) =>
              h('button', {
                type: 'button',
                'aria-pressed': m.mark === score ? 'true' : 'false',
                text: t(label),
                onclick: () => ctx.mark(report.session.id, m.participantId, m.itemId, score),
              }),
            ),
          ),
          m.mark === null
            ? null
            : h('p', { class: 'muted', text: t('ui.co.marking.marked', { mark: formatNumber(m.mark) }) }),
        );
      }),
    ),
  );
}
