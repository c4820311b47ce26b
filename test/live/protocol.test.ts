/** The live protocol with real WebSocket clients against a real server on 127.0.0.1. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  Client,
  type CreatedSession,
  clientId,
  command,
  connectProjector,
  createSession,
  INSTRUCTOR_KEY,
  participant,
  presenter,
  startTestServer,
  type TestServer,
} from './harness.ts';

let server: TestServer;
let url: string;

before(async () => {
  server = await startTestServer();
  url = server.lectern.url;
});
after(() => server.close());

describe('authority', () => {
  let session: CreatedSession;
  before(async () => {
    session = await createSession(url);
  });

  it('refuses a wrong presenter token', async () => {
    const client = await Client.connect(url);
    client.send({ type: 'present', sessionId: session.sessionId, token: 'x'.repeat(32) });
    assert.equal((await client.next('error')).code, 'TOKEN_INVALID');
    client.close();
  });

  it('lets only the presenter drive slides and activities', async () => {
    const { client } = await participant(url, session, 'Amina');
    const id = clientId();
    const reply = await client.request({
      type: 'command',
      clientId: id,
      command: { command: 'goto', slide: 3 },
    });
    assert.deepEqual(reply.type === 'error' && reply.code, 'FORBIDDEN');
    const projector = await connectProjector(url, session);
    projector.send({ type: 'command', clientId: clientId(), command: { command: 'goto', slide: 3 } });
    assert.equal((await projector.next('error')).code, 'FORBIDDEN');
    client.close();
    projector.close();
  });

  it('asks an unjoined socket to join before answering', async () => {
    const client = await Client.connect(url);
    const reply = await client.request({
      type: 'answer',
      clientId: clientId(),
      activityId: 'act-violence-types',
      response: { text: 'looting' },
    });
    assert.equal(reply.type === 'error' && reply.code, 'NOT_AUTHENTICATED');
    client.close();
  });

  it('needs the instructor key to create sessions', async () => {
    const res = await fetch(`${url}/api/sessions`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: { code: 'NOT_AUTHENTICATED' } });
  });

  it('gives the projector the deck without notes, the presenter with notes', async () => {
    const asProjector = await fetch(`${url}/api/sessions/${session.sessionId}/deck`, {
      headers: { authorization: `Bearer ${session.projectorToken}` },
    });
    const publicDeck = (await asProjector.json()) as {
      frames: Record<string, unknown>[];
      activities: object;
    };
    assert.equal(publicDeck.frames.length, 16);
    assert.ok(publicDeck.frames.every((f) => !('notes' in f)));
    assert.doesNotMatch(JSON.stringify(publicDeck), /Loss of legitimacy/);
    const asPresenter = await fetch(`${url}/api/sessions/${session.sessionId}/deck`, {
      headers: { authorization: `Bearer ${session.presenterToken}` },
    });
    assert.match(JSON.stringify(await asPresenter.json()), /Loss of legitimacy/);
    const anonymous = await fetch(`${url}/api/sessions/${session.sessionId}/deck`);
    assert.equal(anonymous.status, 403);
  });
});

describe('joining', () => {
  it('welcomes a participant with a token and a recovery code', async () => {
    const session = await createSession(url);
    const { client, you } = await participant(url, session, 'Jean');
    assert.equal(you.name, 'Jean');
    assert.match(you.recoveryCode, /^[A-Z2-9]{6}$/);
    assert.ok(you.token.length >= 16);
    client.close();
  });

  it('reports an unknown code and a closed session', async () => {
    const session = await createSession(url);
    const client = await Client.connect(url);
    client.send({ type: 'join', code: 'ZZZZZ9', name: 'X' });
    assert.equal((await client.next('error')).code, 'JOIN_CODE_UNKNOWN');
    const host = await presenter(url, session);
    await command(host, { command: 'joining', open: false });
    client.send({ type: 'join', code: session.code.toLowerCase(), name: 'Late' });
    assert.equal((await client.next('error')).code, 'JOINING_CLOSED');
    client.close();
    host.close();
  });

  it('restores the same participant and answers on rejoin, and on a new device by recovery code', async () => {
    const session = await createSession(url);
    const host = await presenter(url, session);
    await command(host, { command: 'open', activityId: 'act-violence-types' });
    const { client, you } = await participant(url, session, 'Kofi');
    const answerId = clientId();
    await client.request({
      type: 'answer',
      clientId: answerId,
      activityId: 'act-violence-types',
      response: { text: 'Looting' },
    });
    client.close();

    const again = await Client.connect(url);
    again.send({ type: 'rejoin', code: session.code, token: you.token });
    const welcome = await again.next('welcome');
    assert.equal(welcome.you?.participantId, you.participantId);
    assert.deepEqual(welcome.answers, [{ activityId: 'act-violence-types', response: { text: 'Looting' } }]);

    const phone = await Client.connect(url);
    phone.send({ type: 'recover', code: session.code, recoveryCode: you.recoveryCode.toLowerCase() });
    const recovered = await phone.next('welcome');
    assert.equal(recovered.you?.participantId, you.participantId);
    assert.equal(recovered.answers?.length, 1);

    const stale = await Client.connect(url);
    stale.send({ type: 'rejoin', code: session.code, token: you.token });
    assert.equal((await stale.next('error')).code, 'TOKEN_INVALID', 'the first device’s token is replaced');
    for (const c of [again, phone, stale, host]) c.close();
  });
});

describe('answers', () => {
  let session: CreatedSession;
  let host: Client;
  let projector: Client;
  before(async () => {
    session = await createSession(url);
    host = await presenter(url, session);
    projector = await connectProjector(url, session);
  });
  after(() => {
    host.close();
    projector.close();
  });

  it('refuses answers while the activity is not open', async () => {
    const { client } = await participant(url, session, 'Early');
    const reply = await client.request({
      type: 'answer',
      clientId: clientId(),
      activityId: 'act-who-protects',
      response: { matches: [0, 1, 2, 3, 4, 5, 6, 7] },
    });
    assert.equal(reply.type === 'error' && reply.code, 'ACTIVITY_NOT_OPEN');
    client.close();
  });

  it('counts an answer sent twice once, and a changed answer once', async () => {
    await command(host, { command: 'open', activityId: 'act-failure-consequences' });
    const { client } = await participant(url, session, 'Twice');
    const id = clientId();
    const answer = {
      type: 'answer' as const,
      clientId: id,
      activityId: 'act-failure-consequences',
      response: { text: 'Loss of trust' },
    };
    assert.equal((await client.request(answer)).type, 'ack');
    const again = await client.request(answer);
    assert.deepEqual(again, { type: 'ack', clientId: id, duplicate: true });
    await client.request({ ...answer, clientId: clientId(), response: { text: 'Loss of legitimacy' } });
    const results = await projector.next(
      'results',
      (m) =>
        m.activityId === 'act-failure-consequences' &&
        JSON.stringify(m.results).includes('loss of legitimacy'),
    );
    assert.equal(results.results.responses, 1);
    assert.doesNotMatch(JSON.stringify(results.results), /loss of trust/);
    client.close();
  });

  it('rejects a response of the wrong shape for the activity', async () => {
    await command(host, { command: 'open', activityId: 'act-who-protects' });
    const { client } = await participant(url, session, 'Shape');
    const reply = await client.request({
      type: 'answer',
      clientId: clientId(),
      activityId: 'act-who-protects',
      response: { text: 'not a matching' },
    });
    assert.equal(reply.type === 'error' && reply.code, 'RESPONSE_INVALID');
    client.close();
  });

  it('never sends correct answers to phones before reveal, then each phone its own score', async () => {
    await command(host, { command: 'open', activityId: 'act-opportunistic-strategic' });
    const joined = await fetch(`${url}/api/join/${session.code}`);
    const publicView = JSON.stringify(await joined.json());
    assert.doesNotMatch(publicView, /"(category|correct|answer|feedback|reveal)"/);

    const { client } = await participant(url, session, 'Scorer');
    const body = (
      JSON.parse(publicView) as {
        activities: Record<string, { items: string[]; categories: { id: string }[] }>;
      }
    ).activities['act-opportunistic-strategic'];
    assert.ok(body);
    // Everything "opportunistic": right for some items, wrong for the others.
    const response = { categories: body.items.map(() => 'opportunistic') };
    await client.request({
      type: 'answer',
      clientId: clientId(),
      activityId: 'act-opportunistic-strategic',
      response,
    });
    assert.ok(!client.received.some((m) => m.type === 'revealed'), 'nothing revealed yet');
    await command(host, { command: 'reveal' });
    const revealed = await client.next('revealed');
    assert.equal(revealed.activityId, 'act-opportunistic-strategic');
    const score = revealed.own?.score ?? -1;
    assert.ok(score > 0 && score < 1, `partial credit, got ${score}`);
    assert.ok(revealed.answer, 'the key comes with the reveal');
    client.close();
  });

  it('resets an activity: earlier answers no longer count', async () => {
    await command(host, { command: 'open', activityId: 'act-key-messages-recall' });
    const { client } = await participant(url, session, 'Reset');
    await client.request({
      type: 'answer',
      clientId: clientId(),
      activityId: 'act-key-messages-recall',
      response: { text: 'legitimacy' },
    });
    await projector.next(
      'results',
      (m) => m.activityId === 'act-key-messages-recall' && m.results.responses === 1,
    );
    await command(host, { command: 'reset' });
    const after = await projector.next(
      'results',
      (m) => m.activityId === 'act-key-messages-recall' && m.results.responses === 0,
    );
    assert.equal(after.results.responses, 0);
    client.close();
  });
});

describe('bad input never affects others', () => {
  it('answers malformed, oversized and unknown messages with stable codes', async () => {
    const session = await createSession(url);
    const { client } = await participant(url, session, 'Mallory');
    client.sendRaw('not json');
    assert.equal((await client.next('error')).code, 'MESSAGE_MALFORMED');
    client.send({ type: 'teleport' });
    assert.equal((await client.next('error')).code, 'MESSAGE_MALFORMED');
    client.send({ type: 'ask', clientId: clientId(), text: 'x'.repeat(20_000) });
    assert.equal((await client.next('error')).code, 'MESSAGE_TOO_LARGE');
    client.send({ type: 'answer', clientId: 'short', activityId: 'a', response: { text: 'x' } });
    const malformed = await client.next('error');
    assert.equal(malformed.code, 'MESSAGE_MALFORMED');
    assert.match(malformed.detail ?? '', /clientId/);
    // The same socket and the server still work.
    client.send({ type: 'ping' });
    await client.next('pong');
    client.close();
  });

  it('limits a flooding phone without slowing another', async () => {
    const session = await createSession(url);
    const { client: flooder } = await participant(url, session, 'Flood');
    const { client: calm } = await participant(url, session, 'Calm');
    for (let i = 0; i < 60; i++) flooder.send({ type: 'ping' });
    await flooder.next('error', (m) => m.code === 'RATE_LIMITED');
    calm.send({ type: 'ping' });
    await calm.next('pong');
    flooder.close();
    calm.close();
  });

  it('rejects HTTP bodies that are not JSON or not the right shape', async () => {
    const headers = { authorization: `Bearer ${INSTRUCTOR_KEY}` };
    const notJson = await fetch(`${url}/api/sessions`, { method: 'POST', headers, body: '{' });
    assert.equal(notJson.status, 400);
    const wrong = await fetch(`${url}/api/sessions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ audience: { level: 'strategic', components: [] } }),
    });
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, 'MESSAGE_MALFORMED');
  });
});

describe('Q&A board', () => {
  it('shows questions without identities, counts one vote each, hides moderated ones', async () => {
    const session = await createSession(url);
    const host = await presenter(url, session);
    const { client: asker, you } = await participant(url, session, 'Asker');
    const { client: voter } = await participant(url, session, 'Voter');
    await asker.request({ type: 'ask', clientId: clientId(), text: 'Who protects IDP camps?' });
    const board = await voter.next('questions', (m) => m.questions.length === 1);
    const question = board.questions[0];
    assert.ok(question);
    assert.equal(question.mine, undefined);
    assert.doesNotMatch(JSON.stringify(board), new RegExp(`${you.participantId}|Asker`));
    const vote = { type: 'upvote' as const, questionId: question.id };
    await voter.request({ ...vote, clientId: clientId() });
    const second = await voter.request({ ...vote, clientId: clientId() });
    assert.deepEqual(second.type === 'ack' && second.duplicate, true);
    const mine = await asker.next('questions', (m) => m.questions[0]?.votes === 1);
    assert.equal(mine.questions[0]?.mine, true);
    await command(host, { command: 'moderate', questionId: question.id, action: 'hide' });
    await voter.next('questions', (m) => m.questions.length === 0);
    for (const c of [host, asker, voter]) c.close();
  });
});

describe('merging two identities of one person', () => {
  it('moves the second device’s answers to the first and keeps both devices working', async () => {
    const session = await createSession(url);
    const host = await presenter(url, session);
    await command(host, { command: 'open', activityId: 'act-violence-types' });
    const { client: laptop, you: first } = await participant(url, session, 'Fatima');
    await laptop.request({
      type: 'answer',
      clientId: clientId(),
      activityId: 'act-violence-types',
      response: { text: 'Abduction' },
    });
    await command(host, { command: 'open', activityId: 'act-failure-consequences' });
    const { client: phone, you: second } = await participant(url, session, 'Fatima (phone)');
    await phone.request({
      type: 'answer',
      clientId: clientId(),
      activityId: 'act-failure-consequences',
      response: { text: 'Loss of legitimacy' },
    });

    await command(host, { command: 'merge', from: second.participantId, into: first.participantId });
    const merged = await phone.next('welcome', (m) => m.answers?.length === 2);
    assert.deepEqual(merged.answers?.map((a) => a.activityId).sort(), [
      'act-failure-consequences',
      'act-violence-types',
    ]);
    const roster = await host.next('roster', (m) => m.participants.length === 1, 4000);
    assert.equal(roster.participants[0]?.participantId, first.participantId);

    const again = await Client.connect(url);
    again.send({ type: 'rejoin', code: session.code, token: second.token });
    assert.equal((await again.next('welcome')).you?.participantId, first.participantId);
    for (const c of [host, laptop, phone, again]) c.close();
  });
});

describe('preparation', () => {
  const headers = { authorization: `Bearer ${INSTRUCTOR_KEY}`, 'content-type': 'application/json' };

  it('lists the checklist from the course and saves it per session', async () => {
    const prep = (await (await fetch(`${url}/api/preparation`, { headers })).json()) as {
      items: { id: string; text: string; url?: string }[];
      missionPacks: { id: string }[];
    };
    assert.ok(prep.items.some((i) => i.text === 'Charter of the UN'));
    assert.ok(prep.items.some((i) => i.text === 'Projector and screen for slides'));
    assert.ok(
      !prep.items.some((i) => i.url?.includes('peacekeepingbestpractices')),
      'dead links are not offered',
    );
    assert.deepEqual(
      prep.missionPacks.map((m) => m.id),
      ['carana'],
    );
    const session = await createSession(url);
    const saved = await fetch(`${url}/api/sessions/${session.sessionId}/checklist`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ checklist: { [prep.items[0]?.id ?? '']: true } }),
    });
    assert.equal(saved.status, 200);
    const sessions = (await (await fetch(`${url}/api/sessions`, { headers })).json()) as {
      sessionId: string;
      checklist: Record<string, boolean>;
    }[];
    assert.deepEqual(sessions.find((s) => s.sessionId === session.sessionId)?.checklist, {
      [prep.items[0]?.id ?? '']: true,
    });
  });

  it('starts a session with a mission pack and refuses an unknown one', async () => {
    const res = await fetch(`${url}/api/sessions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ missionPack: 'carana' }),
    });
    const session = (await res.json()) as { sessionId: string; presenterToken: string };
    const deck = await fetch(`${url}/api/sessions/${session.sessionId}/deck`, {
      headers: { authorization: `Bearer ${session.presenterToken}` },
    });
    assert.match(JSON.stringify(await deck.json()), /Carana mandate/);
    const unknown = await fetch(`${url}/api/sessions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ missionPack: 'atlantis' }),
    });
    assert.equal(unknown.status, 404);
  });
});
