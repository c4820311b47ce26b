/**
 * The self-paced package of a course, and the scoring of a learner's assessment against it. Pure: no I/O.
 *
 * The package holds the projected frames, the notes a participant may read (PARTICIPANT_NOTE_KINDS),
 * the slide activities and the session assessment, each with its public view, answer key and the
 * explanation shown after answering. Notes to instructor, speaking points, sample questions with their
 * answers, mission points, activity guidelines and item citations never enter it.
 */
import { assembleAssessment } from '../content/assessment.ts';
import type { Activity, Course, Item } from '../content/model.ts';
import { allActivities } from '../content/model.ts';
import { answerKey, publicActivity, revealText } from '../live/activity-view.ts';
import { buildPresenterDeck, publicDeck } from '../live/deck.ts';
import {
  PARTICIPANT_NOTE_KINDS,
  SELF_PACED_FORMAT,
  type SelfPacedActivity,
  type SelfPacedFrame,
  type SelfPacedNote,
  type SelfPacedPackage,
} from './self-paced-package.ts';

export function buildSelfPacedPackage(course: Course): SelfPacedPackage {
  const presenter = buildPresenterDeck(course);
  const deck = publicDeck(presenter);
  const frames: SelfPacedFrame[] = deck.frames.map((frame, i) => ({
    ...frame,
    notes: (presenter.frames[i]?.notes ?? []).flatMap((note): SelfPacedNote[] =>
      isParticipantKind(note.kind) ? [{ kind: note.kind, html: note.html }] : [],
    ),
  }));

  const byId = new Map(allActivities(course).map((a) => [a.id, a]));
  const activities: Record<string, SelfPacedActivity> = {};
  for (const id of frames.flatMap((f) => f.activityIds)) {
    const activity = byId.get(id);
    if (activity) activities[id] = entry(activity, course);
  }

  const plan = assembleAssessment(course);
  const itemsById = new Map(course.items.map((i) => [i.id, i]));
  const items: Record<string, SelfPacedActivity> = {};
  const itemIds: string[] = [];
  for (const id of plan.itemIds) {
    const item = itemsById.get(id);
    if (!item) continue;
    itemIds.push(id);
    items[id] = entry(item, course);
  }

  const meta = course.meta;
  return {
    format: SELF_PACED_FORMAT,
    courseId: meta.id,
    title: meta.title,
    edition: `${meta.series}, ${meta.edition}`,
    language: meta.language,
    outcomes: course.outcomes.map((o) => ({ id: o.id, text: o.text })),
    frames,
    activities,
    assessment: {
      itemIds,
      items,
      passMark: plan.passMark,
      timeLimitMinutes: plan.timeLimitMinutes,
      attempts: plan.attempts,
    },
  };
}

function isParticipantKind(kind: string): kind is SelfPacedNote['kind'] {
  return (PARTICIPANT_NOTE_KINDS as readonly string[]).includes(kind);
}

/** Public view, key and explanation; an item's `cite` (where the instructor's notes say so) is left out. */
function entry(activity: Activity | Item, course: Course): SelfPacedActivity {
  return {
    view: publicActivity(activity, course),
    key: answerKey(activity, course) ?? null,
    feedback: revealText(activity) ?? null,
    outcomes: [...activity.outcomes],
  };
}
