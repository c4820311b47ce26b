/**
 * The live session assessment in a real browser against a real server: presenter, projector and
 * three phones on Module 1. The presenter opens the assessment (the blueprint's paper, 10 items,
 * 8 minutes); one participant answers every item correctly, one partly (with "Save all"), one leaves
 * some blank; the presenter marks the short answers (one only after the reveal, so that its phone
 * shows "waiting for the instructor's marking" and then its final result); each phone shows its
 * score and pass or fail, presenter and projector the distribution and the mastery per outcome.
 * axe-core checks the assessment screens (WCAG 2.2 AA tags); screenshots go to artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { assembleAssessment } from '../../src/content/assessment.ts';
import type { Item } from '../../src/content/model.ts';
import { loadCourse } from '../../src/files/read-course-dir.ts';
import { type AnswerKey, answerKey, type PublicActivity } from '../../src/live/activity-view.ts';
import type { Response } from '../../src/live/protocol.ts';
import { score } from '../../src/live/scoring.ts';
import {
  browserSuite,
  type CreatedSession,
  createSession,
  domId,
  HD,
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

const suite = browserSuite('lectern-assessment-');
const { problems, devices } = suite;

// ── helpers ────────────────────────────────────────────────────────────────────────────────────

/** As the views format it (Intl rounds the shortest decimal, so 0.575 is 58 %, where Math.round gives 57). */
function percent(fraction: number): string {
  return new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

// ── answering one item on a phone ──────────────────────────────────────────────────────────────

interface Paper {
  item: Item;
  view: PublicActivity;
  key: AnswerKey;
}

/**
 * Puts `right` (the key) or a wrong answer into an item's form; returns the response the form now
 * holds (null: the form was left untouched, as an order list that is already in the right order).
 */
async function fill(page: Page, paper: Paper, right: boolean, text: string): Promise<Response | null> {
  const { view, key } = paper;
  const name = domId('a', view.id);
  switch (view.type) {
    case 'single-choice': {
      const k = 'choice' in key ? key.choice : 0;
      const choice = right ? k : (k + 1) % (view.options?.length ?? 1);
      await page.check(`#${domId(name, 'o', choice)}`);
      return { choice };
    }
    case 'multiple-choice': {
      const correct = 'choices' in key ? key.choices : [];
      const wrongOne = (view.options ?? []).findIndex((_, i) => !correct.includes(i));
      const choices = right ? correct : [correct[0] ?? 0, wrongOne].sort((a, b) => a - b);
      for (const c of choices) await page.check(`#${domId(name, 'o', c)}`);
      return { choices: [...choices].sort((a, b) => a - b) };
    }
    case 'true-false': {
      const truth = 'value' in key ? key.value : true;
      const value = right ? truth : !truth;
      await page.check(`#${domId(name, 'o', value ? 1 : 0)}`);
      return { value };
    }
    case 'sort':
    case 'classify': {
      const correct = 'categories' in key ? key.categories : [];
      const first = view.categories?.[0]?.id ?? '';
      const categories = correct.map((c) => (right ? c : first));
      for (const [i, c] of categories.entries()) await page.selectOption(`#${domId(name, 'item', i)}`, c);
      return { categories };
    }
    case 'match': {
      const correct = 'matches' in key ? key.matches : [];
      const n = correct.length;
      const matches = correct.map((r, i) => (right ? r : (correct[(i + 1) % n] ?? r)));
      for (const [i, r] of matches.entries())
        await page.selectOption(`#${domId(name, 'left', i)}`, String(r));
      return { matches };
    }
    case 'order': {
      const n = view.items?.length ?? 0;
      if (!right) {
        // Swap the first two.
        await page.click(`#${domId(name, 'down', 0)}`);
        return { order: [1, 0, ...Array.from({ length: n - 2 }, (_, i) => i + 2)] };
      }
      const target = 'order' in key ? key.order : [];
      return (await putInOrder(page, name, target)) ? { order: [...target] } : null;
    }
    case 'short-answer':
    case 'open-text':
      await page.fill(`#${domId(name, 'text')}`, text);
      return { text };
    default:
      throw new Error(`no assessment item of type ${view.type} expected`);
  }
}

// ── the run ────────────────────────────────────────────────────────────────────────────────────

test('Module 1 assessment: open, answer on three phones, mark, reveal, results everywhere', async () => {
  const started = Date.now();
  const loaded = await loadCourse(join(ROOT, 'courses', 'poc-module-1'));
  assert.ok(loaded.course, 'Module 1 loads');
  const course = loaded.course;
  const { lectern } = await suite.serve(course, 'assessment.db');
  try {
    const sizes = Object.fromEntries([...(await lectern.bundles())].map(([name, a]) => [name, a.gzipBytes]));
    console.log('bundle sizes (gzip bytes):', sizes);
    assert.ok((sizes['participant.js'] ?? Infinity) <= 60 * 1024, 'participant bundle ≤ 60 KB gzipped');

    // The paper is drawn per session: take a session whose paper has a short answer to mark.
    let created: CreatedSession | null = null;
    for (let attempt = 0; attempt < 30 && !created; attempt++) {
      const candidate = await createSession(lectern, {
        audience: { level: 'tactical', components: ['military', 'police'] },
      });
      const plan = assembleAssessment(course, candidate.sessionId);
      if (plan.itemIds.some((id) => course.items.find((i) => i.id === id)?.type === 'short-answer'))
        created = candidate;
    }
    assert.ok(created, 'a session whose paper holds a short answer');
    const code = created.code;
    const plan = assembleAssessment(course, created.sessionId);
    assert.equal(plan.itemIds.length, 10, 'Module 1: 10 items');
    assert.equal(plan.timeLimitMinutes, 8);
    assert.equal(plan.passMark, 0.8);

    const joinInfo = (await (await fetch(`${lectern.url}/api/join/${created.code}`)).json()) as {
      items: Record<string, PublicActivity>;
    };
    const papers: Paper[] = plan.itemIds.map((id) => {
      const item = course.items.find((i) => i.id === id) as Item;
      const view = joinInfo.items[id];
      assert.ok(view, `public view of ${id}`);
      const key = answerKey(item, course);
      assert.ok(key, `key of ${id}`);
      return { item, view, key };
    });
    const shortIds = papers.filter((p) => p.view.type === 'short-answer').map((p) => p.view.id);
    console.log(
      'paper:',
      papers.map((p) => `${p.view.id} (${p.view.type})`),
    );

    const presenter = await devices.open(created.presenterUrl, LAPTOP, 'presenter');
    const projector = await devices.open(created.projectorUrl, HD, 'projector');
    await waitText(presenter, '.session-line', `Session ${created.code}`);
    const names = ['Participant 1', 'Participant 2', 'Participant 3'];
    const phones: Page[] = [];
    for (const [i, name] of names.entries()) {
      const page = await devices.open(`${lectern.url}/j/${created.code}`, PHONE, `phone ${i + 1}`);
      await joinSession(page, name, ['Nepal', 'Senegal', 'Uruguay'][i] ?? '');
      phones.push(page);
    }
    const [p1, p2, p3] = phones as [Page, Page, Page];
    await waitText(presenter, '.roster', '3 joined, 3 connected');
    await presenter.click('#joining-toggle');
    const participantIds = await Promise.all(
      phones.map((page) =>
        page.evaluate(
          (joinCode) =>
            (
              JSON.parse(localStorage.getItem(`lectern.identity.${joinCode}`) ?? '{}') as {
                participantId: string;
              }
            ).participantId,
          code,
        ),
      ),
    );

    // Before opening: the panel offers to open, nothing on the phones.
    await waitText(presenter, '#as-status', 'Not opened yet');
    assert.equal(await p1.locator('.assessment').isVisible(), false);

    // ── open ──
    await presenter.click('#as-open');
    for (const phone of phones) {
      await waitText(phone, '#as-title', 'Assessment');
      await phone.locator('.as-item').nth(9).waitFor(WAIT);
      assert.equal(await phone.locator('.as-item').count(), 10, 'ten items on the phone');
      assert.match((await phone.locator('.topbar .as-clock').textContent()) ?? '', /^Time left: [78]:\d\d$/);
    }
    await waitText(presenter, '#as-status', 'Open · 10 questions');
    await waitText(presenter, '.assessment-panel .as-clock', /Time left: [78]:\d\d/);
    await waitText(projector, '#as-title', 'Answer the assessment on your phone');
    await waitText(projector, '.assessment-panel .as-clock', /Time left: [78]:\d\d/);
    assert.equal(await projector.locator('.slide-body').isVisible(), false, 'the stage is the assessment’s');
    const projected = (await projector.locator('.assessment-panel').textContent()) ?? '';
    for (const paper of papers)
      assert.ok(!projected.includes(paper.view.prompt.slice(0, 40)), 'no item on the projector');
    await runAxe(p1, 'participant (assessment open)');
    await screenshot(p1, 'participant-assessment-360');
    await screenshot(p1, 'participant-assessment-360-full', { fullPage: true });
    await runAxe(projector, 'projector (assessment open)');
    await screenshot(projector, 'projector-assessment-open-1080');

    // ── answer ──
    const texts = [
      (p: Paper) =>
        p.item.type === 'short-answer'
          ? (p.item.answer ?? 'Loss of legitimacy').slice(0, p.view.maxLength ?? 300)
          : '',
      () => 'Something about trust',
      () => 'Loss of legitimacy',
    ];
    /** Per phone, per item: the response given (null: left blank). */
    const given: (Response | null)[][] = [[], [], []];

    // Participant 1: everything right, each item saved with its own button.
    for (const paper of papers) {
      const response = await fill(p1, paper, true, texts[0]?.(paper) ?? '');
      given[0]?.push(response ?? ('order' in paper.key ? { order: paper.key.order } : null));
      await p1.click(`#${domId('submit', paper.view.id)}`);
      await waitText(p1, `#${domId('answer-state', paper.view.id)}`, /^Saved$/);
    }
    await waitText(p1, '#as-summary', 'All 10 answers are saved');
    await p1.locator('#as-save-all').evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await screenshot(p1, 'participant-assessment-saved-360');

    // Participant 2: every other item wrong, then "Save all my answers" at the end.
    for (const [i, paper] of papers.entries()) {
      const response = await fill(p2, paper, i % 2 === 0, texts[1]?.(paper) ?? '');
      if (response === null) {
        // An order list already in the right order is an answer only once sent on its own.
        await p2.click(`#${domId('submit', paper.view.id)}`);
        given[1]?.push('order' in paper.key ? { order: paper.key.order } : null);
      } else given[1]?.push(response);
    }
    await waitText(p2, `#${domId('answer-state', papers[0]?.view.id ?? '')}`, 'Answered: not saved yet');
    await p2.click('#as-save-all');
    for (const paper of papers) await waitText(p2, `#${domId('answer-state', paper.view.id)}`, /^Saved$/);
    await waitText(p2, '#as-summary', 'All 10 answers are saved');

    // Participant 3: right where answered, but every third item left blank.
    for (const [i, paper] of papers.entries()) {
      if (i % 3 === 1) {
        given[2]?.push(null);
        continue;
      }
      const response = await fill(p3, paper, true, texts[2]?.(paper) ?? '');
      given[2]?.push(response ?? ('order' in paper.key ? { order: paper.key.order } : null));
      await p3.click(`#${domId('submit', paper.view.id)}`);
      await waitText(p3, `#${domId('answer-state', paper.view.id)}`, /^Saved$/);
    }
    const blanks = papers.filter((_, i) => i % 3 === 1).length;
    await waitText(p3, '#as-summary', `Answers saved: ${10 - blanks} of 10.`);
    await waitText(p3, `#${domId('answer-state', papers[1]?.view.id ?? '')}`, 'Not answered yet');

    // A phone reloads mid-assessment: its saved answers are still there. Its clock is set 30 s before
    // the end (until the next ping measures the server's clock): the last minute is announced.
    const endsAt = lectern.hub.get(created.sessionId)?.view().assessment?.endsAt ?? 0;
    assert.ok(Math.abs(endsAt - (Date.now() + 8 * 60_000)) < 60_000, 'the blueprint’s 8 minutes');
    await p3.clock.install({ time: endsAt - 30_000 });
    await p3.reload();
    await waitText(p3, '.who', 'Joined as Participant 3');
    await waitText(p3, '#as-summary', `Answers saved: ${10 - blanks} of 10.`);
    await waitText(p3, '.topbar .as-clock.last-minute', /^Time left: 0:[0-3]\d$/);
    await p3
      .locator('[aria-live="polite"]')
      .filter({ hasText: 'One minute left in the assessment.' })
      .waitFor({ state: 'attached', ...WAIT });

    await waitText(presenter, '#as-responses', 'Responses: 3 of 3');
    await waitText(projector, '#as-responses', 'Responses: 3 of 3');

    // ── mark the short answers: all but participant 2's first, which waits until after the reveal ──
    const marks: Record<string, number>[] = [{}, {}, {}];
    const markValue = [1, 0.5, 1];
    const markId = (score: number) => (score === 1 ? '1' : score === 0.5 ? 'half' : '0');
    const late = { who: 1, itemId: shortIds[0] ?? '' };
    const entries = given.flatMap((responses, who) =>
      papers.flatMap((paper, i) =>
        paper.view.type === 'short-answer' && responses[i] ? [{ who, itemId: paper.view.id }] : [],
      ),
    );
    await presenter
      .locator('.as-mark-entry')
      .nth(entries.length - 1)
      .waitFor(WAIT);
    assert.equal(
      await presenter.locator('.as-mark-entry').count(),
      entries.length,
      'one entry per short answer',
    );
    for (const { who, itemId } of entries) {
      const entry = `#${domId('mark', participantIds[who] ?? '', itemId)}`;
      const model = papers.find((p) => p.view.id === itemId)?.item;
      if (model?.type === 'short-answer' && model.answer)
        await waitText(presenter, `${entry} .as-mark-model`, model.answer.slice(0, 30));
      if (who === late.who && itemId === late.itemId) {
        await waitText(presenter, `${entry} .as-mark-state`, 'Not marked yet');
        continue;
      }
      const value = markValue[who] ?? 0;
      await presenter.click(`${entry} #${domId('mark', participantIds[who] ?? '', itemId, markId(value))}`);
      await waitText(presenter, `${entry} .as-mark-state`, `Mark: ${value === 0.5 ? '½' : value}`);
      (marks[who] as Record<string, number>)[itemId] = value;
    }
    await waitText(presenter, '#as-marking-count', `Marked: ${entries.length - 1} of ${entries.length}.`);
    await runAxe(presenter, 'presenter (assessment, marking)');
    await screenshot(presenter, 'presenter-assessment-1366', { fullPage: true });

    // ── close, then reveal ──
    await presenter.click('#as-close');
    for (const phone of phones) await waitText(phone, '#as-closed', 'The assessment is closed.');
    await waitText(projector, '#as-title', 'The assessment is closed.');
    await runAxe(p3, 'participant (assessment closed)');
    await presenter.click('#as-reveal');

    // Expected results, from the responses given and the marks.
    const itemScores = (who: number, withLate: boolean): (number | null)[] =>
      papers.map((paper, i) => {
        const response = given[who]?.[i] ?? null;
        if (paper.view.type === 'short-answer') {
          const mark = marks[who]?.[paper.view.id];
          if (mark !== undefined) return mark;
          if (response && who === late.who && paper.view.id === late.itemId && withLate)
            return markValue[who] ?? 0;
          return null;
        }
        return response ? (score(paper.view, paper.key, response) ?? 0) : null;
      });
    const total = (scores: (number | null)[]) => mean(scores.map((s) => s ?? 0));
    const expected = [0, 1, 2].map((who) => total(itemScores(who, false)));
    console.log('expected scores before the last mark:', expected.map(percent));
    assert.equal(expected[0], 1, 'participant 1 all correct');
    assert.ok((expected[2] ?? 1) < 0.8, 'participant 3 does not pass with blanks');

    // Participant 1: 100 %, passed; every item marked right with its key.
    await waitText(p1, '#as-score', 'Score: 100%');
    await waitText(p1, '#as-verdict', 'Passed. The pass mark is 80%.');
    assert.equal(await p1.locator('.as-review-item').count(), 10);
    assert.equal(await p1.locator('.as-review .key').count(), 10, 'the correct answer of every item');
    assert.equal(await p1.locator('.as-item-score.mark-ok').count(), 10);
    assert.equal(await p1.locator('.as-outcomes tbody tr').count(), course.outcomes.length);
    await runAxe(p1, 'participant (assessment result)');
    await p1.locator('#as-title').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(p1, 'participant-assessment-result-360');
    await screenshot(p1, 'participant-assessment-result-360-full', { fullPage: true });

    // Participant 3: blanks count as nothing; not passed.
    await waitText(p3, '#as-score', `Score: ${percent(expected[2] ?? 0)}`);
    await waitText(p3, '#as-verdict', 'Not passed. The pass mark is 80%.');
    await waitText(
      p3,
      `#${domId('as-review', papers[1]?.view.id ?? '')} .as-item-score`,
      'You did not answer this question.',
    );

    // Participant 2: a short answer waits for its mark: a provisional score, no verdict yet.
    await waitText(p2, '#as-score', `Score so far: ${percent(expected[1] ?? 0)}`);
    await waitText(p2, '#as-verdict', 'once the instructor has marked your short answers (1 waiting)');
    await waitText(
      p2,
      `#${domId('as-review', late.itemId)} .as-item-score`,
      'Waiting for the instructor’s marking.',
    );
    await runAxe(p2, 'participant (result waiting for marking)');
    await p2.locator('#as-title').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(p2, 'participant-assessment-waiting-360');

    // The presenter marks it: the phone's result is updated.
    const lateEntry = `#${domId('mark', participantIds[late.who] ?? '', late.itemId)}`;
    await presenter.click(
      `${lateEntry} #${domId('mark', participantIds[late.who] ?? '', late.itemId, 'half')}`,
    );
    (marks[late.who] as Record<string, number>)[late.itemId] = markValue[late.who] ?? 0;
    expected[1] = total(itemScores(1, true));
    console.log('expected scores:', expected.map(percent));
    await waitText(p2, '#as-score', `Score: ${percent(expected[1] ?? 0)}`);
    await waitText(
      p2,
      '#as-verdict',
      (expected[1] ?? 0) >= 0.8 - 1e-9
        ? 'Passed. The pass mark is 80%.'
        : 'Not passed. The pass mark is 80%.',
    );
    await waitText(p2, `#${domId('as-review', late.itemId)} .as-item-score`, 'Your score: 50%');

    // ── class results on the presenter and the projector ──
    const bands = Array.from({ length: 10 }, () => 0);
    for (const value of expected) {
      const band = Math.min(9, Math.floor((value ?? 0) * 10));
      bands[band] = (bands[band] ?? 0) + 1;
    }
    const mastery = course.outcomes.map((outcome) => {
      const values = [0, 1, 2].flatMap((who) => {
        const scores = itemScores(who, true);
        const measuring = papers.flatMap((p, i) =>
          p.item.outcomes.includes(outcome.id) ? [scores[i] ?? null] : [],
        );
        return measuring.some((s) => s !== null) ? [mean(measuring.map((s) => s ?? 0))] : [];
      });
      return { id: outcome.id, value: values.length ? mean(values) : null };
    });
    const revisit = mastery.filter((m) => m.value !== null && m.value < 0.8).map((m) => m.id);
    console.log('mastery:', mastery, 'revisit:', revisit);

    await waitText(projector, '#as-title', 'Assessment results');
    for (const page of [presenter, projector]) {
      const label = page === presenter ? 'presenter' : 'projector';
      await page.locator('.as-histogram li').nth(9).waitFor(WAIT);
      await page.waitForFunction(
        (want) =>
          [...document.querySelectorAll('.as-histogram .as-col-count')]
            .map((e) => e.textContent)
            .join(',') === want,
        bands.join(','),
        WAIT,
      );
      // Marks and answers update the results as they come: wait for the final state.
      // The presenter names each outcome with its text (from its deck); the projector shows the ids.
      const outcomeText = (id: string) => course.outcomes.find((o) => o.id === id)?.text ?? '';
      const want = mastery.map((m) => ({
        outcome: label === 'presenter' ? `${m.id}: ${outcomeText(m.id)}` : m.id,
        value: m.value === null ? 'No answer' : percent(m.value),
        revisit: revisit.includes(m.id),
      }));
      const shown = () =>
        page.locator('.as-mastery .bar-row').evaluateAll((rows) =>
          rows.map((row) => ({
            outcome: row.querySelector('.as-outcome')?.textContent ?? '',
            value: row.querySelector('.bar-value')?.textContent ?? '',
            revisit: row.querySelector('.as-revisit-tag') !== null && row.classList.contains('revisit'),
          })),
        );
      for (let until = Date.now() + 10_000; Date.now() < until; await page.waitForTimeout(100)) {
        if (JSON.stringify(await shown()) === JSON.stringify(want)) break;
      }
      assert.deepEqual(await shown(), want, `${label}: mastery per outcome, revisit marked`);
      await waitText(
        page,
        '.as-revisit',
        revisit.length
          ? `Revisit in the Q&A minutes: ${revisit.map((id) => (label === 'presenter' ? `${id}: ${outcomeText(id)}` : id)).join('; ')}.`
          : 'Every learning outcome',
      );
    }
    await waitText(presenter, '#as-status', 'Results revealed');
    await runAxe(presenter, 'presenter (assessment results)');
    await screenshot(presenter, 'presenter-assessment-results-1366', { fullPage: true });
    await runAxe(projector, 'projector (assessment results)');
    await screenshot(projector, 'projector-assessment-results-1080');
    const fits = await projector.evaluate(() => {
      const stage = document.querySelector('.stage') as HTMLElement;
      return stage.scrollHeight <= stage.clientHeight + 1;
    });
    assert.ok(fits, 'the projected results fit the screen');

    // The presenter moves on: the projector gives the stage back to the slides.
    await presenter.locator('body').press('ArrowRight');
    await projector.locator('.assessment-panel').waitFor({ state: 'hidden', ...WAIT });
    await projector.locator('.slide-title').waitFor(WAIT);

    assert.deepEqual(problems, [], 'no console errors, page errors or server errors');
    console.log(`assessment run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await devices.closeAll();
    await lectern.close();
  }
});
