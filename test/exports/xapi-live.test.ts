/**
 * Live xAPI end to end without a browser: the server-side helper makes statements from ids, the LRS
 * client sends them to the fake LRS, and every statement there is valid. A resent answer is stored
 * once; with no LRS nothing happens.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Course } from '../../src/content/model.ts';
import { createLiveXapi, stableUuid } from '../../src/exports/xapi/live-xapi.ts';
import { createLrsClient } from '../../src/exports/xapi/lrs-client.ts';
import { type Statement, VERBS } from '../../src/exports/xapi/statements.ts';
import { statementProblems } from '../../src/exports/xapi/validate-statement.ts';
import { moduleOne } from '../fixtures/lms/module-one.ts';
import { type FakeLrs, fakeLrs } from '../fixtures/lms/servers.ts';

let course: Course;
let lrs: FakeLrs;

before(async () => {
  course = await moduleOne();
  lrs = await fakeLrs();
});
after(() => lrs.close());

test('answers and results of a live session reach the LRS as valid statements, once each', async () => {
  const [username, password] = Buffer.from(lrs.newFetchUrl().token, 'base64').toString('utf8').split(':');
  const client = createLrsClient(
    { endpoint: lrs.endpoint, username, password },
    { batchDelayMs: 5, log: () => {} },
  );
  const xapi = createLiveXapi({ course, lrs: client, homePage: () => 'http://10.0.0.5:8080', names: true });
  assert.equal(xapi.enabled, true);
  const participant = { id: 'p-1', name: 'Amina' };
  const response = {
    categories: [
      'strategic',
      'strategic',
      'strategic',
      'opportunistic',
      'strategic',
      'strategic',
      'opportunistic',
      'opportunistic',
    ],
  };
  xapi.answered({
    sessionId: 's-1',
    participant,
    activityId: 'act-opportunistic-strategic',
    response,
    answerId: 'c-1',
  });
  xapi.answered({
    sessionId: 's-1',
    participant,
    activityId: 'act-opportunistic-strategic',
    response,
    answerId: 'c-1',
  });
  xapi.answered({ sessionId: 's-1', participant, activityId: 'no-such-activity', response, answerId: 'c-2' });
  xapi.answered({
    sessionId: 's-1',
    participant,
    activityId: 'act-violence-types',
    response: { text: 'Fear' },
    answerId: 'c-3',
  });
  xapi.result({ sessionId: 's-1', participant, verb: 'passed', score: 0.9, durationMs: 3_000_000 });
  await xapi.close();

  const statements = lrs.statements as unknown as Statement[];
  assert.equal(statements.length, 3);
  for (const s of statements) assert.deepEqual(statementProblems(s), []);
  const [classify, text, passed] = statements as [Statement, Statement, Statement];
  assert.equal(classify.id, stableUuid('answered', 's-1', 'p-1', 'act-opportunistic-strategic', 'c-1'));
  assert.equal(classify.result?.score?.scaled, 1);
  assert.equal(classify.actor.name, 'Amina');
  assert.deepEqual(classify.actor.account, { homePage: 'http://10.0.0.5:8080', name: 'p-1' });
  assert.equal(text.result?.response, 'Fear');
  assert.equal(text.result?.score, undefined, 'open text is not scored');
  assert.equal(passed.verb.id, VERBS.passed.id);
  assert.equal(passed.object.id, 'https://lectern.example/courses/poc-module-1');
  assert.equal(passed.result?.success, true);
});

test('with no LRS configured the live helper does nothing', async () => {
  const xapi = createLiveXapi({ course, lrs: createLrsClient(null), homePage: 'http://x' });
  assert.equal(xapi.enabled, false);
  xapi.answered({
    sessionId: 's',
    participant: { id: 'p' },
    activityId: 'act-qa',
    response: { text: 'x' },
    answerId: 'c',
  });
  xapi.result({ sessionId: 's', participant: { id: 'p' }, verb: 'attended' });
  await xapi.close();
});

test('stable UUIDs: version 5 layout, the same for the same parts', () => {
  const a = stableUuid('answered', 's', 'p', 'a', 'c');
  assert.equal(a, stableUuid('answered', 's', 'p', 'a', 'c'));
  assert.notEqual(a, stableUuid('answered', 's', 'p', 'a', 'd'));
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
