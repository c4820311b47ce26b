/**
 * The participant's phone: join (or come back with a stored identity, or recover it from another
 * device), follow the slide, answer the open activity, see one's own result at reveal, ask and vote
 * on questions. Phone first: one column, large targets, native controls (no drag and drop).
 */

import type { UiKey } from '../../i18n/ui-en.ts';
import type { AnswerKey, PublicActivity } from '../../live/activity-view.ts';
import type { Deck, Frame } from '../../live/deck.ts';
import type {
  ClientMessage,
  OwnAnswer,
  OwnAssessmentResult,
  QuestionView,
  Response,
  ServerMessage,
  SessionView,
} from '../../live/protocol.ts';
import {
  answerControls,
  type Draft,
  describeResponse,
  newDraft,
  toResponse,
} from '../shared/answer-forms.ts';
import { keyView, revealTextView } from '../shared/answer-key.ts';
import { readConfig } from '../shared/config.ts';
import {
  Connection,
  type ConnectionStatus,
  newClientId,
  type OutboxMessage,
  type Settlement,
  serverNow,
} from '../shared/connection.ts';
import { countdown } from '../shared/countdown.ts';
import { type Child, domId, fill, h, keepFocus, liveRegion, table } from '../shared/dom.ts';
import { errorMessage, formatPercent, initI18n, t } from '../shared/i18n.ts';
import { slideBody } from '../shared/slide-body.ts';
import { statusLine } from '../shared/status-line.ts';

const MAX_NAME = 60;
const MAX_QUESTION = 280;

const config = readConfig();
initI18n(config);

// ── identity, stored per join code ─────────────────────────────────────────────────────────────

interface Identity {
  participantId: string;
  token: string;
  recoveryCode: string;
  name: string;
}

const storage = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string | null): void {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      // Private browsing: the identity lasts as long as the page.
    }
  },
};

function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function loadIdentity(joinCode: string): Identity | null {
  try {
    const parsed = JSON.parse(storage.get(`lectern.identity.${joinCode}`) ?? 'null') as Identity | null;
    return parsed && typeof parsed.token === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function saveIdentity(joinCode: string, value: Identity | null): void {
  storage.set(`lectern.identity.${joinCode}`, value ? JSON.stringify(value) : null);
  if (value) storage.set('lectern.lastCode', joinCode);
}

// ── state ──────────────────────────────────────────────────────────────────────────────────────

interface JoinInfo {
  code: string;
  joining: boolean;
  deck: Deck;
  activities?: Record<string, PublicActivity>;
  /** The public views of the session assessment's items. */
  items?: Record<string, PublicActivity>;
  /** Learning outcomes with their text, where the server sends them. */
  outcomes?: { id: string; text: string }[];
}

interface Revealed {
  key: AnswerKey | null;
  text: string | null;
  own?: OwnAnswer;
}

type Screen = 'join' | 'live' | 'ended';

const fromUrl = normaliseCode(config.code ?? '');
let code = fromUrl || normaliseCode(storage.get('lectern.lastCode') ?? '');
let identity: Identity | null = code ? loadIdentity(code) : null;
if (!fromUrl && !identity) code = '';
/** A join or recover request waiting for its welcome; sent again if the connection drops first. */
let request: ClientMessage | null = null;
let session: SessionView | null = null;
let info: JoinInfo | null = null;
let infoLoading: Promise<void> | null = null;
let screen: Screen = identity ? 'live' : 'join';
let joinError = '';
/** What was typed in the join form, kept when it is drawn again (after an error). */
const typed = { code: '', name: '', contingent: '', role: '', recovery: '' };
let recoverError = '';
let liveError = '';
const saved = new Map<string, OwnAnswer>();
const drafts = new Map<string, Draft>();
const answerErrors = new Map<string, string>();
const revealed = new Map<string, Revealed>();
let questions: QuestionView[] = [];
let askStatus = '';
let lastActivity: SessionView['activity'] = null;
/** This participant's assessment result, once the presenter reveals (sent again after each mark). */
let assessmentResult: OwnAssessmentResult | null = null;

// ── connection ─────────────────────────────────────────────────────────────────────────────────

const connection = new Connection({
  storageKey: 'lectern.outbox.participant',
  hello: () => {
    if (request) return request;
    if (identity && code) return { type: 'rejoin', code, token: identity.token };
    return null;
  },
  onMessage: receive,
  onStatus: renderStatus,
  onSettled: settled,
});

// ── layout ─────────────────────────────────────────────────────────────────────────────────────

const app = document.getElementById('app') as HTMLElement;
const status = statusLine('ui.conn.offline');
const announcer = liveRegion();
/** The assessment's countdown, in the top bar so that it stays in view while the paper scrolls. */
const clock = countdown({
  now: () => serverNow(connection),
  onLastMinute: () => announcer.say(t('ui.as.oneMinute')),
  onEnd: () => {
    announcer.say(t('ui.as.timeUp'));
    renderAssessment();
  },
});
clock.element.hidden = true;
const main = h('main', { id: 'main', class: 'participant', tabindex: '-1' });
fill(
  app,
  h('a', { class: 'skip', href: '#main', text: t('ui.skip') }),
  h(
    'header',
    { class: 'topbar' },
    h('p', { class: 'brand', text: 'Lectern' }),
    clock.element,
    status.element,
  ),
  main,
  announcer.element,
);

function renderStatus(value: ConnectionStatus): void {
  status.show(value);
  if (screen === 'live') {
    renderActivity();
    updateItems();
  }
}

// ── messages ───────────────────────────────────────────────────────────────────────────────────

function receive(message: ServerMessage): void {
  switch (message.type) {
    case 'welcome': {
      if (message.you && code) {
        identity = {
          participantId: message.you.participantId,
          // Empty after a merge: the token this device holds now names the surviving participant.
          token: message.you.token || identity?.token || '',
          recoveryCode: message.you.recoveryCode,
          name: message.you.name,
        };
        saveIdentity(code, identity);
      }
      request = null;
      joinError = '';
      recoverError = '';
      session = message.session;
      saved.clear();
      for (const answer of message.answers ?? []) saved.set(answer.activityId, answer);
      lastActivity = session.activity;
      // The server sends the result again after a welcome while it is revealed.
      if (session.assessment?.status !== 'revealed') assessmentResult = null;
      screen = session.ended ? 'ended' : 'live';
      void loadInfo();
      render();
      return;
    }
    case 'state': {
      const previous = lastActivity;
      const previousAssessment = session?.assessment ?? null;
      session = message.session;
      const now = session.activity;
      // A new epoch of the same activity is a reset: its answers are gone on the server too.
      if (previous && now && previous.id === now.id && previous.epoch !== now.epoch) {
        saved.delete(now.id);
        revealed.delete(now.id);
        drafts.delete(now.id);
      }
      lastActivity = now;
      // A new sitting of the assessment: the last one's answers and result no longer count.
      if (
        previousAssessment &&
        session.assessment &&
        previousAssessment.attempt !== session.assessment.attempt
      ) {
        for (const id of session.assessment.itemIds) {
          saved.delete(id);
          drafts.delete(id);
        }
        assessmentResult = null;
      }
      if (previousAssessment?.status !== 'open' && session.assessment?.status === 'open') {
        announcer.say(t('ui.as.opened', { n: session.assessment.itemIds.length }));
      }
      if (!session.assessment) assessmentResult = null;
      if (session.ended) screen = 'ended';
      if (screen === 'ended') render();
      else if (screen === 'live') renderLive();
      return;
    }
    case 'revealed': {
      revealed.set(message.activityId, {
        ...message.answer,
        ...(message.own ? { own: message.own } : {}),
      });
      if (message.own) saved.set(message.activityId, message.own);
      if (screen === 'live') renderActivity();
      announcer.say(t('ui.reveal.announce'));
      return;
    }
    case 'assessmentResult': {
      const first = assessmentResult === null;
      const before = assessmentResult?.score;
      assessmentResult = message.result;
      if (screen === 'live') renderAssessment();
      const score = formatPercent(message.result.score ?? 0);
      if (first) announcer.say(t('ui.as.resultAnnounce', { score }));
      else if (before !== message.result.score) announcer.say(t('ui.as.resultUpdated', { score }));
      return;
    }
    case 'questions':
      questions = [...message.questions].sort((a, b) => b.votes - a.votes);
      if (screen === 'live') renderBoard();
      return;
    case 'error':
      if (message.clientId) return; // settled() reports it.
      handleError(message.code);
      return;
    default:
      return;
  }
}

function handleError(code_: string): void {
  const text = errorMessage(code_);
  switch (code_) {
    case 'TOKEN_INVALID':
    case 'JOIN_CODE_UNKNOWN':
      if (identity && code) saveIdentity(code, null);
      identity = null;
      request = null;
      joinError = text;
      screen = 'join';
      render();
      return;
    case 'JOINING_CLOSED':
    case 'SESSION_FULL':
    case 'SESSION_ENDED':
    case 'MESSAGE_MALFORMED':
      if (request?.type === 'recover') recoverError = text;
      else joinError = text;
      request = null;
      if (screen !== 'live') render();
      else showLiveError(text);
      return;
    case 'RECOVERY_CODE_UNKNOWN':
      request = null;
      recoverError = text;
      render();
      return;
    default:
      if (screen === 'live') showLiveError(text);
      else {
        joinError = text;
        render();
      }
  }
}

function settled(message: OutboxMessage, settlement: Settlement): void {
  if (message.type === 'answer') {
    const itemIds = session?.assessment?.itemIds ?? [];
    const isItem = itemIds.includes(message.activityId);
    if (settlement.ok) {
      saved.set(message.activityId, { activityId: message.activityId, response: message.response });
      answerErrors.delete(message.activityId);
      announcer.say(
        isItem
          ? t('ui.as.itemSavedAnnounce', {
              n: itemIds.filter((id) => saved.has(id)).length,
              of: itemIds.length,
            })
          : t('ui.answer.saved'),
      );
    } else {
      answerErrors.set(message.activityId, errorMessage(settlement.code));
      // An item's state line is not a live region (ten of them would talk at once): say it here.
      if (isItem) announcer.say(errorMessage(settlement.code));
    }
    if (screen === 'live') {
      if (isItem) updateItems();
      else renderActivity();
    }
  } else if (message.type === 'ask') {
    askStatus = settlement.ok ? t('ui.qa.sent') : errorMessage(settlement.code);
    if (screen === 'live') renderAskStatus();
  } else if (message.type === 'upvote' && !settlement.ok) {
    showLiveError(errorMessage(settlement.code));
    if (screen === 'live') renderBoard();
  }
}

async function loadInfo(): Promise<void> {
  if (!code || (info && info.code === code && info.activities)) return;
  infoLoading ??= (async () => {
    try {
      const response = await fetch(`/api/join/${encodeURIComponent(code)}`, {
        headers: { accept: 'application/json' },
      });
      if (response.ok) {
        info = (await response.json()) as JoinInfo;
        if (screen === 'live') renderLive();
      } else if (screen === 'join') {
        const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
        if (body?.error?.code) {
          joinError = errorMessage(body.error.code);
          render();
        }
      }
    } catch {
      // Offline: tried again at the next welcome.
    } finally {
      infoLoading = null;
    }
  })();
  return infoLoading;
}

// ── screens ────────────────────────────────────────────────────────────────────────────────────

function render(): void {
  document.title =
    screen === 'join' ? t('ui.title.participant') : (info?.deck.title ?? t('ui.title.participant'));
  if (screen !== 'live') {
    clock.set(null);
    clock.element.hidden = true;
  }
  if (screen === 'join') renderJoin();
  else if (screen === 'ended') renderEnded();
  else renderLive();
}

function field(
  id: string,
  label: string,
  input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  hint?: string,
): HTMLElement {
  input.id = id;
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, text: label }),
    hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null,
    input,
  );
}

function renderJoin(): void {
  const codeInput = h('input', {
    type: 'text',
    name: 'code',
    value: typed.code || code,
    required: true,
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxLength: 12,
    class: 'code-input',
  });
  const nameInput = h('input', {
    type: 'text',
    name: 'name',
    required: true,
    autocomplete: 'name',
    maxLength: MAX_NAME,
    value: typed.name,
  });
  const contingentInput = h('input', {
    type: 'text',
    name: 'contingent',
    autocomplete: 'organization',
    maxLength: MAX_NAME,
    value: typed.contingent,
  });
  const roleInput = h('input', {
    type: 'text',
    name: 'role',
    autocomplete: 'organization-title',
    maxLength: MAX_NAME,
    value: typed.role,
  });
  const joinButton = h('button', { type: 'submit', class: 'primary', text: t('ui.join.submit') });
  const joinAlert = h('p', { class: 'alert', role: 'alert', text: joinError });
  joinAlert.hidden = joinError === '';
  const joinForm = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'join-title' },
    joinAlert,
    field('join-code', t('ui.join.code'), codeInput),
    field('join-name', t('ui.join.name'), nameInput, t('ui.join.nameHint')),
    field('join-contingent', t('ui.join.contingent'), contingentInput),
    field('join-role', t('ui.join.role'), roleInput),
    joinButton,
  );
  joinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const joinCode = normaliseCode(codeInput.value);
    const name = nameInput.value.trim();
    Object.assign(typed, {
      code: codeInput.value,
      name: nameInput.value,
      contingent: contingentInput.value,
      role: roleInput.value,
    });
    const problems: string[] = [];
    codeInput.setAttribute('aria-invalid', String(joinCode.length < 3));
    nameInput.setAttribute('aria-invalid', String(name === ''));
    if (joinCode.length < 3) problems.push(t('ui.join.codeMissing'));
    if (name === '') problems.push(t('ui.join.nameMissing'));
    if (problems.length > 0) {
      joinError = problems.join(' ');
      renderJoin();
      (joinCode.length < 3
        ? document.getElementById('join-code')
        : document.getElementById('join-name')
      )?.focus();
      return;
    }
    switchCode(joinCode);
    const contingent = contingentInput.value.trim();
    const role = roleInput.value.trim();
    request = {
      type: 'join',
      code: joinCode,
      name,
      ...(contingent ? { contingent } : {}),
      ...(role ? { role } : {}),
    };
    joinError = '';
    joinAlert.hidden = false;
    joinAlert.className = 'notice';
    joinAlert.textContent = t('ui.join.joining');
    // One join per tap: the button comes back with the form if the server refuses.
    joinButton.disabled = true;
    void loadInfo();
    connection.hello();
  });

  const recoverCodeInput = h('input', {
    type: 'text',
    value: typed.code || code,
    required: true,
    autocomplete: 'off',
    autocapitalize: 'characters',
    maxLength: 12,
    class: 'code-input',
  });
  const recoveryInput = h('input', {
    type: 'text',
    required: true,
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxLength: 16,
    class: 'code-input',
    value: typed.recovery,
  });
  const recoverAlert = h('p', { class: 'alert', role: 'alert', text: recoverError });
  recoverAlert.hidden = recoverError === '';
  const recoverForm = h(
    'form',
    { novalidate: true },
    h('p', { class: 'hint', text: t('ui.recover.help') }),
    recoverAlert,
    field('recover-code', t('ui.join.code'), recoverCodeInput),
    field('recover-recovery', t('ui.recover.code'), recoveryInput),
    h('button', { type: 'submit', text: t('ui.recover.submit') }),
  );
  recoverForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const joinCode = normaliseCode(recoverCodeInput.value);
    const recoveryCode = recoveryInput.value.trim().toUpperCase();
    Object.assign(typed, { code: recoverCodeInput.value, recovery: recoveryInput.value });
    if (joinCode.length < 3 || recoveryCode.length < 4) {
      recoverError = t('ui.recover.missing');
      renderJoin();
      document.getElementById('recover-recovery')?.focus();
      return;
    }
    switchCode(joinCode);
    request = { type: 'recover', code: joinCode, recoveryCode };
    recoverError = '';
    recoverAlert.hidden = false;
    recoverAlert.className = 'notice';
    recoverAlert.textContent = t('ui.join.joining');
    void loadInfo();
    connection.hello();
  });

  const details = h(
    'details',
    { class: 'card recover', open: recoverError !== '' },
    h('summary', { text: t('ui.recover.title') }),
    recoverForm,
  );
  fill(
    main,
    h('h1', { id: 'join-title', text: t('ui.join.title') }),
    info && !info.joining ? h('p', { class: 'notice', text: t('ui.join.closed') }) : null,
    joinForm,
    details,
  );
}

function switchCode(joinCode: string): void {
  if (joinCode === code) return;
  code = joinCode;
  info = null;
  if (history.replaceState) history.replaceState(null, '', `/j/${encodeURIComponent(joinCode)}`);
}

function renderEnded(): void {
  fill(
    main,
    h('h1', { text: t('ui.ended.title') }),
    h('p', { text: t('ui.ended.thanks') }),
    recoveryDisclosure(),
    h('button', {
      type: 'button',
      text: t('ui.ended.another'),
      onclick: () => {
        storage.set('lectern.lastCode', null);
        identity = null;
        code = '';
        session = null;
        screen = 'join';
        if (history.replaceState) history.replaceState(null, '', '/join');
        render();
      },
    }),
  );
}

// ── the live screen: four regions, each re-rendered only when what it shows changes ───────────────

const regions = {
  heading: h('div', { class: 'who' }),
  error: h('p', { class: 'alert', role: 'alert' }),
  assessment: h('section', { class: 'card assessment', 'aria-labelledby': 'as-title' }),
  activity: h('section', { class: 'card activity', 'aria-labelledby': 'activity-title' }),
  slide: h('section', { class: 'card slide', 'aria-labelledby': 'slide-title' }),
  qa: h('section', { class: 'card qa', 'aria-labelledby': 'qa-title' }),
  recovery: h('div'),
};
let builtLive = false;
let headingKey = '';
let slideKey = '';
let activityKey = '';

function buildLive(): void {
  regions.error.hidden = liveError === '';
  fill(
    main,
    regions.heading,
    regions.error,
    regions.assessment,
    regions.activity,
    regions.slide,
    regions.qa,
    regions.recovery,
  );
  if (!builtLive) buildQa();
  builtLive = true;
  slideKey = '';
  activityKey = '';
  assessmentKey = '';
}

function showLiveError(text: string): void {
  liveError = text;
  regions.error.textContent = text;
  regions.error.hidden = text === '';
}

function renderLive(): void {
  if (!builtLive || !main.contains(regions.activity)) buildLive();
  const title = info?.deck.title ?? t('ui.title.participant');
  document.title = title;
  // Drawn again only when they change: an open recovery disclosure stays open across state updates.
  const key = JSON.stringify([title, code, identity?.name, identity?.recoveryCode]);
  if (key !== headingKey) {
    headingKey = key;
    fill(
      regions.heading,
      h('h1', { class: 'deck-title', text: title }),
      identity
        ? h('p', { class: 'muted', text: t('ui.live.joinedAs', { name: identity.name, code }) })
        : null,
    );
    fill(regions.recovery, recoveryDisclosure());
  }
  renderSlide();
  renderAssessment();
  renderActivity();
  renderBoard();
}

function currentFrame(): Frame | undefined {
  return session ? info?.deck.frames[session.slide] : undefined;
}

function renderSlide(): void {
  const frame = currentFrame();
  const key = `${session?.slide}|${session?.black}|${frame?.id ?? ''}`;
  if (key === slideKey) return;
  slideKey = key;
  if (session?.black) {
    fill(
      regions.slide,
      h('h2', { id: 'slide-title', text: t('ui.live.paused') }),
      h('p', { class: 'muted', text: t('ui.live.pausedHint') }),
    );
    return;
  }
  fill(
    regions.slide,
    frame && frame.sectionTitle !== frame.title
      ? h('p', { class: 'eyebrow', text: frame.sectionTitle })
      : null,
    h('h2', {
      id: 'slide-title',
      text: frame ? frame.title : t('ui.live.slide', { n: (session?.slide ?? 0) + 1 }),
    }),
    slideBody(frame?.html ?? ''),
  );
}

function recoveryDisclosure(): HTMLElement | null {
  if (!identity) return null;
  return h(
    'details',
    { class: 'card recovery' },
    h('summary', { text: t('ui.recovery.title') }),
    h('p', { class: 'recovery-code', text: identity.recoveryCode }),
    h('p', { class: 'hint', text: t('ui.recovery.help') }),
  );
}

// ── activity ───────────────────────────────────────────────────────────────────────────────────

function pendingAnswer(activityId: string): boolean {
  return connection.pending().some((m) => m.type === 'answer' && m.activityId === activityId);
}

/** An answer's text and class while it waits in the outbox ("Sending…", or queued offline) or was refused. */
function outboxState(activityId: string): [text: string, cls: string] | null {
  if (pendingAnswer(activityId)) {
    const text = connection.status === 'online' ? t('ui.answer.sending') : t('ui.answer.queued');
    return [text, 'answer-state pending'];
  }
  const error = answerErrors.get(activityId);
  return error ? [error, 'answer-state failed'] : null;
}

function renderActivity(): void {
  const current = session?.activity ?? null;
  const view = current ? info?.activities?.[current.id] : undefined;
  const key = JSON.stringify([
    current,
    !!view,
    current ? saved.get(current.id) : null,
    current ? revealed.has(current.id) : false,
    current ? pendingAnswer(current.id) : false,
    current ? answerErrors.get(current.id) : null,
    connection.status,
  ]);
  if (key === activityKey) return;
  activityKey = key;
  regions.activity.hidden = !current;
  if (!current) {
    regions.activity.replaceChildren();
    return;
  }
  keepFocus(() => {
    if (!view) {
      fill(
        regions.activity,
        h('h2', { id: 'activity-title', text: t('ui.activity.title') }),
        h('p', { text: t('ui.activity.loading') }),
      );
      return;
    }
    const reveal = revealed.get(view.id);
    fill(
      regions.activity,
      h('p', { class: 'eyebrow', text: activityLabel(view) }),
      h('h2', { id: 'activity-title', text: view.prompt }),
      current.status === 'revealed' && reveal ? revealView(view, reveal) : answerView(view, current.status),
    );
  });
}

function activityLabel(view: PublicActivity): string {
  return t(`ui.type.${view.type}` as UiKey);
}

function revealView(view: PublicActivity, reveal: Revealed): HTMLElement {
  const own = reveal.own ?? saved.get(view.id);
  const score = own?.score;
  return h(
    'div',
    { class: 'reveal' },
    h('h3', { text: t('ui.reveal.title') }),
    score !== undefined
      ? h('p', { class: 'score' }, t('ui.reveal.score'), ' ', h('strong', { text: formatPercent(score) }))
      : own
        ? null
        : h('p', { class: 'muted', text: t('ui.reveal.noAnswer') }),
    own && view.type !== 'qa' && !reveal.key
      ? h('p', { text: t('ui.reveal.yourAnswer', { answer: describeResponse(view, own.response) }) })
      : null,
    keyView(view, reveal.key, own?.response),
    revealTextView(reveal.text),
  );
}

function draftFor(view: PublicActivity): Draft {
  let draft = drafts.get(view.id);
  if (draft) return draft;
  draft = newDraft(view, saved.get(view.id)?.response);
  drafts.set(view.id, draft);
  return draft;
}

function answerView(view: PublicActivity, activityStatus: 'open' | 'closed' | 'revealed'): HTMLElement {
  if (view.type === 'qa') {
    return h(
      'div',
      null,
      h('p', { text: t('ui.activity.qaHint') }),
      h('button', {
        type: 'button',
        text: t('ui.qa.ask'),
        onclick: () => document.getElementById('ask-text')?.focus(),
      }),
    );
  }
  const open = activityStatus === 'open';
  const draft = draftFor(view);
  const problem = h('p', { class: 'alert', role: 'alert', id: domId('problem', view.id) });
  problem.hidden = true;
  const fieldset = h(
    'fieldset',
    { class: 'answer', disabled: !open },
    h('legend', { class: 'sr-only', text: view.prompt }),
    controls(view, draft),
  );
  const form = h(
    'form',
    { novalidate: true, 'aria-describedby': domId('answer-state', view.id) },
    fieldset,
    problem,
    open
      ? h('button', {
          type: 'submit',
          class: 'primary',
          id: domId('submit', view.id),
          text: saved.has(view.id) ? t('ui.answer.change') : t('ui.answer.send'),
        })
      : null,
    answerState(view, open),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const response = toResponse(view, draft);
    if ('problem' in response) {
      problem.textContent = response.problem;
      problem.hidden = false;
      return;
    }
    sendAnswer(view.id, response);
    renderActivity();
  });
  return form;
}

/** Puts an answer in the outbox in place of any earlier one to the same activity still waiting there. */
function sendAnswer(activityId: string, response: Response): void {
  connection.discard((m) => m.type === 'answer' && m.activityId === activityId);
  answerErrors.delete(activityId);
  connection.enqueue({ type: 'answer', clientId: newClientId(), activityId, response });
}

/** "Sending…", "Saved" or the error, for the screen and for screen readers (polite live region). */
function answerState(view: PublicActivity, open: boolean): HTMLElement {
  const [text, cls] =
    outboxState(view.id) ??
    (saved.has(view.id)
      ? [open ? t('ui.answer.savedChange') : t('ui.answer.savedClosed'), 'answer-state saved']
      : [open ? '' : t('ui.answer.closed'), 'answer-state']);
  return h('p', {
    class: cls,
    id: domId('answer-state', view.id),
    role: 'status',
    'aria-live': 'polite',
    text,
  });
}

function controls(view: PublicActivity, draft: Draft): HTMLElement {
  return answerControls(view, draft, {
    rerender: () => {
      activityKey = '';
      renderActivity();
    },
    announce: (text) => announcer.say(text),
  });
}

// ── the session assessment ─────────────────────────────────────────────────────────────────────
// While it is open: every item of the paper as a form, each saved through the outbox as an answer
// (the item id as the activity id), a countdown, and how many answers are saved. Then "closed", then
// the participant's own result: score, pass or fail, per outcome, and per item the key and feedback.

interface ItemParts {
  view: PublicActivity;
  controls: HTMLElement;
  problem: HTMLElement;
  state: HTMLElement;
  button: HTMLButtonElement;
}

let assessmentKey = '';
const itemParts = new Map<string, ItemParts>();
/** Items the participant has changed since the paper was drawn (an order list is an answer untouched). */
const touched = new Set<string>();
const assessmentSummary = h('p', { class: 'as-summary', id: 'as-summary' });

function renderAssessment(): void {
  const a = session?.assessment ?? null;
  regions.assessment.hidden = !a;
  clock.set(a?.status === 'open' ? a.endsAt : null);
  if (!a) {
    clock.element.hidden = true;
    regions.assessment.replaceChildren();
    itemParts.clear();
    assessmentKey = '';
    return;
  }
  const views = info?.items;
  const timeUp = a.status === 'open' && clock.remaining() === 0;
  clock.element.hidden = a.status !== 'open' || timeUp;
  const key = JSON.stringify([
    a.status,
    timeUp,
    a.itemIds,
    a.endsAt,
    !!views,
    a.status === 'revealed' ? assessmentResult : null,
  ]);
  if (key === assessmentKey) {
    updateItems();
    return;
  }
  assessmentKey = key;
  itemParts.clear();
  keepFocus(() => {
    const title = h('h2', { id: 'as-title', text: t('ui.as.title') });
    if (a.status === 'revealed') fill(regions.assessment, resultView(a.itemIds));
    else if (!views) fill(regions.assessment, title, h('p', { text: t('ui.as.loading') }));
    else if (a.status === 'open' && !timeUp) {
      const n = a.itemIds.length;
      fill(
        regions.assessment,
        title,
        h('p', { class: 'hint', text: t('ui.as.intro', { n }) }),
        h(
          'ol',
          { class: 'as-items' },
          a.itemIds.map((id, i) => {
            const view = views[id];
            return view ? itemForm(view, i, n) : null;
          }),
        ),
        assessmentSummary,
        h('button', {
          type: 'button',
          class: 'primary',
          id: 'as-save-all',
          text: t('ui.as.saveAll'),
          onclick: saveAll,
        }),
      );
    } else {
      fill(
        regions.assessment,
        title,
        h('p', { class: 'notice', id: 'as-closed', text: timeUp ? t('ui.as.timeUp') : t('ui.as.closed') }),
        h('p', {
          class: 'as-summary',
          text: t('ui.as.closedSaved', {
            n: a.itemIds.filter((id) => saved.has(id)).length,
            of: a.itemIds.length,
          }),
        }),
      );
    }
  });
  updateItems();
}

function itemForm(view: PublicActivity, index: number, count: number): HTMLElement {
  const draft = draftFor(view);
  const problem = h('p', { class: 'alert', role: 'alert', id: domId('problem', view.id) });
  problem.hidden = true;
  const state = h('p', { class: 'answer-state', id: domId('answer-state', view.id) });
  const button = h('button', { type: 'submit', id: domId('submit', view.id), text: t('ui.as.save') });
  const controls = h('div', null);
  const parts: ItemParts = { view, controls, problem, state, button };
  const drawControls = () =>
    fill(
      controls,
      answerControls(view, draft, {
        rerender: drawControls,
        announce: (text) => announcer.say(text),
      }),
    );
  drawControls();
  const changed = () => {
    touched.add(view.id);
    updateItems();
  };
  const form = h(
    'form',
    { novalidate: true, class: 'as-item-form', 'aria-describedby': state.id },
    h('fieldset', { class: 'answer' }, h('legend', { class: 'as-prompt', text: view.prompt }), controls),
    problem,
    button,
    state,
  );
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  controls.addEventListener('click', (event) => {
    if ((event.target as HTMLElement).closest('button')) changed();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sendItem(parts, true) === 'problem') return;
    updateItems();
  });
  itemParts.set(view.id, parts);
  return h(
    'li',
    { class: 'as-item', id: domId('as-item', view.id) },
    h('h3', {
      class: 'eyebrow',
      text: `${t('ui.as.question', { n: index + 1, of: count })} · ${activityLabel(view)}`,
    }),
    form,
  );
}

function pendingResponse(activityId: string): unknown {
  const pending = connection.pending().filter((m) => m.type === 'answer' && m.activityId === activityId);
  const last = pending[pending.length - 1];
  return last?.type === 'answer' ? last.response : undefined;
}

/** The draft differs from what is saved or on its way. */
function unsaved(parts: ItemParts): boolean {
  const response = toResponse(parts.view, draftFor(parts.view));
  if ('problem' in response) return false;
  const current = pendingResponse(parts.view.id) ?? saved.get(parts.view.id)?.response;
  return JSON.stringify(current) !== JSON.stringify(response);
}

/** Puts an item's answer in the outbox; `explicit`: its own button, which reports a blank answer too. */
function sendItem(parts: ItemParts, explicit: boolean): 'sent' | 'same' | 'blank' | 'problem' {
  const { view, problem } = parts;
  const response = toResponse(view, draftFor(view));
  if ('problem' in response) {
    if (!explicit && !touched.has(view.id)) return 'blank';
    problem.textContent = response.problem;
    problem.hidden = false;
    return 'problem';
  }
  problem.hidden = true;
  if (!unsaved(parts) && !answerErrors.has(view.id)) return 'same';
  sendAnswer(view.id, response);
  return 'sent';
}

function saveAll(): void {
  let sent = 0;
  let first: ItemParts | null = null;
  for (const parts of itemParts.values()) {
    if (!touched.has(parts.view.id)) continue;
    const outcome = sendItem(parts, false);
    if (outcome === 'sent') sent++;
    if (outcome === 'problem') first ??= parts;
  }
  updateItems();
  if (first) {
    first.problem.scrollIntoView({ block: 'center' });
    first.controls.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  } else if (sent === 0) announcer.say(t('ui.as.nothingNew'));
}

/** The state of each item ("Sending…", "Saved", the error) and the summary, without redrawing the forms. */
function updateItems(): void {
  const a = session?.assessment;
  if (!a || itemParts.size === 0) return;
  let pending = 0;
  for (const [id, parts] of itemParts) {
    const outbox = outboxState(id);
    if (pendingAnswer(id)) pending++;
    const [text, cls] =
      outbox ??
      (touched.has(id) && unsaved(parts)
        ? [saved.has(id) ? t('ui.as.unsaved') : t('ui.as.notSaved'), 'answer-state pending']
        : saved.has(id)
          ? [t('ui.as.itemSaved'), 'answer-state saved']
          : [t('ui.as.notAnswered'), 'answer-state']);
    if (parts.state.textContent !== text) parts.state.textContent = text;
    parts.state.className = cls;
    parts.button.textContent = saved.has(id) ? t('ui.as.saveChange') : t('ui.as.save');
  }
  const total = a.itemIds.length;
  const done = a.itemIds.filter((id) => saved.has(id)).length;
  assessmentSummary.className = done === total && pending === 0 ? 'as-summary saved' : 'as-summary';
  assessmentSummary.textContent =
    pending > 0
      ? t('ui.as.sendingCount', { n: pending })
      : done === total
        ? t('ui.as.allSaved', { n: total })
        : t('ui.as.progress', { n: done, of: total });
}

function outcomeLabel(id: string): string {
  const text = info?.outcomes?.find((o) => o.id === id)?.text;
  return text ? `${id}: ${text}` : id;
}

function resultView(itemIds: string[]): Child[] {
  const title = h('h2', { id: 'as-title', text: t('ui.as.resultTitle') });
  const r = assessmentResult;
  if (!r) return [title, h('p', { text: t('ui.as.resultWaiting') })];
  const score = formatPercent(r.score ?? 0);
  const passMark = formatPercent(r.passMark);
  const waiting = r.unmarked.length;
  const outcomes = Object.keys(r.outcomes);
  return [
    title,
    h('p', {
      class: 'as-score',
      id: 'as-score',
      text:
        r.score === null
          ? t('ui.as.noScore')
          : waiting > 0
            ? t('ui.as.scoreSoFar', { score })
            : t('ui.as.score', { score }),
    }),
    h('p', {
      id: 'as-verdict',
      class: waiting > 0 ? 'as-verdict' : r.passed ? 'as-verdict mark-ok' : 'as-verdict mark-bad',
      text:
        waiting > 0
          ? t('ui.as.pending', { n: waiting, passMark })
          : r.passed
            ? t('ui.as.passed', { passMark })
            : t('ui.as.failed', { passMark }),
    }),
    outcomes.length > 0
      ? h(
          'div',
          { class: 'table-wrap' },
          table(
            { class: 'as-outcomes' },
            t('ui.as.outcomes'),
            [t('ui.as.outcome'), t('ui.as.outcomeScore')],
            outcomes.map((id) => {
              const value = r.outcomes[id];
              return h(
                'tr',
                null,
                h('th', { scope: 'row', text: outcomeLabel(id) }),
                h('td', {
                  text: value === null || value === undefined ? t('ui.as.noAnswers') : formatPercent(value),
                }),
              );
            }),
          ),
        )
      : null,
    h('h3', { text: t('ui.as.review') }),
    h(
      'ol',
      { class: 'as-review' },
      itemIds.map((id, i) => {
        const view = info?.items?.[id];
        const item = r.items[id];
        const own = saved.get(id)?.response;
        const waitingMark = r.unmarked.includes(id);
        const itemScore = item?.score ?? null;
        return h(
          'li',
          { class: 'as-review-item', id: domId('as-review', id) },
          h('p', { class: 'eyebrow', text: t('ui.as.question', { n: i + 1, of: itemIds.length }) }),
          h('h4', { text: view?.prompt ?? id }),
          h('p', {
            class: waitingMark
              ? 'as-item-score waiting'
              : itemScore === null
                ? 'as-item-score'
                : itemScore >= 1
                  ? 'as-item-score mark-ok'
                  : 'as-item-score mark-bad',
            text: waitingMark
              ? t('ui.as.waitingMark')
              : itemScore === null
                ? t('ui.as.itemNoAnswer')
                : t('ui.as.itemScore', { score: formatPercent(itemScore) }),
          }),
          own && 'text' in own ? h('p', { text: t('ui.reveal.yourAnswer', { answer: own.text }) }) : null,
          view && item ? keyView(view, item.key, own) : null,
          revealTextView(item?.feedback),
        );
      }),
    ),
  ];
}

// ── questions ──────────────────────────────────────────────────────────────────────────────────

const board = h('ol', { class: 'board', 'aria-labelledby': 'board-title' });
const askState = h('p', { class: 'answer-state', role: 'status', 'aria-live': 'polite' });

function buildQa(): void {
  const textarea = h('textarea', {
    id: 'ask-text',
    rows: 3,
    maxLength: MAX_QUESTION,
    'aria-describedby': 'ask-count',
  });
  const counter = h('p', {
    class: 'counter',
    id: 'ask-count',
    text: t('ui.answer.count', { n: 0, max: MAX_QUESTION }),
  });
  textarea.addEventListener('input', () => {
    counter.textContent = t('ui.answer.count', { n: textarea.value.length, max: MAX_QUESTION });
  });
  const form = h(
    'form',
    { novalidate: true },
    h('label', { for: 'ask-text', text: t('ui.qa.ask') }),
    textarea,
    counter,
    h('button', { type: 'submit', text: t('ui.qa.send') }),
    askState,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (text === '') {
      askStatus = t('ui.qa.empty');
      renderAskStatus();
      textarea.focus();
      return;
    }
    connection.enqueue({ type: 'ask', clientId: newClientId(), text: text.slice(0, MAX_QUESTION) });
    textarea.value = '';
    counter.textContent = t('ui.answer.count', { n: 0, max: MAX_QUESTION });
    askStatus = connection.ready ? t('ui.qa.sending') : t('ui.answer.queued');
    renderAskStatus();
  });
  fill(
    regions.qa,
    h('h2', { id: 'qa-title', text: t('ui.qa.title') }),
    form,
    h('h3', { id: 'board-title', text: t('ui.qa.board') }),
    board,
  );
}

function renderAskStatus(): void {
  askState.textContent = askStatus;
}

function renderBoard(): void {
  const voting = new Set(connection.pending().flatMap((m) => (m.type === 'upvote' ? [m.questionId] : [])));
  keepFocus(() => {
    if (questions.length === 0) {
      fill(board, h('li', { class: 'muted', text: t('ui.qa.none') }));
      return;
    }
    fill(
      board,
      questions.map((q) => {
        const voted = q.votedByMe === true || voting.has(q.id);
        return h(
          'li',
          { class: q.status === 'answered' ? 'question answered' : 'question' },
          h('p', { class: 'question-text', text: q.text }),
          h(
            'p',
            { class: 'question-meta' },
            h('span', {
              text: t('ui.qa.votes', { n: q.votes + (voting.has(q.id) && !q.votedByMe ? 1 : 0) }),
            }),
            q.mine ? h('span', { class: 'tag', text: t('ui.qa.yours') }) : null,
            q.status === 'answered' ? h('span', { class: 'tag', text: t('ui.qa.answered') }) : null,
          ),
          q.mine
            ? null
            : h('button', {
                type: 'button',
                id: domId('vote', q.id),
                class: 'vote',
                // aria-disabled rather than disabled: the focus stays on the button after voting.
                'aria-disabled': voted ? 'true' : null,
                'aria-label': voted
                  ? t('ui.qa.votedFor', { text: q.text })
                  : t('ui.qa.voteFor', { text: q.text }),
                text: voted ? t('ui.qa.voted') : t('ui.qa.vote'),
                onclick: () => {
                  if (voted) return;
                  connection.enqueue({ type: 'upvote', clientId: newClientId(), questionId: q.id });
                  renderBoard();
                  announcer.say(t('ui.qa.voteSent'));
                },
              }),
        );
      }),
    );
  });
}

// ── start ──────────────────────────────────────────────────────────────────────────────────────

render();
if (code) void loadInfo();
connection.start();
