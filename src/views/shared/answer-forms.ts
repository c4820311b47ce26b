/**
 * The answer forms of the participant's phone and of the self-paced player: native controls for every
 * activity type (radio buttons, checkboxes, a text field, a select per item to place, up and down
 * buttons to order), a draft that holds what is chosen, and the response it makes. No drag and drop.
 */
import type { PublicActivity } from '../../live/activity-view.ts';
import type { Response } from '../../live/protocol.ts';
import { DEFAULT_MAX_LENGTH } from '../../live/scoring.ts';
import { domId, h } from './dom.ts';
import { t } from './i18n.ts';

/** One draft covers every activity type; `toResponse` takes the part the type needs. */
export interface Draft {
  choice: number | null;
  choices: number[];
  value: boolean | null;
  text: string;
  categories: (string | null)[];
  matches: (number | null)[];
  order: number[];
}

/** What the order list needs from its view: draw the form again after a move, and announce it. */
export interface AnswerHooks {
  rerender(): void;
  announce(text: string): void;
}

/** An empty draft, or one filled with a response given earlier. */
export function newDraft(view: PublicActivity, own?: Response): Draft {
  const n = view.items?.length ?? 0;
  const draft: Draft = {
    choice: null,
    choices: [],
    value: null,
    text: '',
    categories: new Array<string | null>(n).fill(null),
    matches: new Array<number | null>(view.lefts?.length ?? 0).fill(null),
    order: Array.from({ length: n }, (_, i) => i),
  };
  if (own) {
    if ('choice' in own) draft.choice = own.choice;
    if ('choices' in own) draft.choices = [...own.choices];
    if ('value' in own) draft.value = own.value;
    if ('text' in own) draft.text = own.text;
    if ('categories' in own) draft.categories = view.items?.map((_, i) => own.categories[i] ?? null) ?? [];
    if ('matches' in own) draft.matches = view.lefts?.map((_, i) => own.matches[i] ?? null) ?? [];
    if ('order' in own && own.order.length === n) draft.order = [...own.order];
  }
  return draft;
}

/** A response in words, for types without a key (poll, open text). */
export function describeResponse(view: PublicActivity, response: Response): string {
  if ('choice' in response) return view.options?.[response.choice] ?? '';
  if ('choices' in response) return response.choices.map((c) => view.options?.[c] ?? '').join('; ');
  if ('value' in response) return response.value ? t('ui.answer.true') : t('ui.answer.false');
  if ('text' in response) return response.text;
  return '';
}

export function toResponse(view: PublicActivity, draft: Draft): Response | { problem: string } {
  switch (view.type) {
    case 'poll':
    case 'single-choice':
      return draft.choice === null ? { problem: t('ui.answer.chooseOne') } : { choice: draft.choice };
    case 'multiple-choice':
      return draft.choices.length === 0
        ? { problem: t('ui.answer.chooseSome') }
        : { choices: [...draft.choices].sort((a, b) => a - b) };
    case 'true-false':
      return draft.value === null ? { problem: t('ui.answer.chooseOne') } : { value: draft.value };
    case 'open-text':
    case 'short-answer': {
      const text = draft.text.trim();
      const max = view.maxLength ?? DEFAULT_MAX_LENGTH[view.type];
      if (text === '') return { problem: t('ui.answer.writeSomething') };
      if (text.length > max) return { problem: t('ui.answer.tooLong', { max }) };
      return { text };
    }
    case 'sort':
    case 'classify':
      return draft.categories.every((c) => c === null)
        ? { problem: t('ui.answer.placeSome') }
        : { categories: [...draft.categories] };
    case 'match': {
      const used = draft.matches.filter((m) => m !== null);
      if (used.length === 0) return { problem: t('ui.answer.placeSome') };
      if (new Set(used).size !== used.length) return { problem: t('ui.answer.matchTwice') };
      return { matches: [...draft.matches] };
    }
    case 'order':
      return { order: [...draft.order] };
    case 'qa':
      return { problem: '' };
  }
}

export function answerControls(view: PublicActivity, draft: Draft, hooks: AnswerHooks): HTMLElement {
  const name = domId('a', view.id);
  switch (view.type) {
    case 'poll':
    case 'single-choice':
      return choiceList(
        (view.options ?? []).map((text, i) => ({ text, checked: draft.choice === i, value: i })),
        'radio',
        name,
        (i, checked) => {
          if (checked) draft.choice = i;
        },
      );
    case 'multiple-choice':
      return choiceList(
        (view.options ?? []).map((text, i) => ({ text, checked: draft.choices.includes(i), value: i })),
        'checkbox',
        name,
        (i, checked) => {
          draft.choices = checked
            ? [...new Set([...draft.choices, i])]
            : draft.choices.filter((c) => c !== i);
        },
      );
    case 'true-false':
      return choiceList(
        [
          { text: t('ui.answer.true'), checked: draft.value === true, value: 1 },
          { text: t('ui.answer.false'), checked: draft.value === false, value: 0 },
        ],
        'radio',
        name,
        (i, checked) => {
          if (checked) draft.value = i === 1;
        },
      );
    case 'open-text':
    case 'short-answer':
      return textAnswer(view, draft, name);
    case 'sort':
    case 'classify':
      return h(
        'ol',
        { class: 'pick-list' },
        (view.items ?? []).map((item, i) =>
          pick(
            domId(name, 'item', i),
            item,
            (view.categories ?? []).map((c) => ({ value: c.id, label: c.label })),
            draft.categories[i] ?? '',
            (value) => {
              draft.categories[i] = value === '' ? null : value;
            },
            t('ui.answer.chooseCategory'),
          ),
        ),
      );
    case 'match':
      return h(
        'ol',
        { class: 'pick-list' },
        (view.lefts ?? []).map((left, i) =>
          pick(
            domId(name, 'left', i),
            left,
            (view.rights ?? []).map((r, j) => ({ value: String(j), label: r })),
            draft.matches[i] === null || draft.matches[i] === undefined ? '' : String(draft.matches[i]),
            (value) => {
              draft.matches[i] = value === '' ? null : Number(value);
            },
            t('ui.answer.chooseMatch'),
          ),
        ),
      );
    case 'order':
      return orderList(view, draft, name, hooks);
    case 'qa':
      return h('div');
  }
}

function choiceList(
  options: { text: string; checked: boolean; value: number }[],
  type: 'radio' | 'checkbox',
  name: string,
  change: (value: number, checked: boolean) => void,
): HTMLElement {
  return h(
    'ul',
    { class: 'choices' },
    options.map((option) => {
      const id = domId(name, 'o', option.value);
      const input = h('input', { type, name, id, value: String(option.value), checked: option.checked });
      input.addEventListener('change', () => change(option.value, input.checked));
      return h('li', null, h('label', { for: id, class: 'choice' }, input, h('span', { text: option.text })));
    }),
  );
}

function textAnswer(view: PublicActivity, draft: Draft, name: string): HTMLElement {
  const max = view.maxLength ?? DEFAULT_MAX_LENGTH[view.type as 'open-text' | 'short-answer'] ?? 80;
  const id = domId(name, 'text');
  const counterId = `${id}-count`;
  const counter = h('p', { class: 'counter', id: counterId });
  const setCounter = (length: number) => {
    counter.textContent = t('ui.answer.count', { n: length, max });
  };
  const attrs = {
    id,
    name,
    maxLength: max,
    value: draft.text,
    'aria-describedby': counterId,
    autocomplete: 'off',
  };
  const input =
    view.type === 'short-answer'
      ? h('textarea', { ...attrs, rows: 4 })
      : h('input', { ...attrs, type: 'text' });
  input.addEventListener('input', () => {
    draft.text = input.value;
    setCounter(input.value.length);
  });
  setCounter(draft.text.length);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, text: t('ui.answer.yourAnswer') }),
    input,
    counter,
  );
}

function pick(
  id: string,
  label: string,
  options: { value: string; label: string }[],
  value: string,
  change: (value: string) => void,
  placeholder: string,
): HTMLElement {
  const select = h(
    'select',
    { id },
    h('option', { value: '', text: placeholder }),
    options.map((o) => h('option', { value: o.value, text: o.label, selected: o.value === value })),
  );
  select.value = value;
  select.addEventListener('change', () => {
    select.removeAttribute('aria-invalid');
    change(select.value);
  });
  return h('li', { class: 'field pick' }, h('label', { for: id, text: label }), select);
}

function orderList(view: PublicActivity, draft: Draft, name: string, hooks: AnswerHooks): HTMLElement {
  const items = view.items ?? [];
  const move = (position: number, by: -1 | 1) => {
    const target = position + by;
    if (target < 0 || target >= draft.order.length) return;
    const item = draft.order[position] as number;
    draft.order[position] = draft.order[target] as number;
    draft.order[target] = item;
    hooks.rerender();
    hooks.announce(t('ui.answer.moved', { item: items[item] ?? '', n: target + 1 }));
    // Keep the focus on the moved item's button, or its other button at either end.
    const first = document.getElementById(domId(name, by < 0 ? 'up' : 'down', item));
    const other = document.getElementById(domId(name, by < 0 ? 'down' : 'up', item));
    ((first as HTMLButtonElement | null)?.disabled ? other : first)?.focus();
  };
  return h(
    'ol',
    { class: 'order-list' },
    draft.order.map((item, position) =>
      h(
        'li',
        null,
        h('span', { class: 'order-pos', 'aria-hidden': 'true', text: `${position + 1}.` }),
        h('span', { class: 'order-text', text: items[item] ?? '' }),
        h(
          'span',
          { class: 'order-buttons' },
          h('button', {
            type: 'button',
            id: domId(name, 'up', item),
            class: 'icon',
            'aria-label': t('ui.answer.moveUp', { item: items[item] ?? '' }),
            disabled: position === 0,
            text: '↑',
            onclick: () => move(position, -1),
          }),
          h('button', {
            type: 'button',
            id: domId(name, 'down', item),
            class: 'icon',
            'aria-label': t('ui.answer.moveDown', { item: items[item] ?? '' }),
            disabled: position === draft.order.length - 1,
            text: '↓',
            onclick: () => move(position, 1),
          }),
        ),
      ),
    ),
  );
}
