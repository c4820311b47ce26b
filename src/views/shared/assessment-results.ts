/**
 * The class results of the session assessment, for the presenter and the projector: the score
 * distribution in ten bands of 10 % (columns, the bands at or above the pass mark in green and said in
 * words), and the mastery of each learning outcome (bars with the pass mark drawn across them), the
 * outcomes below the pass mark marked "revisit in the Q&A minutes". Names never appear here.
 */
import type { ClassAssessmentResults } from '../../live/protocol.ts';
import { h } from './dom.ts';
import { formatNumber, formatPercent, t } from './i18n.ts';

/** An outcome's label: its id, and its text where the view knows it. */
export type OutcomeLabel = (outcomeId: string) => string;

export function responsesLine(results: ClassAssessmentResults): string {
  return t('ui.as.responses', { n: results.responses, of: results.participants });
}

export function classAssessmentView(
  results: ClassAssessmentResults,
  label: OutcomeLabel,
  idPrefix: string,
): HTMLElement {
  return h(
    'div',
    { class: 'as-class' },
    distributionView(results, `${idPrefix}-dist`),
    masteryView(results, label, `${idPrefix}-mastery`),
  );
}

function bandLabel(band: number): string {
  const from = band * 10;
  const to = band === 9 ? 100 : from + 9;
  return t('ui.as.band', { from: formatNumber(from), to: formatPercent(to / 100) });
}

export function distributionView(results: ClassAssessmentResults, id: string): HTMLElement {
  const counts = Array.from({ length: 10 }, (_, i) => results.distribution[i] ?? 0);
  const max = Math.max(1, ...counts);
  return h(
    'div',
    { class: 'as-dist' },
    h('h3', { id, text: t('ui.as.distribution') }),
    h(
      'ol',
      { class: 'as-histogram', 'aria-labelledby': id },
      counts.map((count, band) => {
        // A band counts as a pass when its lowest score reaches the pass mark.
        const pass = band / 10 >= results.passMark - 1e-9;
        const bar = h('span', { class: 'as-col-bar' });
        bar.style.height = `${Math.round((count / max) * 100)}%`;
        const name = bandLabel(band);
        return h(
          'li',
          { class: pass ? 'as-col pass' : 'as-col' },
          h('span', {
            class: 'sr-only',
            text: `${t('ui.as.bandCount', { band: name, n: count })}${pass ? ` (${t('ui.as.passBand')})` : ''}`,
          }),
          h('span', { class: 'as-col-count', 'aria-hidden': 'true', text: formatNumber(count) }),
          h('span', { class: 'as-col-track', 'aria-hidden': 'true' }, bar),
          h('span', { class: 'as-col-label', 'aria-hidden': 'true', text: name }),
        );
      }),
    ),
    h('p', { class: 'hint', text: t('ui.as.passLegend', { passMark: formatPercent(results.passMark) }) }),
  );
}

export function masteryView(results: ClassAssessmentResults, label: OutcomeLabel, id: string): HTMLElement {
  const revisit = new Set(results.revisit);
  const outcomes = Object.keys(results.mastery);
  return h(
    'div',
    { class: 'as-mastery-box' },
    h('h3', { id, text: t('ui.as.mastery') }),
    h(
      'ul',
      { class: 'bars as-mastery', 'aria-labelledby': id },
      outcomes.map((outcome) => {
        const value = results.mastery[outcome] ?? null;
        const fill = h('span', { class: 'bar-fill' });
        fill.style.width = `${Math.round((value ?? 0) * 100)}%`;
        const line = h('span', { class: 'as-pass-line' });
        line.style.insetInlineStart = `${Math.round(results.passMark * 100)}%`;
        const low = revisit.has(outcome);
        return h(
          'li',
          { class: low ? 'bar-row revisit' : 'bar-row' },
          h(
            'span',
            { class: 'bar-label' },
            h('span', { class: 'as-outcome', text: label(outcome) }),
            low ? h('span', { class: 'as-revisit-tag', text: t('ui.as.revisit') }) : null,
          ),
          h('span', { class: 'bar-track as-track', 'aria-hidden': 'true' }, fill, line),
          h('span', {
            class: 'bar-value',
            text: value === null ? t('ui.as.noAnswers') : formatPercent(value),
          }),
        );
      }),
    ),
    h('p', { class: 'hint', text: t('ui.as.passLine', { passMark: formatPercent(results.passMark) }) }),
    h('p', {
      class: results.revisit.length > 0 ? 'as-revisit' : 'as-revisit none',
      text:
        results.revisit.length > 0
          ? t('ui.as.revisitList', { list: results.revisit.map(label).join('; ') })
          : t('ui.as.revisitNone'),
    }),
  );
}
