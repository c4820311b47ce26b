/**
 * The SCORM packages of Module 1 in a real LMS runtime: Chromium loads a test LMS page with
 * scorm-again as `API` / `API_1484_11` and the package's SCO in an iframe (two frames down for 2004,
 * so that the discovery walk is exercised). A learner goes part of the way, closes the course, comes
 * back (the LMS reloads the saved CMI data with entry = resume) and finds their place and answers, then
 * finishes and takes the assessment. The test asserts what the LMS received, held to the SCORM
 * specification where scorm-again is lenient (4096-character suspend data and 2–4 digit hours in
 * SCORM 1.2, the interaction notations).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import type { Course } from '../../src/content/model.ts';
import { exportScorm12, exportScorm2004 } from '../../src/exports/scorm/export-scorm.ts';
import { buildSelfPacedPackage } from '../../src/selfpaced/build-package.ts';
import type { SelfPacedPackage } from '../../src/selfpaced/self-paced-package.ts';
import { launchChromium, watchErrors } from '../browser/harness.ts';
import { frameTitle, takeAssessment, walk } from '../fixtures/lms/drive-player.ts';
import {
  hostPage,
  type Launch,
  relaunch,
  SCORM_AGAIN,
  type ScormVersion,
  WRAPPER_PAGE,
} from '../fixtures/lms/lms-pages.ts';
import { moduleOne } from '../fixtures/lms/module-one.ts';
import { type Running, staticServer, unzip } from '../fixtures/lms/servers.ts';

const WAIT = { timeout: 15_000 };

// biome-ignore lint/suspicious/noExplicitAny: scorm-again's CMI JSON is walked by element name
type Cmi = Record<string, any>;

let browser: Browser;
let course: Course;
let pkg: SelfPacedPackage;
const servers: Record<ScormVersion, { server: Running; launch: Launch }> = {} as never;
const problems: string[] = [];

before(async () => {
  course = await moduleOne();
  pkg = buildSelfPacedPackage(course);
  for (const [version, make] of [
    ['scorm12', exportScorm12],
    ['scorm2004', exportScorm2004],
  ] as const) {
    const files = await unzip(await make(course));
    const entry = { launch: { cmi: null } as Launch, server: null as unknown as Running };
    entry.server = await staticServer(files, (url) => {
      if (url.pathname === '/lms.html')
        return { type: 'text/html; charset=utf-8', body: hostPage(version, entry.launch) };
      if (url.pathname === '/wrapper.html') return { type: 'text/html; charset=utf-8', body: WRAPPER_PAGE };
      if (url.pathname === `/scorm-again/${version}.js`) {
        return { type: 'text/javascript; charset=utf-8', body: SCORM_AGAIN[version] };
      }
      return null;
    });
    servers[version] = entry;
  }
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const { server } of Object.values(servers)) await server?.close();
});

interface Session {
  page: Page;
  sco: Frame;
  close(): Promise<void>;
}

/** Opens the test LMS with `cmi` as the learner's saved data and waits for the player. */
async function open(version: ScormVersion, launch: Launch): Promise<Session> {
  const entry = servers[version];
  entry.launch = launch;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  watchErrors(page, problems, version, { trackerWarnings: true, expectedResponse: false });
  await page.goto(`${entry.server.url}/lms.html`);
  const sco = await waitForFrame(page, '/pkg/index.html');
  await sco.locator('#sp-frame-title').waitFor(WAIT);
  return { page, sco, close: () => context.close() };
}

async function waitForFrame(page: Page, path: string): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().endsWith(path));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error(`no frame ${path}`);
}

async function lms(page: Page, version: ScormVersion): Promise<{ cmi: Cmi; log: unknown[][] }> {
  return page.evaluate((v) => {
    const w = window as unknown as Record<string, { renderCMIToJSONObject(): { cmi: unknown } } | unknown>;
    const api = w[v === 'scorm12' ? 'API' : 'API_1484_11'] as { renderCMIToJSONObject(): { cmi: unknown } };
    return { cmi: structuredClone(api.renderCMIToJSONObject().cmi) as never, log: w.lmsLog as unknown[][] };
  }, version);
}

async function waitForLog(page: Page, version: ScormVersion, event: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { log } = await lms(page, version);
    if (log.some((e) => e[0] === event)) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the LMS never received ${event}`);
}

/** Closes the course as a learner closing the LMS's content frame does. */
async function closeContent(page: Page): Promise<void> {
  await page.evaluate(() => document.getElementById('content')?.remove());
}

async function trackerLog(sco: Frame): Promise<string[]> {
  return sco.evaluate(
    () =>
      (window as unknown as { lecternLms: { tracker: { log: { lines: string[] } } } }).lecternLms.tracker.log
        .lines,
  );
}

// ── SCORM 1.2 rules, stricter than scorm-again ─────────────────────────────────────────────────────

const TIMESPAN_12 = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const CMI_TIME_12 = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
const RESPONSE_12: Record<string, RegExp> = {
  'true-false': /^[01tf]$/,
  choice: /^[0-9a-z](,[0-9a-z])*$/,
  'fill-in': /^.{0,255}$/s,
  matching: /^([0-9a-z]\.[0-9a-z])(,[0-9a-z]\.[0-9a-z])*$/,
  sequencing: /^[0-9a-z](,[0-9a-z])*$/,
};

function checkInteractions12(cmi: Cmi): Cmi[] {
  const list = Object.values(cmi.interactions ?? {}) as Cmi[];
  for (const i of list) {
    assert.match(i.id, /^[\u0021-\u007e]{1,255}$/, `interaction id ${i.id}`);
    assert.ok(Object.hasOwn(RESPONSE_12, i.type), `interaction type ${i.type}`);
    if (i.student_response !== '')
      assert.match(i.student_response, RESPONSE_12[i.type] as RegExp, `${i.id} response`);
    assert.match(i.time, CMI_TIME_12, `${i.id} time`);
    assert.match(i.result, /^(correct|wrong|unanticipated|neutral|\d{0,3}(\.\d+)?)$/, `${i.id} result`);
    for (const c of Object.values(i.correct_responses ?? {}) as Cmi[]) {
      assert.match(c.pattern, RESPONSE_12[i.type] as RegExp, `${i.id} correct pattern`);
    }
  }
  return list;
}

describe('SCORM 1.2 in scorm-again', () => {
  test('suspend, resume where the learner left off, pass; the LMS holds status, score, interactions', async (t) => {
    const first = await open('scorm12', {
      cmi: {
        core: {
          student_id: 'u-17',
          student_name: 'Doe, Jane',
          lesson_status: 'not attempted',
          credit: 'credit',
          entry: 'ab-initio',
          lesson_mode: 'normal',
        },
        student_data: { mastery_score: '80' },
      },
    });
    assert.match((await first.sco.locator('.sp-head').textContent()) ?? '', /Jane Doe/);
    const halfway = 10;
    const answeredFirst = await walk(first.sco, pkg, 0, halfway);
    assert.ok(answeredFirst.length >= 3, 'activities answered before the break');
    await closeContent(first.page);
    await waitForLog(first.page, 'scorm12', 'LMSFinish');
    const suspended = (await lms(first.page, 'scorm12')).cmi;
    await first.close();

    assert.equal(suspended.core.lesson_status, 'incomplete');
    assert.equal(suspended.core.exit, 'suspend');
    assert.equal(suspended.core.lesson_location, String(halfway));
    assert.match(suspended.core.session_time, TIMESPAN_12);
    assert.ok(
      suspended.suspend_data.length > 0 && suspended.suspend_data.length <= 4096,
      'suspend data within CMIString4096',
    );
    const interactions = checkInteractions12(suspended);
    assert.deepEqual(
      interactions.map((i) => i.id),
      answeredFirst,
    );

    // The learner comes back: the LMS relaunches with the saved data and entry = resume.
    const second = await open('scorm12', { cmi: relaunch('scorm12', suspended) });
    assert.equal(await frameTitle(second.sco), pkg.frames[halfway]?.title, 'resumed on the slide left');
    await second.sco.click('#sp-previous');
    const before = pkg.frames[halfway - 1];
    const answeredBefore = before?.activityIds.find((id) => pkg.activities[id]?.view.type !== 'qa');
    if (answeredBefore) {
      assert.equal(
        await second.sco.locator(`[id="sp-answer-${answeredBefore}"]`).count(),
        1,
        'earlier answer kept',
      );
    }
    await second.sco.click('#sp-next');
    const answeredSecond = await walk(second.sco, pkg, halfway, pkg.frames.length);
    const verdict = await takeAssessment(second.sco, pkg, 'right');
    assert.ok(verdict.passed, verdict.text);
    assert.deepEqual(await trackerLog(second.sco), []);
    await second.sco.click('#sp-finish');
    await waitForLog(second.page, 'scorm12', 'LMSFinish');
    const done = (await lms(second.page, 'scorm12')).cmi;
    await second.close();

    assert.equal(done.core.lesson_status, 'passed');
    assert.equal(done.core.score.raw, '100');
    assert.equal(done.core.score.min, '0');
    assert.equal(done.core.score.max, '100');
    assert.equal(done.core.exit, '');
    assert.match(done.core.session_time, TIMESPAN_12);
    assert.ok(done.suspend_data.length <= 4096);
    t.diagnostic(
      `suspend data: ${suspended.suspend_data.length} characters halfway, ${done.suspend_data.length} at the end`,
    );
    const all = checkInteractions12(done);
    const ids = all.map((i) => i.id);
    for (const id of [...answeredFirst, ...answeredSecond, ...pkg.assessment.itemIds])
      assert.ok(ids.includes(id), `interaction ${id}`);
    for (const id of pkg.assessment.itemIds) {
      const item = all.findLast((i) => i.id === id) as Cmi;
      const scored = pkg.assessment.items[id]?.view.type !== 'short-answer';
      assert.equal(item.result, scored ? 'correct' : 'neutral', `${id} result`);
      assert.ok(Object.keys(item.objectives).length > 0, `${id} outcomes`);
    }
    const objectives = Object.values(done.objectives) as Cmi[];
    assert.deepEqual(objectives.map((o) => o.id).sort(), pkg.outcomes.map((o) => o.id).sort());
    for (const o of objectives) assert.equal(o.status, 'passed');
  });
});

describe('SCORM 2004 4th edition in scorm-again', () => {
  test('two frames down: suspend, resume, fail; the LMS holds completion, success, scaled score, interactions', async () => {
    const start = {
      learner_id: 'u-18',
      learner_name: 'Jean Dupont',
      credit: 'credit',
      mode: 'normal',
      entry: 'ab-initio',
      completion_status: 'unknown',
      success_status: 'unknown',
      scaled_passing_score: '0.8',
    };
    const first = await open('scorm2004', { cmi: start, nested: true });
    const halfway = 8;
    const answeredFirst = await walk(first.sco, pkg, 0, halfway);
    await closeContent(first.page);
    await waitForLog(first.page, 'scorm2004', 'Terminate');
    const suspended = (await lms(first.page, 'scorm2004')).cmi;
    await first.close();
    assert.equal(suspended.completion_status, 'incomplete');
    assert.equal(suspended.exit, 'suspend');
    assert.equal(suspended.location, String(halfway));
    assert.match(suspended.session_time, /^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$/);
    assert.ok(Number(suspended.progress_measure) > 0 && Number(suspended.progress_measure) < 1);
    const firstInteractions = Object.values(suspended.interactions) as Cmi[];
    assert.equal(firstInteractions.length, answeredFirst.length);

    const second = await open('scorm2004', { cmi: relaunch('scorm2004', suspended), nested: true });
    assert.equal(await frameTitle(second.sco), pkg.frames[halfway]?.title, 'resumed on the slide left');
    await walk(second.sco, pkg, halfway, pkg.frames.length);
    const verdict = await takeAssessment(second.sco, pkg, 'wrong');
    assert.equal(verdict.passed, false, verdict.text);
    assert.deepEqual(
      await trackerLog(second.sco),
      [],
      'every SetValue accepted (scorm-again checks the notations)',
    );
    await second.sco.click('#sp-finish');
    await waitForLog(second.page, 'scorm2004', 'Terminate');
    const done = (await lms(second.page, 'scorm2004')).cmi;
    await second.close();

    assert.equal(done.completion_status, 'completed');
    assert.equal(done.success_status, 'failed');
    assert.ok(Number(done.score.scaled) < 0.8);
    assert.equal(done.score.max, '100');
    assert.equal(done.exit, 'suspend', 'not passed: the attempt stays resumable');
    assert.equal(done.progress_measure, '1');
    const interactions = Object.values(done.interactions) as Cmi[];
    for (const id of pkg.assessment.itemIds) {
      const found = interactions.find((i) => i.id.endsWith(`/activities/${id}`));
      assert.ok(found, `interaction ${id}`);
      assert.ok(found.learner_response !== '', `${id} response`);
    }
    assert.equal(
      new Set(interactions.map((i) => i.id)).size,
      interactions.length,
      'one interaction per activity',
    );

    // Back once more: the result is there, not a fresh start.
    const third = await open('scorm2004', { cmi: relaunch('scorm2004', done), nested: true });
    assert.match((await third.sco.locator('#sp-verdict').textContent(WAIT)) ?? '', /./);
    await third.close();
  });

  test('a pass: success passed, scaled 1, exit normal, objectives per outcome', async () => {
    const session = await open('scorm2004', {
      cmi: { learner_name: 'A. Learner', scaled_passing_score: '0.8' },
    });
    await walk(session.sco, pkg, 0, pkg.frames.length);
    const verdict = await takeAssessment(session.sco, pkg, 'right');
    assert.ok(verdict.passed, verdict.text);
    await session.sco.click('#sp-finish');
    await waitForLog(session.page, 'scorm2004', 'Terminate');
    const done = (await lms(session.page, 'scorm2004')).cmi;
    await session.close();
    assert.equal(done.success_status, 'passed');
    assert.equal(done.completion_status, 'completed');
    assert.equal(done.score.scaled, '1');
    assert.equal(done.exit, 'normal');
    const objectives = Object.values(done.objectives) as Cmi[];
    assert.deepEqual(objectives.map((o) => o.id).sort(), pkg.outcomes.map((o) => o.id).sort());
    for (const o of objectives) assert.equal(o.success_status, 'passed');
  });

  test('no console errors and no tracker warnings in any launch', () => {
    assert.deepEqual(problems, []);
  });
});
