/** The session assessment over the live protocol: open, answer, mark short answers, reveal results. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Item } from '../../src/content/model.ts';
import { answerKey } from '../../src/live/activity-view.ts';
import type { Response } from '../../src/live/protocol.ts';
import {
  clientId,
  command,
  connectProjector,
  createSession,
  moduleOne,
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

async function correct(item: Item): Promise<Response> {
  if (item.type === 'short-answer') return { text: item.answer ?? 'answer' };
  const key = answerKey(item, await moduleOne());
  assert.ok(key, item.id);
  return key as Response;
}

describe('session assessment', () => {
  it('runs from opening to each phone’s own result, with short answers marked by the presenter', async () => {
    const course = await moduleOne();
    const session = await createSession(url);
    const host = await presenter(url, session);
    const projector = await connectProjector(url, session);
    const { client: ana, you: anaSelf } = await participant(url, session, 'Ana');
    const { client: ben } = await participant(url, session, 'Ben');

    const early = await ana.request({
      type: 'answer',
      clientId: clientId(),
      activityId: course.items[0]?.id ?? '',
      response: { text: 'too early' },
    });
    assert.equal(early.type === 'error' && early.code, 'ACTIVITY_NOT_OPEN');

    await command(host, { command: 'assessment', action: 'open' });
    const state = await ana.next('state', (m) => m.session.assessment?.status === 'open');
    const { itemIds, endsAt } = state.session.assessment ?? { itemIds: [], endsAt: 0 };
    assert.equal(itemIds.length, 10);
    assert.ok(Math.abs(endsAt - (Date.now() + 8 * 60_000)) < 5000, 'the blueprint’s 8 minutes');

    const joined = (await (await fetch(`${url}/api/join/${session.code}`)).json()) as {
      items: Record<string, unknown>;
    };
    assert.deepEqual(Object.keys(joined.items).sort(), [...itemIds].sort());
    assert.doesNotMatch(JSON.stringify(joined.items), /"(correct|answer|feedback|category|pairs)"/);

    const items = itemIds.map((id) => course.items.find((i) => i.id === id) as Item);
    const shortAnswers = items.filter((i) => i.type === 'short-answer');
    for (const item of items) {
      const reply = await ana.request({
        type: 'answer',
        clientId: clientId(),
        activityId: item.id,
        response: await correct(item),
      });
      assert.equal(reply.type, 'ack', `${item.id}: ${JSON.stringify(reply)}`);
    }
    // Ben answers only the first two items, the first one wrongly where it is a choice.
    const [first, second] = items as [Item, Item];
    const wrong: Response =
      first.type === 'true-false'
        ? { value: !(answerKey(first, course) as { value: boolean }).value }
        : await correct(first);
    await ben.request({ type: 'answer', clientId: clientId(), activityId: first.id, response: wrong });
    await ben.request({
      type: 'answer',
      clientId: clientId(),
      activityId: second.id,
      response: await correct(second),
    });

    const progress = await projector.next('assessmentResults', (m) => m.results.responses === 2);
    assert.equal(progress.results.participants, 2);
    if (shortAnswers.length > 0) {
      // Ben's two answers need marking too where the seeded paper made them short answers.
      const bensShort = items.slice(0, 2).filter((i) => i.type === 'short-answer').length;
      const marking = await host.next('marking', (m) => m.entries.length === shortAnswers.length + bensShort);
      const entry = marking.entries.find((e) => e.name === 'Ana');
      assert.equal(entry?.name, 'Ana');
      assert.ok(entry?.modelAnswer, 'the model answer sits beside the response');
      for (const item of shortAnswers) {
        await command(host, {
          command: 'mark',
          participantId: anaSelf.participantId,
          itemId: item.id,
          score: 1,
        });
      }
    }
    await command(host, { command: 'assessment', action: 'close' });
    const late = await ben.request({
      type: 'answer',
      clientId: clientId(),
      activityId: items[5]?.id ?? '',
      response: await correct(items[5] as Item),
    });
    assert.equal(late.type === 'error' && late.code, 'ACTIVITY_NOT_OPEN');

    assert.ok(!ana.received.some((m) => m.type === 'assessmentResult'), 'no result before reveal');
    await command(host, { command: 'assessment', action: 'reveal' });
    const own = await ana.next('assessmentResult');
    assert.equal(own.result.score, 1);
    assert.equal(own.result.passed, true);
    assert.deepEqual(own.result.unmarked, []);
    assert.ok(Object.values(own.result.items).every((i) => i.key !== null || i.score !== null));
    const bens = await ben.next('assessmentResult');
    assert.ok((bens.result.score ?? 1) < 0.8);
    assert.equal(bens.result.passed, false);
    const final = await host.next('assessmentResults', (m) => m.results.distribution[9] === 1);
    assert.equal(final.results.passMark, 0.8);
    assert.ok(
      final.results.revisit.length > 0 || Object.values(final.results.mastery).every((v) => (v ?? 0) >= 0.8),
    );

    // A second sitting (the blueprint allows 2): the first one's answers no longer count.
    await command(host, { command: 'assessment', action: 'open' });
    const sitting = await ana.next('state', (m) => m.session.assessment?.attempt === 2);
    assert.deepEqual([sitting.session.assessment?.status, sitting.session.assessment?.attempts], ['open', 2]);
    await host.next('assessmentResults', (m) => m.results.responses === 0);
    const again = await ana.request({
      type: 'answer',
      clientId: clientId(),
      activityId: first.id,
      response: await correct(first),
    });
    assert.equal(again.type, 'ack');
    await host.next('assessmentResults', (m) => m.results.responses === 1);
    await command(host, { command: 'assessment', action: 'reveal' });
    const third = await host.request({
      type: 'command',
      clientId: clientId(),
      command: { command: 'assessment', action: 'open' },
    });
    assert.equal(third.type === 'error' && third.code, 'ATTEMPTS_USED');
    for (const c of [host, projector, ana, ben]) c.close();
  });
});
