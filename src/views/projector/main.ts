/**
 * The projected screen, legible from the back of the room: the slide, the join code with its QR code
 * while joining is open, the live results of the slide's open activity, the Q&A board, the answer
 * once revealed; black when the presenter blanks it. Nothing here is interactive.
 */

import type { UiKey } from '../../i18n/ui-en.ts';
import type { AnswerKey, PublicActivity } from '../../live/activity-view.ts';
import type { Aggregate } from '../../live/aggregate.ts';
import type { Deck } from '../../live/deck.ts';
import type {
  ClassAssessmentResults,
  QuestionView,
  ServerMessage,
  SessionView,
} from '../../live/protocol.ts';
import { keyView, revealTextView } from '../shared/answer-key.ts';
import { classAssessmentView, responsesLine } from '../shared/assessment-results.ts';
import { readConfig } from '../shared/config.ts';
import { serverNow } from '../shared/connection.ts';
import { countdown } from '../shared/countdown.ts';
import { fill, h, setTrustedHtml } from '../shared/dom.ts';
import { errorMessage, initI18n, t } from '../shared/i18n.ts';
import { responsesText, resultsView } from '../shared/results.ts';
import {
  fatalPage,
  isFatalError,
  readStaffSession,
  staffConnection,
  startStaffSession,
} from '../shared/staff-session.ts';
import { throttle } from '../shared/throttle.ts';

const config = readConfig();
initI18n(config);

const MAX_BOARD = 8;
const MIN_FONT_PX = 28;
const MIN_TABLE_PX = 20;
/** Types whose results mark the right answer in place (chart, matrix, positions): no separate list. */
const ANSWER_IN_RESULTS = new Set(['sort', 'classify', 'match', 'order']);

/** The projector's deck holds public activity views; the presenter's secret may open it too. */
type ProjectorDeck = Deck & { activities?: Record<string, PublicActivity | { view: PublicActivity }> };

const staff = readStaffSession(config);
let deck: ProjectorDeck | null = null;
let session: SessionView | null = null;
let results: { activityId: string; results: Aggregate } | null = null;
let revealedAnswer: { activityId: string; key: AnswerKey | null; text: string | null } | null = null;
let questions: QuestionView[] = [];
let assessmentResults: ClassAssessmentResults | null = null;
/** The slide shown when the results were revealed: they stay on screen until the presenter moves on. */
let revealedAtSlide: number | null = null;
let fatal = '';

const connection = staffConnection('project', staff, {
  onMessage: receive,
  onStatus: (value) => {
    status.hidden = value === 'online';
    status.textContent = value === 'online' ? '' : t('ui.conn.offlineStaff');
  },
});

function receive(message: ServerMessage): void {
  switch (message.type) {
    case 'welcome':
    case 'state':
      if (message.session.assessment?.status !== 'revealed') revealedAtSlide = null;
      else if (session?.assessment?.status !== 'revealed' || message.type === 'welcome')
        revealedAtSlide = message.session.slide;
      session = message.session;
      if (results && results.activityId !== session.activity?.id) results = null;
      if (
        revealedAnswer &&
        (revealedAnswer.activityId !== session.activity?.id || session.activity?.status !== 'revealed')
      ) {
        revealedAnswer = null;
      }
      render();
      return;
    case 'results':
      results = { activityId: message.activityId, results: message.results };
      activityDraw.schedule();
      return;
    case 'revealed': {
      const answer = message.answer as { key: AnswerKey | null; text: string | null };
      revealedAnswer = { activityId: message.activityId, key: answer.key ?? null, text: answer.text ?? null };
      renderActivity();
      return;
    }
    case 'questions':
      questions = message.questions.filter((q) => q.status !== 'hidden');
      renderActivity();
      return;
    case 'assessmentResults':
      assessmentResults = message.results;
      activityDraw.schedule();
      return;
    case 'error':
      if (isFatalError(message)) {
        showFatal(errorMessage(message.code));
      }
      return;
    default:
      return;
  }
}

function showDeck(loaded: ProjectorDeck): void {
  deck = loaded;
  document.title = `${t('ui.title.projector')}: ${loaded.title}`;
  render();
}

function showFatal(message: string): void {
  fatal = message;
  render();
}

function publicView(id: string): PublicActivity | undefined {
  const entry = deck?.activities?.[id];
  if (!entry) return undefined;
  return 'view' in entry ? entry.view : entry;
}

// ── layout ─────────────────────────────────────────────────────────────────────────────────────

const app = document.getElementById('app') as HTMLElement;
const status = h('p', { class: 'conn conn-offline', role: 'status', 'aria-live': 'polite' });
status.hidden = true;
const eyebrow = h('p', { class: 'eyebrow' });
const title = h('h1', { class: 'slide-title' });
const body = h('div', { class: 'slide-body' });
const activityPanel = h('section', { class: 'activity-panel', 'aria-labelledby': 'activity-prompt' });
const assessmentPanel = h('section', { class: 'assessment-panel', 'aria-labelledby': 'as-title' });
assessmentPanel.hidden = true;
const stage = h('div', { class: 'stage' }, eyebrow, title, body, activityPanel, assessmentPanel);
const assessmentClock = countdown({ now: () => serverNow(connection), className: 'as-clock projected' });
const joinPanel = h('aside', { class: 'join-panel', 'aria-labelledby': 'join-title' });
const main = h('main', { id: 'main', class: 'projector' }, stage, joinPanel);
fill(app, main, status);

let slideKey = '';
let joinKey = '';

function render(): void {
  if (fatal) {
    fill(app, fatalPage('projector fatal', t('ui.title.projector'), fatal));
    return;
  }
  if (!session) return;
  document.body.classList.toggle('is-black', session.black);
  main.hidden = session.black;
  if (session.ended) {
    slideKey = 'ended';
    eyebrow.textContent = deck?.title ?? '';
    title.textContent = t('ui.ended.projector');
    fill(body);
    activityPanel.hidden = true;
    assessmentPanel.hidden = true;
    assessmentClock.set(null);
    joinPanel.hidden = true;
    return;
  }
  const frame = deck?.frames[session.slide];
  const key = `${session.slide}|${frame?.id ?? ''}`;
  if (key !== slideKey) {
    slideKey = key;
    eyebrow.textContent = frame && frame.sectionTitle !== frame.title ? frame.sectionTitle : '';
    title.textContent = frame?.title ?? '';
    setTrustedHtml(body, frame?.html ?? '');
  }
  renderJoin();
  renderActivity();
}

function renderJoin(): void {
  if (!session) return;
  const show = session.joining && !session.ended;
  joinPanel.hidden = !show;
  main.classList.toggle('with-join', show);
  const key = `${show}|${session.code}`;
  if (key === joinKey) return;
  joinKey = key;
  if (!show) return;
  const url = `${config.publicUrl}/j/${session.code}`;
  fill(
    joinPanel,
    h('h2', { id: 'join-title', text: t('ui.projector.join') }),
    h('img', {
      class: 'qr',
      src: `/qr/${encodeURIComponent(session.code)}.svg`,
      alt: t('ui.projector.qrAlt', { code: session.code }),
      width: 320,
      height: 320,
    }),
    h('p', { class: 'join-url', text: url.replace(/^https?:\/\//, '') }),
    h('p', { class: 'join-code-label', text: t('ui.projector.code') }),
    h('p', { class: 'join-code', text: session.code }),
  );
}

/** Answers stream in: the results are drawn at most four times a second. */
const activityDraw = throttle(renderActivity);

/** The slide's current activity: prompt, live results or the Q&A board, and the answer once revealed. */
function renderActivity(): void {
  activityDraw.cancel();
  if (!session || session.ended) return;
  if (renderAssessment()) return;
  const current = session.activity;
  const frame = deck?.frames[session.slide];
  const view = current ? publicView(current.id) : undefined;
  const show = !!current && !!view && !!frame?.activityIds.includes(current.id);
  activityPanel.hidden = !show;
  body.hidden = show;
  main.classList.toggle('with-activity', show);
  if (!show || !current || !view) {
    fitText();
    return;
  }
  const revealed =
    current.status === 'revealed' && revealedAnswer?.activityId === current.id ? revealedAnswer : null;
  const res = results?.activityId === current.id ? results.results : null;
  fill(
    activityPanel,
    h(
      'p',
      { class: 'activity-status' },
      t(`ui.type.${view.type}` as UiKey),
      ' · ',
      t(`ui.status.${current.status}` as UiKey),
    ),
    h('h2', { id: 'activity-prompt', text: view.prompt }),
    view.type === 'qa'
      ? board()
      : res
        ? [
            h('p', { class: 'responses', text: responsesText(res) }),
            resultsView(view, res, revealed?.key ?? null),
          ]
        : h('p', { class: 'muted', text: t('ui.projector.waiting') }),
    revealed && (revealed.text || !ANSWER_IN_RESULTS.has(view.type))
      ? h(
          'div',
          { class: 'projected-answer' },
          h('h3', { text: t('ui.reveal.title') }),
          ANSWER_IN_RESULTS.has(view.type) ? null : keyView(view, revealed.key),
          revealTextView(revealed.text),
        )
      : null,
  );
  fitText();
}

function outcomeLabel(id: string): string {
  return id;
}

/**
 * The session assessment takes the stage while it is open or closed (countdown and responses, never
 * the items), and after the reveal until the presenter changes slide (distribution and mastery).
 * Returns whether it is shown.
 */
function renderAssessment(): boolean {
  const a = session?.assessment ?? null;
  const show =
    !!a && (a.status !== 'revealed' || (revealedAtSlide !== null && revealedAtSlide === session?.slide));
  assessmentClock.set(show && a?.status === 'open' ? a.endsAt : null);
  assessmentPanel.hidden = !show;
  eyebrow.hidden = show;
  title.hidden = show;
  if (!show || !a) return false;
  body.hidden = true;
  activityPanel.hidden = true;
  main.classList.remove('with-activity');
  const results = assessmentResults;
  fill(
    assessmentPanel,
    h('p', {
      class: 'activity-status',
      text: `${t('ui.as.title')} · ${t(`ui.as.status.${a.status}` as UiKey)}`,
    }),
    h('h2', {
      id: 'as-title',
      text:
        a.status === 'open'
          ? t('ui.as.projOpen')
          : a.status === 'closed'
            ? t('ui.as.closed')
            : t('ui.as.projResults'),
    }),
    a.status === 'open' ? assessmentClock.element : null,
    results ? h('p', { class: 'responses', id: 'as-responses', text: responsesLine(results) }) : null,
    a.status === 'revealed' && results ? classAssessmentView(results, outcomeLabel, 'as-class') : null,
  );
  fitText();
  return true;
}

function board(): HTMLElement {
  const top = [...questions].sort((a, b) => b.votes - a.votes).slice(0, MAX_BOARD);
  if (top.length === 0) return h('p', { class: 'muted', text: t('ui.projector.noQuestions') });
  return h(
    'ol',
    { class: 'board projected' },
    top.map((q) =>
      h(
        'li',
        { class: `question ${q.status}` },
        h('span', { class: 'votes', text: t('ui.qa.votes', { n: q.votes }) }),
        h('span', { class: 'question-text', text: q.text }),
        q.status === 'answered' ? h('span', { class: 'tag', text: t('ui.qa.answered') }) : null,
      ),
    ),
  );
}

/**
 * Shrinks the stage's text until it fits the screen, never below 28 px; if a dense table (Chart 1.1)
 * still does not fit, that table alone is shrunk further, to 20 px at the least.
 */
function fitText(): void {
  stage.style.fontSize = '';
  const tables = [...stage.querySelectorAll<HTMLElement>('table')].filter(
    (t) => t.getClientRects().length > 0,
  );
  for (const table of tables) {
    table.classList.remove('shrunk');
    table.style.removeProperty('--table-size');
  }
  const overflowing = () => stage.scrollHeight > stage.clientHeight + 1;
  let size = Number.parseFloat(getComputedStyle(stage).fontSize) || 32;
  for (let guard = 0; overflowing() && size > MIN_FONT_PX && guard < 30; guard++) {
    size = Math.max(MIN_FONT_PX, size - 1);
    stage.style.fontSize = `${size}px`;
  }
  let tableSize = size;
  for (let guard = 0; overflowing() && tables.length > 0 && tableSize > MIN_TABLE_PX && guard < 30; guard++) {
    tableSize = Math.max(MIN_TABLE_PX, tableSize - 1);
    for (const table of tables) {
      table.classList.add('shrunk');
      table.style.setProperty('--table-size', `${tableSize}px`);
    }
  }
}

window.addEventListener('resize', () => fitText());

startStaffSession(staff, connection, showDeck, showFatal);
