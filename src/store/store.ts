/**
 * The records of live sessions. One interface, several implementations (SQLite embedded by default;
 * PostgreSQL when one node is not enough), all held to one contract suite (`store.contract.ts`).
 * Every write resolves only once it is durable: callers acknowledge to users after it resolves.
 */
import type { Audience, Response, TimerState } from '../live/protocol.ts';
import type { SelfPacedProgress } from '../selfpaced/self-paced-package.ts';

export interface SessionRecord {
  id: string;
  code: string;
  courseId: string;
  /** sha256 hex of the presenter's and the projector's secrets; the secrets themselves are never stored. */
  presenterTokenHash: string;
  projectorTokenHash: string;
  createdAt: number;
  state: PersistedSessionState;
  /** The preparation checklist: item id → done. */
  checklist: Record<string, boolean>;
  missionPack: string | null;
}

export interface PersistedSessionState {
  slide: number;
  black: boolean;
  joining: boolean;
  ended: boolean;
  audience: Audience;
  activity: { id: string; status: 'open' | 'closed' | 'revealed' } | null;
  timer: TimerState;
  /** Activities whose answers were reset: answers recorded before this epoch no longer count. */
  activityEpochs: Record<string, number>;
}

export interface ParticipantRecord {
  id: string;
  sessionId: string;
  name: string;
  contingent: string | null;
  role: string | null;
  tokenHash: string;
  recoveryCode: string;
  joinedAt: number;
  /** Set when the presenter merged this participant into another. */
  mergedInto: string | null;
}

export interface AnswerRecord {
  sessionId: string;
  participantId: string;
  activityId: string;
  /** The client's id for this submission: the same id twice is one answer. */
  clientId: string;
  response: Response;
  epoch: number;
  receivedAt: number;
}

export interface QuestionRecord {
  id: string;
  sessionId: string;
  participantId: string;
  clientId: string;
  text: string;
  status: 'visible' | 'hidden' | 'answered';
  createdAt: number;
}

export interface VoteRecord {
  questionId: string;
  participantId: string;
}

/** A learner's self-paced attempt at a course, on the Lectern server (not through an LMS). */
export interface SelfPacedAttemptRecord {
  id: string;
  /** sha256 hex of the attempt's bearer token; the token itself is never stored. */
  tokenHash: string;
  name: string;
  courseId: string;
  /** The latest progress the learner's browser sent, or null before the first save. */
  progress: SelfPacedProgress | null;
  /** The revision of `progress` (0 before the first save); only a higher revision replaces it. */
  revision: number;
  startedAt: number;
  /** When the assessment was first submitted. */
  completedAt: number | null;
  /** 0..1, from the latest submitted assessment. */
  score: number | null;
  passed: boolean | null;
}

export interface SelfPacedResult {
  completedAt: number;
  score: number;
  passed: boolean;
}

export interface Store {
  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  getSessionByCode(code: string): Promise<SessionRecord | undefined>;
  /** Sessions not ended, newest first: resumed after a restart. */
  listOpenSessions(): Promise<SessionRecord[]>;
  saveSessionState(id: string, state: PersistedSessionState): Promise<void>;
  saveChecklist(id: string, checklist: Record<string, boolean>, missionPack: string | null): Promise<void>;

  addParticipant(participant: ParticipantRecord): Promise<void>;
  getParticipant(id: string): Promise<ParticipantRecord | undefined>;
  findParticipantByToken(sessionId: string, tokenHash: string): Promise<ParticipantRecord | undefined>;
  findParticipantByRecoveryCode(
    sessionId: string,
    recoveryCode: string,
  ): Promise<ParticipantRecord | undefined>;
  listParticipants(sessionId: string): Promise<ParticipantRecord[]>;
  /** Gives the participant a new token (after a recovery on a new device). */
  replaceParticipantToken(id: string, tokenHash: string): Promise<void>;
  /**
   * Moves `fromId`'s answers, questions and votes to `intoId` (keeping `intoId`'s answer where both
   * answered the same activity) and marks `fromId` merged. One transaction.
   */
  mergeParticipants(fromId: string, intoId: string): Promise<void>;

  /**
   * Records a batch of answers in one transaction. An answer whose (participantId, clientId) is already
   * recorded is a duplicate and is not recorded again. A later answer by the same participant to the
   * same activity and epoch replaces the earlier one. Resolves, once durable, with one entry per input:
   * 'recorded' or 'duplicate'.
   */
  recordAnswers(answers: readonly AnswerRecord[]): Promise<('recorded' | 'duplicate')[]>;
  /** The current answer of each participant per activity (latest per participant, activity, epoch). */
  listAnswers(sessionId: string): Promise<AnswerRecord[]>;

  addQuestion(question: QuestionRecord): Promise<'recorded' | 'duplicate'>;
  setQuestionStatus(id: string, status: QuestionRecord['status']): Promise<void>;
  listQuestions(sessionId: string): Promise<QuestionRecord[]>;
  /** One vote per participant and question; a second is a duplicate. */
  addVote(vote: VoteRecord): Promise<'recorded' | 'duplicate'>;
  listVotes(sessionId: string): Promise<VoteRecord[]>;

  createSelfPacedAttempt(attempt: SelfPacedAttemptRecord): Promise<void>;
  getSelfPacedAttempt(id: string): Promise<SelfPacedAttemptRecord | undefined>;
  /**
   * Replaces the attempt's progress when `revision` is higher than the stored one ('saved'); otherwise
   * changes nothing ('stale'), so that a late or repeated sync never overwrites newer progress. With a
   * `result`, also records the score and pass (the first completion time is kept). Rejects for an
   * unknown attempt. Resolves once durable.
   */
  saveSelfPacedProgress(
    id: string,
    revision: number,
    progress: SelfPacedProgress,
    result?: SelfPacedResult,
  ): Promise<'saved' | 'stale'>;

  close(): Promise<void>;
}
