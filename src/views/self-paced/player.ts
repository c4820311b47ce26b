/**
 * The self-paced player: one slide at a time (title, projected content, the participant's notes),
 * the slide's activities with feedback and the key once answered, then the timed session assessment
 * and its result per learning outcome. The same player runs on the Lectern server, in SCORM 1.2 and
 * 2004 packages and under cmi5: the tracker it is given keeps the progress and reports the result.
 *
 * Phone and laptop: one column, native controls (the participant's answer forms), 44 px targets.
 * Every change of place or answer is saved through `tracker.save` with a higher revision. Course text
 * comes as safe HTML rendered on the server; everything else goes in as text.
 */
import type { UiKey } from '../../i18n/ui-en.ts';
import type { Response } from '../../live/protocol.ts';
import { validResponse } from '../../live/scoring.ts';
import {
  initialProgress,
  scoreAssessment,
  scoredAutomatically,
  scoreResponse,
} from '../../selfpaced/score-attempt.ts';
import type {
  SelfPacedActivity,
  SelfPacedFrame,
  SelfPacedPackage,
  SelfPacedProgress,
} from '../../selfpaced/self-paced-package.ts';
import {
  answerControls,
  type Draft,
  describeResponse,
  newDraft,
  toResponse,
} from '../shared/answer-forms.ts';
import { keyView, revealTextView } from '../shared/answer-key.ts';
import type { ViewConfig } from '../shared/config.ts';
import { formatCountdown } from '../shared/countdown.ts';
import { type Child, domId, fill, h, keepFocus, liveRegion, setTrustedHtml, table } from '../shared/dom.ts';
import { formatPercent, initI18n, t } from '../shared/i18n.ts';
import { slideBody } from '../shared/slide-body.ts';
import type { LearnerIdentity, Tracker } from './tracker.ts';

export interface PlayerOptions {
  /** Shown in the top bar, e.g. the Lectern tracker's sync status. */
  status?: HTMLElement;
  /** The language of `messages`; the package's language by default. */
  lang?: string;
  /** The clock, for tests. */
  now?: () => number;
}

export interface PlayerHandle {
  /** The progress as last saved. */
  progress(): SelfPacedProgress;
  /** Stops the assessment timer and the page listeners. */
  destroy(): void;
}

/** A saved progress made safe to use with this package (frames and items may have changed). */
function sanitise(saved: SelfPacedProgress | null, pkg: SelfPacedPackage): SelfPacedProgress {
  const fresh = initialProgress();
  if (!saved || typeof saved !== 'object') return fresh;
  const last = pkg.frames.length;
  const frame = Number.isInteger(saved.frame) ? Math.min(Math.max(saved.frame, 0), last) : 0;
  const seen = Array.isArray(saved.seen)
    ? saved.seen.filter((i) => Number.isInteger(i) && i >= 0 && i <= last)
    : [];
  const answers: SelfPacedProgress['answers'] = {};
  for (const [id, answer] of Object.entries(saved.answers ?? {})) {
    // A course edited since the answer was given may no longer accept it: it is dropped.
    const entry = pkg.activities[id] ?? pkg.assessment.items[id];
    if (
      entry &&
      answer &&
      typeof answer === 'object' &&
      validResponse(entry.view, answer.response as Response)
    ) {
      answers[id] = answer;
    }
  }
  return {
    revision: Number.isInteger(saved.revision) ? saved.revision : 0,
    frame,
    seen: [...new Set([...seen, frame])].sort((a, b) => a - b),
    answers,
    assessment: { ...fresh.assessment, ...(saved.assessment ?? {}) },
  };
}

export async function runPlayer(
  root: HTMLElement,
  pkg: SelfPacedPackage,
  tracker: Tracker,
  messages: Record<string, string>,
  options: PlayerOptions = {},
): Promise<PlayerHandle> {
  // i18n reads only the language and the messages of a view's configuration.
  initI18n({ lang: options.lang ?? pkg.language, messages } as ViewConfig);
  const now = options.now ?? (() => Date.now());

  const announcer = liveRegion();
  const main = h('main', { id: 'sp-main', class: 'sp-player', tabindex: '-1' });
  fill(
    root,
    h('a', { class: 'skip', href: '#sp-main', text: t('ui.skip') }),
    h('header', { class: 'topbar' }, h('p', { class: 'brand', text: 'Lectern' }), options.status ?? null),
    main,
    announcer.element,
  );
  fill(main, h('p', { class: 'muted', text: t('ui.sp.loading') }));

  const started = await tracker.start();
  const learner: LearnerIdentity | null = started.learner;
  let progress = sanitise(started.progress, pkg);
  const assessmentIndex = pkg.frames.length;

  /** Drafts of answers not yet checked or submitted, per activity or item id. */
  const drafts = new Map<string, Draft>();
  const problems = new Map<string, string>();
  let confirmSubmit = false;
  let finished = false;
  let contentsOpen = false;
  let timer: number | undefined;
  let warnedOneMinute = false;
  const pendingInput = new Map<string, number>();

  // ── saving: every change gets the next revision; tracker calls run one after another ─────────

  let queue: Promise<void> = Promise.resolve();
  function enqueue(call: () => Promise<void>): void {
    queue = queue.then(call).catch((error: unknown) => {
      console.warn('lectern: the tracker failed', error);
    });
  }

  function commit(change: (p: SelfPacedProgress) => void): void {
    const next = structuredClone(progress);
    change(next);
    next.revision = progress.revision + 1;
    progress = next;
    const copy = structuredClone(next);
    enqueue(() => tracker.save(copy));
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────────

  function render(focus: boolean): void {
    stopTimer();
    if (finished) {
      fill(main, head(), card('', t('ui.sp.result.finish'), h('p', { text: t('ui.sp.result.finished') })));
    } else if (progress.frame < assessmentIndex) {
      renderFrame();
    } else {
      renderAssessment();
    }
    if (focus) document.getElementById('sp-frame-title')?.focus();
  }

  /** The page's card: its title is the heading the focus goes to when the learner moves. */
  function card(className: string, title: string, ...children: Child[]): HTMLElement {
    return h(
      'section',
      { class: className ? `card ${className}` : 'card', 'aria-labelledby': 'sp-frame-title' },
      h('h2', { id: 'sp-frame-title', tabindex: '-1', text: title }),
      children,
    );
  }

  /** The page: the course's head, the progress bar, the card and what follows it. */
  function page(section: HTMLElement, ...after: Child[]): void {
    fill(main, head(), progressBar(), section, after);
  }

  function head(): HTMLElement {
    return h(
      'div',
      { class: 'sp-head' },
      h('p', { class: 'eyebrow', text: pkg.edition }),
      h('h1', { class: 'deck-title', text: pkg.title }),
      learner ? h('p', { class: 'muted', text: t('ui.sp.learner', { name: learner.name }) }) : null,
    );
  }

  function progressBar(): HTMLElement {
    const total = pkg.frames.length + 1;
    const position = progress.frame + 1;
    const label =
      progress.frame < assessmentIndex
        ? t('ui.sp.progress', { n: position, of: pkg.frames.length })
        : t('ui.sp.progressAssessment');
    return h(
      'div',
      { class: 'sp-progress' },
      h('p', { id: 'sp-progress-label', class: 'sp-progress-label', text: label }),
      h('progress', {
        max: total,
        value: position,
        'aria-label': t('ui.sp.progressLabel'),
        'aria-describedby': 'sp-progress-label',
      }),
    );
  }

  function go(frame: number): void {
    const target = Math.min(Math.max(frame, 0), assessmentIndex);
    confirmSubmit = false;
    commit((p) => {
      p.frame = target;
      if (!p.seen.includes(target)) p.seen = [...p.seen, target].sort((a, b) => a - b);
    });
    render(true);
    window.scrollTo({ top: 0 });
  }

  function nav(): HTMLElement {
    const frame = progress.frame;
    const onLast = frame === assessmentIndex - 1;
    const submitted = progress.assessment.submittedAt !== null;
    return h(
      'nav',
      { class: 'sp-nav', 'aria-label': t('ui.sp.nav') },
      h('button', {
        type: 'button',
        id: 'sp-previous',
        text: frame >= assessmentIndex ? t('ui.sp.backToSlides') : t('ui.sp.previous'),
        disabled: frame === 0,
        onclick: () => go(frame - 1),
      }),
      frame < assessmentIndex
        ? h('button', {
            type: 'button',
            id: 'sp-next',
            class: 'primary',
            text: onLast ? (submitted ? t('ui.sp.toResult') : t('ui.sp.toAssessment')) : t('ui.sp.next'),
            onclick: () => go(frame + 1),
          })
        : null,
    );
  }

  function contents(): HTMLElement {
    const details = h(
      'details',
      { class: 'card sp-contents', open: contentsOpen },
      h('summary', { text: t('ui.sp.contents') }),
      h(
        'ol',
        null,
        [...pkg.frames.map((f) => f.title), t('ui.sp.assessment.title')].map((title, i) =>
          h(
            'li',
            null,
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                'aria-current': i === progress.frame ? 'step' : null,
                onclick: () => go(i),
              },
              h('span', { text: title }),
              progress.seen.includes(i) && i !== progress.frame
                ? h('span', { class: 'sp-seen', text: ` · ${t('ui.sp.seen')}` })
                : null,
            ),
          ),
        ),
      ),
    );
    details.addEventListener('toggle', () => {
      contentsOpen = details.open;
    });
    return details;
  }

  function renderFrame(): void {
    const frame = pkg.frames[progress.frame] as SelfPacedFrame;
    document.title = `${frame.title} · ${pkg.title}`;
    page(
      h(
        'section',
        { class: 'card sp-frame', 'aria-labelledby': 'sp-frame-title' },
        frame.sectionTitle !== frame.title ? h('p', { class: 'eyebrow', text: frame.sectionTitle }) : null,
        h('h2', { id: 'sp-frame-title', tabindex: '-1', text: frame.title }),
        frame.html ? slideBody(frame.html) : null,
        frame.notes.map((note, i) => {
          const id = domId('sp-note', progress.frame, i);
          const body = h('div', { class: 'slide-body' });
          setTrustedHtml(body, note.html);
          return h(
            'section',
            { class: `sp-note sp-note-${note.kind}`, 'aria-labelledby': id },
            h('h3', { id, text: t(`ui.sp.note.${note.kind}` as UiKey) }),
            body,
          );
        }),
      ),
      frame.activityIds.map((id) => activitySection(id)),
      nav(),
      contents(),
    );
  }

  // ── slide activities ──────────────────────────────────────────────────────────────────────────

  function activitySection(id: string): HTMLElement | null {
    const entry = pkg.activities[id];
    if (!entry) return null;
    const section = h('section', {
      class: 'card activity',
      id: domId('sp-activity', id),
      'aria-labelledby': domId('sp-activity-title', id),
    });
    drawActivity(section, entry);
    return section;
  }

  function drawActivity(section: HTMLElement, entry: SelfPacedActivity): void {
    const view = entry.view;
    const answer = progress.answers[view.id];
    fill(
      section,
      h('p', { class: 'eyebrow', text: t(`ui.type.${view.type}` as UiKey) }),
      h('h3', { id: domId('sp-activity-title', view.id), text: view.prompt }),
      view.type === 'qa'
        ? [h('p', { text: t('ui.sp.activity.qa') }), revealTextView(entry.feedback)]
        : answer
          ? answeredView(entry, answer.response as Response, answer.score)
          : activityForm(section, entry),
    );
  }

  function activityForm(section: HTMLElement, entry: SelfPacedActivity): HTMLElement {
    const view = entry.view;
    const draft = draftFor(view.id, entry, undefined);
    const problemText = problems.get(view.id) ?? '';
    const problem = h('p', {
      class: 'alert',
      role: 'alert',
      id: domId('sp-problem', view.id),
      text: problemText,
    });
    problem.hidden = problemText === '';
    const form = h(
      'form',
      { novalidate: true },
      h(
        'fieldset',
        { class: 'answer' },
        h('legend', { class: 'sr-only', text: view.prompt }),
        answerControls(view, draft, {
          rerender: () => keepFocus(() => drawActivity(section, entry)),
          announce: (text) => announcer.say(text),
        }),
      ),
      problem,
      h('button', {
        type: 'submit',
        class: 'primary',
        id: domId('sp-check', view.id),
        text: t('ui.sp.activity.check'),
      }),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const response = toResponse(view, draft);
      if ('problem' in response) {
        problems.set(view.id, response.problem);
        problem.textContent = response.problem;
        problem.hidden = false;
        return;
      }
      problems.delete(view.id);
      const score = scoreResponse(entry, response);
      commit((p) => {
        p.answers[view.id] = { response, score, at: now() };
      });
      enqueue(() => tracker.answered(view.id, entry.outcomes, score, response));
      drawActivity(section, entry);
      document.getElementById(domId('sp-answer', view.id))?.focus();
    });
    return form;
  }

  function answeredView(entry: SelfPacedActivity, response: Response, score: number | null): HTMLElement {
    const view = entry.view;
    const key = entry.key;
    return h(
      'div',
      { class: 'reveal' },
      h('h4', { id: domId('sp-answer', view.id), tabindex: '-1', text: t('ui.reveal.title') }),
      score !== null
        ? h('p', { class: 'score' }, t('ui.reveal.score'), ' ', h('strong', { text: formatPercent(score) }))
        : null,
      !key || 'text' in key
        ? h('p', { text: t('ui.reveal.yourAnswer', { answer: describeResponse(view, response) }) })
        : null,
      key && 'text' in key ? h('p', { class: 'muted', text: t('ui.sp.activity.notScored') }) : null,
      keyView(view, key, response),
      revealTextView(entry.feedback),
    );
  }

  function draftFor(id: string, entry: SelfPacedActivity, own: unknown): Draft {
    let draft = drafts.get(id);
    if (!draft) {
      draft = newDraft(entry.view, (own ?? undefined) as Response | undefined);
      drafts.set(id, draft);
    }
    return draft;
  }

  // ── the session assessment ────────────────────────────────────────────────────────────────────

  function renderAssessment(): void {
    const a = progress.assessment;
    document.title = `${t('ui.sp.assessment.title')} · ${pkg.title}`;
    if (a.submittedAt !== null) {
      renderResult();
      return;
    }
    const ids = pkg.assessment.itemIds;
    if (a.startedAt === null) {
      page(
        card(
          'sp-assessment',
          t('ui.sp.assessment.title'),
          h('p', {
            text: t('ui.sp.assessment.intro', {
              n: ids.length,
              minutes: pkg.assessment.timeLimitMinutes,
              passMark: formatPercent(pkg.assessment.passMark),
            }),
          }),
          h('button', {
            type: 'button',
            class: 'primary',
            id: 'sp-start',
            text: t('ui.sp.assessment.start'),
            onclick: () => {
              commit((p) => {
                p.assessment.startedAt = now();
              });
              render(true);
            },
          }),
        ),
        nav(),
        contents(),
      );
      return;
    }
    if (remaining() <= 0) {
      submit('time');
      return;
    }
    const timerText = h('p', { class: 'sp-timer', role: 'timer', id: 'sp-timer' });
    const warning = h('p', { class: 'alert', role: 'alert', id: 'sp-unanswered' });
    const submitButton = h('button', { type: 'submit', class: 'primary', id: 'sp-submit' });
    const drawSubmit = () => {
      const open = unanswered();
      warning.textContent = confirmSubmit && open > 0 ? t('ui.sp.assessment.unanswered', { n: open }) : '';
      warning.hidden = warning.textContent === '';
      submitButton.textContent =
        confirmSubmit && open > 0 ? t('ui.sp.assessment.submitAnyway') : t('ui.sp.assessment.submit');
    };
    const form = h(
      'form',
      { novalidate: true, 'aria-labelledby': 'sp-frame-title' },
      h(
        'ol',
        { class: 'sp-items' },
        ids.map((id, i) => itemView(id, i, drawSubmit)),
      ),
      warning,
      submitButton,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (unanswered() > 0 && !confirmSubmit) {
        confirmSubmit = true;
        drawSubmit();
        warning.focus();
        return;
      }
      submit('learner');
    });
    page(card('sp-assessment', t('ui.sp.assessment.title'), timerText, form));
    drawSubmit();
    startTimer(timerText);
  }

  function itemView(id: string, index: number, changed: () => void): HTMLElement | null {
    const entry = pkg.assessment.items[id];
    if (!entry) return null;
    const view = entry.view;
    const li = h('li', { class: 'sp-item', id: domId('sp-item', id) });
    const draw = () => {
      const draft = draftFor(id, entry, progress.answers[id]?.response);
      const fieldset = h(
        'fieldset',
        { class: 'answer' },
        h('legend', { class: 'sr-only', text: view.prompt }),
        answerControls(view, draft, {
          rerender: () => {
            keepFocus(draw);
            saveItem(id, entry);
            changed();
          },
          announce: (text) => announcer.say(text),
        }),
      );
      fieldset.addEventListener('change', () => {
        saveItem(id, entry);
        changed();
      });
      fieldset.addEventListener('input', () => {
        window.clearTimeout(pendingInput.get(id));
        pendingInput.set(
          id,
          window.setTimeout(() => {
            saveItem(id, entry);
            changed();
          }, 500),
        );
      });
      fill(
        li,
        h('p', {
          class: 'eyebrow',
          text: `${t('ui.sp.assessment.question', { n: index + 1, of: pkg.assessment.itemIds.length })} · ${t(`ui.type.${view.type}` as UiKey)}`,
        }),
        h('h3', { id: domId('sp-item-title', id), text: view.prompt }),
        scoredAutomatically(entry)
          ? null
          : h('p', { class: 'hint', text: t('ui.sp.assessment.instructorMarked') }),
        fieldset,
      );
    };
    draw();
    return li;
  }

  /** Keeps an item's current answer in the progress, so that a reload finds it. */
  function saveItem(id: string, entry: SelfPacedActivity): void {
    window.clearTimeout(pendingInput.get(id));
    pendingInput.delete(id);
    if (progress.assessment.submittedAt !== null) return;
    const draft = drafts.get(id);
    if (!draft) return;
    const response = toResponse(entry.view, draft);
    const stored = progress.answers[id];
    if ('problem' in response) {
      if (stored)
        commit((p) => {
          delete p.answers[id];
        });
      return;
    }
    if (stored && JSON.stringify(stored.response) === JSON.stringify(response)) return;
    commit((p) => {
      p.answers[id] = { response, score: null, at: now() };
    });
  }

  function unanswered(): number {
    return pkg.assessment.itemIds.filter((id) => {
      const entry = pkg.assessment.items[id];
      const draft = drafts.get(id);
      if (!entry) return false;
      if (progress.answers[id]) return false;
      return !draft || 'problem' in toResponse(entry.view, draft);
    }).length;
  }

  function remaining(): number {
    const startedAt = progress.assessment.startedAt ?? now();
    return startedAt + pkg.assessment.timeLimitMinutes * 60_000 - now();
  }

  function startTimer(element: HTMLElement): void {
    const tick = () => {
      const left = remaining();
      if (left <= 0) {
        submit('time');
        return;
      }
      element.textContent = t('ui.sp.assessment.timeLeft', { time: formatCountdown(left) });
      if (left <= 60_000 && !warnedOneMinute) {
        warnedOneMinute = true;
        announcer.say(t('ui.sp.assessment.oneMinute'));
      }
    };
    tick();
    timer = window.setInterval(tick, 1000);
  }

  function stopTimer(): void {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
  }

  function submit(reason: 'learner' | 'time'): void {
    stopTimer();
    if (progress.assessment.submittedAt !== null) return;
    const answers: SelfPacedProgress['answers'] = { ...progress.answers };
    for (const id of pkg.assessment.itemIds) {
      const entry = pkg.assessment.items[id];
      if (!entry) continue;
      const draft = drafts.get(id);
      const response = answers[id]?.response ?? (draft ? toResponse(entry.view, draft) : { problem: '' });
      if (typeof response === 'object' && response !== null && 'problem' in response) {
        delete answers[id];
        continue;
      }
      answers[id] = { response, score: scoreResponse(entry, response), at: answers[id]?.at ?? now() };
    }
    const result = scoreAssessment(pkg, answers);
    commit((p) => {
      p.answers = answers;
      p.assessment = {
        startedAt: p.assessment.startedAt,
        submittedAt: now(),
        score: result.score,
        passed: result.passed,
        ...(p.assessment.attempt ? { attempt: p.assessment.attempt } : {}),
      };
    });
    for (const id of pkg.assessment.itemIds) {
      const answer = answers[id];
      const entry = pkg.assessment.items[id];
      if (answer && entry) enqueue(() => tracker.answered(id, entry.outcomes, answer.score, answer.response));
    }
    enqueue(() =>
      tracker.complete({ score: result.score, passed: result.passed, outcomes: result.outcomes }),
    );
    render(true);
    announcer.say(
      reason === 'time'
        ? t('ui.sp.assessment.timeUp')
        : t('ui.sp.result.announce', { score: formatPercent(result.score) }),
    );
  }

  /** A new sitting after a failed one: the last sitting's answers go, the attempt count goes up. */
  function retake(): void {
    const next = (progress.assessment.attempt ?? 1) + 1;
    commit((p) => {
      const answers = { ...p.answers };
      for (const id of pkg.assessment.itemIds) delete answers[id];
      p.answers = answers;
      p.assessment = { startedAt: null, submittedAt: null, score: null, passed: null, attempt: next };
    });
    for (const id of pkg.assessment.itemIds) drafts.delete(id);
    go(assessmentIndex);
  }

  function renderResult(): void {
    const attempt = progress.assessment.attempt ?? 1;
    const result = scoreAssessment(pkg, progress.answers);
    const score = progress.assessment.score ?? result.score;
    const passed = progress.assessment.passed ?? result.passed;
    const passMark = formatPercent(pkg.assessment.passMark);
    document.title = `${t('ui.sp.result.title')} · ${pkg.title}`;
    page(
      card(
        'sp-result',
        t('ui.sp.result.title'),
        h('p', {
          class: 'sp-score',
          id: 'sp-score',
          text: t('ui.sp.result.score', { score: formatPercent(score) }),
        }),
        h('p', {
          class: passed ? 'sp-verdict mark-ok' : 'sp-verdict mark-bad',
          id: 'sp-verdict',
          text: passed ? t('ui.sp.result.passed', { passMark }) : t('ui.sp.result.failed', { passMark }),
        }),
        result.unscored > 0
          ? h('p', { class: 'hint', text: t('ui.sp.result.unscored', { n: result.unscored }) })
          : null,
        Object.keys(result.outcomes).length > 0
          ? [
              h('h3', { id: 'sp-outcomes-title', text: t('ui.sp.result.outcomes') }),
              h(
                'div',
                { class: 'table-wrap' },
                table(
                  { class: 'sp-outcomes', 'aria-labelledby': 'sp-outcomes-title' },
                  null,
                  [t('ui.sp.result.outcome'), t('ui.sp.result.outcomeScore')],
                  pkg.outcomes
                    .filter((o) => result.outcomes[o.id] !== undefined)
                    .map((o) =>
                      h(
                        'tr',
                        null,
                        h(
                          'th',
                          { scope: 'row' },
                          h('span', { class: 'sp-outcome-id', text: o.id }),
                          ' ',
                          o.text,
                        ),
                        h('td', { text: formatPercent(result.outcomes[o.id] ?? 0) }),
                      ),
                    ),
                ),
              ),
            ]
          : null,
        h(
          'div',
          { class: 'button-row' },
          h('button', {
            type: 'button',
            id: 'sp-review',
            text: t('ui.sp.result.review'),
            onclick: () => go(0),
          }),
          !passed && attempt < pkg.assessment.attempts
            ? h('button', {
                type: 'button',
                id: 'sp-retake',
                text: t('ui.sp.result.retake', { n: attempt + 1, of: pkg.assessment.attempts }),
                onclick: retake,
              })
            : null,
          h('button', {
            type: 'button',
            id: 'sp-finish',
            class: 'primary',
            text: t('ui.sp.result.finish'),
            onclick: () => {
              finished = true;
              enqueue(() => tracker.finish());
              render(true);
            },
          }),
        ),
      ),
      contents(),
    );
  }

  // ── start ─────────────────────────────────────────────────────────────────────────────────────

  const onPageHide = () => {
    if (finished) return;
    for (const [id] of pendingInput) {
      const entry = pkg.assessment.items[id];
      if (entry) saveItem(id, entry);
    }
    finished = true;
    enqueue(() => tracker.finish());
  };
  const onPageShow = (event: PageTransitionEvent) => {
    // Back from the back-forward cache: the attempt goes on.
    if (event.persisted) {
      finished = false;
      render(false);
    }
  };
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('pageshow', onPageShow);

  render(false);
  return {
    progress: () => structuredClone(progress),
    destroy() {
      stopTimer();
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
    },
  };
}
