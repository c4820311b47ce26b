/**
 * The top bar's connection line of the participant's phone and the presenter's screen: "Connecting…",
 * "Connected" or the view's own offline message, in a polite live region.
 */
import type { UiKey } from '../../i18n/ui-en.ts';
import type { ConnectionStatus } from './connection.ts';
import { h } from './dom.ts';
import { t } from './i18n.ts';

export interface StatusLine {
  element: HTMLElement;
  show(value: ConnectionStatus): void;
}

export function statusLine(offline: UiKey): StatusLine {
  const element = h('p', {
    class: 'conn',
    role: 'status',
    'aria-live': 'polite',
    text: t('ui.conn.connecting'),
  });
  return {
    element,
    show(value) {
      element.className = `conn conn-${value}`;
      element.textContent =
        value === 'online' ? t('ui.conn.online') : value === 'offline' ? t(offline) : t('ui.conn.connecting');
    },
  };
}
