/**
 * The correct answer of an activity in words, from its public view and answer key; with a
 * participant's own response, each part says whether they got it right. All text goes in as text.
 */
import type { AnswerKey, PublicActivity } from '../../live/activity-view.ts';
import type { Response } from '../../live/protocol.ts';
import { h } from './dom.ts';
import { t } from './i18n.ts';

export function keyView(view: PublicActivity, key: AnswerKey | null, own?: Response): HTMLElement | null {
  if (!key) return null;
  const box = h('div', { class: 'key' });
  if ('choice' in key) {
    const answer = view.options?.[key.choice] ?? '';
    box.append(h('p', { class: 'key-answer', text: t('ui.key.correct', { answer }) }));
    if (own && 'choice' in own) box.append(verdict(own.choice === key.choice, view.options?.[own.choice]));
  } else if ('choices' in key) {
    const chosen = own && 'choices' in own ? new Set(own.choices) : null;
    box.append(
      h('p', { class: 'key-answer', text: t('ui.key.correctList') }),
      h(
        'ul',
        null,
        key.choices.map((i) =>
          h('li', null, view.options?.[i] ?? '', chosen ? verdict(chosen.has(i), undefined, true) : null),
        ),
      ),
    );
    if (chosen) {
      const wrong = [...chosen].filter((i) => !key.choices.includes(i));
      if (wrong.length > 0) {
        box.append(
          h('p', {
            class: 'mark-bad',
            text: t('ui.key.alsoChose', { answer: wrong.map((i) => view.options?.[i] ?? '').join('; ') }),
          }),
        );
      }
    }
  } else if ('value' in key) {
    const word = (v: boolean) => (v ? t('ui.answer.true') : t('ui.answer.false'));
    box.append(h('p', { class: 'key-answer', text: t('ui.key.correct', { answer: word(key.value) }) }));
    if (own && 'value' in own) box.append(verdict(own.value === key.value, word(own.value)));
  } else if ('text' in key) {
    box.append(
      h('p', { class: 'key-answer', text: t('ui.key.model') }),
      h('p', { class: 'key-text', text: key.text }),
    );
  } else if ('categories' in key) {
    const label = (id: string | null | undefined) => view.categories?.find((c) => c.id === id)?.label ?? '';
    const mine = own && 'categories' in own ? own.categories : null;
    box.append(
      h('p', { class: 'key-answer', text: t('ui.key.sorted') }),
      h(
        'ul',
        { class: 'key-list' },
        key.categories.map((category, i) =>
          h(
            'li',
            null,
            h('span', { class: 'key-item', text: view.items?.[i] ?? '' }),
            h('span', { class: 'key-to', text: label(category) }),
            mine ? verdict(mine[i] === category, mine[i] ? label(mine[i]) : undefined) : null,
          ),
        ),
      ),
    );
  } else if ('matches' in key) {
    const mine = own && 'matches' in own ? own.matches : null;
    const right = (i: number | null | undefined) =>
      i === null || i === undefined ? undefined : view.rights?.[i];
    box.append(
      h('p', { class: 'key-answer', text: t('ui.key.matched') }),
      h(
        'ul',
        { class: 'key-list' },
        key.matches.map((r, i) =>
          h(
            'li',
            null,
            h('span', { class: 'key-item', text: view.lefts?.[i] ?? '' }),
            h('span', { class: 'key-to', text: right(r) ?? '' }),
            mine ? verdict(mine[i] === r || right(mine[i]) === right(r), right(mine[i])) : null,
          ),
        ),
      ),
    );
  } else if ('order' in key) {
    const mine = own && 'order' in own ? own.order : null;
    box.append(
      h('p', { class: 'key-answer', text: t('ui.key.ordered') }),
      h(
        'ol',
        { class: 'key-list' },
        key.order.map((item, position) =>
          h(
            'li',
            null,
            h('span', { class: 'key-item', text: view.items?.[item] ?? '' }),
            mine
              ? verdict(
                  mine[position] === item || view.items?.[mine[position] ?? -1] === view.items?.[item],
                  view.items?.[mine[position] ?? -1],
                )
              : null,
          ),
        ),
      ),
    );
  }
  return box;
}

/** "You got this right" or "You chose: …" / "You left this out"; words, not only colour or a sign. */
function verdict(right: boolean, chose: string | undefined, short = false): HTMLElement {
  if (right)
    return h('span', { class: 'mark-ok', text: short ? t('ui.key.youChoseIt') : t('ui.key.youRight') });
  if (short) return h('span', { class: 'mark-bad', text: t('ui.key.youMissed') });
  return h('span', {
    class: 'mark-bad',
    text: chose === undefined ? t('ui.key.youNone') : t('ui.key.youChose', { answer: chose }),
  });
}

/** The presenter's reveal text: paragraphs separated by blank lines, as text. */
export function revealTextView(text: string | null | undefined): HTMLElement | null {
  if (!text) return null;
  return h(
    'div',
    { class: 'reveal-text' },
    text.split(/\n\s*\n/).map((p) => h('p', { text: p.trim() })),
  );
}
