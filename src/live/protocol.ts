/**
 * The live-session wire protocol, shared by server and clients: every message a client may send is
 * validated by these schemas; every message the server sends has one of the `ServerMessage` shapes.
 */
import { z } from 'zod';
import type { AnswerKey } from './activity-view.ts';
import type { Aggregate } from './aggregate.ts';
import type { ErrorCode } from './errors.ts';

/** Largest WebSocket message the server reads; larger ones are refused with MESSAGE_TOO_LARGE. */
export const MAX_MESSAGE_BYTES = 16 * 1024;
export const MAX_NAME_LENGTH = 60;
export const MAX_QUESTION_LENGTH = 280;

const clientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[\w-]+$/);
const id = z.string().min(1).max(120);
const shortText = (max: number) => z.string().trim().min(1).max(max);
const index = z.number().int().min(0).max(999);

/** A participant's response; its shape depends on the activity type (checked against the activity). */
export const responseSchema = z.union([
  z.strictObject({ choice: index }),
  z.strictObject({ choices: z.array(index).max(50) }),
  z.strictObject({ value: z.boolean() }),
  z.strictObject({ text: z.string().max(2000) }),
  z.strictObject({ categories: z.array(z.string().max(120).nullable()).max(200) }),
  z.strictObject({ matches: z.array(index.nullable()).max(200) }),
  z.strictObject({ order: z.array(index).max(200) }),
]);
export type Response = z.infer<typeof responseSchema>;

export const AUDIENCE_LEVELS = ['operational', 'tactical'] as const;
export const COMPONENTS = ['military', 'police', 'civilian'] as const;
export const audienceSchema = z.strictObject({
  level: z.enum(AUDIENCE_LEVELS),
  components: z.array(z.enum(COMPONENTS)).min(1).max(3),
});
export type Audience = z.infer<typeof audienceSchema>;

export const commandSchema = z.discriminatedUnion('command', [
  z.strictObject({ command: z.literal('goto'), slide: z.number().int().min(0).max(999) }),
  z.strictObject({ command: z.literal('black'), on: z.boolean() }),
  z.strictObject({ command: z.literal('open'), activityId: id }),
  z.strictObject({ command: z.literal('close') }),
  z.strictObject({ command: z.literal('reveal') }),
  z.strictObject({ command: z.literal('reset') }),
  z.strictObject({ command: z.literal('joining'), open: z.boolean() }),
  z.strictObject({ command: z.literal('audience'), audience: audienceSchema }),
  z.strictObject({ command: z.literal('timer'), action: z.enum(['start', 'pause', 'reset']) }),
  z.strictObject({
    command: z.literal('moderate'),
    questionId: id,
    action: z.enum(['hide', 'show', 'answered']),
  }),
  z.strictObject({ command: z.literal('merge'), from: id, into: id }),
  z.strictObject({ command: z.literal('end') }),
  /** The session assessment: open (countdown from the blueprint), close, reveal each participant's result. */
  z.strictObject({ command: z.literal('assessment'), action: z.enum(['open', 'close', 'reveal']) }),
  /** The instructor's mark for a short answer, 0..1. */
  z.strictObject({
    command: z.literal('mark'),
    participantId: id,
    itemId: id,
    score: z.number().min(0).max(1),
  }),
]);
export type Command = z.infer<typeof commandSchema>;

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('present'), sessionId: id, token: z.string().min(16).max(128) }),
  z.strictObject({ type: z.literal('project'), sessionId: id, token: z.string().min(16).max(128) }),
  z.strictObject({
    type: z.literal('join'),
    code: z.string().min(3).max(12),
    name: shortText(MAX_NAME_LENGTH),
    contingent: z.string().trim().max(MAX_NAME_LENGTH).optional(),
    role: z.string().trim().max(MAX_NAME_LENGTH).optional(),
  }),
  z.strictObject({
    type: z.literal('rejoin'),
    code: z.string().min(3).max(12),
    token: z.string().min(16).max(128),
  }),
  z.strictObject({
    type: z.literal('recover'),
    code: z.string().min(3).max(12),
    recoveryCode: z.string().trim().min(4).max(16),
  }),
  z.strictObject({ type: z.literal('answer'), clientId, activityId: id, response: responseSchema }),
  z.strictObject({ type: z.literal('ask'), clientId, text: shortText(MAX_QUESTION_LENGTH) }),
  z.strictObject({ type: z.literal('upvote'), clientId, questionId: id }),
  z.strictObject({ type: z.literal('command'), clientId: clientId.optional(), command: commandSchema }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type Role = 'presenter' | 'projector' | 'participant';

export type ActivityStatus = 'open' | 'closed' | 'revealed';

/** What every role may know about the session. Nothing here is secret. */
export interface SessionView {
  sessionId: string;
  code: string;
  courseId: string;
  slide: number;
  slideCount: number;
  black: boolean;
  joining: boolean;
  ended: boolean;
  audience: Audience;
  /** `epoch` counts resets: answers of an earlier epoch no longer count. */
  activity: { id: string; status: ActivityStatus; epoch: number } | null;
  timer: TimerState;
  participants: number;
  /** The session assessment: its items (ids into `items` of GET /api/join/<code>) and its countdown. */
  assessment: {
    status: 'open' | 'closed' | 'revealed';
    itemIds: string[];
    endsAt: number;
    /** This sitting, from 1, and how many the blueprint allows. */
    attempt: number;
    attempts: number;
  } | null;
}

/** A participant's own assessment result, sent to that phone only, after the presenter reveals. */
export interface OwnAssessmentResult {
  score: number | null;
  passed: boolean;
  passMark: number;
  /** Outcome id → 0..1 (null: no item answered on it). */
  outcomes: Record<string, number | null>;
  /** Item id → the participant's score (null: not answered or not yet marked) and the correct answer. */
  items: Record<string, { score: number | null; key: AnswerKey | null; feedback: string | null }>;
  /** Short answers still waiting for the instructor's mark. */
  unmarked: string[];
}

/** The class view of the assessment for presenter and projector. */
export interface ClassAssessmentResults {
  responses: number;
  participants: number;
  /** Ten bands of 10 %. */
  distribution: number[];
  /** Outcome id → mean mastery 0..1. */
  mastery: Record<string, number | null>;
  /** Outcomes below the pass mark: what to revisit in the question minutes. */
  revisit: string[];
  passMark: number;
}

/** Short answers for the presenter to mark, with the model answer beside each. */
export interface MarkingEntry {
  participantId: string;
  name: string;
  itemId: string;
  prompt: string;
  modelAnswer: string | null;
  response: string;
  mark: number | null;
}

export interface TimerState {
  /** Milliseconds run before the current start. */
  elapsedMs: number;
  /** Epoch ms when the timer was last started; null while paused. */
  runningSince: number | null;
}

export interface QuestionView {
  id: string;
  text: string;
  votes: number;
  status: 'visible' | 'hidden' | 'answered';
  /** Only in the asking participant's own list. */
  mine?: boolean;
  votedByMe?: boolean;
}

export interface ParticipantSelf {
  participantId: string;
  name: string;
  token: string;
  recoveryCode: string;
}

/** A participant's own record of an activity. */
export interface OwnAnswer {
  activityId: string;
  response: Response;
  /** 0..1, set once the activity is revealed for scored types. */
  score?: number;
}

export interface RosterEntry {
  participantId: string;
  name: string;
  contingent?: string;
  role?: string;
  connected: boolean;
  score: number;
}

/** What a reveal tells: the correct answer in public indices and the explanation. */
export interface RevealedAnswer {
  key: AnswerKey | null;
  text: string | null;
}

export type ServerMessage =
  | {
      type: 'welcome';
      role: Role;
      session: SessionView;
      /** After a merge `token` is empty: the device keeps the token it has, which now names the survivor. */
      you?: ParticipantSelf;
      answers?: OwnAnswer[];
    }
  | { type: 'state'; session: SessionView }
  | { type: 'results'; activityId: string; results: Aggregate; revealed: boolean }
  | { type: 'ack'; clientId: string; duplicate?: boolean }
  | { type: 'revealed'; activityId: string; answer: RevealedAnswer; own?: OwnAnswer }
  | { type: 'questions'; questions: QuestionView[] }
  | { type: 'roster'; participants: RosterEntry[] }
  | { type: 'error'; code: ErrorCode; clientId?: string; detail?: string }
  | { type: 'pong'; now: number }
  | { type: 'assessmentResult'; result: OwnAssessmentResult }
  | { type: 'assessmentResults'; results: ClassAssessmentResults }
  | { type: 'marking'; entries: MarkingEntry[] };
