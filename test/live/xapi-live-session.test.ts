/**
 * A live session with an LRS configured: answers, the assessment's results and attendance reach the
 * LRS as valid xAPI statements, each once, with the outcome ids of what was answered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Statement } from '../../src/exports/xapi/statements.ts';
import { statementProblems } from '../../src/exports/xapi/validate-statement.ts';
import type { PublicActivity } from '../../src/live/activity-view.ts';
import type { Response } from '../../src/live/protocol.ts';
import { type FakeLrs, fakeLrs } from '../fixtures/lms/servers.ts';
import {
  clientId,
  command,
  createSession,
  participant,
  presenter,
  startTestServer,
  type TestServer,
} from './harness.ts';

let lrs: FakeLrs;
let server: TestServer;
before(async () => {
  lrs = await fakeLrs();
  const [username = '', password = ''] = Buffer.from(lrs.newFetchUrl().token, 'base64')
    .toString('utf8')
    .split(':');
  // The server reads its LRS from the environment, as `lectern start` does.
  process.env.LECTERN_LRS_ENDPOINT = lrs.endpoint;
  process.env.LECTERN_LRS_USERNAME = username;
  process.env.LECTERN_LRS_PASSWORD = password;
  server = await startTestServer();
});
after(async () => {
  await lrs.close();
});

describe('live xAPI', () => {
  it('sends answered, passed or failed, attended and completed statements to the configured LRS', async () => {
    const url = server.lectern.url;
    const session = await createSession(url);
    const host = await presenter(url, session);
    const { client, you } = await participant(url, session, 'Amina');
    await command(host, { command: 'open', activityId: 'act-violence-types' });
    const answer = {
      type: 'answer' as const,
      clientId: clientId(),
      activityId: 'act-violence-types',
      response: { text: 'Looting' },
    };
    await client.request(answer);
    await client.request(answer); // a resend: acknowledged as a duplicate, no second statement
    await command(host, { command: 'assessment', action: 'open' });
    const state = await client.next('state', (m) => m.session.assessment?.status === 'open');
    const joined = (await (await fetch(`${url}/api/join/${session.code}`)).json()) as {
      items: Record<string, PublicActivity>;
    };
    // Amina answers every item with the first option of each (right or wrong, a result either way).
    for (const itemId of state.session.assessment?.itemIds ?? []) {
      const view = joined.items[itemId];
      assert.ok(view);
      const reply = await client.request({
        type: 'answer',
        clientId: clientId(),
        activityId: itemId,
        response: firstAnswer(view),
      });
      assert.equal(reply.type, 'ack', `${itemId}: ${JSON.stringify(reply)}`);
      if (view.type === 'short-answer') {
        await command(host, { command: 'mark', participantId: you.participantId, itemId, score: 0 });
      }
    }
    await command(host, { command: 'assessment', action: 'reveal' });
    await command(host, { command: 'end' });
    await server.close(); // flushes the LRS queue

    const statements = lrs.statements as unknown as Statement[];
    for (const s of statements) assert.deepEqual(statementProblems(s), [], JSON.stringify(s));
    const verbs = statements.map((s) => s.verb.id.split('/').pop());
    assert.ok(verbs.filter((v) => v === 'answered').length >= 11, verbs.join());
    assert.equal(
      statements.filter((s) => s.verb.id.endsWith('/answered') && s.object.id.endsWith('/act-violence-types'))
        .length,
      1,
      'the resend made no second statement',
    );
    assert.ok(verbs.includes('attended'), verbs.join());
    assert.ok(verbs.includes('completed'), verbs.join());
    assert.equal(verbs.filter((v) => v === 'passed' || v === 'failed').length, 1, verbs.join());
    host.close();
    client.close();
  });
});

/** A valid response of the item's type: the first choice, category or right-hand side everywhere. */
function firstAnswer(view: PublicActivity): Response {
  switch (view.type) {
    case 'multiple-choice':
      return { choices: [0] };
    case 'true-false':
      return { value: true };
    case 'short-answer':
    case 'open-text':
      return { text: 'x' };
    case 'sort':
    case 'classify':
      return { categories: (view.items ?? []).map(() => view.categories?.[0]?.id ?? null) };
    case 'match':
      return { matches: (view.lefts ?? []).map((_, i) => i) };
    case 'order':
      return { order: (view.items ?? []).map((_, i) => i) };
    default:
      return { choice: 0 };
  }
}
