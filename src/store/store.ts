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
  /** The session assessment, once the presenter has opened it. */
  assessment?: AssessmentState | null;
}

export interface AssessmentState {
  status: 'open' | 'closed' | 'revealed';
  itemIds: string[];
  openedAt: number;
  /** Epoch ms when answers stop being accepted (the blueprint's time limit). */
  endsAt: number;
  /** Which sitting this is, from 1; the blueprint's `attempts` is the most. Absent in older records: 1. */
  attempt?: number;
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

// ── records: accounts, cohorts, rosters, attendance, marks, certificates ─────────────────────────────

export type AccountRole = 'coordinator' | 'instructor';

export interface AccountRecord {
  id: string;
  /** Unique, compared case-insensitively (stored lower-case). */
  username: string;
  displayName: string;
  /** scrypt, see src/server/auth/passwords.ts. */
  passwordHash: string;
  role: AccountRole;
  createdAt: number;
}

/** A signed-in browser: the cookie holds the id, the store only its sha256. */
export interface LoginRecord {
  idHash: string;
  accountId: string;
  createdAt: number;
  expiresAt: number;
}

export interface CohortRecord {
  id: string;
  name: string;
  courseId: string;
  /** Where the training takes place and who issues the certificates. */
  place: string | null;
  centre: string | null;
  createdAt: number;
}

export interface RosterRecord {
  id: string;
  cohortId: string;
  name: string;
  rank: string | null;
  serviceNumber: string | null;
  component: 'military' | 'police' | 'civilian';
  contingent: string | null;
  mission: string | null;
}

/** A stretch of time a participant was connected to a live session; `to` is null while connected. */
export interface PresenceRecord {
  sessionId: string;
  participantId: string;
  from: number;
  to: number | null;
}

/** The instructor's mark for an answer the machine cannot score (a short answer), 0..1. */
export interface MarkRecord {
  sessionId: string;
  participantId: string;
  itemId: string;
  score: number;
  markedBy: string;
  markedAt: number;
}

export interface IssuedCertificateRecord {
  id: string;
  sessionId: string;
  participantId: string;
  /** The SignedCertificate as issued (src/certificates/signing.ts), kept verbatim. */
  signed: unknown;
  issuedAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
  reason: string | null;
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

  // accounts and sign-in
  createAccount(account: AccountRecord): Promise<void>;
  findAccountByUsername(username: string): Promise<AccountRecord | undefined>;
  getAccount(id: string): Promise<AccountRecord | undefined>;
  countAccounts(): Promise<number>;
  createLogin(login: LoginRecord): Promise<void>;
  findLogin(idHash: string): Promise<LoginRecord | undefined>;
  deleteLogin(idHash: string): Promise<void>;

  // cohorts and rosters
  createCohort(cohort: CohortRecord): Promise<void>;
  getCohort(id: string): Promise<CohortRecord | undefined>;
  listCohorts(): Promise<CohortRecord[]>;
  /** Adds the entries to the cohort's roster in ONE transaction: all are imported or none. */
  importRoster(entries: readonly RosterRecord[]): Promise<void>;
  listRoster(cohortId: string): Promise<RosterRecord[]>;
  /** Delivers a session to a cohort (null: no cohort). */
  setSessionCohort(sessionId: string, cohortId: string | null): Promise<void>;
  getSessionCohort(sessionId: string): Promise<string | null>;
  listCohortSessions(cohortId: string): Promise<string[]>;
  /** Matches a participant who joined a live session to a roster entry (null: unmatch). */
  linkParticipant(participantId: string, rosterId: string | null): Promise<void>;
  /** participantId → rosterId for a session's participants that are linked. */
  listParticipantLinks(sessionId: string): Promise<Record<string, string>>;

  // attendance and marks
  /** Opens a presence stretch; closes any stretch of the participant left open (a crash). */
  openPresence(presence: { sessionId: string; participantId: string; from: number }): Promise<void>;
  closePresence(participantId: string, to: number): Promise<void>;
  listPresence(sessionId: string): Promise<PresenceRecord[]>;
  /** Sets (or replaces) the mark of one participant's item. */
  saveMark(mark: MarkRecord): Promise<void>;
  listMarks(sessionId: string): Promise<MarkRecord[]>;

  // certificates
  saveCertificate(certificate: IssuedCertificateRecord): Promise<void>;
  getCertificate(id: string): Promise<IssuedCertificateRecord | undefined>;
  listCertificates(sessionId: string): Promise<IssuedCertificateRecord[]>;
  /** Records the revocation (who, why, when); revoking twice keeps the first. Rejects for an unknown id. */
  revokeCertificate(id: string, by: string, reason: string, at: number): Promise<void>;

  close(): Promise<void>;
}
