/** A real Lectern server on 127.0.0.1 over a real SQLite file, and WebSocket clients that talk to it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Course } from '../../src/content/model.ts';
import { loadCourse } from '../../src/files/read-course-dir.ts';
import type { ClientMessage, ServerMessage } from '../../src/live/protocol.ts';
import { type Lectern, startLectern } from '../../src/server/app.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';

export const INSTRUCTOR_KEY = 'test-instructor-key-0123456789';

let course: Course | undefined;
export async function moduleOne(): Promise<Course> {
  if (!course) {
    const loaded = await loadCourse('courses/poc-module-1');
    if (!loaded.course) throw new Error('Module 1 does not load');
    course = loaded.course;
  }
  return course;
}

export interface TestServer {
  lectern: Lectern;
  store: Store;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** The data folder, a new temporary one by default: `lectern.sqlite` and the certificate issuer key. */
  dataDir?: string;
  /** What the server is given for the store (close() still closes the store itself). */
  wrapStore?: (store: Store) => Store;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lectern-live-'));
  const store = openSqliteStore(join(dataDir, 'lectern.sqlite'));
  const lectern = await startLectern({
    course: await moduleOne(),
    store: options.wrapStore ? options.wrapStore(store) : store,
    host: '127.0.0.1',
    port: 0,
    instructorKey: INSTRUCTOR_KEY,
    dataDir,
    log: () => undefined,
  });
  return {
    lectern,
    store,
    dataDir,
    async close() {
      await lectern.close();
      await store.close();
    },
  };
}

export interface CreatedSession {
  sessionId: string;
  code: string;
  presenterToken: string;
  projectorToken: string;
  joinUrl: string;
  presenterUrl: string;
}

export async function createSession(
  baseUrl: string,
  instructorKey = INSTRUCTOR_KEY,
): Promise<CreatedSession> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${instructorKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      audience: { level: 'operational', components: ['military', 'police', 'civilian'] },
    }),
  });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedSession;
}

/** A WebSocket client that records everything it receives and can wait for a message. */
export class Client {
  readonly received: ServerMessage[] = [];
  readonly socket: WebSocket;
  #waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      this.received.push(message);
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    });
  }

  static async connect(baseUrl: string): Promise<Client> {
    const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Client(socket);
  }

  send(message: ClientMessage | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** The first message (already received or still to come) that matches. */
  next<T extends ServerMessage['type']>(
    type: T,
    where: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    type M = Extract<ServerMessage, { type: T }>;
    const match = (m: ServerMessage): m is M => m.type === type && where(m as M);
    const seen = this.received.find(match);
    if (seen) {
      this.received.splice(this.received.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise<M>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no ${type} message within ${timeoutMs} ms; got ${JSON.stringify(this.received.slice(-5))}`,
            ),
          ),
        timeoutMs,
      );
      this.#waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          this.received.splice(this.received.indexOf(m), 1);
          resolve(m as M);
        },
      });
    });
  }

  /** Sends and waits for the ack (or the error) of the message's clientId. */
  async request(message: ClientMessage & { clientId: string }): Promise<ServerMessage> {
    this.send(message);
    return Promise.race([
      this.next('ack', (m) => m.clientId === message.clientId),
      this.next('error', (m) => m.clientId === message.clientId),
    ]);
  }

  close(): void {
    this.socket.terminate();
  }
}

let counter = 0;
export function clientId(): string {
  counter += 1;
  return `test-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function presenter(baseUrl: string, session: CreatedSession): Promise<Client> {
  const client = await Client.connect(baseUrl);
  client.send({ type: 'present', sessionId: session.sessionId, token: session.presenterToken });
  await client.next('welcome');
  return client;
}

/** A projector client of the session, welcomed. */
export async function connectProjector(baseUrl: string, session: CreatedSession): Promise<Client> {
  const client = await Client.connect(baseUrl);
  client.send({ type: 'project', sessionId: session.sessionId, token: session.projectorToken });
  await client.next('welcome');
  return client;
}

export async function participant(
  baseUrl: string,
  session: CreatedSession,
  name: string,
): Promise<{ client: Client; you: NonNullable<Extract<ServerMessage, { type: 'welcome' }>['you']> }> {
  const client = await Client.connect(baseUrl);
  client.send({ type: 'join', code: session.code, name });
  const welcome = await client.next('welcome');
  if (!welcome.you) throw new Error('welcome without identity');
  return { client, you: welcome.you };
}

export async function command(
  client: Client,
  cmd: Extract<ClientMessage, { type: 'command' }>['command'],
): Promise<void> {
  const id = clientId();
  const reply = await client.request({ type: 'command', clientId: id, command: cmd });
  if (reply.type !== 'ack') throw new Error(`command ${cmd.command} failed: ${JSON.stringify(reply)}`);
}
