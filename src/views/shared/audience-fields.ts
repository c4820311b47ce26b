/**
 * The audience choice of the staff views: one radio group for the level and one checkbox per
 * component, at least one of which stays checked.
 */

import type { UiKey } from '../../i18n/ui-en.ts';
import type { Audience } from '../../live/protocol.ts';
import { h } from './dom.ts';
import { t } from './i18n.ts';

// As in protocol.ts; not imported from there, which would bundle its schemas (and zod) into the page.
export const AUDIENCE_LEVELS = ['operational', 'tactical'] as const satisfies readonly Audience['level'][];
export const COMPONENTS = [
  'military',
  'police',
  'civilian',
] as const satisfies readonly Audience['components'][number][];

export interface AudienceFieldsOptions {
  /** The levels offered, in order. */
  levels: readonly Audience['level'][];
  /** The audience as it stands when a choice changes; null drops the change. */
  current: () => Audience | null;
  onChange: (next: Audience) => void;
  /** The last component was unchecked: it is checked again, and this is called. */
  onNeedOne: () => void;
}

/** The level and components fieldsets, checked as `audience`. */
export function audienceFields(
  audience: Audience,
  options: AudienceFieldsOptions,
): [HTMLElement, HTMLElement] {
  const levels = h(
    'fieldset',
    null,
    h('legend', { text: t('ui.audience.level') }),
    options.levels.map((level) => {
      const input = h('input', {
        type: 'radio',
        name: 'level',
        id: `level-${level}`,
        value: level,
        checked: audience.level === level,
      });
      input.addEventListener('change', () => {
        const now = options.current();
        if (input.checked && now) options.onChange({ ...now, level });
      });
      return h(
        'label',
        { class: 'choice', for: `level-${level}` },
        input,
        h('span', { text: t(`ui.audience.${level}` as UiKey) }),
      );
    }),
  );
  const components = h(
    'fieldset',
    null,
    h('legend', { text: t('ui.audience.components') }),
    COMPONENTS.map((component) => {
      const input = h('input', {
        type: 'checkbox',
        id: `component-${component}`,
        value: component,
        checked: audience.components.includes(component),
      });
      input.addEventListener('change', () => {
        const now = options.current();
        if (!now) return;
        const next = COMPONENTS.filter((c) => (c === component ? input.checked : now.components.includes(c)));
        if (next.length === 0) {
          input.checked = true;
          options.onNeedOne();
          return;
        }
        options.onChange({ ...now, components: next });
      });
      return h(
        'label',
        { class: 'choice', for: `component-${component}` },
        input,
        h('span', { text: t(`ui.audience.${component}` as UiKey) }),
      );
    }),
  );
  return [levels, components];
}
