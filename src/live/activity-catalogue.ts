/** Everything the live engine needs per activity or item, prepared once per session. */
import type { Activity, Course, Item } from '../content/model.ts';
import {
  type AnswerKey,
  answerKey,
  type PublicActivity,
  publicActivity,
  revealText,
} from './activity-view.ts';
import { createTally } from './aggregate.ts';
import type { Response } from './protocol.ts';
import { score, validResponse } from './scoring.ts';

export interface ActivityView {
  view: PublicActivity;
  key: AnswerKey | undefined;
  tally: ReturnType<typeof createTally>;
  valid(response: Response): boolean;
  score(response: Response): number | undefined;
  /** What phones and the projector learn at reveal: the key and the explanation. */
  reveal(): { key: AnswerKey | null; text: string | null };
  resetTally(): void;
}

export function activityViews(
  activities: readonly (Activity | Item)[],
  course: Course,
): Map<string, ActivityView> {
  const views = new Map<string, ActivityView>();
  for (const activity of activities) {
    const view = publicActivity(activity, course);
    const key = answerKey(activity, course);
    const text = revealText(activity) ?? null;
    const entry: ActivityView = {
      view,
      key,
      tally: createTally(view),
      valid: (response) => validResponse(view, response),
      score: (response) => (key ? score(view, key, response) : undefined),
      reveal: () => ({ key: key ?? null, text }),
      resetTally() {
        entry.tally = createTally(view);
      },
    };
    views.set(activity.id, entry);
  }
  return views;
}
