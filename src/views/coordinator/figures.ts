/**
 * The figures of a session, a cohort or every cohort: completion and scores at a glance, mastery per
 * outcome as bars (the value is always written out too), and item statistics with their flags and the
 * roll-up per outcome. Item prompts come from the course and go in as text.
 */
import type { UiKey } from '../../i18n/ui-en.ts';
import type { Dashboard } from '../../server/records/dashboard.ts';
import { h } from '../shared/dom.ts';
import { formatNumber, formatPercent, t } from '../shared/i18n.ts';

export const FLAGS = ['tooEasy', 'tooHard', 'poorDiscrimination', 'lowEfficiency'] as const;

export function percentOrDash(value: number | null | undefined): string {
  return value === null || value === undefined ? t('ui.co.none') : formatPercent(value);
}

/** Completion rate, mean score and counts, as a description list. */
export function summary(d: Dashboard): HTMLElement {
  const item = (label: UiKey, value: string) =>
    h('div', { class: 'co-stat' }, h('dt', { text: t(label) }), h('dd', { text: value }));
  return h(
    'dl',
    { class: 'co-stats' },
    item('ui.co.stat.participants', formatNumber(d.participants)),
    item(
      'ui.co.stat.completion',
      d.completionRate === null
        ? t('ui.co.none')
        : t('ui.co.stat.completionValue', {
            rate: formatPercent(d.completionRate),
            n: d.completed,
            of: d.participants,
          }),
    ),
    item('ui.co.stat.meanScore', percentOrDash(d.meanScore)),
    item('ui.co.stat.passed', t('ui.co.stat.passedValue', { n: d.passed, of: d.assessed })),
  );
}

/** One bar per outcome; a bar below the pass mark is marked, in words too. */
export function masteryBars(
  headingId: string,
  outcomes: readonly { id: string; text: string }[],
  mastery: Readonly<Record<string, number | null>>,
  passMark: number | null,
): HTMLElement {
  return h(
    'section',
    { class: 'co-mastery', 'aria-labelledby': headingId },
    h('h4', { id: headingId, text: t('ui.co.mastery') }),
    passMark === null
      ? null
      : h('p', { class: 'hint', text: t('ui.co.masteryHelp', { passMark: formatPercent(passMark) }) }),
    h(
      'ul',
      { class: 'bars' },
      outcomes.map((o) => {
        const value = mastery[o.id] ?? null;
        const low = value !== null && passMark !== null && value < passMark;
        const fill = h('span', { class: 'bar-fill' });
        fill.style.width = `${Math.round((value ?? 0) * 100)}%`;
        return h(
          'li',
          { class: low ? 'bar-row revisit' : 'bar-row' },
          h(
            'span',
            { class: 'bar-label' },
            h('strong', { text: o.id }),
            ' ',
            o.text,
            low ? h('span', { class: 'tag tag-bad', text: t('ui.co.revisit') }) : null,
          ),
          h('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill),
          h('span', { class: 'bar-value', text: percentOrDash(value) }),
        );
      }),
    ),
  );
}

export interface ItemRow {
  id: string;
  prompt: string;
  outcomes: readonly string[];
  attempts: number;
  answered: number;
  facility: number | null;
  discriminationIndex: number | null;
  discriminativeEfficiency: number | null;
  flags: Readonly<Record<(typeof FLAGS)[number], boolean>>;
}

function index(value: number | null): string {
  return value === null ? t('ui.co.none') : formatNumber(value, 0);
}

/** Facility, discrimination and flags per item. */
export function itemTable(caption: string, rows: readonly ItemRow[]): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted', text: t('ui.co.items.none') });
  const th = (key: UiKey) => h('th', { scope: 'col', text: t(key) });
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: 'roster-table co-table co-items' },
      h('caption', { text: caption }),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          th('ui.co.items.item'),
          th('ui.co.items.outcomes'),
          th('ui.co.items.attempts'),
          th('ui.co.items.facility'),
          th('ui.co.items.discrimination'),
          th('ui.co.items.efficiency'),
          th('ui.co.items.flags'),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((row) => {
          const raised = FLAGS.filter((f) => row.flags[f]);
          return h(
            'tr',
            raised.length > 0 ? { class: 'co-flagged' } : null,
            h(
              'th',
              { scope: 'row' },
              h('span', { class: 'co-prompt', text: row.prompt }),
              h('br'),
              h('span', { class: 'muted mono', text: row.id }),
            ),
            h('td', { text: row.outcomes.join(', ') }),
            h('td', {
              class: 'num',
              text: t('ui.co.items.answeredOf', { n: row.answered, of: row.attempts }),
            }),
            h('td', { class: 'num', text: percentOrDash(row.facility) }),
            h('td', { class: 'num', text: index(row.discriminationIndex) }),
            h('td', { class: 'num', text: index(row.discriminativeEfficiency) }),
            h(
              'td',
              null,
              raised.length === 0
                ? h('span', { class: 'muted', text: t('ui.co.items.noFlag') })
                : h(
                    'ul',
                    { class: 'co-flags' },
                    raised.map((f) => h('li', { class: 'tag tag-bad', text: t(`ui.co.flag.${f}` as UiKey) })),
                  ),
            ),
          );
        }),
      ),
    ),
  );
}

/** Mean facility, mean discrimination and flagged items per outcome. */
export function rollupTable(caption: string, d: Dashboard): HTMLElement {
  const th = (key: UiKey) => h('th', { scope: 'col', text: t(key) });
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: 'roster-table co-table' },
      h('caption', { text: caption }),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          th('ui.co.rollup.outcome'),
          th('ui.co.rollup.items'),
          th('ui.co.items.facility'),
          th('ui.co.items.discrimination'),
          th('ui.co.rollup.flagged'),
        ),
      ),
      h(
        'tbody',
        null,
        d.outcomeRollup.map((o) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, h('strong', { text: o.outcome }), ' ', o.text),
            h('td', { class: 'num', text: formatNumber(o.itemIds.length) }),
            h('td', { class: 'num', text: percentOrDash(o.meanFacility) }),
            h('td', { class: 'num', text: index(o.meanDiscriminationIndex) }),
            h('td', { class: 'num', text: formatNumber(o.flaggedItems) }),
          ),
        ),
      ),
    ),
  );
}

/** The whole block of figures for a dashboard. */
export function dashboardView(prefix: string, d: Dashboard): HTMLElement {
  return h(
    'div',
    { class: 'co-dashboard' },
    summary(d),
    masteryBars(`${prefix}-mastery`, d.outcomes, d.mastery, d.passMark),
    h('h4', { text: t('ui.co.items.title') }),
    h('p', { class: 'hint', text: t('ui.co.items.help') }),
    itemTable(t('ui.co.items.caption'), d.items),
    rollupTable(t('ui.co.rollup.caption'), d),
  );
}
