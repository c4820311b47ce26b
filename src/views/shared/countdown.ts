/**
 * The session assessment's countdown, on the phone, the presenter's screen and the projector: "Time
 * left: 7:42" to `endsAt` (server time), updated every second. A `role="timer"` element is not read
 * out at each tick; the view announces "one minute left" and "time is up" through its live region,
 * once each, with the callbacks.
 */
import { h } from './dom.ts';
import { t } from './i18n.ts';

export interface Countdown {
  element: HTMLElement;
  /** Counts down to `endsAt` (epoch ms, server clock); null stops and empties the clock. */
  set(endsAt: number | null): void;
  /** Milliseconds left (0 when over or stopped). */
  remaining(): number;
}

/** m:ss, rounded up: the clock shows 0:00 only when the time is really up. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function countdown(options: {
  now: () => number;
  className?: string;
  onLastMinute?: () => void;
  onEnd?: () => void;
}): Countdown {
  const element = h('p', { class: options.className ?? 'as-clock', role: 'timer', 'aria-atomic': 'true' });
  let endsAt: number | null = null;
  let timer = 0;
  let minuteSaid = false;
  let endSaid = false;
  const remaining = () => (endsAt === null ? 0 : Math.max(0, endsAt - options.now()));
  const tick = () => {
    const left = remaining();
    element.textContent = t('ui.as.timeLeft', { time: formatCountdown(left) });
    element.classList.toggle('last-minute', left > 0 && left <= 60_000);
    if (left > 0 && left <= 60_000 && !minuteSaid) {
      minuteSaid = true;
      options.onLastMinute?.();
    }
    if (left === 0) {
      window.clearInterval(timer);
      timer = 0;
      if (!endSaid) {
        endSaid = true;
        options.onEnd?.();
      }
    }
  };
  return {
    element,
    remaining,
    set(next) {
      if (next === endsAt) return;
      window.clearInterval(timer);
      timer = 0;
      endsAt = next;
      if (next === null) {
        element.textContent = '';
        return;
      }
      // A fresh countdown (opened again) says its minute and its end again; one that starts in its
      // last minute (a phone that reloads) still says so once.
      minuteSaid = false;
      endSaid = remaining() === 0;
      tick();
      if (remaining() > 0) timer = window.setInterval(tick, 1000);
    },
  };
}
