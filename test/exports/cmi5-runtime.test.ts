/**
 * The cmi5 package of Module 1 launched as an LMS launches an AU: a fake LRS on the loopback (fetch
 * URL, Statement, State and Agent Profile APIs, CORS) with LMS.LaunchData written before each launch,
 * the AU opened in Chromium with the launch parameters. The learner stops halfway (the page goes: the
 * AU terminates with keepalive), comes back in a new session to the same place, finishes and passes,
 * and is sent to the LMS's returnURL. Every statement must be a valid xAPI 1.0.3 statement and every
 * session must keep the cmi5 rules.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cmi5SessionProblems } from '../../src/exports/xapi/cmi5-rules.ts';
import { exportCmi5 } from '../../src/exports/xapi/export-cmi5.ts';
import { auIri, CMI5, DEFAULT_XAPI_BASE, type Statement, VERBS } from '../../src/exports/xapi/statements.ts';
import { statementProblems } from '../../src/exports/xapi/validate-statement.ts';
import { buildSelfPacedPackage } from '../../src/selfpaced/build-package.ts';
import type { SelfPacedPackage } from '../../src/selfpaced/self-paced-package.ts';
import { launchChromium, watchErrors } from '../browser/harness.ts';
import { frameTitle, takeAssessment, walk } from '../fixtures/lms/drive-player.ts';
import { moduleOne } from '../fixtures/lms/module-one.ts';
import { type FakeLrs, fakeLrs, type Running, staticServer, unzip } from '../fixtures/lms/servers.ts';

const WAIT = { timeout: 15_000 };

let browser: Browser;
let pkg: SelfPacedPackage;
let lrs: FakeLrs;
let site: Running;
const problems: string[] = [];

const registration = randomUUID();
/** The LMS's own activity id for the AU: never the publisher's id from cmi5.xml (§8.1). */
const activityId = `https://lms.example/activities/${randomUUID()}`;
const actor = {
  objectType: 'Agent',
  name: 'Jane Doe',
  account: { homePage: 'https://lms.example', name: 'learner-42' },
};

before(async () => {
  const course = await moduleOne();
  pkg = buildSelfPacedPackage(course);
  const files = await unzip(await exportCmi5(course));
  lrs = await fakeLrs();
  site = await staticServer(files, (url) =>
    url.pathname === '/returned.html'
      ? {
          type: 'text/html; charset=utf-8',
          body: '<!doctype html><title>Back in the LMS</title><link rel="icon" href="data:,"><h1>LMS</h1>',
        }
      : null,
  );
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await lrs?.close();
});

/** What the LMS does before a launch: LMS.LaunchData, a one-time fetch URL, the launch URL. */
function prepareLaunch(sessionId: string): string {
  lrs.putState(CMI5.launchDataStateId, activityId, registration, {
    contextTemplate: {
      contextActivities: {
        grouping: [{ objectType: 'Activity', id: auIri(DEFAULT_XAPI_BASE, pkg.courseId) }],
      },
      extensions: { [CMI5.sessionId]: sessionId },
    },
    launchMode: 'Normal',
    masteryScore: 0.8,
    moveOn: 'CompletedAndPassed',
    returnURL: `${site.url}/returned.html`,
  });
  const fetchUrl = lrs.newFetchUrl().url;
  const params = new URLSearchParams({
    endpoint: lrs.endpoint,
    fetch: fetchUrl,
    actor: JSON.stringify(actor),
    registration,
    activityId,
  });
  return `${site.url}/pkg/index.html?${params}`;
}

async function openAu(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  watchErrors(page, problems, 'cmi5', {
    // A missing document is a 404 by the xAPI specification: no learner preferences, no progress yet.
    expectedConsole: (m) =>
      m.location().url.includes('/xapi/agents/profile') ||
      m.location().url.includes('stateId=lectern.progress'),
    expectedResponse: false,
    trackerWarnings: true,
  });
  await page.goto(url);
  await page.locator('#sp-frame-title').waitFor(WAIT);
  return page;
}

function sessionStatements(sessionId: string): Statement[] {
  return (lrs.statements as unknown as Statement[]).filter(
    (s) => s.context?.extensions?.[CMI5.sessionId] === sessionId,
  );
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const verbOf = (s: Statement) => Object.entries(VERBS).find(([, v]) => v.id === s.verb.id)?.[0];

test('cmi5: two sessions, resume from the State API, initialized → answered… → completed → passed → terminated', async () => {
  // Session 1: halfway, then the learner closes the page.
  const session1 = randomUUID();
  const first = await openAu(prepareLaunch(session1));
  assert.match((await first.locator('.sp-head').textContent()) ?? '', /Jane Doe/);
  const halfway = 10;
  const answered1 = await walk(first.mainFrame(), pkg, 0, halfway);
  await first.goto('about:blank'); // pagehide: state and terminated go out with keepalive
  await waitFor(
    () => sessionStatements(session1).some((s) => s.verb.id === VERBS.terminated.id),
    'terminated',
  );
  await first.context().close();

  const s1 = sessionStatements(session1);
  assert.deepEqual(s1.map(verbOf), ['initialized', ...answered1.map(() => 'answered'), 'terminated']);
  assert.deepEqual(
    cmi5SessionProblems(s1, { activityId, registration, sessionId: session1, masteryScore: 0.8 }),
    [],
  );
  const progress1 = s1.at(-1)?.result?.extensions?.[CMI5.progress] as number;
  assert.ok(progress1 > 0 && progress1 < 100, `terminated reports progress: ${progress1}`);
  const saved = lrs.getState('lectern.progress', activityId, registration) as { progress: { frame: number } };
  assert.equal(saved.progress.frame, halfway);

  // Session 2: back where they left off; the rest, the assessment, finish → returnURL.
  const session2 = randomUUID();
  const second = await openAu(prepareLaunch(session2));
  assert.equal(await frameTitle(second.mainFrame()), pkg.frames[halfway]?.title, 'resumed on the slide left');
  const answered2 = await walk(second.mainFrame(), pkg, halfway, pkg.frames.length);
  const verdict = await takeAssessment(second.mainFrame(), pkg, 'right');
  assert.ok(verdict.passed, verdict.text);
  await second.click('#sp-finish');
  await second.waitForURL(`${site.url}/returned.html`, WAIT);
  await second.context().close();

  const s2 = sessionStatements(session2);
  const answeredItems = pkg.assessment.itemIds.length;
  assert.deepEqual(s2.map(verbOf), [
    'initialized',
    ...answered2.map(() => 'answered'),
    ...Array.from({ length: answeredItems }, () => 'answered'),
    'completed',
    'passed',
    'terminated',
  ]);
  assert.deepEqual(
    cmi5SessionProblems(s2, { activityId, registration, sessionId: session2, masteryScore: 0.8 }),
    [],
  );
  const passed = s2.find((s) => s.verb.id === VERBS.passed.id) as Statement;
  assert.equal(passed.result?.score?.scaled, 1);
  assert.equal(passed.result?.success, true);
  assert.match(passed.result?.duration ?? '', /^PT/);
  assert.equal(passed.context?.extensions?.[CMI5.masteryScore], 0.8);
  // The publisher id from the context template is kept in every statement.
  for (const s of [...s1, ...s2]) {
    const grouping = s.context?.contextActivities?.grouping ?? [];
    assert.ok(
      grouping.some((a) => a.id === auIri(DEFAULT_XAPI_BASE, pkg.courseId)),
      'publisher id grouping',
    );
  }
  // Answers carry the question, the score and the learning outcomes.
  const item = s2.find((s) => s.object.id.endsWith(`/activities/${pkg.assessment.itemIds[0]}`)) as Statement;
  assert.equal(item.object.definition?.type, 'http://adlnet.gov/expapi/activities/cmi.interaction');
  assert.equal(item.context?.contextActivities?.parent?.[0]?.id, activityId);
  assert.ok(
    ((item.context?.extensions?.[`${DEFAULT_XAPI_BASE}/xapi/extensions/outcomes`] ?? []) as string[]).length >
      0,
  );
  assert.ok(
    !(item.context?.contextActivities?.category ?? []).some((a) => a.id === CMI5.categoryCmi5),
    'cmi5 allowed',
  );

  // Every statement is a valid xAPI 1.0.3 statement.
  for (const s of lrs.statements) assert.deepEqual(statementProblems(s), [], JSON.stringify(s).slice(0, 300));
  // The fetch URLs were POSTed once each; every xAPI call carried the token and the version.
  const fetches = lrs.requests.filter((r) => r.path.startsWith('/fetch/'));
  assert.equal(fetches.length, 2);
  assert.ok(fetches.every((r) => r.method === 'POST'));
  for (const r of lrs.requests.filter((q) => q.path.startsWith('/xapi/'))) {
    assert.match(r.headers.authorization ?? '', /^Basic .+/);
    assert.equal(r.headers['x-experience-api-version'], '1.0.3');
  }
  // LMS.LaunchData was read, never written by the AU.
  assert.ok(!lrs.requests.some((r) => r.method !== 'GET' && r.query.stateId === CMI5.launchDataStateId));
  assert.deepEqual(problems, []);
});
