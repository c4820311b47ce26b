/**
 * An answer is on the projector while its group commit runs, and acknowledged to the phone only once
 * durable. A commit that fails takes the answer out of the class results again and gives the phone an
 * error, not an ack; the phone's resend (same clientId) then counts once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerMessage } from '../../src/live/protocol.ts';
import type { Lectern } from '../../src/server/app.ts';
import type { Store } from '../../src/store/store.ts';
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

/** Holds the next answer write until released; `fail` makes it reject instead of writing. */
class Gate {
  #armed: { fail: boolean; released: Promise<void> } | null = null;
  #release = () => {};
  writes = 0;

  arm(fail: boolean): void {
    const released = new Promise<void>((resolve) => {
      this.#release = resolve;
    });
    this.#armed = { fail, released };
  }

  release(): void {
    this.#release();
  }

  wrap(store: Store): Store {
    return {
      ...store,
      recordAnswers: async (answers) => {
        this.writes++;
        const armed = this.#armed;
        if (armed) {
          this.#armed = null;
          await armed.released;
          if (armed.fail) throw new Error('disk I/O error (test)');
        }
        return store.recordAnswers(answers);
      },
    };
  }
}

const gate = new Gate();
let server: TestServer;
let store: Store;
let lectern: Lectern;
let session: CreatedSession;
let host: Client;
let projector: Client;

before(async () => {
  server = await startTestServer({ wrapStore: (real) => gate.wrap(real) });
  ({ store, lectern } = server);
  session = await createSession(lectern.url);
  host = await presenter(lectern.url, session);
  projector = await connectProjector(lectern.url, session);
  await command(host, { command: 'open', activityId: ACTIVITY });
});

after(async () => {
  host.close();
  projector.close();
  await server.close();
});

/** The projector's next results for the activity with this many responses. */
function responses(n: number) {
  return projector.next('results', (m) => m.activityId === ACTIVITY && m.results.responses === n);
}

/** Every message the server sent before this returns has arrived (a ping overtakes nothing). */
async function flush(client: Client): Promise<void> {
  client.send({ type: 'ping' });
  await client.next('pong');
}

const about = (id: string) => (m: ServerMessage) => 'clientId' in m && m.clientId === id;

describe('answers and the group commit', () => {
  it('shows an answer on the projector before it is durable, and acknowledges it after', async () => {
    const { client } = await participant(lectern.url, session, 'Early');
    const id = clientId();
    const answer = {
      type: 'answer' as const,
      clientId: id,
      activityId: ACTIVITY,
      response: { text: 'Fear' },
    };
    gate.arm(false);
    const writes = gate.writes;
    client.send(answer);
    // Sent twice while the first is being written: counted once.
    client.send(answer);
    await flush(client);
    const shown = await responses(1);
    assert.match(JSON.stringify(shown.results), /fear/);
    assert.ok(!client.received.some(about(id)), 'no ack before the commit');
    gate.release();
    const first = await client.next('ack', (m) => m.clientId === id);
    const second = await client.next('ack', (m) => m.clientId === id);
    assert.deepEqual([first.duplicate, second.duplicate], [undefined, true]);
    assert.equal(gate.writes, writes + 1, 'the second copy never reached the store');
    await flush(host);
    await flush(projector);
    assert.ok(
      !projector.received.some((m) => m.type === 'results' && m.results.responses > 1),
      'counted once',
    );
    client.close();
  });

  it('takes a failed answer out of the results again and reports an error, not an ack', async () => {
    const { client, you } = await participant(lectern.url, session, 'Unlucky');
    const id = clientId();
    const answer = {
      type: 'answer' as const,
      clientId: id,
      activityId: ACTIVITY,
      response: { text: 'Lost trust' },
    };
    gate.arm(true);
    client.send(answer);
    client.send(answer);
    await flush(client);
    const optimistic = await responses(2);
    assert.match(JSON.stringify(optimistic.results), /lost trust/);
    gate.release();

    // Both copies get the error reply with its stable code; neither is acknowledged.
    const errors = [
      await client.next('error', (m) => m.clientId === id),
      await client.next('error', (m) => m.clientId === id),
    ];
    assert.deepEqual(
      errors.map((e) => e.code),
      ['INTERNAL', 'INTERNAL'],
    );
    const corrected = await responses(1);
    assert.doesNotMatch(JSON.stringify(corrected.results), /lost trust/);
    await flush(client);
    assert.ok(!client.received.some((m) => m.type === 'ack'), 'no ack for a failed write');
    const stored = (await store.listAnswers(session.sessionId)).filter(
      (a) => a.participantId === you.participantId,
    );
    assert.equal(stored.length, 0);

    // The phone's outbox sends it again (same clientId): now it is recorded and counted once.
    const resent = await client.request(answer);
    assert.deepEqual(resent, { type: 'ack', clientId: id });
    const counted = await responses(2);
    assert.match(JSON.stringify(counted.results), /lost trust/);
    const again = await client.request(answer);
    assert.deepEqual(again, { type: 'ack', clientId: id, duplicate: true });
    const after = (await store.listAnswers(session.sessionId)).filter(
      (a) => a.participantId === you.participantId,
    );
    assert.equal(after.length, 1);
    await flush(projector);
    assert.ok(!projector.received.some((m) => m.type === 'results' && m.results.responses > 2));
    client.close();
  });

  it('restores a changed answer that fails to the durable one', async () => {
    const { client } = await participant(lectern.url, session, 'Changer');
    const first = {
      type: 'answer' as const,
      clientId: clientId(),
      activityId: ACTIVITY,
      response: { text: 'Anger' },
    };
    assert.equal((await client.request(first)).type, 'ack');
    await responses(3);
    gate.arm(true);
    const second = { ...first, clientId: clientId(), response: { text: 'Rumours' } };
    client.send(second);
    const changed = await projector.next(
      'results',
      (m) => m.activityId === ACTIVITY && JSON.stringify(m.results).includes('rumours'),
    );
    assert.equal(changed.results.responses, 3);
    assert.doesNotMatch(JSON.stringify(changed.results), /anger/);
    gate.release();
    const error = await client.next('error', (m) => m.clientId === second.clientId);
    assert.equal(error.code, 'INTERNAL');
    const restored = await projector.next(
      'results',
      (m) => m.activityId === ACTIVITY && JSON.stringify(m.results).includes('anger'),
    );
    assert.equal(restored.results.responses, 3);
    assert.doesNotMatch(JSON.stringify(restored.results), /rumours/);
    client.close();
  });

  it('merges an identity only once its answers in flight are settled, and counts the person once', async () => {
    const other = 'act-key-messages-recall';
    await command(host, { command: 'open', activityId: other });
    const { client: laptop, you: first } = await participant(lectern.url, session, 'Fatima');
    const { client: phone, you: second } = await participant(lectern.url, session, 'Fatima (phone)');
    const stored = {
      type: 'answer' as const,
      clientId: clientId(),
      activityId: other,
      response: { text: 'Trust' },
    };
    assert.equal((await laptop.request(stored)).type, 'ack');
    gate.arm(false);
    const inFlight = { ...stored, clientId: clientId(), response: { text: 'Legitimacy' } };
    phone.send(inFlight);
    await projector.next('results', (m) => m.activityId === other && m.results.responses === 2);
    const merge = clientId();
    host.send({
      type: 'command',
      clientId: merge,
      command: { command: 'merge', from: second.participantId, into: first.participantId },
    });
    await flush(host);
    assert.ok(!host.received.some(about(merge)), 'the merge waits for the write');
    gate.release();
    assert.equal((await phone.next('ack', (m) => m.clientId === inFlight.clientId)).duplicate, undefined);
    assert.equal((await host.next('ack', (m) => m.clientId === merge)).duplicate, undefined);
    // The first identity had an answer stored: it stays, and the person counts once.
    const merged = await projector.next(
      'results',
      (m) => m.activityId === other && m.results.responses === 1,
    );
    assert.match(JSON.stringify(merged.results), /trust/);
    assert.doesNotMatch(JSON.stringify(merged.results), /legitimacy/);
    laptop.close();
    phone.close();
  });
});
