/**
 * What the presenter and projector views share about their live session: the session id from the
 * page and the token from the URL fragment (`#token=…`), the deck fetched with that token, and the
 * connection that says hello with it again on every reconnect.
 */

import type { ServerMessage } from '../../live/protocol.ts';
import { bearerHeaders, errorCode } from './api.ts';
import { hashParam, type ViewConfig } from './config.ts';
import { Connection, type ConnectionOptions } from './connection.ts';
import { h } from './dom.ts';
import { errorMessage, t } from './i18n.ts';

export interface StaffSession {
  sessionId: string;
  token: string;
}

/** The session id from the page's configuration and the token from the URL fragment ('' when absent). */
export function readStaffSession(config: ViewConfig): StaffSession {
  return { sessionId: config.sessionId ?? '', token: hashParam('token') ?? '' };
}

const ROLES = { present: 'presenter', project: 'projector' } as const;

/**
 * The view's connection: its outbox is kept per view and session, and its hello (`present` or
 * `project`, with the token) is sent on every (re)connect; without a token it says nothing.
 */
export function staffConnection(
  hello: keyof typeof ROLES,
  staff: StaffSession,
  options: Omit<ConnectionOptions, 'storageKey' | 'hello'>,
): Connection {
  const { sessionId, token } = staff;
  return new Connection({
    ...options,
    storageKey: `lectern.outbox.${ROLES[hello]}.${sessionId}`,
    hello: () => (token ? { type: hello, sessionId, token } : null),
  });
}

/** Errors after which the view cannot go on: the token is refused or the session is gone. */
export function isFatalError(message: Extract<ServerMessage, { type: 'error' }>): boolean {
  return message.code === 'TOKEN_INVALID' || message.code === 'SESSION_UNKNOWN';
}

/** The page of a view that cannot go on: its title, the message as an alert and, where given, advice. */
export function fatalPage(className: string, title: string, message: string, help?: string): HTMLElement {
  return h(
    'main',
    { id: 'main', class: className },
    h('h1', { text: title }),
    h('p', { class: 'alert', role: 'alert', text: message }),
    help ? h('p', { text: help }) : null,
  );
}

/**
 * Fetches the session's deck with the token. A refusal is fatal (`onFatal` with its message); a
 * network failure, or a failure in `onDeck`, tries again two seconds later.
 */
export async function loadDeck<D>(
  staff: StaffSession,
  onDeck: (deck: D) => void,
  onFatal: (message: string) => void,
): Promise<void> {
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(staff.sessionId)}/deck`, {
      headers: bearerHeaders(staff.token),
    });
    if (!response.ok) {
      onFatal(errorMessage(await errorCode(response)));
      return;
    }
    onDeck((await response.json()) as D);
  } catch {
    window.setTimeout(() => void loadDeck(staff, onDeck, onFatal), 2000);
  }
}

/**
 * Starts the view: without a session id or a token, `onFatal` says so; otherwise the deck is
 * fetched and the connection started.
 */
export function startStaffSession<D>(
  staff: StaffSession,
  connection: Connection,
  onDeck: (deck: D) => void,
  onFatal: (message: string) => void,
): void {
  if (!staff.token || !staff.sessionId) {
    onFatal(t('ui.presenter.noToken'));
    return;
  }
  void loadDeck(staff, onDeck, onFatal);
  connection.start();
}
