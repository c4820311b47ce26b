/**
 * The cmi5 tracker against the fake LRS in Node (no browser): the rules a single happy path does not
 * reach. A fail then a pass in one session (the pass waits for the next session), the LMS's mastery
 * score deciding, no failed after a pass, Browse mode, a retried statement, returnURL, a used fetch URL,
 * no launch at all. Every statement is checked against the xAPI schema and every session against cmi5.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { cmi5SessionProblems } from '../../src/exports/xapi/cmi5-rules.ts';
import { CMI5, type Statement, VERBS } from '../../src/exports/xapi/statements.ts';
import { statementProblems } from '../../src/exports/xapi/validate-statement.ts';
import { buildSelfPacedPackage } from '../../src/selfpaced/build-package.ts';
import type { SelfPacedPackage } from '../../src/selfpaced/self-paced-package.ts';
import { Cmi5Tracker, type LaunchData, readLaunch } from '../../src/views/self-paced/cmi5-tracker.ts';
import { moduleOne } from '../fixtures/lms/module-one.ts';
import { type FakeLrs, fakeLrs } from '../fixtures/lms/servers.ts';

const actor = {
  objectType: 'Agent' as const,
  account: { homePage: 'https://lms.example', name: 'learner-7' },
};
let pkg: SelfPacedPackage;
let lrs: FakeLrs;

before(async () => {
  pkg = buildSelfPacedPackage(await moduleOne());
  lrs = await fakeLrs();
});
after(() => lrs.close());

interface Registration {
  registration: string;
  activityId: string;
}

function newRegistration(): Registration {
  return { registration: randomUUID(), activityId: `https://lms.example/au/${randomUUID()}` };
}

/** One launch: LaunchData with a fresh session id, a fetch URL, the tracker. */
function launch(reg: Registration, data: Partial<LaunchData> = {}, redirect?: (url: string) => void) {
  const sessionId = randomUUID();
  lrs.putState(CMI5.launchDataStateId, reg.activityId, reg.registration, {
    contextTemplate: { extensions: { [CMI5.sessionId]: sessionId } },
    launchMode: 'Normal',
    moveOn: 'CompletedAndPassed',
    ...data,
  });
  const params = new URLSearchParams({
    endpoint: lrs.endpoint,
    fetch: lrs.newFetchUrl().url,
    actor: JSON.stringify(actor),
    registration: reg.registration,
    activityId: reg.activityId,
  });
  const tracker = new Cmi5Tracker({
    pkg,
    url: `https://content.example/index.html?${params}`,
    saveDelayMs: 1,
    redirect: redirect ?? (() => {}),
  });
  const statements = () =>
    (lrs.statements as unknown as Statement[]).filter(
      (s) => s.context?.extensions?.[CMI5.sessionId] === sessionId,
    );
  const verbs = () => statements().map((s) => Object.entries(VERBS).find(([, v]) => v.id === s.verb.id)?.[0]);
  return { tracker, sessionId, statements, verbs };
}

function checkSession(
  reg: Registration,
  session: ReturnType<typeof launch>,
  extra: { masteryScore?: number; earlier?: string[] } = {},
): void {
  for (const s of session.statements()) assert.deepEqual(statementProblems(s), []);
  assert.deepEqual(
    cmi5SessionProblems(session.statements(), { ...reg, sessionId: session.sessionId, ...extra }),
    [],
  );
}

const outcomes = { LO1: 1 };

describe('cmi5 tracker', () => {
  test('a fail then a pass in one session: failed now, passed at the start of the next session', async () => {
    const reg = newRegistration();
    const one = launch(reg, { masteryScore: 0.8 });
    await one.tracker.start();
    await one.tracker.complete({ score: 0.5, passed: false, outcomes });
    await one.tracker.complete({ score: 0.9, passed: true, outcomes });
    await one.tracker.finish();
    assert.deepEqual(one.verbs(), ['initialized', 'completed', 'failed', 'terminated']);
    checkSession(reg, one, { masteryScore: 0.8 });

    const two = launch(reg, { masteryScore: 0.8 });
    await two.tracker.start();
    await two.tracker.complete({ score: 0.3, passed: false, outcomes }); // after a pass: nothing
    await two.tracker.finish();
    assert.deepEqual(two.verbs(), ['initialized', 'passed', 'terminated']);
    checkSession(reg, two, { masteryScore: 0.8, earlier: ['completed', 'failed'] });
    const passed = two.statements()[1] as Statement;
    assert.equal(passed.result?.score?.scaled, 0.9);
    assert.equal(two.tracker.moveOnSatisfied, true);
  });

  test("the LMS's mastery score decides pass or fail", async () => {
    const reg = newRegistration();
    const session = launch(reg, { masteryScore: 0.9 });
    await session.tracker.start();
    await session.tracker.complete({ score: 0.85, passed: true, outcomes });
    await session.tracker.finish();
    assert.deepEqual(session.verbs(), ['initialized', 'completed', 'failed', 'terminated']);
    const failed = session.statements()[2] as Statement;
    assert.equal(failed.context?.extensions?.[CMI5.masteryScore], 0.9);
    checkSession(reg, session, { masteryScore: 0.9 });
    assert.equal(session.tracker.moveOnSatisfied, false);
  });

  test('Browse mode: initialized, answered and terminated only', async () => {
    const reg = newRegistration();
    const session = launch(reg, { launchMode: 'Browse' });
    await session.tracker.start();
    await session.tracker.answered('lo3-intent-not-type', ['LO3'], 1, { value: true });
    await session.tracker.complete({ score: 1, passed: true, outcomes });
    await session.tracker.finish();
    assert.deepEqual(session.verbs(), ['initialized', 'answered', 'terminated']);
    checkSession(reg, session);
  });

  test('a statement the LRS fails with 503 is sent again, in order; returnURL after terminated', async () => {
    const reg = newRegistration();
    const visited: string[] = [];
    const session = launch(reg, { returnURL: 'https://lms.example/back' }, (url) => visited.push(url));
    await session.tracker.start();
    lrs.failNext(1, 503);
    await session.tracker.answered('lo3-intent-not-type', ['LO3'], 0, { value: false });
    await session.tracker.finish();
    assert.deepEqual(session.verbs(), ['initialized', 'answered', 'terminated']);
    assert.deepEqual(visited, ['https://lms.example/back']);
    checkSession(reg, session);
  });

  test('progress goes to the State API and comes back in the next session', async () => {
    const reg = newRegistration();
    const one = launch(reg);
    assert.equal((await one.tracker.start()).progress, null);
    await one.tracker.save({
      revision: 4,
      frame: 6,
      seen: [0, 6],
      answers: {},
      assessment: { startedAt: null, submittedAt: null, score: null, passed: null },
    });
    await one.tracker.finish();
    const two = launch(reg);
    assert.equal((await two.tracker.start()).progress?.frame, 6);
    await two.tracker.finish();
  });

  test('a used fetch URL or no launch parameters: the player runs on its own', async () => {
    assert.equal(readLaunch('https://content.example/index.html'), null);
    assert.equal(
      readLaunch(
        'https://content.example/index.html?endpoint=x&fetch=y&actor=%7Bbad&registration=r&activityId=a',
      ),
      null,
    );
    const alone = new Cmi5Tracker({ pkg, url: 'https://content.example/index.html' });
    assert.deepEqual(await alone.start(), { learner: null, progress: null });
    await alone.finish();

    const reg = newRegistration();
    const url = new URL(lrs.newFetchUrl().url);
    await fetch(url, { method: 'POST' }); // the token is taken before the AU asks
    const used = new Cmi5Tracker({
      pkg,
      url: `https://content.example/index.html?${new URLSearchParams({
        endpoint: lrs.endpoint,
        fetch: url.href,
        actor: JSON.stringify(actor),
        registration: reg.registration,
        activityId: reg.activityId,
      })}`,
    });
    assert.deepEqual(await used.start(), { learner: null, progress: null });
    assert.match(used.log.lines.join('\n'), /error 1/);
  });
});
