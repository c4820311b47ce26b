/**
 * What a self-paced learner's browser receives: the projected slides, the participant-facing parts of
 * the notes, the activities and the session assessment. Never notes to instructor, speaking points,
 * sample-question answers or mission prompts. Answer keys travel with the package (a SCORM package
 * must work with no server) but the player shows each only after the learner has answered.
 */
import type { AnswerKey, PublicActivity } from '../live/activity-view.ts';
import type { Frame } from '../live/deck.ts';

export const SELF_PACED_FORMAT = 1;

/** Note kinds a participant may read on their own: the rest is for the instructor. */
export const PARTICIPANT_NOTE_KINDS = ['example', 'handout', 'key-points', 'film'] as const;

export interface SelfPacedNote {
  kind: (typeof PARTICIPANT_NOTE_KINDS)[number];
  /** Safe HTML rendered from the course Markdown. */
  html: string;
}

export interface SelfPacedActivity {
  view: PublicActivity;
  key: AnswerKey | null;
  /** Explanation shown after answering. */
  feedback: string | null;
  outcomes: string[];
}

export interface SelfPacedFrame extends Frame {
  notes: SelfPacedNote[];
}

export interface SelfPacedPackage {
  format: typeof SELF_PACED_FORMAT;
  courseId: string;
  title: string;
  /** e.g. "UN Protection of Civilians PDT Standards, 1st ed. (2011)". */
  edition: string;
  language: string;
  outcomes: { id: string; text: string }[];
  frames: SelfPacedFrame[];
  activities: Record<string, SelfPacedActivity>;
  assessment: {
    itemIds: string[];
    items: Record<string, SelfPacedActivity>;
    /** 0..1 */
    passMark: number;
    /** From the course's blueprint: the time allowed once the learner starts the assessment. */
    timeLimitMinutes: number;
    /** From the course's blueprint: how many attempts the course allows. */
    attempts: number;
  };
}

/** A learner's place and answers: what every tracker saves and restores. */
export interface SelfPacedProgress {
  /** Increases with every change; a sync with an older revision never overwrites a newer one. */
  revision: number;
  frame: number;
  /** Frames the learner has seen. */
  seen: number[];
  /** Activity or item id → the learner's response and its score (0..1, when scored). */
  answers: Record<string, { response: unknown; score: number | null; at: number }>;
  assessment: {
    startedAt: number | null;
    submittedAt: number | null;
    score: number | null;
    passed: boolean | null;
    /** Which sitting, from 1 (absent: 1); a failed sitting may be retaken up to the blueprint's attempts. */
    attempt?: number;
  };
}

export interface CompletionResult {
  /** 0..1 over the assessment's scored items. */
  score: number;
  passed: boolean;
  /** Per learning outcome, 0..1. */
  outcomes: Record<string, number>;
}
