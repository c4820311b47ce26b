/**
 * The instructor's screen: the current slide and the next, the notes for this audience, the
 * activities of the slide with their live results, the pacing timer, Q&A moderation and the roster.
 * Every command goes through the outbox with a client id, so a dropped connection loses nothing.
 */

import type { UiKey } from '../../i18n/ui-en.ts';
import type { AnswerKey, PublicActivity } from '../../live/activity-view.ts';
import type { Aggregate } from '../../live/aggregate.ts';
import type { NoteView, PresenterDeck, PresenterFrame } from '../../live/deck.ts';
import type {
  Audience,
  ClassAssessmentResults,
  Command,
  MarkingEntry,
  QuestionView,
  RosterEntry,
  ServerMessage,
  SessionView,
} from '../../live/protocol.ts';
import { keyView, revealTextView } from '../shared/answer-key.ts';
import { classAssessmentView, responsesLine } from '../shared/assessment-results.ts';
import { AUDIENCE_LEVELS, audienceFields, COMPONENTS } from '../shared/audience-fields.ts';
import { readConfig } from '../shared/config.ts';
import { newClientId, serverNow } from '../shared/connection.ts';
import { countdown } from '../shared/countdown.ts';
import { domId, fill, h, keepFocus, liveRegion, setTrustedHtml, table } from '../shared/dom.ts';
import { errorMessage, formatNumber, formatPercent, initI18n, t } from '../shared/i18n.ts';
import { responsesText, resultsView } from '../shared/results.ts';
import {
  fatalPage,
  isFatalError,
  readStaffSession,
  staffConnection,
  startStaffSession,
} from '../shared/staff-session.ts';
import { statusLine } from '../shared/status-line.ts';
import { throttle } from '../shared/throttle.ts';

const config = readConfig();
initI18n(config);

interface PresenterActivity {
  view: PublicActivity;
  key: AnswerKey | null;
  reveal: string | null;
}
type Deck = PresenterDeck & {
  activities?: Record<string, PresenterActivity>;
  /** Learning outcomes with their text, where the server sends them. */
  outcomes?: { id: string; text: string }[];
};

const staff = readStaffSession(config);
const { sessionId, token } = staff;

let deck: Deck | null = null;
let session: SessionView | null = null;
let results: { activityId: string; results: Aggregate } | null = null;
let questions: QuestionView[] = [];
let roster: RosterEntry[] = [];
let assessmentResults: ClassAssessmentResults | null = null;
let marking: MarkingEntry[] = [];
/** Marks sent and not yet confirmed by a `marking` update: participantId + itemId → score. */
const pendingMarks = new Map<string, number>();
let fatal = '';

/** The presenter's order of note groups: what to say first. Not the legend's order (BLOCK_KINDS). */
const NOTE_ORDER: NoteView['kind'][] = [
  'speaking',
  'note',
  'mission',
  'example',
  'questions',
  'handout',
  'film',
  'core-activity',
  'optional-activity',
  'key-points',
];

// ── connection ─────────────────────────────────────────────────────────────────────────────────

const connection = staffConnection('present', staff, {
  onMessage: receive,
  onStatus: (value) => status.show(value),
  onSettled: (_message, settlement) => {
    if (!settlement.ok) showError(errorMessage(settlement.code));
  },
});

function command(cmd: Command): void {
  connection.enqueue({ type: 'command', clientId: newClientId(), command: cmd });
}

function receive(message: ServerMessage): void {
  switch (message.type) {
    case 'welcome':
    case 'state': {
      const slideChanged = session?.slide !== message.session.slide;
      session = message.session;
      if (results && results.activityId !== session.activity?.id) results = null;
      renderAll(slideChanged);
      return;
    }
    case 'results':
      results = { activityId: message.activityId, results: message.results };
      activitiesDraw.schedule();
      return;
    case 'questions':
      questions = message.questions;
      renderQuestions();
      return;
    case 'roster':
      roster = message.participants;
      renderRoster();
      return;
    case 'assessmentResults':
      assessmentResults = message.results;
      assessmentDraw.schedule();
      return;
    case 'marking':
      marking = message.entries;
      for (const entry of marking) {
        const key = markKey(entry.participantId, entry.itemId);
        if (pendingMarks.get(key) === entry.mark) pendingMarks.delete(key);
      }
      assessmentDraw.schedule();
      return;
    case 'error':
      if (message.clientId) return;
      if (isFatalError(message)) {
        showFatal(errorMessage(message.code));
      } else showError(errorMessage(message.code));
      return;
    default:
      return;
  }
}

function showDeck(loaded: Deck): void {
  deck = loaded;
  document.title = `${t('ui.title.presenter')}: ${loaded.title}`;
  renderAll(true);
}

// ── layout ─────────────────────────────────────────────────────────────────────────────────────

const app = document.getElementById('app') as HTMLElement;
const status = statusLine('ui.conn.offlineStaff');
const announcer = liveRegion();
const errorBox = h('p', { class: 'alert', role: 'alert' });
errorBox.hidden = true;
const titleEl = h('h1', { class: 'deck-title', text: t('ui.title.presenter') });
const sessionLine = h('p', { class: 'session-line' });

const current = h('section', { class: 'card current', 'aria-labelledby': 'current-title' });
const navBar = h('div', { class: 'nav-bar' });
const activitiesBox = h('section', { class: 'card activities', 'aria-labelledby': 'activities-title' });
const notesBox = h('section', { class: 'card notes', 'aria-labelledby': 'notes-title' });
const assessmentBox = h('section', { class: 'card assessment-panel', 'aria-labelledby': 'as-title' });
const pacingBox = h('section', { class: 'card pacing', 'aria-labelledby': 'pacing-title' });
const nextBox = h('section', { class: 'card next', 'aria-labelledby': 'next-title' });
const sessionBox = h('section', { class: 'card session', 'aria-labelledby': 'session-title' });
const audienceBox = h('section', { class: 'card audience', 'aria-labelledby': 'audience-title' });
const qaBox = h('section', { class: 'card qa', 'aria-labelledby': 'qa-title' });
const rosterBox = h('section', { class: 'card roster', 'aria-labelledby': 'roster-title' });

fill(
  app,
  h('a', { class: 'skip', href: '#main', text: t('ui.skip') }),
  h('header', { class: 'topbar' }, h('div', null, titleEl, sessionLine), status.element),
  h(
    'main',
    { id: 'main', class: 'presenter-grid', tabindex: '-1' },
    errorBox,
    h('div', { class: 'col-main' }, current, navBar, activitiesBox, assessmentBox, notesBox),
    h('div', { class: 'col-side' }, pacingBox, nextBox, sessionBox, audienceBox, qaBox, rosterBox),
  ),
  announcer.element,
);

function showError(text: string): void {
  errorBox.textContent = text;
  errorBox.hidden = false;
  window.setTimeout(() => {
    if (errorBox.textContent === text) errorBox.hidden = true;
  }, 8000);
}

function showFatal(message: string): void {
  fatal = message;
  fill(app, fatalPage('fatal', t('ui.title.presenter'), message, t('ui.presenter.linkHelp')));
}

function frameAt(index: number): PresenterFrame | undefined {
  return deck?.frames[index];
}

function renderAll(slideChanged: boolean): void {
  if (fatal) return;
  if (!session) return;
  fill(
    sessionLine,
    t('ui.presenter.sessionLine', { code: session.code, n: session.participants }),
    deck?.mission ? ` · ${t('ui.presenter.mission', { name: deck.mission.name })}` : '',
    session.ended ? h('strong', { class: 'tag', text: t('ui.presenter.ended') }) : null,
  );
  titleEl.textContent = deck?.title ?? t('ui.title.presenter');
  if (slideChanged) {
    renderCurrent();
    renderNext();
  }
  renderNav();
  renderActivities();
  renderAssessment();
  renderPacing();
  renderSession();
  renderAudience();
  renderNotes();
}

// ── slides ─────────────────────────────────────────────────────────────────────────────────────

function frameEyebrow(frame: PresenterFrame): string {
  const where =
    frame.slideNumber === null
      ? t('ui.presenter.sectionFrame')
      : t('ui.presenter.slideNumber', { n: frame.slideNumber });
  return `${where} · ${t('ui.presenter.section', { n: frame.sectionNumber, title: frame.sectionTitle })}`;
}

function renderCurrent(): void {
  const frame = session ? frameAt(session.slide) : undefined;
  const body = h('div', { class: 'slide-body' });
  if (frame) setTrustedHtml(body, frame.html);
  fill(
    current,
    h('p', { class: 'eyebrow', text: frame ? frameEyebrow(frame) : '' }),
    h('h2', { id: 'current-title', text: frame?.title ?? t('ui.presenter.loading') }),
    body,
  );
}

function renderNext(): void {
  const frame = session ? frameAt(session.slide + 1) : undefined;
  // Scrolls when long: focusable, so that it scrolls from the keyboard too.
  const body = h('div', {
    class: 'slide-body small',
    tabindex: '0',
    role: 'region',
    'aria-labelledby': 'next-title',
  });
  if (frame) setTrustedHtml(body, frame.html);
  fill(
    nextBox,
    h('h2', { id: 'next-title', text: t('ui.presenter.next') }),
    frame
      ? [h('p', { class: 'eyebrow', text: frameEyebrow(frame) }), h('h3', { text: frame.title }), body]
      : h('p', { class: 'muted', text: t('ui.presenter.lastSlide') }),
  );
}

function goto(slide: number): void {
  if (!session || !deck) return;
  const target = Math.max(0, Math.min(deck.frames.length - 1, slide));
  if (target === session.slide) return;
  // Shown at once; the server's state confirms it.
  session = { ...session, slide: target };
  renderAll(true);
  command({ command: 'goto', slide: target });
  const frame = frameAt(target);
  if (frame) announcer.say(t('ui.presenter.nowShowing', { title: frame.title }));
}

function toggleBlack(): void {
  if (!session) return;
  const on = !session.black;
  session = { ...session, black: on };
  renderNav();
  command({ command: 'black', on });
}

let navKey = '';
function renderNav(): void {
  const s = session;
  if (!s) return;
  const count = deck?.frames.length ?? s.slideCount;
  const key = JSON.stringify([s.slide, s.black, count, !!deck]);
  if (key === navKey) return;
  navKey = key;
  const select = h(
    'select',
    { id: 'goto-select' },
    (deck?.frames ?? []).map((f, i) =>
      h('option', { value: String(i), selected: i === s.slide, text: `${i + 1}. ${f.title}` }),
    ),
  );
  select.addEventListener('change', () => goto(Number(select.value)));
  keepFocus(() =>
    fill(
      navBar,
      h('button', {
        type: 'button',
        id: 'nav-prev',
        disabled: s.slide === 0,
        text: t('ui.presenter.prev'),
        onclick: () => goto((session?.slide ?? 0) - 1),
      }),
      h('p', { class: 'position', text: t('ui.presenter.position', { n: s.slide + 1, of: count }) }),
      h('button', {
        type: 'button',
        id: 'nav-next',
        class: 'primary',
        disabled: s.slide >= count - 1,
        text: t('ui.presenter.nextButton'),
        onclick: () => goto((session?.slide ?? 0) + 1),
      }),
      h('button', {
        type: 'button',
        id: 'nav-black',
        'aria-pressed': String(s.black),
        text: t('ui.presenter.black'),
        onclick: toggleBlack,
      }),
      h(
        'div',
        { class: 'field inline' },
        h('label', { for: 'goto-select', text: t('ui.presenter.goto') }),
        select,
      ),
      h('p', { class: 'hint keys', text: t('ui.presenter.keys') }),
    ),
  );
}

// ── notes ──────────────────────────────────────────────────────────────────────────────────────

function audienceMatches(note: NoteView, audience: Audience): boolean {
  const levels = note.audience.filter((a) => (AUDIENCE_LEVELS as readonly string[]).includes(a));
  const components = note.audience.filter((a) => (COMPONENTS as readonly string[]).includes(a));
  const levelOk = levels.length === 0 || levels.includes(audience.level);
  const componentOk =
    components.length === 0 || components.some((c) => (audience.components as string[]).includes(c));
  return levelOk && componentOk;
}

let notesKey = '';
function renderNotes(): void {
  if (!session) return;
  const frame = frameAt(session.slide);
  const key = JSON.stringify([frame?.id, session.audience]);
  if (key === notesKey) return;
  notesKey = key;
  const notes = frame?.notes ?? [];
  const shown = notes.filter((n) =>
    audienceMatches(n, session?.audience ?? { level: 'operational', components: [] }),
  );
  const hidden = notes.length - shown.length;
  const groups = NOTE_ORDER.map((kind) => ({ kind, notes: shown.filter((n) => n.kind === kind) })).filter(
    (g) => g.notes.length > 0,
  );
  fill(
    notesBox,
    h('h2', { id: 'notes-title', text: t('ui.presenter.notes') }),
    groups.length === 0 ? h('p', { class: 'muted', text: t('ui.presenter.noNotes') }) : null,
    groups.map((group) =>
      h(
        'div',
        { class: `note-group note-${group.kind}` },
        h('h3', { text: t(`ui.kind.${group.kind}` as UiKey) }),
        group.notes.map(noteView),
      ),
    ),
    hidden > 0 ? h('p', { class: 'muted', text: t('ui.presenter.notesHidden', { n: hidden }) }) : null,
  );
}

function noteView(note: NoteView): HTMLElement {
  const body = h('div', { class: 'note-body' });
  setTrustedHtml(body, note.html);
  const questions = note.questions?.length
    ? h(
        'ol',
        { class: 'sample-questions' },
        note.questions.map((q) => {
          const text = h('p', { class: 'q' });
          setTrustedHtml(text, q.text);
          let answer: HTMLElement | null = null;
          if (q.answer) {
            const a = h('span');
            setTrustedHtml(a, q.answer);
            answer = h('p', { class: 'expected' }, h('strong', { text: t('ui.presenter.expected') }), ' ', a);
          }
          return h('li', null, text, answer);
        }),
      )
    : null;
  return h(
    'article',
    { class: 'note' },
    note.audience.length > 0 || note.addition
      ? h(
          'p',
          { class: 'note-meta' },
          note.audience.map((a) => h('span', { class: 'tag', text: t(`ui.audience.${a}` as UiKey) })),
          note.addition
            ? h('span', { class: 'tag addition', text: t('ui.presenter.addition', { cite: note.addition }) })
            : null,
        )
      : null,
    body,
    questions,
  );
}

// ── activities ─────────────────────────────────────────────────────────────────────────────────

function statusLabel(activityId: string): string {
  const a = session?.activity;
  if (!a || a.id !== activityId) return t('ui.status.idle');
  return t(`ui.status.${a.status}` as UiKey);
}

/** Answers stream in: the results are drawn at most four times a second. */
const activitiesDraw = throttle(renderActivities);

/** Answer boxes the presenter opened stay open when the cards are drawn again. */
const openKeys = new Set<string>();

function renderActivities(): void {
  activitiesDraw.cancel();
  if (!session) return;
  const frame = frameAt(session.slide);
  const ids = [...(frame?.activityIds ?? [])];
  const currentId = session.activity?.id;
  if (currentId && !ids.includes(currentId)) ids.unshift(currentId);
  keepFocus(() =>
    fill(
      activitiesBox,
      h('h2', { id: 'activities-title', text: t('ui.presenter.activities') }),
      ids.length === 0 ? h('p', { class: 'muted', text: t('ui.presenter.noActivities') }) : null,
      ids.map((id) => activityCard(id, id === currentId && !frame?.activityIds.includes(id))),
    ),
  );
}

function activityCard(id: string, elsewhere: boolean): HTMLElement {
  const entry = deck?.activities?.[id];
  const current = session?.activity?.id === id ? session.activity : null;
  const view = entry?.view;
  const button = (action: 'open' | 'close' | 'reveal' | 'reset', enabled: boolean, cls = '') =>
    h('button', {
      type: 'button',
      id: domId(action, id),
      class: cls || null,
      disabled: !enabled || session?.ended === true,
      text: t(`ui.activity.${action}` as UiKey),
      onclick: () => {
        if (action === 'reset' && !window.confirm(t('ui.activity.resetConfirm'))) return;
        command(action === 'open' ? { command: 'open', activityId: id } : { command: action });
      },
    });
  const res = current && results?.activityId === id ? results : null;
  return h(
    'article',
    { class: `activity-card${current ? ' is-current' : ''}`, 'aria-labelledby': domId('act-title', id) },
    h(
      'p',
      { class: 'eyebrow' },
      view ? t(`ui.type.${view.type}` as UiKey) : id,
      ' · ',
      h('strong', { text: statusLabel(id) }),
      elsewhere ? ` · ${t('ui.presenter.fromOtherSlide')}` : '',
    ),
    h('h3', { id: domId('act-title', id), text: view?.prompt ?? id }),
    h(
      'div',
      { class: 'button-row' },
      button('open', current?.status !== 'open', current ? '' : 'primary'),
      button('close', current?.status === 'open'),
      button(
        'reveal',
        !!current && current.status !== 'revealed' && view?.type !== 'qa',
        current?.status === 'closed' ? 'primary' : '',
      ),
      button('reset', !!current),
    ),
    res && view
      ? h(
          'div',
          { class: 'live-results' },
          h('p', {
            class: 'responses',
            role: 'status',
            'aria-live': 'polite',
            text: responsesText(res.results),
          }),
          resultsView(view, res.results, current?.status === 'revealed' ? (entry?.key ?? null) : null),
        )
      : null,
    view && (entry?.key || entry?.reveal)
      ? h(
          'details',
          {
            class: 'answer-key',
            open: openKeys.has(id),
            ontoggle: (event: Event) => {
              const details = event.currentTarget as HTMLDetailsElement;
              if (details.open) openKeys.add(id);
              else openKeys.delete(id);
            },
          },
          h('summary', { text: t('ui.presenter.answer') }),
          keyView(view, entry?.key ?? null),
          revealTextView(entry?.reveal),
        )
      : null,
  );
}

// ── session assessment ─────────────────────────────────────────────────────────────────────────

const assessmentClock = countdown({
  now: () => serverNow(connection),
  onLastMinute: () => announcer.say(t('ui.as.oneMinute')),
});

function markKey(participantId: string, itemId: string): string {
  return `${participantId}\u0000${itemId}`;
}

/** Marks and answers stream in: the panel is drawn at most four times a second. */
const assessmentDraw = throttle(renderAssessment);

function outcomeLabel(id: string): string {
  const text = deck?.outcomes?.find((o) => o.id === id)?.text;
  return text ? `${id}: ${text}` : id;
}

let assessmentKey = '';
function renderAssessment(): void {
  assessmentDraw.cancel();
  if (!session) return;
  const a = session.assessment;
  assessmentClock.set(a?.status === 'open' ? a.endsAt : null);
  const key = JSON.stringify([a, session.ended, assessmentResults, marking, [...pendingMarks]]);
  if (key === assessmentKey) return;
  assessmentKey = key;
  const ended = session.ended;
  const action = (
    name: 'open' | 'close' | 'reveal',
    label: string,
    enabled: boolean,
    cls: string,
    confirmText: string | null,
  ) =>
    h('button', {
      type: 'button',
      id: `as-${name}`,
      class: cls || null,
      disabled: !enabled || ended,
      text: label,
      onclick: () => {
        if (confirmText && !window.confirm(confirmText)) return;
        command({ command: 'assessment', action: name });
      },
    });
  const status = a?.status ?? null;
  keepFocus(() =>
    fill(
      assessmentBox,
      h('h2', { id: 'as-title', text: t('ui.as.panel') }),
      a
        ? h('p', {
            class: 'eyebrow',
            id: 'as-status',
            text: t('ui.as.statusLine', {
              status: t(`ui.as.status.${a.status}` as UiKey),
              n: a.itemIds.length,
            }),
          })
        : h('p', { class: 'muted', id: 'as-status', text: t('ui.as.notOpened') }),
      status === 'open' ? assessmentClock.element : null,
      h(
        'div',
        { class: 'button-row' },
        action(
          'open',
          status === 'closed' ? t('ui.as.reopen') : t('ui.as.open'),
          status === null || status === 'closed',
          status === null ? 'primary' : '',
          status === 'closed' ? t('ui.as.reopenConfirm') : null,
        ),
        action('close', t('ui.as.close'), status === 'open', '', t('ui.as.closeConfirm')),
        action(
          'reveal',
          t('ui.as.reveal'),
          status === 'open' || status === 'closed',
          status === 'closed' ? 'primary' : '',
          status === 'open' ? t('ui.as.revealConfirm') : null,
        ),
      ),
      a && assessmentResults
        ? [
            h('p', {
              class: 'responses',
              id: 'as-responses',
              role: 'status',
              'aria-live': 'polite',
              text: responsesLine(assessmentResults),
            }),
            assessmentResults.responses > 0
              ? classAssessmentView(assessmentResults, outcomeLabel, 'as-class')
              : h('p', { class: 'muted', text: t('ui.as.noResults') }),
          ]
        : null,
      a ? markingView() : null,
    ),
  );
}

const MARKS = [
  { score: 0, text: '0', id: '0' },
  { score: 0.5, text: '½', id: 'half' },
  { score: 1, text: '1', id: '1' },
] as const;

function markText(score: number): string {
  return MARKS.find((m) => m.score === score)?.text ?? formatPercent(score);
}

function markingView(): HTMLElement {
  const marks = marking.map(
    (entry) => pendingMarks.get(markKey(entry.participantId, entry.itemId)) ?? entry.mark,
  );
  const done = marks.filter((m) => m !== null).length;
  return h(
    'div',
    { class: 'as-marking' },
    h('h3', { id: 'as-marking-title', text: t('ui.as.marking') }),
    marking.length === 0
      ? h('p', { class: 'muted', text: t('ui.as.markingNone') })
      : [
          h('p', { id: 'as-marking-count', text: t('ui.as.markingCount', { n: done, of: marking.length }) }),
          h(
            'ol',
            { class: 'as-marking-list', 'aria-labelledby': 'as-marking-title' },
            marking.map((entry, i) => markEntryView(entry, marks[i] ?? null)),
          ),
        ],
  );
}

/** One answer to mark: the prompt, the answer beside the model answer, and the mark buttons. */
function markEntryView(entry: MarkingEntry, mark: number | null): HTMLElement {
  const base = domId('mark', entry.participantId, entry.itemId);
  const setMark = (score: number) => {
    pendingMarks.set(markKey(entry.participantId, entry.itemId), score);
    command({ command: 'mark', participantId: entry.participantId, itemId: entry.itemId, score });
    renderAssessment();
  };
  return h(
    'li',
    { class: mark === null ? 'as-mark-entry' : 'as-mark-entry marked', id: base },
    h('p', { class: 'as-mark-prompt', text: entry.prompt }),
    h(
      'div',
      { class: 'as-mark-compare' },
      h(
        'div',
        { class: 'as-mark-response' },
        h('h4', { text: t('ui.as.answerOf', { name: entry.name }) }),
        h('p', { class: 'as-mark-text', text: entry.response }),
      ),
      h(
        'div',
        { class: 'as-mark-model' },
        h('h4', { text: t('ui.as.model') }),
        h('p', {
          class: entry.modelAnswer ? 'as-mark-text' : 'as-mark-text muted',
          text: entry.modelAnswer ?? t('ui.as.noModel'),
        }),
      ),
    ),
    h(
      'div',
      {
        class: 'button-row as-mark-buttons',
        role: 'group',
        'aria-label': t('ui.as.markGroup', { name: entry.name }),
      },
      MARKS.map((m) =>
        h('button', {
          type: 'button',
          id: domId(base, m.id),
          'aria-pressed': String(mark === m.score),
          'aria-label': t('ui.as.markFor', { mark: m.text, name: entry.name }),
          text: m.text,
          onclick: () => setMark(m.score),
        }),
      ),
      h('span', {
        class: mark === null ? 'as-mark-state' : 'as-mark-state marked',
        text: mark === null ? t('ui.as.unmarked') : t('ui.as.mark', { mark: markText(mark) }),
      }),
    ),
  );
}

// ── pacing ─────────────────────────────────────────────────────────────────────────────────────

const clock = h('p', { class: 'clock', id: 'clock' });
const pacingState = h('p', { class: 'pacing-state' });
const planBar = h('div', { class: 'plan', 'aria-hidden': 'true' });
const planText = h('p', { class: 'plan-text' });

function elapsedMs(): number {
  const timer = session?.timer;
  if (!timer) return 0;
  return (
    timer.elapsedMs +
    (timer.runningSince === null ? 0 : Math.max(0, serverNow(connection) - timer.runningSince))
  );
}

function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

let pacingKey = '';
function renderPacing(): void {
  if (!session) return;
  const running = session.timer.runningSince !== null;
  const key = JSON.stringify([running, session.slide, !!deck]);
  if (key === pacingKey) {
    tick();
    return;
  }
  pacingKey = key;
  keepFocus(() =>
    fill(
      pacingBox,
      h('h2', { id: 'pacing-title', text: t('ui.pacing.title') }),
      clock,
      pacingState,
      planBar,
      planText,
      h(
        'div',
        { class: 'button-row' },
        h('button', {
          type: 'button',
          id: 'timer-toggle',
          text: running ? t('ui.pacing.pause') : t('ui.pacing.start'),
          onclick: () => command({ command: 'timer', action: running ? 'pause' : 'start' }),
        }),
        h('button', {
          type: 'button',
          id: 'timer-reset',
          text: t('ui.pacing.reset'),
          onclick: () => {
            if (window.confirm(t('ui.pacing.resetConfirm'))) command({ command: 'timer', action: 'reset' });
          },
        }),
      ),
    ),
  );
  tick();
}

function tick(): void {
  if (!session) return;
  const ms = elapsedMs();
  const minutes = ms / 60000;
  clock.textContent = formatClock(ms);
  clock.setAttribute('aria-label', t('ui.pacing.elapsed', { time: formatClock(ms) }));
  const frame = frameAt(session.slide);
  const lecture = deck?.lectureMinutes ?? 35;
  const discussion = deck?.discussionMinutes ?? 10;
  if (frame) {
    const start = frame.plannedStart;
    const end = start + frame.minutes;
    let state: string;
    let cls = 'pacing-state';
    if (minutes < start - 0.5) {
      state = t('ui.pacing.ahead', { n: Math.round(start - minutes) });
      cls += ' ahead';
    } else if (minutes > end + 0.5) {
      state = t('ui.pacing.behind', { n: Math.round(minutes - end) });
      cls += ' behind';
    } else state = t('ui.pacing.onTime');
    pacingState.className = cls;
    pacingState.textContent = `${t('ui.pacing.plannedStart', { n: start, minutes: frame.minutes })} · ${state}`;
  }
  const total = lecture + discussion;
  if (planBar.childElementCount === 0) {
    const lectureSeg = h('span', { class: 'plan-lecture' });
    const discussionSeg = h('span', { class: 'plan-discussion' });
    lectureSeg.style.width = `${(lecture / total) * 100}%`;
    discussionSeg.style.width = `${(discussion / total) * 100}%`;
    planBar.append(lectureSeg, discussionSeg, h('span', { class: 'plan-marker' }));
  }
  const marker = planBar.lastElementChild as HTMLElement;
  marker.style.insetInlineStart = `${Math.min(100, (minutes / total) * 100)}%`;
  planText.textContent =
    minutes <= lecture
      ? t('ui.pacing.lecture', { n: Math.floor(minutes), of: lecture, d: discussion })
      : t('ui.pacing.discussion', { n: Math.floor(minutes - lecture), of: discussion });
}

window.setInterval(tick, 1000);

// ── session, audience ──────────────────────────────────────────────────────────────────────────

let sessionKey = '';
function renderSession(): void {
  const s = session;
  if (!s) return;
  const key = JSON.stringify([s.code, s.joining, s.ended]);
  if (key === sessionKey) return;
  sessionKey = key;
  const joinUrl = `${config.publicUrl}/j/${s.code}`;
  const joining = h('input', {
    type: 'checkbox',
    id: 'joining-toggle',
    checked: s.joining,
    disabled: s.ended,
  });
  joining.addEventListener('change', () => command({ command: 'joining', open: joining.checked }));
  keepFocus(() =>
    fill(
      sessionBox,
      h('h2', { id: 'session-title', text: t('ui.presenter.session') }),
      h('p', null, t('ui.presenter.joinAt'), ' ', h('strong', { class: 'mono', text: joinUrl })),
      h('p', null, t('ui.presenter.code'), ' ', h('strong', { class: 'mono big', text: s.code })),
      h(
        'label',
        { class: 'choice', for: 'joining-toggle' },
        joining,
        h('span', { text: t('ui.presenter.joiningOpen') }),
      ),
      h(
        'div',
        { class: 'button-row' },
        h('button', {
          type: 'button',
          id: 'open-projector',
          text: t('ui.presenter.openProjector'),
          onclick: () => {
            window.open(
              `/projector/${encodeURIComponent(sessionId)}#token=${encodeURIComponent(token)}`,
              'lectern-projector',
            );
          },
        }),
        h('button', {
          type: 'button',
          id: 'fullscreen',
          text: t('ui.presenter.fullscreen'),
          onclick: toggleFullscreen,
        }),
        h('button', {
          type: 'button',
          id: 'end-session',
          class: 'danger',
          disabled: s.ended,
          text: t('ui.presenter.end'),
          onclick: () => {
            if (window.confirm(t('ui.presenter.endConfirm'))) command({ command: 'end' });
          },
        }),
      ),
    ),
  );
}

let audienceKey = '';
function renderAudience(): void {
  if (!session) return;
  const key = JSON.stringify(session.audience);
  if (key === audienceKey) return;
  audienceKey = key;
  const audience = session.audience;
  const send = (next: Audience) => {
    if (session) session = { ...session, audience: next };
    renderNotes();
    command({ command: 'audience', audience: next });
  };
  const [levels, components] = audienceFields(audience, {
    levels: AUDIENCE_LEVELS,
    current: () => session?.audience ?? null,
    onChange: send,
    onNeedOne: () => showError(t('ui.audience.needOne')),
  });
  keepFocus(() =>
    fill(
      audienceBox,
      h('h2', { id: 'audience-title', text: t('ui.audience.title') }),
      h('p', { class: 'hint', text: t('ui.audience.help') }),
      levels,
      components,
    ),
  );
}

// ── questions and roster ───────────────────────────────────────────────────────────────────────

/** A moderation button; its name says which question it acts on. */
function moderateButton(
  q: QuestionView,
  action: 'hide' | 'show' | 'answered',
  label: 'hide' | 'show' | 'markAnswered',
): HTMLElement {
  return h('button', {
    type: 'button',
    id: domId(action, q.id),
    text: t(`ui.qa.${label}`),
    'aria-label': t(`ui.qa.${label}This`, { text: q.text }),
    onclick: () => command({ command: 'moderate', questionId: q.id, action }),
  });
}

function renderQuestions(): void {
  keepFocus(() =>
    fill(
      qaBox,
      h('h2', { id: 'qa-title', text: t('ui.qa.title') }),
      questions.length === 0
        ? h('p', { class: 'muted', text: t('ui.qa.none') })
        : h(
            'ol',
            { class: 'board' },
            questions.map((q) =>
              h(
                'li',
                { class: `question ${q.status}` },
                h('p', { class: 'question-text', text: q.text }),
                h(
                  'p',
                  { class: 'question-meta' },
                  h('span', { text: t('ui.qa.votes', { n: q.votes }) }),
                  q.status !== 'visible'
                    ? h('span', { class: 'tag', text: t(`ui.qa.${q.status}` as UiKey) })
                    : null,
                ),
                h(
                  'div',
                  { class: 'button-row' },
                  q.status === 'hidden'
                    ? moderateButton(q, 'show', 'show')
                    : moderateButton(q, 'hide', 'hide'),
                  q.status === 'answered' ? null : moderateButton(q, 'answered', 'markAnswered'),
                ),
              ),
            ),
          ),
    ),
  );
}

function renderRoster(): void {
  const sorted = [...roster].sort((a, b) => a.name.localeCompare(b.name));
  const options = () =>
    sorted.map((p) =>
      h('option', { value: p.participantId, text: [p.name, p.contingent].filter(Boolean).join(' · ') }),
    );
  const from = h(
    'select',
    { id: 'merge-from' },
    h('option', { value: '', text: t('ui.roster.pick') }),
    options(),
  );
  const into = h(
    'select',
    { id: 'merge-into' },
    h('option', { value: '', text: t('ui.roster.pick') }),
    options(),
  );
  const mergeForm = h(
    'form',
    { class: 'merge', novalidate: true },
    h('p', { class: 'hint', text: t('ui.roster.mergeHelp') }),
    h('div', { class: 'field' }, h('label', { for: 'merge-from', text: t('ui.roster.mergeFrom') }), from),
    h('div', { class: 'field' }, h('label', { for: 'merge-into', text: t('ui.roster.mergeInto') }), into),
    h('button', { type: 'submit', text: t('ui.roster.merge') }),
  );
  mergeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!from.value || !into.value || from.value === into.value) {
      showError(t('ui.roster.mergePickTwo'));
      return;
    }
    if (window.confirm(t('ui.roster.mergeConfirm')))
      command({ command: 'merge', from: from.value, into: into.value });
  });
  const online = roster.filter((p) => p.connected).length;
  // The merge pickers keep their choice across roster updates.
  const keep = [document.getElementById('merge-from'), document.getElementById('merge-into')].map(
    (s) => (s as HTMLSelectElement | null)?.value ?? '',
  );
  keepFocus(() => {
    fill(
      rosterBox,
      h('h2', { id: 'roster-title', text: t('ui.roster.title') }),
      h('p', { text: t('ui.roster.count', { n: roster.length, online }) }),
      roster.length === 0
        ? h('p', { class: 'muted', text: t('ui.roster.none') })
        : h(
            'div',
            { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'roster-title' },
            table(
              { class: 'roster-table' },
              null,
              [
                t('ui.roster.name'),
                t('ui.roster.contingent'),
                t('ui.roster.role'),
                t('ui.roster.connection'),
                t('ui.roster.score'),
              ],
              sorted.map((p) =>
                h(
                  'tr',
                  null,
                  h('th', { scope: 'row', text: p.name }),
                  h('td', { text: p.contingent ?? '' }),
                  h('td', { text: p.role ?? '' }),
                  h(
                    'td',
                    null,
                    h('span', {
                      class: p.connected ? 'dot on' : 'dot off',
                      text: p.connected ? t('ui.roster.online') : t('ui.roster.offline'),
                    }),
                  ),
                  h('td', { text: formatNumber(p.score) }),
                ),
              ),
            ),
          ),
      roster.length >= 2 ? mergeForm : null,
    );
    from.value = keep[0] ?? '';
    into.value = keep[1] ?? '';
  });
}

// ── keyboard ───────────────────────────────────────────────────────────────────────────────────

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
  const target = event.target as HTMLElement | null;
  const tag = target?.tagName;
  const type = target instanceof HTMLInputElement ? target.type : '';
  const activates = event.key === ' ' || event.key === 'Enter';
  // Typing, choosing and toggling keep their keys: text fields, selects, radio groups (arrows), and
  // Space or Enter on buttons, links, checkboxes and disclosures.
  if (tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable) return;
  if (tag === 'INPUT' && type !== 'checkbox' && type !== 'radio') return;
  if (type === 'radio' && (activates || event.key.startsWith('Arrow'))) return;
  if ((type === 'checkbox' || tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') && activates) return;
  if (!session) return;
  switch (event.key) {
    case 'ArrowRight':
    case 'PageDown':
    case ' ':
      event.preventDefault();
      goto(session.slide + 1);
      return;
    case 'ArrowLeft':
    case 'PageUp':
      event.preventDefault();
      goto(session.slide - 1);
      return;
    case 'b':
    case 'B':
      event.preventDefault();
      toggleBlack();
      return;
    case 'f':
    case 'F':
      event.preventDefault();
      toggleFullscreen();
      return;
  }
});

// ── start ──────────────────────────────────────────────────────────────────────────────────────

startStaffSession(staff, connection, showDeck, showFatal);
renderQuestions();
renderRoster();
