/**
 * The live connection of a view: one WebSocket to `/ws` on the same host, reconnected automatically,
 * and an outbox of messages that must arrive.
 *
 * - Reconnect: backoff 250 ms, doubling, at most 1.5 s, so that a phone is back within about 3 s of the
 *   network returning; at once on the `online` event and when the page becomes visible; and when no
 *   `pong` answers a `ping` (sent every 10 s) within 5 s, or a connection attempt hangs for 4 s.
 * - Hello: `hello()` is asked for the first message after every (re)connect (present, project, rejoin).
 * - Outbox: messages with a `clientId` are kept in localStorage until an `ack` for that id, or an
 *   `error` for it that sending again will not cure, arrives. The outbox is flushed after every
 *   `welcome` and unacknowledged messages are sent again every 3 s. The server treats the same clientId
 *   twice as one message.
 */
import type { ErrorCode } from '../../live/errors.ts';
import type { ClientMessage, ServerMessage } from '../../live/protocol.ts';

export type OutboxMessage = Extract<ClientMessage, { type: 'answer' | 'ask' | 'upvote' | 'command' }> & {
  clientId: string;
};

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

/** How a message of the outbox ended: acknowledged, or refused with an error code. */
export type Settlement = { ok: true; duplicate: boolean } | { ok: false; code: ErrorCode };

export interface ConnectionOptions {
  /** localStorage key of the outbox; one per view and identity. */
  storageKey: string;
  /** The first message after each (re)connect; null sends nothing (a participant not joined yet). */
  hello: () => ClientMessage | null;
  onMessage: (message: ServerMessage) => void;
  onStatus?: (status: ConnectionStatus) => void;
  onSettled?: (message: OutboxMessage, settlement: Settlement) => void;
  /** Defaults to ws(s)://<this host>/ws. */
  url?: string;
}

export const BACKOFF_FIRST_MS = 250;
export const BACKOFF_MAX_MS = 1500;
export const PING_EVERY_MS = 10_000;
export const PONG_WITHIN_MS = 5000;
export const RESEND_EVERY_MS = 3000;
export const CONNECT_WITHIN_MS = 4000;

/**
 * Errors after which the same message may succeed later: it stays in the outbox. NOT_AUTHENTICATED
 * only happens when a message overtakes its connection's hello, which the next welcome mends.
 */
const TRANSIENT: ReadonlySet<string> = new Set(['INTERNAL', 'RATE_LIMITED', 'NOT_AUTHENTICATED']);

interface Entry {
  message: OutboxMessage;
  /** When it was last written to a socket (0: not on this connection yet). */
  sentAt: number;
}

export class Connection {
  readonly #options: ConnectionOptions;
  #socket: WebSocket | null = null;
  #welcomed = false;
  #attempt = 0;
  #outbox: Entry[];
  #status: ConnectionStatus = 'connecting';
  #retryTimer = 0;
  #connectTimer = 0;
  #pongTimer = 0;
  #pingSentAt = 0;
  #started = false;
  /** Server clock minus this clock, in ms, from the last ping/pong round trip. */
  serverOffset = 0;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    this.#outbox = loadOutbox(options.storageKey).map((message) => ({ message, sentAt: 0 }));
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** True once the server has welcomed this connection (messages of the outbox may flow). */
  get ready(): boolean {
    return this.#welcomed && this.#socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    window.addEventListener('online', () => this.reconnectNow());
    // The browser knows the network is gone before the socket does: say so, and check the socket.
    window.addEventListener('offline', () => {
      this.#setStatus('offline');
      this.#ping();
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible') return;
      if (this.#socket?.readyState === WebSocket.OPEN) this.#ping();
      else this.reconnectNow();
    });
    window.setInterval(() => this.#ping(), PING_EVERY_MS);
    window.setInterval(() => this.#resend(), RESEND_EVERY_MS / 3);
    this.#connect();
  }

  /** Sends the hello again now (after the user submits a join form); connects first if need be. */
  hello(): void {
    const hello = this.#options.hello();
    if (!hello) return;
    if (this.#socket?.readyState === WebSocket.OPEN) this.#write(hello);
    else this.reconnectNow();
  }

  /** A message that need not survive a lost connection (ping, join). False if not connected. */
  send(message: ClientMessage): boolean {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    return this.#write(message);
  }

  /** Puts a message in the outbox (persisted) and sends it as soon as the connection is welcomed. */
  enqueue(message: OutboxMessage): void {
    this.#outbox.push({ message, sentAt: 0 });
    this.#save();
    if (this.ready) this.#sendEntry(this.#outbox[this.#outbox.length - 1] as Entry);
  }

  /** Messages not acknowledged yet, oldest first. */
  pending(): OutboxMessage[] {
    return this.#outbox.map((e) => e.message);
  }

  /** Drops messages from the outbox (an answer replaced by a newer one, a forgotten identity). */
  discard(predicate: (message: OutboxMessage) => boolean): void {
    const before = this.#outbox.length;
    this.#outbox = this.#outbox.filter((e) => !predicate(e.message));
    if (this.#outbox.length !== before) this.#save();
  }

  /** Drops the socket and connects again at once. */
  reconnectNow(): void {
    if (this.#socket?.readyState === WebSocket.OPEN) {
      // Maybe healthy, maybe a dead link the browser has not noticed: a ping tells within 5 s.
      this.#ping();
      return;
    }
    if (this.#socket?.readyState === WebSocket.CONNECTING) return;
    this.#attempt = 0;
    this.#drop(false);
    this.#connect();
  }

  #connect(): void {
    window.clearTimeout(this.#retryTimer);
    this.#setStatus('connecting');
    const url = this.#options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    this.#welcomed = false;
    this.#connectTimer = window.setTimeout(() => {
      if (socket.readyState !== WebSocket.OPEN) this.#lost(socket);
    }, CONNECT_WITHIN_MS);
    socket.onopen = () => {
      window.clearTimeout(this.#connectTimer);
      this.#attempt = 0;
      this.#setStatus('online');
      const hello = this.#options.hello();
      if (hello) this.#write(hello);
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let message: ServerMessage;
      try {
        message = JSON.parse(event.data) as ServerMessage;
      } catch {
        return;
      }
      this.#receive(message);
    };
    socket.onclose = () => this.#lost(socket);
    socket.onerror = () => {
      // A close event follows; nothing to do here.
    };
  }

  #receive(message: ServerMessage): void {
    switch (message.type) {
      case 'pong':
        window.clearTimeout(this.#pongTimer);
        this.#pongTimer = 0;
        this.#setStatus('online');
        if (this.#pingSentAt) {
          const now = Date.now();
          this.serverOffset = message.now - (this.#pingSentAt + now) / 2;
          this.#pingSentAt = 0;
        }
        return;
      case 'welcome':
        this.#welcomed = true;
        this.#options.onMessage(message);
        for (const entry of this.#outbox) entry.sentAt = 0;
        this.#resend();
        return;
      case 'ack':
        this.#settle(message.clientId, { ok: true, duplicate: message.duplicate === true });
        break;
      case 'error':
        if (message.clientId && !TRANSIENT.has(message.code)) {
          this.#settle(message.clientId, { ok: false, code: message.code });
        }
        break;
    }
    this.#options.onMessage(message);
  }

  #settle(clientId: string, settlement: Settlement): void {
    const index = this.#outbox.findIndex((e) => e.message.clientId === clientId);
    if (index < 0) return;
    const [entry] = this.#outbox.splice(index, 1);
    this.#save();
    if (entry) this.#options.onSettled?.(entry.message, settlement);
  }

  /** Sends what has not been sent on this connection, and what has waited 3 s for its ack. */
  #resend(): void {
    if (!this.ready) return;
    const now = Date.now();
    for (const entry of this.#outbox) {
      if (entry.sentAt === 0 || now - entry.sentAt >= RESEND_EVERY_MS) this.#sendEntry(entry);
    }
  }

  #sendEntry(entry: Entry): void {
    if (this.#write(entry.message)) entry.sentAt = Date.now();
  }

  #write(message: ClientMessage): boolean {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    try {
      socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  #ping(): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || this.#pongTimer) return;
    if (!this.#write({ type: 'ping' })) return;
    this.#pingSentAt = Date.now();
    this.#pongTimer = window.setTimeout(() => {
      this.#pongTimer = 0;
      if (this.#socket === socket) this.#lost(socket);
    }, PONG_WITHIN_MS);
  }

  /** The socket is gone or silent: forget it and try again after the backoff. */
  #lost(socket: WebSocket): void {
    if (this.#socket !== socket) return;
    this.#drop(true);
    this.#scheduleRetry();
  }

  #drop(offline: boolean): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#welcomed = false;
    window.clearTimeout(this.#connectTimer);
    window.clearTimeout(this.#pongTimer);
    this.#pongTimer = 0;
    this.#pingSentAt = 0;
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.onerror = null;
      try {
        socket.close();
      } catch {
        // Already closing.
      }
    }
    if (offline) this.#setStatus('offline');
  }

  #scheduleRetry(): void {
    window.clearTimeout(this.#retryTimer);
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** this.#attempt);
    this.#attempt++;
    this.#retryTimer = window.setTimeout(() => this.#connect(), delay);
  }

  #setStatus(status: ConnectionStatus): void {
    if (status === this.#status) return;
    // "connecting" after "offline" is still offline for the user, until the socket opens.
    if (status === 'connecting' && this.#status === 'offline') return;
    this.#status = status;
    this.#options.onStatus?.(status);
  }

  #save(): void {
    try {
      const messages = this.#outbox.map((e) => e.message);
      if (messages.length === 0) localStorage.removeItem(this.#options.storageKey);
      else localStorage.setItem(this.#options.storageKey, JSON.stringify(messages));
    } catch {
      // Storage full or disabled: the outbox still lives in memory.
    }
  }
}

function loadOutbox(key: string): OutboxMessage[] {
  try {
    const raw = localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed)
      ? parsed.filter(
          (m): m is OutboxMessage =>
            typeof m === 'object' && m !== null && typeof (m as { clientId?: unknown }).clientId === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

/** A fresh client id: a UUID where the browser has one (secure contexts only), else 128 random bits in hex. */
export function newClientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    try {
      return crypto.randomUUID();
    } catch {
      // Not a secure context.
    }
  }
  const bytes = new Uint8Array(16);
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function')
    crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The server's clock now, as estimated from the last ping round trip. */
export function serverNow(connection: Connection): number {
  return Date.now() + connection.serverOffset;
}
