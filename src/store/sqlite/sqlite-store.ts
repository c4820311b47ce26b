/**
 * The embedded SQLite store, on Node's built-in `node:sqlite`. Every method runs synchronously to its
 * COMMIT before its promise resolves; with WAL and synchronous=FULL a commit is fsynced, so a resolved
 * write survives a crash of the process or of the machine. Answers, the hot path, are the exception in
 * how, not in what: their batch commits without the fsync and resolves after an fdatasync of the WAL
 * file on libuv's thread pool, the same sync that synchronous=FULL does, without stalling the event loop.
 */
import { closeSync, fdatasync, openSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type {
  AccountRecord,
  AnswerRecord,
  CohortRecord,
  IssuedCertificateRecord,
  LoginRecord,
  MarkRecord,
  ParticipantRecord,
  PersistedSessionState,
  PresenceRecord,
  QuestionRecord,
  RosterRecord,
  SelfPacedAttemptRecord,
  SessionRecord,
  Store,
  VoteRecord,
} from '../store.ts';

/**
 * Applied in order, each once; `schema_version` holds how many have been applied. Never edit a migration
 * that has shipped: append a new one. (Exported for the upgrade test.)
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    course_id TEXT NOT NULL,
    presenter_token_hash TEXT NOT NULL,
    projector_token_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    state TEXT NOT NULL,
    checklist TEXT NOT NULL,
    mission_pack TEXT,
    -- Derived from the JSON state so that open sessions can be indexed.
    ended INTEGER GENERATED ALWAYS AS (json_extract(state, '$.ended')) VIRTUAL
  );
  -- Participants join by code: no two open sessions may share one; an ended session's code may come back.
  CREATE UNIQUE INDEX sessions_open_code ON sessions (code) WHERE ended = 0;
  CREATE INDEX sessions_code ON sessions (code, created_at);
  CREATE INDEX sessions_open_newest ON sessions (created_at) WHERE ended = 0;

  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    name TEXT NOT NULL,
    contingent TEXT,
    role TEXT,
    token_hash TEXT NOT NULL,
    recovery_code TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    merged_into TEXT REFERENCES participants (id),
    UNIQUE (session_id, token_hash),
    UNIQUE (session_id, recovery_code)
  );

  -- Every answer is kept; the current one per (participant, activity, epoch) is the one recorded last
  -- (highest seq). Keeping superseded rows keeps their client ids, so a late retry of an earlier answer
  -- is still a duplicate instead of overwriting the newer answer.
  CREATE TABLE answers (
    seq INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    participant_id TEXT NOT NULL REFERENCES participants (id),
    activity_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    response TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (participant_id, client_id)
  );
  -- Serves listAnswers (by session) and the "is there a later answer" probe (full key).
  CREATE INDEX answers_current ON answers (session_id, participant_id, activity_id, epoch, seq);

  CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    participant_id TEXT NOT NULL REFERENCES participants (id),
    client_id TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('visible', 'hidden', 'answered')),
    created_at INTEGER NOT NULL,
    UNIQUE (participant_id, client_id)
  );
  CREATE INDEX questions_by_session ON questions (session_id, created_at);

  CREATE TABLE votes (
    question_id TEXT NOT NULL REFERENCES questions (id),
    participant_id TEXT NOT NULL REFERENCES participants (id),
    PRIMARY KEY (question_id, participant_id)
  );
  CREATE INDEX votes_by_participant ON votes (participant_id);
  `,
  // 2: self-paced attempts on the Lectern server.
  `
  CREATE TABLE self_paced_attempts (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    course_id TEXT NOT NULL,
    progress TEXT,
    revision INTEGER NOT NULL DEFAULT 0,
    started_at INTEGER NOT NULL,
    completed_at INTEGER,
    score REAL,
    passed INTEGER
  );
  CREATE INDEX self_paced_attempts_by_course ON self_paced_attempts (course_id, started_at);
  `,
  // 3: accounts and sign-in, cohorts and rosters, attendance, marks, certificates.
  `
  -- Usernames are lower-cased before they reach the store (JavaScript's Unicode lower-casing, the same for
  -- every store); the CHECK keeps an ASCII capital from slipping in around it.
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE CHECK (username = lower(username)),
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'instructor')),
    created_at INTEGER NOT NULL
  );

  CREATE TABLE logins (
    id_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );

  CREATE TABLE cohorts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    course_id TEXT NOT NULL,
    place TEXT,
    centre TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX cohorts_newest ON cohorts (created_at);

  CREATE TABLE roster_entries (
    id TEXT PRIMARY KEY,
    cohort_id TEXT NOT NULL REFERENCES cohorts (id),
    name TEXT NOT NULL,
    rank TEXT,
    service_number TEXT,
    component TEXT NOT NULL CHECK (component IN ('military', 'police', 'civilian')),
    contingent TEXT,
    mission TEXT
  );
  -- In import order: the index carries the rowid.
  CREATE INDEX roster_entries_by_cohort ON roster_entries (cohort_id);

  -- A session is delivered to at most one cohort; a participant matches at most one roster entry. (Links
  -- are listed through participants' session index, which already exists.)
  ALTER TABLE sessions ADD COLUMN cohort_id TEXT REFERENCES cohorts (id);
  CREATE INDEX sessions_by_cohort ON sessions (cohort_id, created_at) WHERE cohort_id IS NOT NULL;
  ALTER TABLE participants ADD COLUMN roster_id TEXT REFERENCES roster_entries (id);

  -- Stretches of connection; at most one open (to_at NULL) per participant, found through its index.
  CREATE TABLE presence (
    seq INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    participant_id TEXT NOT NULL REFERENCES participants (id),
    from_at INTEGER NOT NULL,
    to_at INTEGER,
    CHECK (to_at IS NULL OR to_at >= from_at)
  );
  CREATE INDEX presence_by_session ON presence (session_id, seq);
  CREATE UNIQUE INDEX presence_open ON presence (participant_id) WHERE to_at IS NULL;

  CREATE TABLE marks (
    session_id TEXT NOT NULL REFERENCES sessions (id),
    participant_id TEXT NOT NULL REFERENCES participants (id),
    item_id TEXT NOT NULL,
    score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    marked_by TEXT NOT NULL,
    marked_at INTEGER NOT NULL,
    PRIMARY KEY (participant_id, item_id)
  );
  CREATE INDEX marks_by_session ON marks (session_id);

  CREATE TABLE certificates (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    participant_id TEXT NOT NULL REFERENCES participants (id),
    -- The SignedCertificate as JSON.
    signed TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoked_by TEXT,
    reason TEXT
  );
  CREATE INDEX certificates_by_session ON certificates (session_id, issued_at);
  `,
];

const BUSY_TIMEOUT_MS = 5000;

interface SessionRow {
  id: string;
  code: string;
  course_id: string;
  presenter_token_hash: string;
  projector_token_hash: string;
  created_at: number;
  state: string;
  checklist: string;
  mission_pack: string | null;
}

interface ParticipantRow {
  id: string;
  session_id: string;
  name: string;
  contingent: string | null;
  role: string | null;
  token_hash: string;
  recovery_code: string;
  joined_at: number;
  merged_into: string | null;
}

interface AnswerRow {
  session_id: string;
  participant_id: string;
  activity_id: string;
  client_id: string;
  response: string;
  epoch: number;
  received_at: number;
}

interface QuestionRow {
  id: string;
  session_id: string;
  participant_id: string;
  client_id: string;
  text: string;
  status: QuestionRecord['status'];
  created_at: number;
}

interface VoteRow {
  question_id: string;
  participant_id: string;
}

interface SelfPacedAttemptRow {
  id: string;
  token_hash: string;
  name: string;
  course_id: string;
  progress: string | null;
  revision: number;
  started_at: number;
  completed_at: number | null;
  score: number | null;
  passed: number | null;
}

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: AccountRecord['role'];
  created_at: number;
}

interface LoginRow {
  id_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
}

interface CohortRow {
  id: string;
  name: string;
  course_id: string;
  place: string | null;
  centre: string | null;
  created_at: number;
}

interface RosterRow {
  id: string;
  cohort_id: string;
  name: string;
  rank: string | null;
  service_number: string | null;
  component: RosterRecord['component'];
  contingent: string | null;
  mission: string | null;
}

interface PresenceRow {
  session_id: string;
  participant_id: string;
  from_at: number;
  to_at: number | null;
}

interface MarkRow {
  session_id: string;
  participant_id: string;
  item_id: string;
  score: number;
  marked_by: string;
  marked_at: number;
}

interface CertificateRow {
  id: string;
  session_id: string;
  participant_id: string;
  signed: string;
  issued_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
  reason: string | null;
}

const SESSION_COLUMNS =
  'id, code, course_id, presenter_token_hash, projector_token_hash, created_at, state, checklist, mission_pack';
const PARTICIPANT_COLUMNS =
  'id, session_id, name, contingent, role, token_hash, recovery_code, joined_at, merged_into';
const QUESTION_COLUMNS = 'id, session_id, participant_id, client_id, text, status, created_at';
const ATTEMPT_COLUMNS =
  'id, token_hash, name, course_id, progress, revision, started_at, completed_at, score, passed';
const ACCOUNT_COLUMNS = 'id, username, display_name, password_hash, role, created_at';
const LOGIN_COLUMNS = 'id_hash, account_id, created_at, expires_at';
const COHORT_COLUMNS = 'id, name, course_id, place, centre, created_at';
const ROSTER_COLUMNS = 'id, cohort_id, name, rank, service_number, component, contingent, mission';
const PRESENCE_COLUMNS = 'session_id, participant_id, from_at, to_at';
const MARK_COLUMNS = 'session_id, participant_id, item_id, score, marked_by, marked_at';
const CERTIFICATE_COLUMNS =
  'id, session_id, participant_id, signed, issued_at, revoked_at, revoked_by, reason';

/** Usernames are compared case-insensitively: every store lower-cases them the same way, here. */
function normalizeUsername(username: string): string {
  return username.toLowerCase();
}

export function openSqliteStore(path: string): Store {
  // The options set the busy timeout and turn foreign keys on; the journal mode answers with the mode in
  // force (:memory: stays 'memory').
  const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
  const journal = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
  db.exec('PRAGMA synchronous = FULL');
  migrate(db);

  const sql = prepareStatements(db);

  /** Runs `work` in one write transaction; IMMEDIATE takes the write lock up front so it cannot deadlock. */
  function inTransaction<T>(work: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  // The WAL file of an on-disk database (none for :memory:), kept open for `inTransactionSyncedOffLoop`.
  // It lives as long as this connection: SQLite removes it only when the last connection closes.
  const location = db.location();
  const walPath = journal.journal_mode === 'wal' && location ? `${location}-wal` : null;
  let walFd: number | null = null;
  const syncing = new Set<Promise<void>>();
  /** Set once a sync of the WAL failed: what it held may not be on disk, so no later write may claim to be. */
  let syncFailure: Error | null = null;

  /**
   * Runs `work` in one write transaction that commits without an fsync (synchronous=NORMAL), then makes
   * it durable with an fdatasync of the WAL file on libuv's thread pool: what synchronous=FULL does at
   * COMMIT, off the event loop. Resolves once durable (readers may see the rows a moment earlier).
   * A failed sync is not retried (after one, a later sync can report success without the lost pages):
   * every later call rejects until the store is reopened, which recovers what the disk holds.
   */
  async function inTransactionSyncedOffLoop<T>(work: () => T): Promise<T> {
    if (!walPath) return inTransaction(work);
    if (syncFailure) throw syncFailure;
    walFd ??= openSync(walPath, 'r+');
    const fd = walFd;
    db.exec('PRAGMA synchronous = NORMAL');
    let result: T;
    try {
      result = inTransaction(work);
    } finally {
      db.exec('PRAGMA synchronous = FULL');
    }
    const sync = new Promise<void>((resolve, reject) => {
      fdatasync(fd, (error) => {
        if (!error) return resolve();
        syncFailure ??= new Error(`could not sync ${walPath}; restart to recover`, { cause: error });
        reject(syncFailure);
      });
    });
    syncing.add(sync);
    try {
      await sync;
    } finally {
      syncing.delete(sync);
    }
    return result;
  }

  function requireChange(changes: number | bigint, what: string, id: string): void {
    if (Number(changes) === 0) throw new Error(`Unknown ${what}: ${id}`);
  }

  /** For the records that name a session and one of its participants, inserted only when both match. */
  function requireParticipantOf(changes: number | bigint, sessionId: string, participantId: string): void {
    if (Number(changes) === 0)
      throw new Error(`Unknown participant ${participantId} in session ${sessionId}`);
  }

  function participantById(id: string): ParticipantRecord | undefined {
    return one(sql.participantById, toParticipant, id);
  }

  return {
    async createSession(session) {
      sql.insertSession.run(
        session.id,
        session.code,
        session.courseId,
        session.presenterTokenHash,
        session.projectorTokenHash,
        session.createdAt,
        JSON.stringify(session.state),
        JSON.stringify(session.checklist),
        session.missionPack,
      );
    },
    async getSession(id) {
      return one(sql.sessionById, toSession, id);
    },
    async getSessionByCode(code) {
      return one(sql.newestSessionByCode, toSession, code);
    },
    async listOpenSessions() {
      return all(sql.openSessionsNewestFirst, toSession);
    },
    async saveSessionState(id, state) {
      requireChange(sql.updateSessionState.run(JSON.stringify(state), id).changes, 'session', id);
    },
    async saveChecklist(id, checklist, missionPack) {
      const { changes } = sql.updateChecklist.run(JSON.stringify(checklist), missionPack, id);
      requireChange(changes, 'session', id);
    },

    async addParticipant(participant) {
      sql.insertParticipant.run(
        participant.id,
        participant.sessionId,
        participant.name,
        participant.contingent,
        participant.role,
        participant.tokenHash,
        participant.recoveryCode,
        participant.joinedAt,
        participant.mergedInto,
      );
    },
    async getParticipant(id) {
      return participantById(id);
    },
    async findParticipantByToken(sessionId, tokenHash) {
      return one(sql.participantByToken, toParticipant, sessionId, tokenHash);
    },
    async findParticipantByRecoveryCode(sessionId, recoveryCode) {
      return one(sql.participantByRecoveryCode, toParticipant, sessionId, recoveryCode);
    },
    async listParticipants(sessionId) {
      return all(sql.participantsBySession, toParticipant, sessionId);
    },
    async replaceParticipantToken(id, tokenHash) {
      requireChange(sql.updateParticipantToken.run(tokenHash, id).changes, 'participant', id);
    },
    async mergeParticipants(fromId, intoId) {
      inTransaction(() => {
        const from = participantById(fromId);
        const into = participantById(intoId);
        if (!from) throw new Error(`Unknown participant: ${fromId}`);
        if (!into) throw new Error(`Unknown participant: ${intoId}`);
        // A repeated merge command is a no-op rather than an error.
        if (from.mergedInto === intoId) return;
        if (fromId === intoId) throw new Error(`Cannot merge participant ${fromId} into itself`);
        if (from.sessionId !== into.sessionId)
          throw new Error('Cannot merge participants of different sessions');
        if (from.mergedInto !== null) throw new Error(`Participant ${fromId} is already merged`);
        if (into.mergedInto !== null)
          throw new Error(`Participant ${intoId} is merged; merge into its target`);

        const ids = { from: fromId, into: intoId };
        sql.dropAnswersTheTargetAlsoGave.run(ids);
        sql.moveAnswers.run(ids);
        sql.moveQuestions.run(ids);
        sql.dropVotesTheTargetAlsoCast.run(ids);
        sql.moveVotes.run(ids);
        sql.markMerged.run(ids);
      });
    },

    async recordAnswers(answers) {
      if (answers.length === 0) return [];
      return inTransactionSyncedOffLoop(() =>
        answers.map((answer) => {
          const { changes } = sql.insertAnswer.run(
            answer.sessionId,
            answer.participantId,
            answer.activityId,
            answer.clientId,
            JSON.stringify(answer.response),
            answer.epoch,
            answer.receivedAt,
          );
          return Number(changes) === 1 ? 'recorded' : 'duplicate';
        }),
      );
    },
    async listAnswers(sessionId) {
      return all(sql.currentAnswersBySession, toAnswer, sessionId);
    },

    async addQuestion(question) {
      const { changes } = sql.insertQuestion.run(
        question.id,
        question.sessionId,
        question.participantId,
        question.clientId,
        question.text,
        question.status,
        question.createdAt,
      );
      return Number(changes) === 1 ? 'recorded' : 'duplicate';
    },
    async setQuestionStatus(id, status) {
      requireChange(sql.updateQuestionStatus.run(status, id).changes, 'question', id);
    },
    async listQuestions(sessionId) {
      return all(sql.questionsBySession, toQuestion, sessionId);
    },
    async addVote(vote) {
      const { changes } = sql.insertVote.run(vote.questionId, vote.participantId);
      return Number(changes) === 1 ? 'recorded' : 'duplicate';
    },
    async listVotes(sessionId) {
      return all(sql.votesBySession, toVote, sessionId);
    },

    async createSelfPacedAttempt(attempt) {
      sql.insertAttempt.run(
        attempt.id,
        attempt.tokenHash,
        attempt.name,
        attempt.courseId,
        attempt.progress === null ? null : JSON.stringify(attempt.progress),
        attempt.revision,
        attempt.startedAt,
        attempt.completedAt,
        attempt.score,
        attempt.passed === null ? null : Number(attempt.passed),
      );
    },
    async getSelfPacedAttempt(id) {
      return one(sql.attemptById, toAttempt, id);
    },
    async saveSelfPacedProgress(id, revision, progress, result) {
      // One statement: the revision test and the write cannot be split by another writer.
      const { changes } = sql.updateAttemptProgress.run({
        id,
        revision,
        progress: JSON.stringify(progress),
        completedAt: result?.completedAt ?? null,
        score: result?.score ?? null,
        passed: result ? Number(result.passed) : null,
      });
      if (Number(changes) === 1) return 'saved';
      requireChange(sql.attemptExists.all(id).length, 'self-paced attempt', id);
      return 'stale';
    },

    async createAccount(account) {
      sql.insertAccount.run(
        account.id,
        normalizeUsername(account.username),
        account.displayName,
        account.passwordHash,
        account.role,
        account.createdAt,
      );
    },
    async findAccountByUsername(username) {
      return one(sql.accountByUsername, toAccount, normalizeUsername(username));
    },
    async getAccount(id) {
      return one(sql.accountById, toAccount, id);
    },
    async countAccounts() {
      return (sql.countAccounts.get() as { count: number }).count;
    },
    async createLogin(login) {
      sql.insertLogin.run(login.idHash, login.accountId, login.createdAt, login.expiresAt);
    },
    async findLogin(idHash) {
      return one(sql.loginByIdHash, toLogin, idHash);
    },
    async deleteLogin(idHash) {
      sql.deleteLogin.run(idHash);
    },

    async createCohort(cohort) {
      sql.insertCohort.run(
        cohort.id,
        cohort.name,
        cohort.courseId,
        cohort.place,
        cohort.centre,
        cohort.createdAt,
      );
    },
    async getCohort(id) {
      return one(sql.cohortById, toCohort, id);
    },
    async listCohorts() {
      return all(sql.cohortsNewestFirst, toCohort);
    },
    async importRoster(entries) {
      if (entries.length === 0) return;
      inTransaction(() => {
        for (const entry of entries) {
          sql.insertRosterEntry.run(
            entry.id,
            entry.cohortId,
            entry.name,
            entry.rank,
            entry.serviceNumber,
            entry.component,
            entry.contingent,
            entry.mission,
          );
        }
      });
    },
    async listRoster(cohortId) {
      return all(sql.rosterByCohort, toRosterEntry, cohortId);
    },
    async setSessionCohort(sessionId, cohortId) {
      requireChange(sql.updateSessionCohort.run(cohortId, sessionId).changes, 'session', sessionId);
    },
    async getSessionCohort(sessionId) {
      const row = sql.sessionCohort.get(sessionId) as { cohort_id: string | null } | undefined;
      return row?.cohort_id ?? null;
    },
    async listCohortSessions(cohortId) {
      return all(sql.sessionsByCohort, (row: { id: string }) => row.id, cohortId);
    },
    async linkParticipant(participantId, rosterId) {
      const { changes } = sql.updateParticipantRosterEntry.run(rosterId, participantId);
      requireChange(changes, 'participant', participantId);
    },
    async listParticipantLinks(sessionId) {
      const toLink = (row: { id: string; roster_id: string }) => [row.id, row.roster_id] as const;
      return Object.fromEntries(all(sql.participantLinksBySession, toLink, sessionId));
    },

    async openPresence(presence) {
      const values = {
        session: presence.sessionId,
        participant: presence.participantId,
        from: presence.from,
      };
      inTransaction(() => {
        sql.closeOpenPresence.run({ participant: values.participant, to: values.from });
        requireParticipantOf(sql.insertPresence.run(values).changes, values.session, values.participant);
      });
    },
    async closePresence(participantId, to) {
      sql.closeOpenPresence.run({ participant: participantId, to });
    },
    async listPresence(sessionId) {
      return all(sql.presenceBySession, toPresence, sessionId);
    },
    async saveMark(mark) {
      const { changes } = sql.upsertMark.run({
        session: mark.sessionId,
        participant: mark.participantId,
        item: mark.itemId,
        score: mark.score,
        by: mark.markedBy,
        at: mark.markedAt,
      });
      requireParticipantOf(changes, mark.sessionId, mark.participantId);
    },
    async listMarks(sessionId) {
      return all(sql.marksBySession, toMark, sessionId);
    },

    async saveCertificate(certificate) {
      const signed = JSON.stringify(certificate.signed) as string | undefined;
      if (signed === undefined) throw new Error(`Certificate ${certificate.id} has no signed data`);
      const { changes } = sql.insertCertificate.run({
        id: certificate.id,
        session: certificate.sessionId,
        participant: certificate.participantId,
        signed,
        issuedAt: certificate.issuedAt,
        revokedAt: certificate.revokedAt,
        revokedBy: certificate.revokedBy,
        reason: certificate.reason,
      });
      requireParticipantOf(changes, certificate.sessionId, certificate.participantId);
    },
    async getCertificate(id) {
      return one(sql.certificateById, toCertificate, id);
    },
    async listCertificates(sessionId) {
      return all(sql.certificatesBySession, toCertificate, sessionId);
    },
    async revokeCertificate(id, by, reason, at) {
      // One statement: a second revocation finds the first in place and changes nothing.
      const { changes } = sql.revokeCertificate.run({ id, by, reason, at });
      if (Number(changes) === 1) return;
      requireChange(sql.certificateExists.all(id).length, 'certificate', id);
    },

    async close() {
      await Promise.allSettled(syncing);
      if (db.isOpen) db.close();
      if (walFd !== null) closeSync(walFd);
      walFd = null;
    },
  };
}

function migrate(db: DatabaseSync): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
    if (!row) db.exec('INSERT INTO schema_version (version) VALUES (0)');
    const applied = row?.version ?? 0;
    if (applied > MIGRATIONS.length) {
      throw new Error(`Database schema version ${applied} is newer than this Lectern (${MIGRATIONS.length})`);
    }
    for (const migration of MIGRATIONS.slice(applied)) db.exec(migration);
    db.prepare('UPDATE schema_version SET version = ?').run(MIGRATIONS.length);
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    db.close();
    throw error;
  }
}

/** Every statement the store runs, prepared once per connection (exported for the query-plan test). */
export function prepareStatements(db: DatabaseSync) {
  const statements = {
    insertSession: db.prepare(`INSERT INTO sessions (${SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    sessionById: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`),
    newestSessionByCode: db.prepare(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE code = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    ),
    openSessionsNewestFirst: db.prepare(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE ended = 0 ORDER BY created_at DESC, rowid DESC`,
    ),
    updateSessionState: db.prepare('UPDATE sessions SET state = ? WHERE id = ?'),
    updateChecklist: db.prepare('UPDATE sessions SET checklist = ?, mission_pack = ? WHERE id = ?'),

    insertParticipant: db.prepare(
      `INSERT INTO participants (${PARTICIPANT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    participantById: db.prepare(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE id = ?`),
    participantByToken: db.prepare(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE session_id = ? AND token_hash = ?`,
    ),
    participantByRecoveryCode: db.prepare(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE session_id = ? AND recovery_code = ?`,
    ),
    participantsBySession: db.prepare(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE session_id = ? ORDER BY joined_at, rowid`,
    ),
    updateParticipantToken: db.prepare('UPDATE participants SET token_hash = ? WHERE id = ?'),

    // The target keeps its own answer to an activity and epoch both answered.
    dropAnswersTheTargetAlsoGave: db.prepare(`
      DELETE FROM answers WHERE participant_id = :from AND EXISTS (
        SELECT 1 FROM answers AS kept
        WHERE kept.session_id = answers.session_id AND kept.participant_id = :into
          AND kept.activity_id = answers.activity_id AND kept.epoch = answers.epoch)`),
    // Two devices may have used the same client id; a clash is renamed rather than lost (the prefix
    // cannot occur in a protocol client id).
    moveAnswers: db.prepare(`
      UPDATE answers SET participant_id = :into,
        client_id = CASE WHEN EXISTS (
          SELECT 1 FROM answers AS other WHERE other.participant_id = :into AND other.client_id = answers.client_id)
          THEN :from || '/' || client_id ELSE client_id END
      WHERE participant_id = :from`),
    moveQuestions: db.prepare(`
      UPDATE questions SET participant_id = :into,
        client_id = CASE WHEN EXISTS (
          SELECT 1 FROM questions AS other WHERE other.participant_id = :into AND other.client_id = questions.client_id)
          THEN :from || '/' || client_id ELSE client_id END
      WHERE participant_id = :from`),
    dropVotesTheTargetAlsoCast: db.prepare(`
      DELETE FROM votes WHERE participant_id = :from AND question_id IN (
        SELECT question_id FROM votes WHERE participant_id = :into)`),
    moveVotes: db.prepare('UPDATE votes SET participant_id = :into WHERE participant_id = :from'),
    markMerged: db.prepare('UPDATE participants SET merged_into = :into WHERE id = :from'),

    insertAnswer: db.prepare(`
      INSERT INTO answers (session_id, participant_id, activity_id, client_id, response, epoch, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (participant_id, client_id) DO NOTHING`),
    currentAnswersBySession: db.prepare(`
      SELECT session_id, participant_id, activity_id, client_id, response, epoch, received_at
      FROM answers WHERE session_id = ? AND NOT EXISTS (
        SELECT 1 FROM answers AS later
        WHERE later.session_id = answers.session_id AND later.participant_id = answers.participant_id
          AND later.activity_id = answers.activity_id AND later.epoch = answers.epoch
          AND later.seq > answers.seq)
      ORDER BY seq`),

    insertQuestion: db.prepare(`
      INSERT INTO questions (${QUESTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (participant_id, client_id) DO NOTHING`),
    updateQuestionStatus: db.prepare('UPDATE questions SET status = ? WHERE id = ?'),
    questionsBySession: db.prepare(
      `SELECT ${QUESTION_COLUMNS} FROM questions WHERE session_id = ? ORDER BY created_at, rowid`,
    ),
    insertVote: db.prepare(
      'INSERT INTO votes (question_id, participant_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
    ),
    votesBySession: db.prepare(`
      SELECT votes.question_id, votes.participant_id FROM questions
      JOIN votes ON votes.question_id = questions.id
      WHERE questions.session_id = ? ORDER BY votes.rowid`),

    insertAttempt: db.prepare(
      `INSERT INTO self_paced_attempts (${ATTEMPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    attemptById: db.prepare(`SELECT ${ATTEMPT_COLUMNS} FROM self_paced_attempts WHERE id = ?`),
    attemptExists: db.prepare('SELECT 1 FROM self_paced_attempts WHERE id = ?'),
    updateAttemptProgress: db.prepare(`
      UPDATE self_paced_attempts SET progress = :progress, revision = :revision,
        completed_at = CASE WHEN :score IS NULL THEN completed_at ELSE COALESCE(completed_at, :completedAt) END,
        score = COALESCE(:score, score),
        passed = COALESCE(:passed, passed)
      WHERE id = :id AND revision < :revision`),

    insertAccount: db.prepare(`INSERT INTO accounts (${ACCOUNT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`),
    accountByUsername: db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE username = ?`),
    accountById: db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ?`),
    countAccounts: db.prepare('SELECT count(*) AS count FROM accounts'),
    insertLogin: db.prepare(`INSERT INTO logins (${LOGIN_COLUMNS}) VALUES (?, ?, ?, ?)`),
    loginByIdHash: db.prepare(`SELECT ${LOGIN_COLUMNS} FROM logins WHERE id_hash = ?`),
    deleteLogin: db.prepare('DELETE FROM logins WHERE id_hash = ?'),

    insertCohort: db.prepare(`INSERT INTO cohorts (${COHORT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`),
    cohortById: db.prepare(`SELECT ${COHORT_COLUMNS} FROM cohorts WHERE id = ?`),
    cohortsNewestFirst: db.prepare(
      `SELECT ${COHORT_COLUMNS} FROM cohorts ORDER BY created_at DESC, rowid DESC`,
    ),
    insertRosterEntry: db.prepare(
      `INSERT INTO roster_entries (${ROSTER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    rosterByCohort: db.prepare(
      `SELECT ${ROSTER_COLUMNS} FROM roster_entries WHERE cohort_id = ? ORDER BY rowid`,
    ),
    updateSessionCohort: db.prepare('UPDATE sessions SET cohort_id = ? WHERE id = ?'),
    sessionCohort: db.prepare('SELECT cohort_id FROM sessions WHERE id = ?'),
    sessionsByCohort: db.prepare('SELECT id FROM sessions WHERE cohort_id = ? ORDER BY created_at, rowid'),
    updateParticipantRosterEntry: db.prepare('UPDATE participants SET roster_id = ? WHERE id = ?'),
    participantLinksBySession: db.prepare(
      'SELECT id, roster_id FROM participants WHERE session_id = ? AND roster_id IS NOT NULL',
    ),

    // A clock that stepped back never makes a stretch end before it began.
    closeOpenPresence: db.prepare(`
      UPDATE presence SET to_at = max(from_at, :to)
      WHERE participant_id = :participant AND to_at IS NULL`),
    // Presence, marks and certificates are inserted only for a participant of the session they name.
    insertPresence: db.prepare(`
      INSERT INTO presence (session_id, participant_id, from_at)
      SELECT session_id, id, :from FROM participants WHERE id = :participant AND session_id = :session`),
    presenceBySession: db.prepare(
      `SELECT ${PRESENCE_COLUMNS} FROM presence WHERE session_id = ? ORDER BY seq`,
    ),
    upsertMark: db.prepare(`
      INSERT INTO marks (${MARK_COLUMNS})
      SELECT session_id, id, :item, :score, :by, :at FROM participants
      WHERE id = :participant AND session_id = :session
      ON CONFLICT (participant_id, item_id) DO UPDATE SET
        score = excluded.score, marked_by = excluded.marked_by, marked_at = excluded.marked_at`),
    marksBySession: db.prepare(`SELECT ${MARK_COLUMNS} FROM marks WHERE session_id = ? ORDER BY rowid`),

    insertCertificate: db.prepare(`
      INSERT INTO certificates (${CERTIFICATE_COLUMNS})
      SELECT :id, session_id, id, :signed, :issuedAt, :revokedAt, :revokedBy, :reason FROM participants
      WHERE id = :participant AND session_id = :session`),
    certificateById: db.prepare(`SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id = ?`),
    certificateExists: db.prepare('SELECT 1 FROM certificates WHERE id = ?'),
    certificatesBySession: db.prepare(
      `SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE session_id = ? ORDER BY issued_at, rowid`,
    ),
    revokeCertificate: db.prepare(`
      UPDATE certificates SET revoked_at = :at, revoked_by = :by, reason = :reason
      WHERE id = :id AND revoked_at IS NULL`),
  } satisfies Record<string, StatementSync>;
  return statements;
}

/** The row `statement` finds, as a record (undefined when there is none). */
function one<Row, T>(
  statement: StatementSync,
  toRecord: (row: Row) => T,
  ...params: SQLInputValue[]
): T | undefined {
  const row = statement.get(...params) as Row | undefined;
  return row && toRecord(row);
}

/** Every row `statement` finds, as records, in its order. */
function all<Row, T>(statement: StatementSync, toRecord: (row: Row) => T, ...params: SQLInputValue[]): T[] {
  return (statement.all(...params) as unknown as Row[]).map(toRecord);
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    code: row.code,
    courseId: row.course_id,
    presenterTokenHash: row.presenter_token_hash,
    projectorTokenHash: row.projector_token_hash,
    createdAt: row.created_at,
    state: JSON.parse(row.state) as PersistedSessionState,
    checklist: JSON.parse(row.checklist) as Record<string, boolean>,
    missionPack: row.mission_pack,
  };
}

function toParticipant(row: ParticipantRow): ParticipantRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    name: row.name,
    contingent: row.contingent,
    role: row.role,
    tokenHash: row.token_hash,
    recoveryCode: row.recovery_code,
    joinedAt: row.joined_at,
    mergedInto: row.merged_into,
  };
}

function toAnswer(row: AnswerRow): AnswerRecord {
  return {
    sessionId: row.session_id,
    participantId: row.participant_id,
    activityId: row.activity_id,
    clientId: row.client_id,
    response: JSON.parse(row.response) as AnswerRecord['response'],
    epoch: row.epoch,
    receivedAt: row.received_at,
  };
}

function toQuestion(row: QuestionRow): QuestionRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    participantId: row.participant_id,
    clientId: row.client_id,
    text: row.text,
    status: row.status,
    createdAt: row.created_at,
  };
}

function toAttempt(row: SelfPacedAttemptRow): SelfPacedAttemptRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    name: row.name,
    courseId: row.course_id,
    progress: row.progress === null ? null : (JSON.parse(row.progress) as SelfPacedAttemptRecord['progress']),
    revision: row.revision,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    score: row.score,
    passed: row.passed === null ? null : row.passed === 1,
  };
}

function toVote(row: VoteRow): VoteRecord {
  return { questionId: row.question_id, participantId: row.participant_id };
}

function toAccount(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role,
    createdAt: row.created_at,
  };
}

function toLogin(row: LoginRow): LoginRecord {
  return {
    idHash: row.id_hash,
    accountId: row.account_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

function toCohort(row: CohortRow): CohortRecord {
  return {
    id: row.id,
    name: row.name,
    courseId: row.course_id,
    place: row.place,
    centre: row.centre,
    createdAt: row.created_at,
  };
}

function toRosterEntry(row: RosterRow): RosterRecord {
  return {
    id: row.id,
    cohortId: row.cohort_id,
    name: row.name,
    rank: row.rank,
    serviceNumber: row.service_number,
    component: row.component,
    contingent: row.contingent,
    mission: row.mission,
  };
}

function toPresence(row: PresenceRow): PresenceRecord {
  return { sessionId: row.session_id, participantId: row.participant_id, from: row.from_at, to: row.to_at };
}

function toMark(row: MarkRow): MarkRecord {
  return {
    sessionId: row.session_id,
    participantId: row.participant_id,
    itemId: row.item_id,
    score: row.score,
    markedBy: row.marked_by,
    markedAt: row.marked_at,
  };
}

function toCertificate(row: CertificateRow): IssuedCertificateRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    participantId: row.participant_id,
    signed: JSON.parse(row.signed) as unknown,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    reason: row.reason,
  };
}
