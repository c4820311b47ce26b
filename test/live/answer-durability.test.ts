/**
 * The answer's acknowledgement waits for the disk: the SQLite store commits a batch of answers without
 * an fsync on the event loop and resolves after an fdatasync of the WAL file (what synchronous=FULL
 * does, on the thread pool). A failed sync is not retried: later answers are refused until a restart.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { after, before, describe, it } from 'node:test';
import {
  type Client,
  type CreatedSession,
  clientId,
  command,
  connectProjector,
  createSession,
  participant,
  presenter,
  startTestServer,
  type TestServer,
} from './harness.ts';

const ACTIVITY = 'act-failure-consequences';
const realFdatasync = fs.fdatasync;

/** fdatasync calls on the WAL file, held until released (or failed) by the test. */
const held: { fd: number; callback: (error: NodeJS.ErrnoException | null) => void }[] = [];
let walPath = '';
let walSyncs = 0;

function isWal(fd: number): boolean {
  try {
    return walPath !== '' && fs.fstatSync(fd).ino === fs.statSync(walPath).ino;
  } catch {
    return false;
  }
}

let server: TestServer;
let session: CreatedSession;
let host: Client;
let projector: Client;

before(async () => {
  server = await startTestServer();
  walPath = `${server.dataDir}/lectern.sqlite-wal`;
  (fs as { fdatasync: unknown }).fdatasync = (
    fd: number,
    callback: (error: NodeJS.ErrnoException | null) => void,
  ) => {
    if (!isWal(fd)) return realFdatasync(fd, callback);
    walSyncs++;
    held.push({ fd, callback });
  };
  syncBuiltinESMExports();
  session = await createSession(server.lectern.url);
  host = await presenter(server.lectern.url, session);
  projector = await connectProjector(server.lectern.url, session);
  await command(host, { command: 'open', activityId: ACTIVITY });
});

after(async () => {
  fs.fdatasync = realFdatasync;
  syncBuiltinESMExports();
  host.close();
  projector.close();
  await server.close();
});

async function untilHeld(count: number): Promise<void> {
  for (let i = 0; i < 100 && held.length < count; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(held.length, count, 'the WAL is synced after the commit');
}

function releaseAll(error: NodeJS.ErrnoException | null = null): void {
  for (const { fd, callback } of held.splice(0)) {
    if (error) callback(error);
    else realFdatasync(fd, callback);
  }
}

describe('durability of answers', () => {
  it('acknowledges an answer only after the WAL file is synced', async () => {
    const { client } = await participant(server.lectern.url, session, 'Patient');
    const id = clientId();
    client.send({ type: 'answer', clientId: id, activityId: ACTIVITY, response: { text: 'Fear' } });
    await untilHeld(1);
    await projector.next('results', (m) => m.activityId === ACTIVITY && m.results.responses === 1);
    client.send({ type: 'ping' });
    await client.next('pong');
    assert.ok(!client.received.some((m) => m.type === 'ack'), 'no ack while the sync runs');
    releaseAll();
    assert.deepEqual(await client.next('ack'), { type: 'ack', clientId: id });
    client.close();
  });

  it('after a failed sync refuses answers (error, not ack) and takes them out of the results', async () => {
    const { client } = await participant(server.lectern.url, session, 'Unlucky');
    const id = clientId();
    const answer = {
      type: 'answer' as const,
      clientId: id,
      activityId: ACTIVITY,
      response: { text: 'Anger' },
    };
    const syncs = walSyncs;
    client.send(answer);
    await untilHeld(1);
    await projector.next('results', (m) => m.activityId === ACTIVITY && m.results.responses === 2);
    releaseAll(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO', errno: -5 }));
    const error = await client.next('error', (m) => m.clientId === id);
    assert.equal(error.code, 'INTERNAL');
    const back = await projector.next(
      'results',
      (m) => m.activityId === ACTIVITY && m.results.responses === 1,
    );
    assert.doesNotMatch(JSON.stringify(back.results), /anger/);
    // Sending it again does not pretend: the store refuses until it is reopened.
    const again = await client.request(answer);
    assert.equal(again.type === 'error' && again.code, 'INTERNAL');
    assert.equal(walSyncs, syncs + 1, 'no second sync after a failed one');
    assert.ok(!client.received.some((m) => m.type === 'ack'));
    client.close();
  });
});
