/**
 * The class results of an activity, for the presenter and the projector: bars for choices and
 * true/false, a word cloud for open text, the filled chart for sort and classify, a matrix for match,
 * mean positions for order. Everything participants typed goes in as text.
 */
import type { AnswerKey, PublicActivity } from '../../live/activity-view.ts';
import type { Aggregate } from '../../live/aggregate.ts';
import { h } from './dom.ts';
import { formatNumber, formatPercent, t } from './i18n.ts';

export function resultsView(view: PublicActivity, results: Aggregate, key: AnswerKey | null): HTMLElement {
  const box = h('div', { class: `results results-${results.type}` });
  const n = results.responses;
  switch (results.type) {
    case 'poll':
    case 'single-choice':
    case 'multiple-choice': {
      const correct = new Set(
        key && 'choice' in key ? [key.choice] : key && 'choices' in key ? key.choices : [],
      );
      box.append(
        bars(
          (view.options ?? []).map((label, i) => ({
            label,
            count: results.counts[i] ?? 0,
            correct: correct.has(i),
          })),
          n,
        ),
      );
      break;
    }
    case 'true-false': {
      const value = key && 'value' in key ? key.value : null;
      box.append(
        bars(
          [
            { label: t('ui.answer.true'), count: results.counts[0], correct: value === true },
            { label: t('ui.answer.false'), count: results.counts[1], correct: value === false },
          ],
          n,
        ),
      );
      break;
    }
    case 'open-text':
    case 'short-answer':
      box.append(cloud(results.words));
      if (key && 'text' in key)
        box.append(h('p', { class: 'key-text', text: t('ui.key.modelIs', { answer: key.text }) }));
      break;
    case 'sort':
    case 'classify':
      box.append(chartGrid(view, results.matrix, n, key && 'categories' in key ? key.categories : null));
      break;
    case 'match':
      box.append(matchMatrix(view, results.matrix, key && 'matches' in key ? key.matches : null));
      break;
    case 'order':
      box.append(meanPositions(view, results.meanPositions, key && 'order' in key ? key.order : null));
      break;
    case 'qa':
      box.append(h('p', { text: t('ui.results.qa') }));
      break;
  }
  return box;
}

/** "Responses: 12", for a polite live region next to the results. */
export function responsesText(results: Aggregate): string {
  return t('ui.results.responses', { n: results.responses });
}

interface Bar {
  label: string;
  count: number;
  correct: boolean;
}

function bars(rows: Bar[], responses: number): HTMLElement {
  return h(
    'ul',
    { class: 'bars' },
    rows.map((row) => {
      const share = responses === 0 ? 0 : row.count / responses;
      const fill = h('span', { class: 'bar-fill' });
      fill.style.width = `${Math.round(share * 100)}%`;
      return h(
        'li',
        { class: row.correct ? 'bar-row correct' : 'bar-row' },
        h(
          'span',
          { class: 'bar-label' },
          row.label,
          row.correct ? h('span', { class: 'tag-ok', text: t('ui.results.correct') }) : null,
        ),
        h('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill),
        h('span', {
          class: 'bar-value',
          text: t('ui.results.count', { count: row.count, percent: formatPercent(share) }),
        }),
      );
    }),
  );
}

function cloud(words: { text: string; count: number }[]): HTMLElement {
  if (words.length === 0) return h('p', { class: 'muted', text: t('ui.results.noWords') });
  const max = Math.max(...words.map((w) => w.count));
  // Shuffle-free but not sorted by size in the layout: alternate large and small for a cloud look.
  const ordered = [...words].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return h(
    'ul',
    { class: 'cloud', 'aria-label': t('ui.results.cloud') },
    ordered.map((w) => {
      const li = h('li', null, w.text, h('span', { class: 'sr-only', text: ` (${formatNumber(w.count)})` }));
      li.style.fontSize = `${(1 + (1.6 * (w.count - 1)) / Math.max(1, max - 1)).toFixed(2)}em`;
      return li;
    }),
  );
}

/** Chart 1.1 filled in by the class: each item in the column most participants chose, with that share. */
function chartGrid(
  view: PublicActivity,
  matrix: number[][],
  responses: number,
  key: string[] | null,
): HTMLElement {
  const categories = view.categories ?? [];
  const columns: HTMLElement[][] = categories.map(() => []);
  const unplaced: HTMLElement[] = [];
  (view.items ?? []).forEach((item, i) => {
    const row = matrix[i] ?? [];
    let best = -1;
    let bestCount = 0;
    row.forEach((count, c) => {
      if (count > bestCount) {
        best = c;
        bestCount = count;
      }
    });
    const right = key?.[i];
    const rightLabel = categories.find((c) => c.id === right)?.label;
    const mark =
      right === undefined || best < 0
        ? null
        : categories[best]?.id === right
          ? h('span', { class: 'tag-ok', text: t('ui.results.correct') })
          : h('span', { class: 'tag-bad', text: t('ui.results.shouldBe', { category: rightLabel ?? '' }) });
    const share =
      best >= 0
        ? h('span', { class: 'item-share', text: formatPercent(responses ? bestCount / responses : 0) })
        : null;
    const li = h(
      'li',
      null,
      h('span', { class: 'item-text', text: item }),
      share || mark ? h('span', { class: 'item-meta' }, share, mark) : null,
    );
    if (best < 0) unplaced.push(li);
    else columns[best]?.push(li);
  });
  const table = h(
    'table',
    { class: 'chart-grid' },
    h('caption', { text: t('ui.results.placement') }),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        categories.map((c) => h('th', { scope: 'col', text: c.label })),
      ),
    ),
    h(
      'tbody',
      null,
      h(
        'tr',
        null,
        columns.map((items) => h('td', null, h('ul', null, items))),
      ),
    ),
  );
  return h(
    'div',
    { class: 'chart-wrap' },
    table,
    unplaced.length > 0
      ? h('div', { class: 'unplaced' }, h('p', { text: t('ui.results.notPlaced') }), h('ul', null, unplaced))
      : null,
  );
}

function matchMatrix(view: PublicActivity, matrix: number[][], key: number[] | null): HTMLElement {
  const rights = view.rights ?? [];
  const letter = (i: number) =>
    String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
  const table = h(
    'table',
    { class: 'match-matrix' },
    h('caption', { text: t('ui.results.matchCaption') }),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col', text: t('ui.results.item') }),
        rights.map((r, i) => h('th', { scope: 'col', title: r }, h('abbr', { title: r, text: letter(i) }))),
      ),
    ),
    h(
      'tbody',
      null,
      (view.lefts ?? []).map((left, l) => {
        const row = matrix[l] ?? [];
        const max = Math.max(0, ...row);
        return h(
          'tr',
          null,
          h('th', { scope: 'row', text: left }),
          rights.map((_, r) => {
            const count = row[r] ?? 0;
            const classes = [
              count > 0 && count === max ? 'top' : '',
              count === 0 ? 'zero' : '',
              key?.[l] === r ? 'correct' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return h(
              'td',
              { class: classes || null },
              formatNumber(count),
              key?.[l] === r ? h('span', { class: 'sr-only', text: ` ${t('ui.results.correct')}` }) : null,
            );
          }),
        );
      }),
    ),
  );
  return h(
    'div',
    { class: 'match-wrap' },
    table,
    h(
      'ol',
      { class: 'match-legend' },
      rights.map((r, i) =>
        h(
          'li',
          null,
          h('span', { class: 'legend-letter', 'aria-hidden': 'true', text: `${letter(i)}. ` }),
          r,
        ),
      ),
    ),
  );
}

function meanPositions(view: PublicActivity, means: (number | null)[], key: number[] | null): HTMLElement {
  const items = (view.items ?? []).map((text, i) => ({
    text,
    mean: means[i] ?? null,
    right: key ? key.indexOf(i) + 1 : 0,
  }));
  items.sort((a, b) => (a.mean ?? Number.POSITIVE_INFINITY) - (b.mean ?? Number.POSITIVE_INFINITY));
  return h(
    'ol',
    { class: 'order-results' },
    items.map((item) =>
      h(
        'li',
        null,
        h('span', { class: 'item-text', text: item.text }),
        h('span', {
          class: 'item-share',
          text:
            item.mean === null ? t('ui.results.noPosition') : t('ui.results.meanPosition', { n: item.mean }),
        }),
        item.right > 0
          ? h('span', { class: 'tag-ok', text: t('ui.results.rightPosition', { n: item.right }) })
          : null,
      ),
    ),
  );
}
