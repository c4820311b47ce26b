/**
 * The self-paced course in a real browser against a real server: a learner registers on `/learn`, goes
 * through slides on a phone, answers an activity, reloads (same slide, same answer), then loses the
 * network: the rest of the slides, a reload served by the service worker, the assessment and its result
 * all happen offline. Back online, the server holds the final progress, score and pass once. axe-core
 * checks the player (WCAG 2.2 AA); screenshots go to artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { loadCourse } from '../../src/files/read-course-dir.ts';
import { scoreAssessment } from '../../src/selfpaced/score-attempt.ts';
import type {
  SelfPacedActivity,
  SelfPacedPackage,
  SelfPacedProgress,
} from '../../src/selfpaced/self-paced-package.ts';
import type { Lectern } from '../../src/server/app.ts';
import {
  browserSuite,
  domId,
  LAPTOP,
  PHONE,
  putInOrder,
  ROOT,
  runAxe,
  screenshot,
  startServerWithCourse,
  WAIT,
  waitText,
  watchErrors,
} from './harness.ts';

const STORAGE_KEY = 'lectern.selfPaced.poc-module-1';

const suite = browserSuite('lectern-self-paced-');
const { problems } = suite;

// ── helpers ────────────────────────────────────────────────────────────────────────────────────

async function frameTitle(page: Page, title: string): Promise<void> {
  await waitText(page, 'h2#sp-frame-title', title);
}

/** Answers with the key (`right`) or with something wrong; returns nothing for types without a key. */
async function answer(page: Page, entry: SelfPacedActivity, right: boolean): Promise<void> {
  const { view, key } = entry;
  const name = domId('a', view.id);
  switch (view.type) {
    case 'sort':
    case 'classify': {
      const cats = (view.categories ?? []).map((c) => c.id);
      const keyed = key && 'categories' in key ? key.categories : [];
      for (const [i, c] of keyed.entries()) {
        const chosen = right ? c : (cats.find((x) => x !== c) ?? c);
        await page.selectOption(`#${domId(name, 'item', i)}`, chosen);
      }
      break;
    }
    case 'match': {
      const keyed = key && 'matches' in key ? key.matches : [];
      for (const [i, r] of keyed.entries()) {
        const chosen = right ? r : keyed[(i + 1) % keyed.length];
        await page.selectOption(`#${domId(name, 'left', i)}`, String(chosen));
      }
      break;
    }
    case 'open-text':
    case 'short-answer':
      await page.fill(`#${domId(name, 'text')}`, right && key && 'text' in key ? key.text : 'Not sure');
      break;
    case 'poll':
    case 'single-choice': {
      const n = view.options?.length ?? 1;
      const correct = key && 'choice' in key ? key.choice : 0;
      await page.check(`#${domId(name, 'o', right ? correct : (correct + 1) % n)}`);
      break;
    }
    case 'multiple-choice': {
      const keyed = key && 'choices' in key ? key.choices : [];
      const picks = right ? keyed : (view.options ?? []).map((_, i) => i).filter((i) => !keyed.includes(i));
      for (const i of picks) await page.check(`#${domId(name, 'o', i)}`);
      break;
    }
    case 'true-false': {
      const truth = key && 'value' in key ? key.value : true;
      await page.check(`#${domId(name, 'o', (right ? truth : !truth) ? 1 : 0)}`);
      break;
    }
    case 'order': {
      const keyed = key && 'order' in key ? key.order : [];
      if (right) await putInOrder(page, name, keyed);
      break;
    }
    case 'qa':
      break;
  }
}

interface LocalState {
  name: string;
  attemptId: string | null;
  token: string | null;
  progress: SelfPacedProgress | null;
  synced: number;
}

async function local(page: Page): Promise<LocalState> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  assert.ok(raw, 'progress kept in localStorage');
  return JSON.parse(raw) as LocalState;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function put(lectern: Lectern, attemptId: string, token: string, progress: SelfPacedProgress) {
  const response = await fetch(`${lectern.url}/api/self-paced/attempts/${attemptId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(progress),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as { status: 'saved' | 'stale'; revision: number };
}

// ── the test ───────────────────────────────────────────────────────────────────────────────────

test('self-paced Module 1: register, answer, reload, go offline to the result, sync once online', async () => {
  const started = Date.now();
  const loaded = await loadCourse(join(ROOT, 'courses', 'poc-module-1'));
  assert.ok(loaded.course, 'Module 1 loads');
  const { lectern, store } = await suite.serve(loaded.course, 'self-paced.db');
  const context = await suite.browser.newContext({ viewport: PHONE, locale: 'en-GB' });
  let offline = false;
  try {
    const sizes = Object.fromEntries([...(await lectern.bundles())].map(([n, a]) => [n, a.gzipBytes]));
    console.log('self-paced bundle (gzip bytes):', sizes['self-paced.js'], 'service worker:', sizes['sw.js']);
    assert.ok((sizes['self-paced.js'] ?? Infinity) <= 40 * 1024, 'self-paced bundle ≤ 40 KB gzipped');

    const pkg = (await (await fetch(`${lectern.url}/api/self-paced/package`)).json()) as SelfPacedPackage;
    const frames = pkg.frames;
    const classifyAt = frames.findIndex((f) => f.activityIds.includes('act-opportunistic-strategic'));
    assert.ok(classifyAt > 0);

    const page = await context.newPage();
    const puts: string[] = [];
    watchErrors(page, problems, 'page', {
      // Requests refused by the offline emulation are expected while offline.
      expectedConsole: (message) => offline && /ERR_INTERNET_DISCONNECTED/.test(message.text()),
    });
    page.on('request', (request) => {
      if (request.method() === 'PUT') puts.push(request.url());
    });

    // Register.
    await page.goto(`${lectern.url}/learn`);
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor(WAIT);
    await runAxe(page, 'self-paced registration');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitText(page, '#sp-name-problem', 'Write your name first.');
    await page.getByLabel('Your name').fill('Amina Diallo');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await frameTitle(page, frames[0]?.title ?? '');
    await waitText(page, '.sp-head', 'Learning as Amina Diallo');
    await waitText(page, '.sp-progress-label', `Slide 1 of ${frames.length}`);
    await runAxe(page, 'self-paced first slide');

    // A few slides, to the classify activity.
    for (let i = 1; i <= classifyAt; i++) {
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await frameTitle(page, frames[i]?.title ?? '');
    }
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'sp-frame-title',
      'the focus moves to the new slide’s title',
    );
    const classify = pkg.activities['act-opportunistic-strategic'];
    assert.ok(classify);
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await waitText(page, `#${domId('sp-problem', classify.view.id)}`, 'Place at least one item first.');
    await answer(page, classify, true);
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await waitText(page, `#${domId('sp-activity', classify.view.id)} .reveal`, 'Your result: 100%');
    await waitText(
      page,
      `#${domId('sp-activity', classify.view.id)} .reveal-text`,
      'Opportunistic violence results',
    );
    await waitText(page, '#sp-sync', /^Saved$/);
    await runAxe(page, 'self-paced activity answered');
    await screenshot(page, 'self-paced-activity-phone');

    // Reload: the same slide with the answer.
    const beforeReload = await local(page);
    assert.equal(beforeReload.progress?.frame, classifyAt);
    await page.reload();
    await frameTitle(page, frames[classifyAt]?.title ?? '');
    await waitText(page, `#${domId('sp-activity', classify.view.id)} .reveal`, 'Your result: 100%');
    assert.equal(
      await page.locator(`#${domId('sp-check', classify.view.id)}`).count(),
      0,
      'no form again: it was answered',
    );
    const attemptId = beforeReload.attemptId;
    const token = beforeReload.token;
    assert.ok(attemptId && token, 'the attempt was created on the server');
    const online = await until('the server to have the answer', async () => {
      const stored = await store.getSelfPacedAttempt(attemptId);
      return stored?.progress?.answers['act-opportunistic-strategic'] ? stored : undefined;
    });
    assert.equal(online.name, 'Amina Diallo');
    assert.equal(online.progress?.frame, classifyAt);
    assert.equal(online.completedAt, null);

    // The service worker controls the page: it can be reopened offline.
    assert.equal(
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        return navigator.serviceWorker.controller?.scriptURL ?? null;
      }),
      `${lectern.url}/sw.js`,
    );

    // Offline: the rest of the slides, answering every activity.
    offline = true;
    // Chromium's offline emulation lets keepalive requests (sent as a page unloads) through, which a
    // dead network would not: while "offline", requests to the server are also refused outright.
    await context.route(`${lectern.url}/api/**`, (route) => route.abort('internetdisconnected'));
    await context.setOffline(true);
    await waitText(page, '#sp-sync', 'Offline');
    const revisionAtOffline = (await store.getSelfPacedAttempt(attemptId))?.revision ?? 0;
    for (let i = classifyAt + 1; i < frames.length; i++) {
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      const frame = frames[i];
      assert.ok(frame);
      await frameTitle(page, frame.title);
      for (const id of frame.activityIds) {
        const entry = pkg.activities[id];
        if (!entry || entry.view.type === 'qa') continue;
        await answer(page, entry, true);
        await page.locator(`#${domId('sp-check', id)}`).click();
        await waitText(page, `#${domId('sp-activity', id)} .reveal`, 'The answer');
      }
    }
    await waitText(page, '.sp-note-key-points h3', 'Key points');
    await page.setViewportSize(LAPTOP);
    await runAxe(page, 'self-paced last slide (laptop)');
    await screenshot(page, 'self-paced-key-points-1366');
    await page.setViewportSize(PHONE);

    // The assessment, offline.
    await page.getByRole('button', { name: 'Go to the assessment' }).click();
    await frameTitle(page, 'Session assessment');
    await waitText(page, '.sp-assessment', `${pkg.assessment.itemIds.length} questions. You have 8 minutes`);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await waitText(page, '#sp-timer', /Time left: [78]:\d\d/);
    const ids = pkg.assessment.itemIds;
    const wrong = ids.find((id) => pkg.assessment.items[id]?.view.type === 'single-choice');
    assert.ok(wrong);
    const half = Math.ceil(ids.length / 2);
    for (const id of ids.slice(0, half)) {
      const entry = pkg.assessment.items[id];
      assert.ok(entry);
      await answer(page, entry, id !== wrong);
    }
    // Reopen the page offline, halfway: the service worker serves it and the answers are back.
    await page.locator('#sp-timer').click(); // leaves the text fields, so that their change is saved
    const reloaded = await page.reload();
    assert.ok(reloaded?.fromServiceWorker(), 'the page comes from the service worker');
    await frameTitle(page, 'Session assessment');
    const wrongEntry = pkg.assessment.items[wrong];
    assert.ok(wrongEntry);
    const wrongChoice =
      ((wrongEntry.key && 'choice' in wrongEntry.key ? wrongEntry.key.choice : 0) + 1) %
      (wrongEntry.view.options?.length ?? 1);
    assert.ok(await page.locator(`#${domId('a', wrong, 'o', wrongChoice)}`).isChecked(), 'answers kept');
    for (const id of ids.slice(half)) {
      const entry = pkg.assessment.items[id];
      assert.ok(entry);
      await answer(page, entry, true);
    }
    await runAxe(page, 'self-paced assessment');
    await screenshot(page, 'self-paced-assessment-phone');
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await frameTitle(page, 'Your result');

    const final = await local(page);
    assert.ok(final.progress);
    const expected = scoreAssessment(pkg, final.progress.answers);
    assert.equal(expected.scored, 8);
    assert.equal(expected.score, 7 / 8);
    assert.equal(expected.passed, true);
    assert.equal(final.progress.assessment.score, expected.score);
    assert.equal(final.progress.assessment.passed, true);
    await waitText(page, '#sp-score', 'Score: 88%');
    await waitText(page, '#sp-verdict', 'Passed. The pass mark is 80%.');
    assert.equal(await page.locator('.sp-outcomes tbody tr').count(), 5);
    await runAxe(page, 'self-paced result');
    await screenshot(page, 'self-paced-result-phone');
    await screenshot(page, 'self-paced-result-1366', { viewport: LAPTOP });
    assert.match((await page.locator('#sp-sync').textContent()) ?? '', /Offline/);
    // Chromium's offline emulation is not airtight under load: a request made as a page reloads can
    // still reach the server (seen twice in 10 CI runs). What must hold is what a learner sees: the
    // result above was computed offline, and below, the server ends with the final progress once.
    const whileOffline = await store.getSelfPacedAttempt(attemptId);
    assert.ok((whileOffline?.revision ?? 0) >= revisionAtOffline);

    // Back online: the latest progress goes, once.
    const putsBefore = puts.length;
    offline = false;
    await context.unroute(`${lectern.url}/api/**`);
    await context.setOffline(false);
    const synced = await until('the final progress on the server', async () => {
      const stored = await store.getSelfPacedAttempt(attemptId);
      return stored && stored.revision === final.progress?.revision ? stored : undefined;
    });
    await waitText(page, '#sp-sync', /^Saved$/);
    assert.deepEqual(synced.progress, final.progress);
    assert.equal(synced.score, expected.score);
    assert.equal(synced.passed, true);
    assert.ok(synced.completedAt && synced.completedAt >= started);
    assert.ok(
      puts.length - putsBefore <= 2,
      `saves made offline are sent as one: ${puts.length - putsBefore}`,
    );
    // Every answer is stored once, the slide activity's with its first time.
    const answered = Object.keys(synced.progress?.answers ?? {});
    assert.equal(new Set(answered).size, answered.length);
    assert.deepEqual(
      synced.progress?.answers['act-opportunistic-strategic'],
      beforeReload.progress?.answers['act-opportunistic-strategic'],
    );
    for (const id of ids) assert.ok(answered.includes(id), `assessment answer ${id} stored`);

    // Replays are stale: the older progress and the final one again change nothing.
    assert.ok(beforeReload.progress);
    assert.deepEqual(await put(lectern, attemptId, token, beforeReload.progress), {
      status: 'stale',
      revision: final.progress.revision,
    });
    assert.equal((await put(lectern, attemptId, token, final.progress)).status, 'stale');
    assert.deepEqual(await store.getSelfPacedAttempt(attemptId), synced);
    const viaApi = await fetch(`${lectern.url}/api/self-paced/attempts/${attemptId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const view = (await viaApi.json()) as { revision: number; score: number; tokenHash?: string };
    assert.equal(view.revision, final.progress.revision);
    assert.equal(view.score, expected.score);
    assert.equal(view.tokenHash, undefined, 'the token hash is not sent');
    const refused = await fetch(`${lectern.url}/api/self-paced/attempts/${attemptId}`, {
      headers: { authorization: 'Bearer not-the-token' },
    });
    assert.equal(refused.status, 403);

    assert.deepEqual(problems, [], 'no console errors, page errors or server errors');
    console.log(`self-paced browser test: ${Date.now() - started} ms`);
  } finally {
    await context.close();
    await lectern.close();
  }
});

test('self-paced API: attempts, tokens, validation, revisions, the server’s own score', async () => {
  const loaded = await loadCourse(join(ROOT, 'courses', 'poc-module-1'));
  assert.ok(loaded.course);
  const { lectern, store } = await startServerWithCourse(loaded.course, {
    database: ':memory:',
    problems,
    instructorKey: 'instructor-key-for-api-tests',
  });
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${lectern.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  try {
    const page = await fetch(`${lectern.url}/learn`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script type="module" src="\/assets\/self-paced\.js">/);
    const sw = await fetch(`${lectern.url}/sw.js`);
    assert.equal(sw.status, 200);
    assert.match(sw.headers.get('content-type') ?? '', /javascript/);

    const pkg = (await call('GET', '/api/self-paced/package')).body as unknown as SelfPacedPackage;
    assert.equal(pkg.courseId, 'poc-module-1');
    assert.ok(!JSON.stringify(pkg.frames).includes('Loss of legitimacy'));

    assert.equal((await call('POST', '/api/self-paced/attempts', { name: '  ' })).status, 400);
    assert.equal((await call('POST', '/api/self-paced/attempts', { name: 'x'.repeat(61) })).status, 400);
    const created = await call('POST', '/api/self-paced/attempts', { name: ' Jean Dupont ' });
    assert.equal(created.status, 201);
    const { attemptId, token } = created.body as { attemptId: string; token: string };
    assert.equal((await store.getSelfPacedAttempt(attemptId))?.name, 'Jean Dupont');

    const path = `/api/self-paced/attempts/${attemptId}`;
    assert.equal((await call('GET', path)).status, 401);
    assert.equal((await call('GET', path, undefined, 'wrong')).status, 403);
    assert.equal((await call('GET', '/api/self-paced/attempts/sp_unknown', undefined, token)).status, 404);
    const fresh = await call('GET', path, undefined, token);
    assert.deepEqual(
      { revision: fresh.body.revision, progress: fresh.body.progress, name: fresh.body.name },
      { revision: 0, progress: null, name: 'Jean Dupont' },
    );

    const progress = (revision: number, extra: Partial<SelfPacedProgress> = {}): SelfPacedProgress => ({
      revision,
      frame: 1,
      seen: [0, 1],
      answers: {},
      assessment: { startedAt: null, submittedAt: null, score: null, passed: null },
      ...extra,
    });
    assert.deepEqual((await call('PUT', path, progress(2), token)).body, { status: 'saved', revision: 2 });
    assert.deepEqual((await call('PUT', path, progress(1), token)).body, { status: 'stale', revision: 2 });
    assert.deepEqual((await call('PUT', path, progress(2), token)).body, { status: 'stale', revision: 2 });
    assert.equal((await call('PUT', path, { ...progress(3), frame: 999 }, token)).status, 400);
    assert.equal((await call('PUT', path, { ...progress(3), extra: 1 }, token)).status, 400);
    const bad = progress(3, {
      answers: { 'act-opportunistic-strategic': { response: { choice: 0 }, score: 1, at: 1 } },
    });
    assert.equal((await call('PUT', path, bad, token)).status, 422);
    const unknown = progress(3, {
      answers: { 'no-such-activity': { response: { choice: 0 }, score: 1, at: 1 } },
    });
    assert.equal((await call('PUT', path, unknown, token)).status, 422);
    assert.equal((await call('PUT', path, progress(3), 'wrong')).status, 403);

    // A submitted assessment is scored by the server from the answers, whatever the client claims.
    const answers: SelfPacedProgress['answers'] = {};
    for (const id of pkg.assessment.itemIds) {
      const key = pkg.assessment.items[id]?.key;
      if (key && !('text' in key)) answers[id] = { response: key, score: null, at: 5 };
    }
    const claimed = progress(4, {
      frame: pkg.frames.length,
      answers,
      assessment: { startedAt: 1, submittedAt: 2, score: 0.1, passed: false },
    });
    assert.deepEqual((await call('PUT', path, claimed, token)).body, { status: 'saved', revision: 4 });
    const stored = await store.getSelfPacedAttempt(attemptId);
    assert.equal(stored?.score, 1);
    assert.equal(stored?.passed, true);
    assert.ok(stored?.completedAt);
    assert.deepEqual(stored?.progress, claimed);
    assert.deepEqual(problems, []);
  } finally {
    await lectern.close();
  }
});

test('self-paced retake: a failed assessment may be taken again up to the blueprint’s attempts', async () => {
  const loaded = await loadCourse(join(ROOT, 'courses', 'poc-module-1'));
  assert.ok(loaded.course, 'Module 1 loads');
  const { lectern, store } = await suite.serve(loaded.course, 'self-paced-retake.db');
  const context = await suite.browser.newContext({ viewport: LAPTOP, locale: 'en-GB' });
  try {
    const pkg = (await (await fetch(`${lectern.url}/api/self-paced/package`)).json()) as SelfPacedPackage;
    assert.equal(pkg.assessment.attempts, 2);
    const page = await context.newPage();
    watchErrors(page, problems, 'retake');
    await page.goto(`${lectern.url}/learn`);
    await page.getByLabel('Your name').fill('Bruno Silva');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await frameTitle(page, pkg.frames[0]?.title ?? '');

    /** Goes to the assessment through the contents, starts it and submits it unanswered: a fail. */
    const sitAndFail = async () => {
      await page.locator('.sp-contents summary').click();
      await page.locator('.sp-contents li').last().getByRole('button').click();
      await frameTitle(page, 'Session assessment');
      await page.getByRole('button', { name: 'Start the assessment' }).click();
      await page.getByRole('button', { name: 'Submit my answers' }).click();
      await page.getByRole('button', { name: 'Submit anyway' }).click();
      await frameTitle(page, 'Your result');
      await waitText(page, '#sp-verdict', 'Not passed');
    };
    await sitAndFail();
    await page.getByRole('button', { name: 'Take the assessment again (attempt 2 of 2)' }).click();
    await frameTitle(page, 'Session assessment');
    await page.getByRole('button', { name: 'Start the assessment' }).waitFor(WAIT);
    const progress = (await local(page)).progress;
    assert.ok(progress);
    assert.equal(progress.assessment.attempt, 2);
    assert.equal(progress.assessment.submittedAt, null);
    assert.ok(
      pkg.assessment.itemIds.every((id) => !(id in progress.answers)),
      'the first sitting’s answers are gone',
    );

    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByRole('button', { name: 'Submit anyway' }).click();
    await frameTitle(page, 'Your result');
    assert.equal(await page.locator('#sp-retake').count(), 0, 'no third attempt');
    await runAxe(page, 'self-paced result after the last attempt');
    // The server holds the second sitting.
    await waitText(page, '#sp-sync', /^Saved$/);
    const { attemptId } = await local(page);
    const stored = await store.getSelfPacedAttempt(attemptId ?? '');
    assert.equal(stored?.progress?.assessment.attempt, 2);
    assert.notEqual(stored?.progress?.assessment.submittedAt, null);
    assert.equal(stored?.passed, false);
  } finally {
    await context.close();
    await lectern.close();
  }
});
