/**
 * Answers stream in (up to one update per 16 ms): a view draws its live results at most once per
 * interval, four times a second by default.
 */

export interface Throttled {
  /** Asks for a draw: it runs once the interval is over, however often it is asked for until then. */
  schedule(): void;
  /** Drops the pending draw: the caller is drawing now. */
  cancel(): void;
}

export function throttle(draw: () => void, ms = 250): Throttled {
  let timer = 0;
  return {
    schedule() {
      if (timer) return;
      timer = window.setTimeout(() => {
        timer = 0;
        draw();
      }, ms);
    },
    cancel() {
      window.clearTimeout(timer);
      timer = 0;
    },
  };
}
