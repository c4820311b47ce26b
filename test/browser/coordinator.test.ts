/**
 * The coordinator's records in a real browser against a real server: a live session is run over
 * WebSocket first (three participants, the assessment); then the coordinator signs in on `/records`,
 * creates a cohort, imports a roster with mistakes (problems by line and column, nothing imported), then a
 * good one, delivers the session to the cohort, links the participant the roster could not match, sees
 * the results, issues certificates and revokes one, which the public verification page then shows.
 * axe-core checks every screen (WCAG 2.2 AA); screenshots go to artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Item } from '../../src/content/model.ts';
import { answerKey } from '../../src/live/activity-view.ts';
import type { Response } from '../../src/live/protocol.ts';
import type { Lectern } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import type { Store } from '../../src/store/store.ts';
import {
  type Client,
  clientId,
  command,
  createSession,
  INSTRUCTOR_KEY,
  moduleOne,
  participant,
  presenter,
} from '../live/harness.ts';
import { browserSuite, LAPTOP, runAxe, screenshot, WAIT, waitText, watchErrors } from './harness.ts';

const PASSWORD = 'a coordinator password';

const suite = browserSuite('lectern-coordinator-');
const { problems } = suite;
let store: Store;
let lectern: Lectern;

before(async () => {
  ({ lectern, store } = await suite.serve(await moduleOne(), 'lectern.sqlite', {
    instructorKey: INSTRUCTOR_KEY,
    dataDir: suite.directory,
  }));
  suite.atEnd(() => lectern.close());
  await store.createAccount({
    id: 'a_coord',
    username: 'coord',
    displayName: 'Awa Coordinator',
    passwordHash: await hashPassword(PASSWORD),
    role: 'coordinator',
    createdAt: Date.now(),
  });
});

// ── helpers ────────────────────────────────────────────────────────────────────────────────────

/** Chooses `csv` as the roster file roster.csv and imports it. */
async function importRoster(page: Page, csv: string): Promise<void> {
  await page.setInputFiles('#roster-file', {
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.click('#roster-import');
}

async function correct(item: Item): Promise<Response> {
  if (item.type === 'short-answer') return { text: item.answer ?? 'answer' };
  return answerKey(item, await moduleOne()) as Response;
}

async function answer(client: Client, activityId: string, response: Response): Promise<void> {
  const reply = await client.request({ type: 'answer', clientId: clientId(), activityId, response });
  assert.equal(reply.type, 'ack', JSON.stringify(reply));
}

const BAD_ROSTER = `name,rank,service number,component
Amina Diallo,Captain,SN-10021,military
Ben Okafor,,,astronaut
`;

const GOOD_ROSTER = `Name,Rank,Service number,Component,Contingent,Mission
Amina Diallo,Captain,SN-10021,Military,Senegal,MINUSMA
Ben Okafor,Inspector,PN-3341,Police,Nigeria,UNMISS
Kofi Mensah,Major,GH-7781,military,Ghana,UNMISS
`;

// ── the test ───────────────────────────────────────────────────────────────────────────────────

test('coordinator: sign in, import a roster, deliver a session, see results, certificates', async () => {
  const { browser } = suite;
  const url = lectern.url;
  const course = await moduleOne();

  // A delivered session: Amina answers everything right, Ben answers a little, "Kofi M." is not matched.
  const session = await createSession(url);
  const host = await presenter(url, session);
  const amina = await participant(url, session, 'Amina Diallo');
  const ben = await participant(url, session, 'Ben Okafor');
  const kofi = await participant(url, session, 'K. M.');
  await command(host, { command: 'assessment', action: 'open' });
  const state = await amina.client.next('state', (m) => m.session.assessment?.status === 'open');
  const items = (state.session.assessment?.itemIds ?? []).map(
    (id) => course.items.find((i) => i.id === id) as Item,
  );
  for (const item of items) await answer(amina.client, item.id, await correct(item));
  const first = items[0] as Item;
  await answer(ben.client, first.id, await correct(first));
  for (const item of items.filter((i) => i.type === 'short-answer'))
    await command(host, {
      command: 'mark',
      participantId: amina.you.participantId,
      itemId: item.id,
      score: 1,
    });
  await command(host, { command: 'assessment', action: 'close' });
  await command(host, { command: 'end' });
  for (const c of [host, amina.client, ben.client, kofi.client]) c.close();

  const context = await browser.newContext({ viewport: LAPTOP, locale: 'en-GB', acceptDownloads: true });
  const page = await context.newPage();
  const expected = [/\/api\/auth\/me$/, /\/api\/auth\/login$/, /\/roster$/];
  watchErrors(page, problems, 'page', {
    expectedConsole: (message) => /status of (401|422)/.test(message.text()),
    expectedResponse: (response) => expected.some((e) => e.test(response.url())),
  });

  // Sign in.
  await page.goto(`${url}/records`);
  await page.locator('#login-username').waitFor(WAIT);
  assert.equal(await page.title(), 'Lectern: training records');
  await runAxe(page, 'sign-in');
  await page.click('#login-submit');
  await waitText(page, '#co-error', 'Enter your username and your password.');
  await page.fill('#login-username', 'coord');
  await page.fill('#login-password', 'not the password');
  await page.click('#login-submit');
  await waitText(page, '#co-error', 'The username or the password is not right.');
  await runAxe(page, 'sign-in with an error');
  await screenshot(page, 'coordinator-sign-in', { fullPage: true });
  await page.fill('#login-password', PASSWORD);
  await page.click('#login-submit');
  await waitText(page, 'h2#cohorts-title', 'Cohorts');
  await waitText(page, '.co-who', 'Signed in as Awa Coordinator (coordinator)');
  await runAxe(page, 'no cohort yet');

  // A cohort.
  await page.fill('#cohort-name', 'POC course, March');
  await page.fill('#cohort-place', 'Accra, Ghana');
  await page.fill('#cohort-centre', 'KAIPTC');
  await page.click('#cohort-create');
  await waitText(page, 'h2#cohort-title', 'POC course, March');

  // A roster with mistakes: nothing imported, the problems by line and column.
  await importRoster(page, BAD_ROSTER);
  await waitText(page, '#roster-problems', 'Nothing was imported from roster.csv');
  const problemRows = await page.locator('#roster-problems tbody tr').allInnerTexts();
  assert.equal(problemRows.length, 1, problemRows.join('\n'));
  assert.match(problemRows[0] ?? '', /^3\s+4\s+Line 3, column 4 \(component\): "astronaut" is not military/);
  await waitText(page, '#main', 'Nobody on the roster yet.');
  assert.equal(await page.locator('#roster-problems').evaluate((e) => e === document.activeElement), true);
  await runAxe(page, 'roster problems');
  await screenshot(page, 'coordinator-roster-problems', { fullPage: true });

  // The corrected roster.
  await importRoster(page, GOOD_ROSTER);
  await waitText(page, '#roster-title', 'Roster (3)');
  assert.equal(await page.locator('#roster-table tbody tr').count(), 3);
  assert.equal(await page.locator('#roster-problems').count(), 0);

  // Deliver the session: two are matched by name, one is linked by hand.
  await page.selectOption('#deliver-session', session.sessionId);
  await page.click('#deliver-button');
  const sessionBlock = `#session-${session.sessionId.replace(/[^\w-]/g, '_')}`;
  await waitText(page, `${sessionBlock}-title`, `Session ${session.code}`);
  await waitText(page, '.co-unmatched', 'Participants to link to the roster (1)');
  const linkSelect = `#link-${kofi.you.participantId.replace(/[^\w-]/g, '_')}`;
  const kofiEntry = await page
    .locator(`${linkSelect} option`, { hasText: 'Kofi Mensah' })
    .getAttribute('value');
  await page.selectOption(linkSelect, kofiEntry ?? '');
  await page.getByRole('button', { name: 'Link K. M.' }).click();
  await waitText(page, `${sessionBlock}-results`, 'Kofi Mensah');
  assert.equal(await page.locator('.co-unmatched').count(), 0);

  // Results.
  const rows = await page.locator(`${sessionBlock}-results tbody tr`).allInnerTexts();
  const aminaRow = rows.find((r) => r.startsWith('Amina Diallo')) ?? '';
  assert.match(aminaRow, /Captain\s+100%\s+100%\s+Yes\s+Yes/, aminaRow);
  const benRow = rows.find((r) => r.startsWith('Ben Okafor')) ?? '';
  assert.match(benRow, /Inspector\s+\d+%\s+\d+%[\s\S]*No\s+No/, benRow);
  await waitText(page, `${sessionBlock} .co-mastery`, 'LO1');
  assert.equal(await page.locator(`${sessionBlock} .co-items tbody tr`).count(), 10);
  const csv = page.locator(`${sessionBlock} a`, { hasText: 'Results (CSV)' });
  const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
  assert.match(download.suggestedFilename(), /results\.csv$/);
  await runAxe(page, 'cohort with results');

  // Certificates: only Amina completed.
  await page.click(`${sessionBlock}-issue`);
  await waitText(page, `${sessionBlock}-results`, /LEC-[0-9A-Z]{10}/);
  const id = (
    (await page.locator(`${sessionBlock}-results .co-cert a.mono`).first().textContent()) ?? ''
  ).trim();
  assert.match(id, /^LEC-[0-9A-Z]{10}$/);
  assert.equal(await page.locator(`${sessionBlock}-results .co-cert`).count(), 1);
  await screenshot(page, 'coordinator-results', { fullPage: true });

  // Revoke it.
  await page.getByRole('button', { name: 'Revoke the certificate of Amina Diallo' }).click();
  await page.getByLabel('Why is the certificate of Amina Diallo revoked?').waitFor(WAIT);
  await runAxe(page, 'revocation form');
  await page.getByLabel('Why is the certificate of Amina Diallo revoked?').fill('Issued in error');
  await page.getByRole('button', { name: 'Revoke the certificate', exact: true }).click();
  await waitText(page, `${sessionBlock}-results .co-cert`, 'Revoked');
  await waitText(page, `${sessionBlock}-results .co-cert`, 'Issued in error');

  // The public verification page, in another browser without a login.
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
  const verify = await visitor.newPage();
  verify.on('pageerror', (error) => problems.push(`verify: ${error.message}`));
  await verify.goto(`${url}/verify/${id}`);
  await waitText(verify, '#verify-status', 'Revoked certificate');
  await waitText(verify, '.verify-revocation', 'Issued in error');
  await waitText(verify, '.verify-details', 'Amina Diallo');
  await waitText(verify, '.verify-details', 'KAIPTC');
  await runAxe(verify, 'verification page');
  await screenshot(verify, 'verify-revoked', { fullPage: true });
  await verify.fill('#verify-id', 'not an id');
  await verify.getByRole('button', { name: 'Check', exact: true }).click();
  await waitText(verify, '#verify-id-error', 'A certificate id is LEC-');
  await verify.fill('#verify-id', 'lec-0000000000');
  await verify.getByRole('button', { name: 'Check', exact: true }).click();
  await waitText(verify, '#verify-status', 'Unknown certificate');
  await visitor.close();

  // In French, signed in already.
  await page.goto(`${url}/records?lang=fr#cohort/${new URL(page.url()).hash.split('/')[1] ?? ''}`);
  await waitText(page, '#roster-title', 'Liste des participants (3)');
  await runAxe(page, 'cohort in French');

  // Sign out.
  await page.click('#sign-out');
  await page.locator('#login-username').waitFor(WAIT);
  await context.close();
  assert.deepEqual(problems, []);
});
