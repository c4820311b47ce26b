/**
 * The live views in a real browser against a real server: presenter, projector and three phones run
 * through every activity of Module 1 (answer, reload mid-activity, reveal, results, Q&A, black
 * screen, recovery on a second device, merge, end), then a small course runs the activity types
 * Module 1 does not use. axe-core checks the views (WCAG 2.2 AA tags); screenshots go to
 * artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkCourse } from '../../src/content/check-course.ts';
import { parseCourse } from '../../src/content/parse-course.ts';
import { loadCourse } from '../../src/files/read-course-dir.ts';
import type { AnswerKey, PublicActivity } from '../../src/live/activity-view.ts';
import type { PresenterDeck } from '../../src/live/deck.ts';
import type { Lectern } from '../../src/server/app.ts';
import { tinyCourse } from '../fixtures/minimal-course.ts';
import {
  api,
  browserSuite,
  type CreatedSession,
  createSession,
  domId,
  HD,
  INSTRUCTOR_KEY,
  joinSession,
  LAPTOP,
  PHONE,
  putInOrder,
  ROOT,
  runAxe,
  screenshot,
  WAIT,
  waitText,
} from './harness.ts';

interface Entry {
  view: PublicActivity;
  key: AnswerKey | null;
  reveal: string | null;
}
type Deck = PresenterDeck & { activities: Record<string, Entry> };

const suite = browserSuite('lectern-browser-');
const { problems, devices } = suite;

// ── helpers ────────────────────────────────────────────────────────────────────────────────────

async function deckOf(lectern: Lectern, created: CreatedSession): Promise<Deck> {
  return api<Deck>(lectern, 'GET', `/api/sessions/${created.sessionId}/deck`, created.presenterToken);
}

/** Participant `who` answers: 0 all right, 1 partly right, 2 otherwise. Returns the expected score. */
async function answer(page: Page, entry: Entry, who: number, texts: string[]): Promise<number | undefined> {
  const { view, key } = entry;
  const name = domId('a', view.id);
  let expected: number | undefined;
  switch (view.type) {
    case 'sort':
    case 'classify': {
      const cats = (view.categories ?? []).map((c) => c.id);
      const right = key && 'categories' in key ? key.categories : [];
      const chosen = right.map((c, i) => {
        if (who === 0) return c;
        if (who === 1) return i === 0 ? (cats.find((x) => x !== c) ?? c) : c;
        return cats[0] ?? c;
      });
      for (const [i, c] of chosen.entries()) await page.selectOption(`#${domId(name, 'item', i)}`, c);
      expected = chosen.filter((c, i) => c === right[i]).length / right.length;
      break;
    }
    case 'match': {
      const right = key && 'matches' in key ? key.matches : [];
      const n = right.length;
      const chosen = right.map((r, i) =>
        who === 0 ? r : who === 1 ? (right[(i + 1) % n] ?? r) : i < 2 ? r : null,
      );
      for (const [i, r] of chosen.entries()) {
        if (r !== null) await page.selectOption(`#${domId(name, 'left', i)}`, String(r));
      }
      expected = chosen.filter((r, i) => r === right[i]).length / n;
      break;
    }
    case 'open-text':
    case 'short-answer':
      await page.fill(`#${domId(name, 'text')}`, texts[who] ?? 'An answer');
      break;
    case 'poll':
    case 'single-choice':
      await page.check(
        `#${domId(name, 'o', who === 0 && key && 'choice' in key ? key.choice : who % (view.options?.length ?? 1))}`,
      );
      if (key && 'choice' in key)
        expected = who === 0 || who % (view.options?.length ?? 1) === key.choice ? 1 : 0;
      break;
    case 'multiple-choice': {
      const right = key && 'choices' in key ? key.choices : [];
      const picks = who === 0 ? right : who === 1 ? right.slice(0, 1) : [0, 1, 2];
      for (const i of picks) await page.check(`#${domId(name, 'o', i)}`);
      const k = right.length;
      const good = picks.filter((p) => right.includes(p)).length;
      expected = Math.max(0, (good - (picks.length - good)) / k);
      break;
    }
    case 'true-false': {
      const truth = key && 'value' in key ? key.value : true;
      const value = who === 0 ? truth : !truth;
      await page.check(`#${domId(name, 'o', value ? 1 : 0)}`);
      expected = value === truth ? 1 : 0;
      break;
    }
    case 'order': {
      const right = key && 'order' in key ? key.order : [];
      // Move each item of the right order to its position with the "Move up" buttons.
      if (who === 0) {
        await putInOrder(page, name, right);
        expected = 1;
      }
      break;
    }
    case 'qa':
      return undefined;
  }
  await page.click(`#${domId('submit', view.id)}`);
  await waitText(page, `#${domId('answer-state', view.id)}`, 'Your answer is saved');
  return expected;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

// ── Module 1 ───────────────────────────────────────────────────────────────────────────────────

test('Module 1 live: presenter, projector and three phones through every activity', async () => {
  const started = Date.now();
  const loaded = await loadCourse(join(ROOT, 'courses', 'poc-module-1'));
  assert.ok(loaded.course, 'Module 1 loads');
  const { lectern } = await suite.serve(loaded.course, 'module-1.db');
  try {
    const sizes = Object.fromEntries([...(await lectern.bundles())].map(([name, a]) => [name, a.gzipBytes]));
    console.log('bundle sizes (gzip bytes):', sizes);
    assert.ok((sizes['participant.js'] ?? Infinity) <= 60 * 1024, 'participant bundle ≤ 60 KB gzipped');

    // The preparation page starts nothing here but must load and be accessible.
    const prepare = await devices.open(`${lectern.url}/prepare#key=${INSTRUCTOR_KEY}`, LAPTOP, 'prepare');
    await prepare.getByRole('button', { name: 'Start a session' }).waitFor(WAIT);
    await runAxe(prepare, 'prepare');
    await screenshot(prepare, 'prepare-1366');
    await prepare.context().close();

    const created = await createSession(lectern, {
      audience: { level: 'tactical', components: ['military', 'police'] },
      missionPack: 'carana',
    });
    const deck = await deckOf(lectern, created);

    const presenter = await devices.open(created.presenterUrl, LAPTOP, 'presenter');
    const projector = await devices.open(created.projectorUrl, HD, 'projector');
    await waitText(presenter, '.session-line', `Session ${created.code}`);
    await waitText(projector, '.join-code', created.code);

    // French: every string from the catalogue, and the page's language set.
    const french = await devices.open(`${lectern.url}/j/${created.code}?lang=fr`, PHONE, 'phone fr');
    await waitText(french, 'h1', 'Rejoindre la session');
    assert.equal(await french.evaluate(() => document.documentElement.lang), 'fr');
    await runAxe(french, 'participant join (fr)');
    await french.context().close();

    const phones: Page[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await devices.open(`${lectern.url}/j/${created.code}`, PHONE, `phone ${i + 1}`);
      if (i === 0) {
        assert.equal(await page.locator('#join-code').inputValue(), created.code, 'code prefilled');
        await runAxe(page, 'participant join');
        await screenshot(page, 'participant-join-360');
      }
      await joinSession(page, `Participant ${i + 1}`, ['Nepal', 'Senegal', 'Uruguay'][i] ?? '');
      phones.push(page);
    }
    await waitText(presenter, '.roster', '3 joined, 3 connected');
    await runAxe(projector, 'projector (join)');
    await screenshot(projector, 'projector-join-1080');
    await screenshot(projector, 'projector-join-360', { viewport: PHONE });
    // Everyone is in: the presenter closes joining, and the projector gives the slides the whole screen.
    await presenter.click('#joining-toggle');
    await projector.locator('.join-panel').waitFor({ state: 'hidden', ...WAIT });
    await runAxe(presenter, 'presenter (start)');
    await screenshot(presenter, 'presenter-start-1366');

    // Walk the deck with the keyboard; run every activity of every frame.
    const texts: Record<string, string[]> = {
      'act-violence-types': ['Looting', 'looting!', 'Sexual violence'],
      'act-failure-consequences': ['Loss of trust', 'Loss of legitimacy', 'loss of trust'],
      'act-key-messages-recall': ['Host state first', 'Protection is everyone’s task', 'host state first'],
    };
    const seen = new Set<string>();
    const legibility: { frame: string; smallestPx: number; shrunkTablePx: number | null; fits: boolean }[] =
      [];
    let reloaded = false;
    for (let index = 0; index < deck.frames.length; index++) {
      const frame = deck.frames[index];
      assert.ok(frame);
      if (index > 0) {
        await presenter.locator('body').press('ArrowRight');
      }
      await waitText(presenter, '#current-title', frame.title);
      await waitText(phones[0] as Page, '#slide-title', frame.title);
      if (frame.title) await waitText(projector, '.slide-title', frame.title);
      legibility.push({ frame: frame.id, ...(await projectorText(projector)) });
      if (frame.id === 'slide-4') await waitText(presenter, '.note-mission', 'Carana');

      for (const activityId of frame.activityIds) {
        const entry = deck.activities[activityId];
        assert.ok(entry, `activity ${activityId} in the deck`);
        seen.add(entry.view.type);
        await presenter.click(`#${domId('open', activityId)}`);
        for (const phone of phones)
          await waitText(phone, '#activity-title', entry.view.prompt.trim().slice(0, 30));

        if (entry.view.type === 'qa') {
          await runQa(presenter, projector, phones);
          await presenter.click(`#${domId('close', activityId)}`);
          continue;
        }

        const expected: (number | undefined)[] = [];
        for (const [who, phone] of phones.entries())
          expected.push(await answer(phone, entry, who, texts[activityId] ?? []));

        if (!reloaded) {
          // A phone reloads mid-activity: same identity, its answer still there.
          reloaded = true;
          const phone = phones[0] as Page;
          const before = await phone
            .locator('.pick-list select')
            .evaluateAll((s) => s.map((e) => (e as HTMLSelectElement).value));
          await phone.reload();
          await waitText(phone, '.who', 'Joined as Participant 1');
          await waitText(phone, `#${domId('answer-state', activityId)}`, 'Your answer is saved');
          const after = await phone
            .locator('.pick-list select')
            .evaluateAll((s) => s.map((e) => (e as HTMLSelectElement).value));
          assert.deepEqual(after, before, 'the answered state is restored after a reload');
          await runAxe(phone, 'participant (activity answered)');
          await screenshot(phone, 'participant-activity-360');
          await screenshot(phone, 'participant-activity-1080', { viewport: HD });
        }

        await waitText(presenter, '.live-results .responses', 'Responses: 3');
        await waitText(projector, '.activity-panel .responses', 'Responses: 3');
        await checkProjectedResults(projector, entry);
        legibility.push({ frame: `${frame.id} results`, ...(await projectorText(projector)) });

        await presenter.click(`#${domId('close', activityId)}`);
        await presenter.click(`#${domId('reveal', activityId)}`);
        for (const [who, phone] of phones.entries()) {
          await waitText(phone, '.reveal h3', 'The answer');
          const score = expected[who];
          if (score !== undefined && entry.key) await waitText(phone, '.reveal .score', percent(score));
        }
        await projectedAnswer(projector, entry);
        if (entry.view.type === 'match') await screenshot(projector, 'projector-match-1080');
        if (entry.view.type === 'sort' && entry.view.items && entry.view.items.length > 10) {
          await runAxe(projector, 'projector (chart results)');
          await screenshot(projector, 'projector-results-1080');
          await screenshot(projector, 'projector-results-360', { viewport: PHONE });
          await runAxe(presenter, 'presenter (results)');
          await screenshot(presenter, 'presenter-results-1366');
          await screenshot(presenter, 'presenter-results-1080', { viewport: HD });
          await screenshot(presenter, 'presenter-results-360', { viewport: PHONE });
          await runAxe(phones[1] as Page, 'participant (revealed)');
          await screenshot(phones[1] as Page, 'participant-revealed-360');
        }
      }
    }
    for (const type of ['classify', 'sort', 'match', 'open-text', 'qa'])
      assert.ok(seen.has(type), `ran a ${type} activity`);
    console.log('projector at 1080p, smallest text and fit:', legibility);
    for (const l of legibility) {
      assert.ok(l.smallestPx >= 28, `projector text at least 28 px (${l.frame}: ${l.smallestPx})`);
      assert.ok(l.fits, `projector content fits the screen (${l.frame})`);
      assert.ok((l.shrunkTablePx ?? 20) >= 20, `dense tables at least 20 px (${l.frame})`);
    }

    // Black screen from the keyboard, then back.
    await presenter.locator('body').press('b');
    await projector.waitForFunction(() => document.body.classList.contains('is-black'), null, WAIT);
    await waitText(phones[1] as Page, '#slide-title', 'The presenter paused the slides');
    await screenshot(projector, 'projector-black-1080');
    await presenter.locator('body').press('b');
    await projector.waitForFunction(() => !document.body.classList.contains('is-black'), null, WAIT);

    // A second device takes over participant 3 with the recovery code.
    const phone3 = phones[2] as Page;
    await phone3.getByText('Your recovery code').click();
    const recovery = (await phone3.locator('.recovery-code').textContent())?.trim() ?? '';
    assert.match(recovery, /^[A-Z0-9]{6}$/);
    const other = await devices.open(`${lectern.url}/j/${created.code}`, PHONE, 'phone 3b');
    await other.getByText('Use my identity from another device').click();
    await other.getByLabel('Recovery code').fill(recovery);
    await other.getByRole('button', { name: 'Continue with this identity' }).click();
    await waitText(other, '.who', 'Joined as Participant 3');

    // Someone joins twice; the presenter merges the second entry into the first.
    const twice = await devices.open(`${lectern.url}/j/${created.code}`, PHONE, 'phone 1 again');
    await twice.getByLabel('Your name').fill('Participant 1 (new phone)');
    await twice.getByRole('button', { name: 'Join', exact: true }).click();
    await waitText(twice, '[role="alert"]', 'Joining is closed');
    assert.equal(
      await twice.getByLabel('Your name').inputValue(),
      'Participant 1 (new phone)',
      'what was typed stays',
    );
    await presenter.click('#joining-toggle');
    await joinSession(twice, 'Participant 1 (new phone)', 'Nepal');
    await waitText(presenter, '.roster', '4 joined');
    const ids = await presenter
      .locator('#merge-from option')
      .evaluateAll((options) =>
        Object.fromEntries(options.map((o) => [o.textContent ?? '', (o as HTMLOptionElement).value])),
      );
    await presenter.selectOption('#merge-from', ids['Participant 1 (new phone) · Nepal'] ?? '');
    await presenter.selectOption('#merge-into', ids['Participant 1 · Nepal'] ?? '');
    await presenter.getByRole('button', { name: 'Merge', exact: true }).click();
    await waitText(presenter, '.roster', '3 joined');
    await runAxe(presenter, 'presenter (end of deck)');

    await presenter.click('#end-session');
    for (const phone of phones) await waitText(phone, 'h1', 'This session has ended');
    await waitText(projector, '.slide-title', 'The session has ended');
    await runAxe(phones[0] as Page, 'participant (ended)');

    assert.deepEqual(problems, [], 'no console errors, page errors or server errors');
    console.log(`Module 1 run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await devices.closeAll();
    await lectern.close();
  }
});

/** The smallest font size of any visible text on the projector's stage, and whether the stage fits. */
async function projectorText(
  projector: Page,
): Promise<{ smallestPx: number; shrunkTablePx: number | null; fits: boolean }> {
  return projector.evaluate(() => {
    const stage = document.querySelector('.stage') as HTMLElement;
    let smallest = Number.POSITIVE_INFINITY;
    let table: number | null = null;
    for (const element of stage.querySelectorAll<HTMLElement>('*')) {
      const ownText = [...element.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim(),
      );
      if (!ownText || element.closest('.sr-only') || element.getClientRects().length === 0) continue;
      const size = Number.parseFloat(getComputedStyle(element).fontSize);
      if (element.closest('table.shrunk')) table = Math.min(table ?? size, size);
      else smallest = Math.min(smallest, size);
    }
    return { smallestPx: smallest, shrunkTablePx: table, fits: stage.scrollHeight <= stage.clientHeight + 1 };
  });
}

/** The answer on the projector: marks in the chart for sort and classify, else the answer box. */
async function projectedAnswer(projector: Page, entry: Entry): Promise<void> {
  if (['sort', 'classify', 'match', 'order'].includes(entry.view.type) && !entry.reveal) {
    await projector.locator('.results .tag-ok, .results .correct').first().waitFor(WAIT);
  } else await waitText(projector, '.projected-answer h3', 'The answer');
}

async function checkProjectedResults(projector: Page, entry: Entry): Promise<void> {
  switch (entry.view.type) {
    case 'sort':
    case 'classify': {
      const placed = await projector.locator('.chart-grid td li').count();
      assert.equal(placed, entry.view.items?.length, 'every item placed in the projected chart');
      break;
    }
    case 'match':
      assert.equal(await projector.locator('.match-matrix tbody tr').count(), entry.view.lefts?.length);
      break;
    case 'open-text':
    case 'short-answer':
      // Two of the three answers normalise to the same phrase.
      assert.equal(await projector.locator('.cloud li').count(), 2);
      break;
    default:
      await projector.locator('.results').first().waitFor(WAIT);
  }
}

async function runQa(presenter: Page, projector: Page, phones: Page[]): Promise<void> {
  const [p1, p2, p3] = phones as [Page, Page, Page];
  const ask = async (page: Page, text: string) => {
    await page.getByLabel('Ask a question').fill(text);
    await page.getByRole('button', { name: 'Send question' }).click();
    await waitText(page, '.qa [role="status"]', 'Question sent');
  };
  await ask(p1, 'What is the difference between a threat and a risk?');
  await ask(p2, 'Who leads protection in an IDP camp?');
  await ask(p3, 'Please remove this question');
  await waitText(p1, '.board', 'Who leads protection in an IDP camp?');
  await waitText(p1, '.board .question', 'yours');
  await p2
    .getByRole('button', { name: 'Vote for: What is the difference between a threat and a risk?' })
    .click();
  await p3
    .getByRole('button', { name: 'Vote for: What is the difference between a threat and a risk?' })
    .click();
  await p1.getByRole('button', { name: 'Vote for: Who leads protection in an IDP camp?' }).click();
  await waitText(p1, '.board li:first-child', '2 votes');
  await waitText(p2, '.board', 'Voted');
  // Other participants' names never reach a phone.
  assert.equal(await p1.getByText('Participant 2').count(), 0);
  await presenter.getByRole('button', { name: 'Hide: Please remove this question' }).click();
  await waitText(projector, '.board.projected li:first-child', '2 votes');
  await projector.waitForFunction(
    () => !document.body.textContent?.includes('Please remove this question'),
    null,
    WAIT,
  );
  await p2.waitForFunction(
    () => !document.querySelector('.board')?.textContent?.includes('Please remove'),
    null,
    WAIT,
  );
  await presenter
    .getByRole('button', { name: 'Mark answered: Who leads protection in an IDP camp?' })
    .click();
  await waitText(projector, '.board.projected', 'answered');
  await runAxe(projector, 'projector (Q&A)');
  await screenshot(projector, 'projector-qa-1080');
  await runAxe(p1, 'participant (Q&A)');
  await screenshot(p1, 'participant-qa-360');
  await runAxe(presenter, 'presenter (Q&A)');
}

// ── the other activity types ───────────────────────────────────────────────────────────────────

const KINDS = `---
id: kinds
number: 2
title: Every kind of activity
---

:::slide{#slide-3 minutes=1 outcomes="LO1"}
# Choices
- A poll, a single choice, a multiple choice, true or false
:::

:::activity{#act-poll type=poll outcomes="LO1"}
prompt: Which threat do you meet most often?
options: [Looting, Abduction, Forced displacement]
:::

:::activity{#act-single type=single-choice outcomes="LO1"}
prompt: Who has the primary responsibility to protect civilians?
options:
  - { text: The host state, correct: true }
  - { text: The ICRC }
  - { text: NGOs }
reveal: The host state always has the primary responsibility.
:::

:::activity{#act-multi type=multiple-choice outcomes="LO1"}
prompt: Which are threats to property?
options:
  - { text: Looting, correct: true }
  - { text: Illegal taxation, correct: true }
  - { text: Abduction }
:::

:::activity{#act-tf type=true-false outcomes="LO1"}
prompt: Peacekeepers may protect civilians from small-scale attacks.
answer: true
:::

:::slide{#slide-4 minutes=1 outcomes="LO2"}
# Words and order
:::

:::activity{#act-short type=short-answer outcomes="LO2"}
prompt: In one sentence, why does failure to protect matter?
maxLength: 120
answer: It costs the mission its legitimacy.
:::

:::activity{#act-order type=order outcomes="LO2"}
prompt: Put these steps in order.
items: [Monitor, Warn, Respond, Report]
:::
`;

test('every other activity type: answer on phones, results, reveal', async () => {
  const checked = checkCourse(parseCourse(tinyCourse({ 'sections/02-kinds.md': KINDS })));
  assert.ok(checked.course, JSON.stringify(checked.problems));
  const { lectern } = await suite.serve(checked.course, 'kinds.db');
  try {
    const created = await createSession(lectern);
    const deck = await deckOf(lectern, created);
    const presenter = await devices.open(created.presenterUrl, LAPTOP, 'kinds presenter');
    const projector = await devices.open(created.projectorUrl, HD, 'kinds projector');
    const phones: Page[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await devices.open(`${lectern.url}/j/${created.code}`, PHONE, `kinds phone ${i + 1}`);
      await joinSession(page, `Learner ${i + 1}`, 'Ghana');
      phones.push(page);
    }
    const types = new Set<string>();
    for (const [index, frame] of deck.frames.entries()) {
      if (frame.activityIds.length === 0) continue;
      await presenter.selectOption('#goto-select', String(index));
      await waitText(presenter, '#current-title', frame.title);
      for (const activityId of frame.activityIds) {
        const entry = deck.activities[activityId];
        assert.ok(entry);
        types.add(entry.view.type);
        await presenter.click(`#${domId('open', activityId)}`);
        for (const phone of phones) await waitText(phone, '#activity-title', entry.view.prompt);
        const expected: (number | undefined)[] = [];
        const texts = ['Legitimacy is lost', 'Trust is lost', 'legitimacy is lost'];
        for (const [who, phone] of phones.entries()) {
          if (entry.view.type === 'short-answer' && who === 2) {
            // The network drops: the answer waits in the outbox and goes when the network is back.
            await phone.context().setOffline(true);
            await waitText(phone, '.conn', 'Offline');
            await phone.fill(`#${domId('a', activityId, 'text')}`, texts[who] ?? '');
            await phone.click(`#${domId('submit', activityId)}`);
            await waitText(phone, `#${domId('answer-state', activityId)}`, 'Waiting for the network');
            await phone.waitForTimeout(1000);
            assert.match(
              (await phone.locator(`#${domId('answer-state', activityId)}`).textContent()) ?? '',
              /Waiting for the network/,
              'not acknowledged while offline',
            );
            const back = Date.now();
            await phone.context().setOffline(false);
            await waitText(phone, `#${domId('answer-state', activityId)}`, 'Your answer is saved');
            console.log(`answer saved ${Date.now() - back} ms after the network came back`);
            expected.push(undefined);
            continue;
          }
          expected.push(await answer(phone, entry, who, texts));
        }
        await waitText(presenter, '.live-results .responses', 'Responses: 3');
        await waitText(projector, '.activity-panel .responses', 'Responses: 3');
        if (['poll', 'single-choice', 'multiple-choice', 'true-false'].includes(entry.view.type)) {
          await projector.locator('.bars .bar-row').first().waitFor(WAIT);
        }
        if (entry.view.type === 'order') await projector.locator('.order-results li').first().waitFor(WAIT);
        if (entry.view.type === 'order') {
          await runAxe(phones[1] as Page, 'participant (order)');
          await screenshot(phones[1] as Page, 'participant-order-360');
        }
        if (entry.view.type === 'multiple-choice') {
          await runAxe(phones[1] as Page, 'participant (multiple choice)');
          await runAxe(projector, 'projector (bars)');
          await screenshot(projector, 'projector-bars-1080');
        }
        await presenter.click(`#${domId('reveal', activityId)}`);
        for (const [who, phone] of phones.entries()) {
          await waitText(phone, '.reveal h3', 'The answer');
          const score = expected[who];
          if (score !== undefined && entry.key) await waitText(phone, '.reveal .score', percent(score));
        }
        await projectedAnswer(projector, entry);
      }
    }
    // Reset the last activity: its answers are gone, on the phones as on the server.
    const last = deck.frames.flatMap((f) => f.activityIds).at(-1) ?? '';
    await presenter.click(`#${domId('reset', last)}`);
    await waitText(presenter, '.live-results .responses', 'Responses: 0');
    for (const phone of phones) {
      await waitText(phone, `#${domId('submit', last)}`, 'Send my answer');
      assert.equal(await phone.locator('.reveal').count(), 0);
    }

    for (const type of ['poll', 'single-choice', 'multiple-choice', 'true-false', 'short-answer', 'order']) {
      assert.ok(types.has(type), `ran a ${type} activity`);
    }
    assert.deepEqual(problems, [], 'no console errors, page errors or server errors');
  } finally {
    await devices.closeAll();
    await lectern.close();
  }
});
