/**
 * All live sessions of this server, and the WebSocket side of them: every message is checked for
 * size, JSON, schema, rate and authority before it reaches a session. Nothing a client sends can
 * throw past this file: a bad message gets an error reply with a stable code, and others are unaffected.
 */
import type { RawData, WebSocket } from 'ws';
import type { Course } from '../content/model.ts';
import type { LiveXapi } from '../exports/xapi/live-xapi.ts';
import { LiveError } from '../live/errors.ts';
import {
  type Audience,
  type ClientMessage,
  clientMessageSchema,
  MAX_MESSAGE_BYTES,
  type ServerMessage,
} from '../live/protocol.ts';
import { initialState } from '../live/session-state.ts';
import type { SessionRecord, Store } from '../store/store.ts';
import { LiveSession, type Peer } from './live-session.ts';
import { parseMessage } from './parse-message.ts';
import { TokenBucket } from './rate-limit.ts';
import { hashToken, newCode, newId, newToken, normaliseCode, tokenMatches } from './tokens.ts';

/** A phone may burst 20 messages, then 5 a second; staff clients are trusted more. */
const PARTICIPANT_BURST = 20;
const PARTICIPANT_RATE = 5;

export interface CreatedSession {
  sessionId: string;
  code: string;
  presenterToken: string;
  projectorToken: string;
}

export class LiveHub {
  readonly #store: Store;
  readonly #course: Course;
  readonly #sessions = new Map<string, LiveSession>();
  readonly #byCode = new Map<string, string>();
  readonly #log: (message: string, error?: unknown) => void;
  readonly #xapi: LiveXapi | null;

  constructor(
    store: Store,
    course: Course,
    log: (message: string, error?: unknown) => void,
    xapi: LiveXapi | null = null,
  ) {
    this.#store = store;
    this.#course = course;
    this.#log = log;
    this.#xapi = xapi;
  }

  /** After a restart: every session that had not ended carries on where it was. */
  async resume(): Promise<number> {
    const open = await this.#store.listOpenSessions();
    for (const record of open) await this.#load(record);
    return open.length;
  }

  async create(audience: Audience, missionPack: string | null = null): Promise<CreatedSession> {
    if (missionPack && !this.#course.missions.some((m) => m.id === missionPack)) {
      throw new LiveError('NOT_FOUND', `mission pack ${missionPack}`);
    }
    let code = newCode(5);
    while (this.#byCode.has(code) || (await this.#store.getSessionByCode(code))) code = newCode(5);
    const presenterToken = newToken();
    const projectorToken = newToken();
    const record: SessionRecord = {
      id: newId('s'),
      code,
      courseId: this.#course.meta.id,
      presenterTokenHash: hashToken(presenterToken),
      projectorTokenHash: hashToken(projectorToken),
      createdAt: Date.now(),
      state: initialState(audience),
      checklist: {},
      missionPack,
    };
    await this.#store.createSession(record);
    await this.#load(record);
    return { sessionId: record.id, code, presenterToken, projectorToken };
  }

  get(sessionId: string): LiveSession | undefined {
    return this.#sessions.get(sessionId);
  }

  byCode(code: string): LiveSession | undefined {
    const id = this.#byCode.get(normaliseCode(code));
    return id ? this.#sessions.get(id) : undefined;
  }

  list(): LiveSession[] {
    return [...this.#sessions.values()];
  }

  async #load(record: SessionRecord): Promise<LiveSession> {
    const session = await LiveSession.load(record, this.#course, this.#store, this.#log, this.#xapi);
    this.#sessions.set(record.id, session);
    this.#byCode.set(record.code, record.id);
    return session;
  }

  /** Verifies a presenter or projector secret for HTTP requests (deck, exports). */
  authorise(sessionId: string, token: string, role: 'presenter' | 'projector'): LiveSession {
    const session = this.#sessions.get(sessionId);
    if (!session) throw new LiveError('SESSION_UNKNOWN');
    const hash = role === 'presenter' ? session.record.presenterTokenHash : session.record.projectorTokenHash;
    // The presenter's secret also opens the projector view (one laptop, two windows).
    const ok =
      tokenMatches(token, hash) ||
      (role === 'projector' && tokenMatches(token, session.record.presenterTokenHash));
    if (!ok) throw new LiveError('TOKEN_INVALID');
    return session;
  }

  // ── WebSocket ──────────────────────────────────────────────────────────────────────────────────

  connect(socket: WebSocket): void {
    const peer: Peer = {
      role: null,
      sessionId: null,
      participantId: null,
      bucket: new TokenBucket(PARTICIPANT_BURST, PARTICIPANT_RATE),
      send: (message: ServerMessage) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      },
      sendJson: (json: string) => {
        if (socket.readyState === socket.OPEN) socket.send(json);
      },
    };
    socket.on('message', (data, isBinary) => {
      void this.#receive(peer, data, isBinary);
    });
    socket.on('close', () => {
      if (peer.sessionId) this.#sessions.get(peer.sessionId)?.detach(peer);
    });
    socket.on('error', (error) => this.#log('websocket error', error));
  }

  async #receive(peer: Peer, data: RawData, isBinary: boolean): Promise<void> {
    let clientId: string | undefined;
    try {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
      if (size > MAX_MESSAGE_BYTES) throw new LiveError('MESSAGE_TOO_LARGE', `${size} bytes`);
      if (isBinary) throw new LiveError('MESSAGE_MALFORMED', 'binary');
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        throw new LiveError('MESSAGE_MALFORMED', 'not JSON');
      }
      const message = parseMessage(clientMessageSchema, json, 'message');
      clientId = 'clientId' in message ? message.clientId : undefined;
      if (peer.role !== 'presenter' && peer.role !== 'projector' && !peer.bucket.take()) {
        throw new LiveError('RATE_LIMITED');
      }
      await this.#dispatch(peer, message);
    } catch (error) {
      if (error instanceof LiveError) {
        peer.send({
          type: 'error',
          code: error.code,
          ...(clientId ? { clientId } : {}),
          ...(error.detail ? { detail: error.detail } : {}),
        });
      } else {
        this.#log('unexpected error handling a message', error);
        peer.send({ type: 'error', code: 'INTERNAL', ...(clientId ? { clientId } : {}) });
      }
    }
  }

  async #dispatch(peer: Peer, message: ClientMessage): Promise<void> {
    switch (message.type) {
      case 'ping':
        peer.send({ type: 'pong', now: Date.now() });
        return;
      case 'present':
      case 'project': {
        const role = message.type === 'present' ? 'presenter' : 'projector';
        this.#leave(peer);
        this.authorise(message.sessionId, message.token, role).attachStaff(peer, role);
        return;
      }
      case 'join':
        this.#leave(peer);
        return this.#session(message.code).join(peer, message.name, message.contingent, message.role);
      case 'rejoin':
        this.#leave(peer);
        return this.#session(message.code).rejoin(peer, message.token);
      case 'recover':
        this.#leave(peer);
        return this.#session(message.code).recover(peer, message.recoveryCode);
      case 'answer':
        return this.#own(peer).answer(peer, message.clientId, message.activityId, message.response);
      case 'ask':
        return this.#own(peer).ask(peer, message.clientId, message.text);
      case 'upvote':
        return this.#own(peer).upvote(peer, message.clientId, message.questionId);
      case 'command': {
        if (peer.role !== 'presenter')
          throw new LiveError('FORBIDDEN', 'only the presenter drives the session');
        const outcome = await this.#own(peer).command(message.command, message.clientId);
        if (message.clientId) {
          peer.send({
            type: 'ack',
            clientId: message.clientId,
            ...(outcome === 'duplicate' ? { duplicate: true } : {}),
          });
        }
        return;
      }
    }
  }

  #session(code: string): LiveSession {
    const session = this.byCode(code);
    if (!session) throw new LiveError('JOIN_CODE_UNKNOWN');
    return session;
  }

  #own(peer: Peer): LiveSession {
    const session = peer.sessionId ? this.#sessions.get(peer.sessionId) : undefined;
    if (!session || !peer.role) throw new LiveError('NOT_AUTHENTICATED');
    return session;
  }

  #leave(peer: Peer): void {
    if (peer.sessionId) this.#sessions.get(peer.sessionId)?.detach(peer);
    peer.role = null;
    peer.sessionId = null;
    peer.participantId = null;
  }

  close(): void {
    for (const session of this.#sessions.values()) session.close();
  }
}
