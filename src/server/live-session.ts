/**
 * One live session in memory: its state, participants, answers and class results, kept in step with
 * the store. Every change is durable in the store before it is acknowledged. Class results are a view:
 * an answer counts in them as soon as it is accepted, while its group commit runs, and is taken out
 * again if the commit fails (the phone, unacknowledged, sends it again).
 */

import { type AssessmentPlan, assembleAssessment } from '../content/assessment.ts';
import type { Activity, Course, Item } from '../content/model.ts';
import { allActivities } from '../content/model.ts';
import type { LiveXapi } from '../exports/xapi/live-xapi.ts';
import { type ActivityView, activityViews } from '../live/activity-catalogue.ts';
import type { AnswerKey, PublicActivity } from '../live/activity-view.ts';
import { buildPresenterDeck, type Deck, type PresenterDeck, publicDeck } from '../live/deck.ts';
import { LiveError } from '../live/errors.ts';
import type {
  ClassAssessmentResults,
  Command,
  MarkingEntry,
  OwnAnswer,
  OwnAssessmentResult,
  ParticipantSelf,
  QuestionView,
  Response,
  RosterEntry,
  ServerMessage,
  SessionView,
} from '../live/protocol.ts';
import { applyCommand } from '../live/session-state.ts';
import { sessionResults } from '../records/session-results.ts';
import type {
  AnswerRecord,
  MarkRecord,
  ParticipantRecord,
  PersistedSessionState,
  QuestionRecord,
  SessionRecord,
  Store,
} from '../store/store.ts';
import type { TokenBucket } from './rate-limit.ts';
import { hashToken, newCode, newId, newToken } from './tokens.ts';
import { WriteBatcher } from './write-batcher.ts';

export const MAX_PARTICIPANTS = 1500;
const MAX_QUESTIONS_PER_PARTICIPANT = 20;
const ROSTER_UPDATE_MS = 1000;
/** The assessment's class results go out at most this often while answers arrive. */
const ASSESSMENT_UPDATE_MS = 200;
/** Answers arriving this long after the assessment's time limit still count (network latency). */
const ASSESSMENT_GRACE_MS = 2000;
/** How many presenter command ids are remembered to recognise resends. */
const RECENT_COMMANDS = 500;

export type Log = (message: string, error?: unknown) => void;

/** A connected client, whatever carries it. */
export interface Peer {
  send(message: ServerMessage): void;
  /** Sends a message already serialised with JSON.stringify (one serialisation for many peers). */
  sendJson(json: string): void;
  role: 'presenter' | 'projector' | 'participant' | null;
  sessionId: string | null;
  participantId: string | null;
  bucket: TokenBucket;
}

interface ParticipantLive {
  record: ParticipantRecord;
  peers: Set<Peer>;
  /** Current durable answer per activity (current epoch only). */
  answers: Map<string, AnswerRecord>;
  /**
   * The latest accepted answer per activity whose write is still in flight (current epoch only). It,
   * rather than `answers`, is what the class results count for that activity until it is settled.
   */
  pending: Map<string, AnswerRecord>;
  /** Answer writes in flight by clientId: the same answer again waits for the first write. */
  writing: Map<string, Promise<'recorded' | 'duplicate'>>;
}

function participantLive(record: ParticipantRecord): ParticipantLive {
  return { record, peers: new Set(), answers: new Map(), pending: new Map(), writing: new Map() };
}

interface QuestionLive {
  record: QuestionRecord;
  votes: Set<string>;
}

export class LiveSession {
  readonly record: SessionRecord;
  readonly deck: PresenterDeck;
  readonly publicDeck: Deck;
  state: PersistedSessionState;

  readonly #store: Store;
  readonly #activities: Map<string, ActivityView>;
  /** The activities of the slides (items of the item bank are assessed separately). */
  readonly #liveActivityIds: string[];
  readonly #participants = new Map<string, ParticipantLive>();
  readonly #byTokenHash = new Map<string, string>();
  readonly #questions = new Map<string, QuestionLive>();
  readonly #presenters = new Set<Peer>();
  readonly #projectors = new Set<Peer>();
  readonly #answers: WriteBatcher<AnswerRecord, 'recorded' | 'duplicate'>;
  #staffScheduled = false;
  #staffStateDirty = false;
  #staffResultsDirty = false;
  #rosterTimer: NodeJS.Timeout | null = null;
  #questionsTimer: NodeJS.Timeout | null = null;
  readonly #recentCommands = new Set<string>();
  readonly #log: Log;
  #closed = false;
  /** Sends xAPI statements of answers and results to an LRS, when one is configured. */
  readonly #xapi: LiveXapi | null;
  readonly #course: Course;
  /** The session assessment drawn for this session (seeded by its id: the same paper after a restart). */
  readonly #plan: AssessmentPlan;
  readonly #planItems: Set<string>;
  /** participantId → itemId → the instructor's mark. */
  readonly #marks = new Map<string, Map<string, MarkRecord>>();
  #assessmentTimer: NodeJS.Timeout | null = null;
  #assessmentUpdate: NodeJS.Timeout | null = null;
  /** Serialises presenter commands so that each sees the state the previous one left. */
  #commands: Promise<unknown> = Promise.resolve();

  private constructor(record: SessionRecord, course: Course, store: Store, log: Log, xapi: LiveXapi | null) {
    this.#log = log;
    this.#xapi = xapi;
    this.record = record;
    this.state = record.state;
    this.#course = course;
    this.#plan = assembleAssessment(course, record.id);
    this.#planItems = new Set(this.#plan.itemIds);
    const deck = buildPresenterDeck(course, record.missionPack);
    this.deck = deck;
    this.publicDeck = publicDeck(deck);
    this.#store = store;
    const activities = allActivities(course);
    const items: (Activity | Item)[] = [...activities, ...course.items];
    this.#activities = activityViews(items, course);
    this.#liveActivityIds = activities.map((a) => a.id);
    this.#answers = new WriteBatcher((batch) => store.recordAnswers(batch));
  }

  static async load(
    record: SessionRecord,
    course: Course,
    store: Store,
    log: Log,
    xapi: LiveXapi | null = null,
  ): Promise<LiveSession> {
    const session = new LiveSession(record, course, store, log, xapi);
    const participants = await store.listParticipants(record.id);
    for (const p of participants) {
      if (p.mergedInto) continue;
      session.#participants.set(p.id, participantLive(p));
      session.#byTokenHash.set(p.tokenHash, p.id);
    }
    // A merged identity's device keeps working as the participant it was merged into.
    for (const p of participants) {
      if (p.mergedInto) session.#byTokenHash.set(p.tokenHash, p.mergedInto);
    }
    for (const answer of await store.listAnswers(record.id)) {
      const participant = session.#participants.get(answer.participantId);
      const activity = session.#activities.get(answer.activityId);
      if (!participant || !activity || answer.epoch !== session.#epoch(answer.activityId)) continue;
      participant.answers.set(answer.activityId, answer);
      activity.tally.add(answer.response);
    }
    const sittingSince = record.state.assessment?.openedAt ?? 0;
    for (const mark of await store.listMarks(record.id)) {
      // Marks of an earlier sitting of the assessment no longer count.
      if (mark.markedAt >= sittingSince) session.#setMark(mark);
    }
    session.#armAssessmentTimer();
    const votes = await store.listVotes(record.id);
    for (const q of await store.listQuestions(record.id)) {
      session.#questions.set(q.id, {
        record: q,
        votes: new Set(votes.filter((v) => v.questionId === q.id).map((v) => v.participantId)),
      });
    }
    return session;
  }

  // ── views ──────────────────────────────────────────────────────────────────────────────────────

  view(): SessionView {
    return {
      sessionId: this.record.id,
      code: this.record.code,
      courseId: this.record.courseId,
      slide: this.state.slide,
      slideCount: this.deck.frames.length,
      black: this.state.black,
      joining: this.state.joining,
      ended: this.state.ended,
      audience: this.state.audience,
      activity: this.state.activity
        ? { ...this.state.activity, epoch: this.#epoch(this.state.activity.id) }
        : null,
      timer: this.state.timer,
      participants: this.#participants.size,
      assessment: this.state.assessment
        ? {
            status: this.state.assessment.status,
            itemIds: this.state.assessment.itemIds,
            endsAt: this.state.assessment.endsAt,
            attempt: this.state.assessment.attempt ?? 1,
            attempts: this.#plan.attempts,
          }
        : null,
    };
  }

  /** What phones and the projector may know of each slide activity: no answers. */
  publicActivities(): Record<string, PublicActivity> {
    const views: Record<string, PublicActivity> = {};
    for (const id of this.#liveActivityIds) {
      const activity = this.#activities.get(id);
      if (activity) views[id] = activity.view;
    }
    return views;
  }

  /** The public views of the assessment's items: what phones need to answer them. */
  publicItems(): Record<string, PublicActivity> {
    const views: Record<string, PublicActivity> = {};
    for (const id of this.#plan.itemIds) {
      const item = this.#activities.get(id);
      if (item) views[id] = item.view;
    }
    return views;
  }

  /** The presenter's view of each activity: the public view and its answer key. */
  presenterActivities(): Record<
    string,
    { view: PublicActivity; key: AnswerKey | null; reveal: string | null }
  > {
    const views: Record<string, { view: PublicActivity; key: AnswerKey | null; reveal: string | null }> = {};
    for (const id of this.#liveActivityIds) {
      const activity = this.#activities.get(id);
      if (activity) views[id] = { view: activity.view, ...renameReveal(activity.reveal()) };
    }
    return views;
  }

  #epoch(activityId: string): number {
    return this.state.activityEpochs[activityId] ?? 0;
  }

  // ── joining ────────────────────────────────────────────────────────────────────────────────────

  attachStaff(peer: Peer, role: 'presenter' | 'projector'): void {
    peer.role = role;
    peer.sessionId = this.record.id;
    (role === 'presenter' ? this.#presenters : this.#projectors).add(peer);
    peer.send({ type: 'welcome', role, session: this.view() });
    this.#sendActivityTo(peer);
    peer.send({ type: 'questions', questions: this.#questionViews(null, role === 'presenter') });
    if (role === 'presenter') peer.send({ type: 'roster', participants: this.#roster() });
    if (this.state.assessment) this.#scheduleAssessmentUpdate();
  }

  async join(peer: Peer, name: string, contingent?: string, role?: string): Promise<void> {
    if (this.state.ended) throw new LiveError('SESSION_ENDED');
    if (!this.state.joining) throw new LiveError('JOINING_CLOSED');
    if (this.#participants.size >= MAX_PARTICIPANTS) throw new LiveError('SESSION_FULL');
    const token = newToken();
    const record: ParticipantRecord = {
      id: newId('p'),
      sessionId: this.record.id,
      name,
      contingent: contingent || null,
      role: role || null,
      tokenHash: hashToken(token),
      recoveryCode: newCode(6),
      joinedAt: Date.now(),
      mergedInto: null,
    };
    await this.#store.addParticipant(record);
    this.#participants.set(record.id, participantLive(record));
    this.#byTokenHash.set(record.tokenHash, record.id);
    this.#welcomeParticipant(peer, record.id, token);
    this.#scheduleStaffUpdate('state');
    this.#scheduleRoster();
  }

  rejoin(peer: Peer, token: string): void {
    const id = this.#byTokenHash.get(hashToken(token));
    if (!id) throw new LiveError('TOKEN_INVALID');
    this.#welcomeParticipant(peer, id, token);
    this.#scheduleRoster();
  }

  async recover(peer: Peer, recoveryCode: string): Promise<void> {
    const wanted = recoveryCode.toUpperCase().replace(/[\s-]/g, '');
    const participant = [...this.#participants.values()].find((p) => p.record.recoveryCode === wanted);
    if (!participant) throw new LiveError('RECOVERY_CODE_UNKNOWN');
    const token = newToken();
    const tokenHash = hashToken(token);
    await this.#store.replaceParticipantToken(participant.record.id, tokenHash);
    this.#byTokenHash.delete(participant.record.tokenHash);
    participant.record = { ...participant.record, tokenHash };
    this.#byTokenHash.set(tokenHash, participant.record.id);
    this.#welcomeParticipant(peer, participant.record.id, token);
  }

  #welcomeParticipant(peer: Peer, participantId: string, token: string): void {
    const participant = this.#participants.get(participantId);
    if (!participant) throw new LiveError('PARTICIPANT_UNKNOWN');
    peer.role = 'participant';
    peer.sessionId = this.record.id;
    peer.participantId = participantId;
    // Attendance: a stretch of presence starts with the participant's first connected device.
    if (participant.peers.size === 0) this.#presence('open', participantId);
    participant.peers.add(peer);
    const you: ParticipantSelf = {
      participantId,
      name: participant.record.name,
      token,
      recoveryCode: participant.record.recoveryCode,
    };
    const { participants: _count, ...view } = this.view();
    peer.send({
      type: 'welcome',
      role: 'participant',
      session: { ...view, participants: 0 },
      you,
      answers: [...participant.answers.values()].map((a) => this.#ownAnswer(a)),
    });
    this.#sendActivityTo(peer);
    peer.send({ type: 'questions', questions: this.#questionViews(participantId, false) });
    if (this.state.assessment?.status === 'revealed') this.#scheduleAssessmentUpdate();
  }

  detach(peer: Peer): void {
    this.#presenters.delete(peer);
    this.#projectors.delete(peer);
    if (peer.participantId) {
      const participant = this.#participants.get(peer.participantId);
      if (participant?.peers.delete(peer) && participant.peers.size === 0) {
        this.#presence('close', peer.participantId);
      }
      this.#scheduleRoster();
    }
  }

  /** Records attendance; nobody waits for it, so a failure is logged rather than reported to a phone. */
  #presence(change: 'open' | 'close', participantId: string): void {
    // Sockets that close after the server has shut down find the store closed: presence was ended above.
    if (this.#closed) return;
    const now = Date.now();
    const write =
      change === 'open'
        ? this.#store.openPresence({ sessionId: this.record.id, participantId, from: now })
        : this.#store.closePresence(participantId, now);
    write.catch((error: unknown) => this.#log(`could not record presence (${change})`, error));
  }

  // ── answers ────────────────────────────────────────────────────────────────────────────────────

  /**
   * Takes an answer: counted in the class results at once (the staff update goes out while the group
   * commit runs), acknowledged to the phone only once it is durable. If the commit fails, the class
   * results go back to what the store holds and the phone gets an error instead of an ack; its outbox
   * sends the answer again (same clientId, so it is never counted twice).
   */
  async answer(peer: Peer, clientId: string, activityId: string, response: Response): Promise<void> {
    const participantId = peer.participantId;
    const participant = participantId ? this.#participants.get(participantId) : undefined;
    if (!participant || !participantId) throw new LiveError('NOT_AUTHENTICATED');
    const activity = this.#activities.get(activityId);
    if (!activity) throw new LiveError('ACTIVITY_UNKNOWN', activityId);
    const current = participant.answers.get(activityId);
    if (current?.clientId === clientId) {
      peer.send({ type: 'ack', clientId, duplicate: true });
      return;
    }
    const inFlight = participant.writing.get(clientId);
    if (inFlight) {
      // The same answer again while the first is being written (a resend): counted once, and
      // acknowledged as a duplicate once the first is durable.
      await inFlight.catch(() => {
        throw new LiveError('INTERNAL');
      });
      peer.send({ type: 'ack', clientId, duplicate: true });
      return;
    }
    const isItem = this.#planItems.has(activityId);
    if (!(isItem ? this.#assessmentOpen() : this.#activityOpen(activityId))) {
      throw new LiveError('ACTIVITY_NOT_OPEN', activityId);
    }
    if (!activity.valid(response)) throw new LiveError('RESPONSE_INVALID', activityId);
    const record: AnswerRecord = {
      sessionId: this.record.id,
      participantId,
      activityId,
      clientId,
      response,
      epoch: this.#epoch(activityId),
      receivedAt: Date.now(),
    };
    // Counted now: the previous answer (in flight or durable) makes way for this one.
    const previous = participant.pending.get(activityId) ?? current;
    if (previous) activity.tally.remove(previous.response);
    activity.tally.add(response);
    participant.pending.set(activityId, record);
    if (!isItem) this.#scheduleStaffUpdate();
    const write = this.#answers.add(record);
    participant.writing.set(clientId, write);
    let outcome: 'recorded' | 'duplicate';
    try {
      outcome = await write;
    } catch (error) {
      this.#uncount(participant, record);
      throw error;
    } finally {
      participant.writing.delete(clientId);
    }
    if (outcome === 'duplicate') {
      // Already in the store from before (the store knows every clientId): this copy does not count.
      this.#uncount(participant, record);
      peer.send({ type: 'ack', clientId, duplicate: true });
      return;
    }
    this.#xapi?.answered({
      sessionId: this.record.id,
      participant: { id: participantId, name: participant.record.name },
      activityId,
      response,
      answerId: clientId,
    });
    // The activity may have been reset while the write was in flight: then the answer is history.
    if (record.epoch === this.#epoch(activityId)) {
      // Batches commit in order, so this is now the latest durable answer; the class results count it
      // already (or a later answer of this participant still in flight).
      participant.answers.set(activityId, record);
      if (participant.pending.get(activityId) === record) participant.pending.delete(activityId);
      if (isItem) this.#scheduleAssessmentUpdate();
    }
    for (const p of participant.peers) p.send({ type: 'ack', clientId });
  }

  /**
   * An accepted answer did not become durable (or was a copy of one already stored): if the class
   * results still count it, they count the participant's durable answer again instead.
   */
  #uncount(participant: ParticipantLive, record: AnswerRecord): void {
    const { activityId } = record;
    if (participant.pending.get(activityId) !== record || record.epoch !== this.#epoch(activityId)) return;
    participant.pending.delete(activityId);
    const activity = this.#activities.get(activityId);
    if (!activity) return;
    activity.tally.remove(record.response);
    const durable = participant.answers.get(activityId);
    if (durable) activity.tally.add(durable.response);
    if (!this.#planItems.has(activityId)) this.#scheduleStaffUpdate();
  }

  #activityOpen(activityId: string): boolean {
    return this.state.activity?.id === activityId && this.state.activity.status === 'open';
  }

  /** Answers are taken until the time limit, with a little grace for a phone's last tap in flight. */
  #assessmentOpen(): boolean {
    const assessment = this.state.assessment;
    return (
      !!assessment && assessment.status === 'open' && Date.now() <= assessment.endsAt + ASSESSMENT_GRACE_MS
    );
  }

  #ownAnswer(answer: AnswerRecord): OwnAnswer {
    const own: OwnAnswer = { activityId: answer.activityId, response: answer.response };
    const revealed =
      this.state.activity?.id === answer.activityId && this.state.activity.status === 'revealed';
    const score = revealed ? this.#activities.get(answer.activityId)?.score(answer.response) : undefined;
    return score === undefined ? own : { ...own, score };
  }

  // ── questions (Q&A board) ─────────────────────────────────────────────────────────────────────

  async ask(peer: Peer, clientId: string, text: string): Promise<void> {
    const participantId = peer.participantId;
    if (!participantId) throw new LiveError('NOT_AUTHENTICATED');
    const mine = [...this.#questions.values()].filter((q) => q.record.participantId === participantId);
    if (mine.some((q) => q.record.clientId === clientId)) {
      peer.send({ type: 'ack', clientId, duplicate: true });
      return;
    }
    if (mine.length >= MAX_QUESTIONS_PER_PARTICIPANT) throw new LiveError('QUESTION_LIMIT');
    const record: QuestionRecord = {
      id: newId('q'),
      sessionId: this.record.id,
      participantId,
      clientId,
      text,
      status: 'visible',
      createdAt: Date.now(),
    };
    const outcome = await this.#store.addQuestion(record);
    if (outcome === 'recorded') this.#questions.set(record.id, { record, votes: new Set() });
    peer.send({ type: 'ack', clientId, ...(outcome === 'duplicate' ? { duplicate: true } : {}) });
    this.#scheduleQuestions();
  }

  async upvote(peer: Peer, clientId: string, questionId: string): Promise<void> {
    const participantId = peer.participantId;
    if (!participantId) throw new LiveError('NOT_AUTHENTICATED');
    const question = this.#questions.get(questionId);
    if (!question || question.record.status === 'hidden') throw new LiveError('QUESTION_UNKNOWN', questionId);
    const outcome = await this.#store.addVote({ questionId, participantId });
    question.votes.add(participantId);
    peer.send({ type: 'ack', clientId, ...(outcome === 'duplicate' ? { duplicate: true } : {}) });
    this.#scheduleQuestions();
  }

  /** Participants see visible questions, never who asked; the presenter also sees hidden ones. */
  #questionViews(participantId: string | null, staff: boolean): QuestionView[] {
    const views: QuestionView[] = [];
    for (const q of this.#questions.values()) {
      if (q.record.status === 'hidden' && !staff) continue;
      const view: QuestionView = {
        id: q.record.id,
        text: q.record.text,
        votes: q.votes.size,
        status: q.record.status,
      };
      if (participantId) {
        if (q.record.participantId === participantId) view.mine = true;
        if (q.votes.has(participantId)) view.votedByMe = true;
      }
      views.push(view);
    }
    return views.sort((a, b) => b.votes - a.votes || a.id.localeCompare(b.id));
  }

  // ── presenter commands ─────────────────────────────────────────────────────────────────────────

  /**
   * Runs a presenter command once: a resend of the same `clientId` (an outbox retry after a slow
   * acknowledgement) resolves 'duplicate' without running it again.
   */
  command(command: Command, clientId?: string): Promise<'done' | 'duplicate'> {
    if (clientId && this.#recentCommands.has(clientId)) return Promise.resolve('duplicate');
    if (clientId) {
      this.#recentCommands.add(clientId);
      if (this.#recentCommands.size > RECENT_COMMANDS) {
        const oldest = this.#recentCommands.values().next().value;
        if (oldest !== undefined) this.#recentCommands.delete(oldest);
      }
    }
    const run = this.#commands.then(() => this.#command(command)).then(() => 'done' as const);
    this.#commands = run.catch(() => undefined);
    return run;
  }

  async #command(command: Command): Promise<void> {
    if (command.command === 'moderate') return this.#moderate(command.questionId, command.action);
    if (command.command === 'merge') return this.#merge(command.from, command.into);
    if (command.command === 'assessment') return this.#assessment(command.action);
    if (command.command === 'mark') return this.#mark(command.participantId, command.itemId, command.score);
    const before = this.state;
    const next = applyCommand(
      before,
      command,
      { slideCount: this.deck.frames.length, hasActivity: (id) => this.#activities.has(id) },
      Date.now(),
    );
    await this.#store.saveSessionState(this.record.id, next);
    this.state = next;
    if (command.command === 'reset' && next.activity) this.#resetActivity(next.activity.id);
    this.#broadcastState();
    if (['open', 'reveal', 'reset', 'close'].includes(command.command)) this.#broadcastActivity();
    if (command.command === 'end') this.#sendEndStatements();
  }

  #resetActivity(activityId: string): void {
    this.#activities.get(activityId)?.resetTally();
    for (const p of this.#participants.values()) {
      p.answers.delete(activityId);
      p.pending.delete(activityId);
    }
  }

  // ── session assessment ─────────────────────────────────────────────────────────────────────────

  async #assessment(action: 'open' | 'close' | 'reveal'): Promise<void> {
    if (this.state.ended) throw new LiveError('SESSION_ENDED');
    const current = this.state.assessment ?? null;
    const now = Date.now();
    if (action !== 'open' && !current) throw new LiveError('ACTIVITY_NOT_OPEN', 'assessment');
    // Opening again after the results were revealed is a new sitting: the answers and marks of the
    // last one no longer count (new epochs of the items), up to the blueprint's number of attempts.
    const attempt = current?.attempt ?? 1;
    const newSitting = action === 'open' && current?.status === 'revealed';
    if (newSitting && attempt >= this.#plan.attempts) throw new LiveError('ATTEMPTS_USED', `${attempt}`);
    let epochs = this.state.activityEpochs;
    if (newSitting) {
      epochs = { ...epochs };
      for (const id of this.#plan.itemIds) epochs[id] = (epochs[id] ?? 0) + 1;
    }
    const assessment =
      action === 'open'
        ? {
            status: 'open' as const,
            itemIds: this.#plan.itemIds,
            openedAt: newSitting || !current ? now : current.openedAt,
            endsAt: now + this.#plan.timeLimitMinutes * 60_000,
            attempt: newSitting ? attempt + 1 : attempt,
          }
        : {
            ...(current as NonNullable<typeof current>),
            status: action === 'close' ? ('closed' as const) : ('revealed' as const),
          };
    const next = { ...this.state, assessment, activityEpochs: epochs };
    await this.#store.saveSessionState(this.record.id, next);
    this.state = next;
    if (newSitting) {
      for (const p of this.#participants.values()) {
        for (const id of this.#plan.itemIds) {
          p.answers.delete(id);
          p.pending.delete(id);
        }
      }
      for (const marks of this.#marks.values()) for (const id of this.#plan.itemIds) marks.delete(id);
    }
    this.#armAssessmentTimer();
    this.#broadcastState();
    this.#scheduleAssessmentUpdate();
    if (action === 'reveal') this.#sendResultStatements();
  }

  /** At the end: everyone attended; those who sat the assessment completed the module. */
  #sendEndStatements(): void {
    if (!this.#xapi) return;
    for (const p of this.#participants.values()) {
      const participant = { id: p.record.id, name: p.record.name };
      this.#xapi.result({ sessionId: this.record.id, participant, verb: 'attended' });
      const sat = [...p.answers.keys()].some((id) => this.#planItems.has(id));
      if (sat) this.#xapi.result({ sessionId: this.record.id, participant, verb: 'completed' });
    }
  }

  /** xAPI passed/failed for each participant with a result (statement ids are stable: resends dedupe). */
  #sendResultStatements(): void {
    if (!this.#xapi) return;
    for (const result of this.#assessmentResults().participants) {
      if (result.assessment === null || result.unmarked.length > 0) continue;
      this.#xapi.result({
        sessionId: this.record.id,
        participant: { id: result.participantId, name: result.name },
        verb: result.passed ? 'passed' : 'failed',
        score: result.assessment,
      });
    }
  }

  /** Closes the assessment by itself when its time is up (also after a restart). */
  #armAssessmentTimer(): void {
    if (this.#assessmentTimer) clearTimeout(this.#assessmentTimer);
    this.#assessmentTimer = null;
    const assessment = this.state.assessment;
    if (assessment?.status !== 'open') return;
    const wait = Math.max(0, assessment.endsAt + ASSESSMENT_GRACE_MS - Date.now());
    this.#assessmentTimer = setTimeout(() => {
      this.#assessmentTimer = null;
      if (this.state.assessment?.status === 'open')
        void this.command({ command: 'assessment', action: 'close' });
    }, wait);
  }

  async #mark(participantId: string, itemId: string, score: number): Promise<void> {
    if (!this.#participants.has(participantId)) throw new LiveError('PARTICIPANT_UNKNOWN', participantId);
    if (!this.#planItems.has(itemId)) throw new LiveError('ACTIVITY_UNKNOWN', itemId);
    const mark: MarkRecord = {
      sessionId: this.record.id,
      participantId,
      itemId,
      score,
      markedBy: 'presenter',
      markedAt: Date.now(),
    };
    await this.#store.saveMark(mark);
    this.#setMark(mark);
    this.#scheduleAssessmentUpdate();
    if (this.state.assessment?.status === 'revealed') this.#sendResultStatements();
  }

  #setMark(mark: MarkRecord): void {
    const own = this.#marks.get(mark.participantId) ?? new Map<string, MarkRecord>();
    own.set(mark.itemId, mark);
    this.#marks.set(mark.participantId, own);
  }

  /** The assessment's results, coalesced per event-loop turn: class view to staff, own result to phones. */
  #scheduleAssessmentUpdate(): void {
    if (this.#assessmentUpdate || !this.state.assessment) return;
    // Recomputing the class results costs about 12 ms at 1,000 participants × 10 items, so while
    // answers pour in they are sent at most every 200 ms (the views redraw at most every 250 ms).
    this.#assessmentUpdate = setTimeout(() => {
      this.#assessmentUpdate = null;
      this.#sendAssessment();
    }, ASSESSMENT_UPDATE_MS);
  }

  #sendAssessment(): void {
    const assessment = this.state.assessment;
    if (!assessment) return;
    const results = this.#assessmentResults();
    const klass: ClassAssessmentResults = {
      responses: results.participants.filter((p) => p.assessment !== null).length,
      participants: this.#participants.size,
      distribution: results.distribution,
      mastery: results.mastery,
      revisit: results.revisit,
      passMark: this.#plan.passMark,
    };
    for (const peer of [...this.#presenters, ...this.#projectors])
      peer.send({ type: 'assessmentResults', results: klass });
    const marking = this.#marking();
    for (const peer of this.#presenters) peer.send({ type: 'marking', entries: marking });
    if (assessment.status !== 'revealed') return;
    for (const result of results.participants) {
      const participant = this.#participants.get(result.participantId);
      if (!participant || participant.peers.size === 0) continue;
      const own = this.#ownAssessmentResult(result);
      for (const peer of participant.peers) peer.send({ type: 'assessmentResult', result: own });
    }
  }

  #assessmentResults() {
    const participants = [...this.#participants.values()];
    return sessionResults(
      {
        course: this.#course,
        plan: this.#plan,
        participants: participants.map((p) => ({
          id: p.record.id,
          name: p.record.name,
          contingent: p.record.contingent,
        })),
        answers: participants.flatMap((p) =>
          [...p.answers.values()]
            .filter((a) => this.#planItems.has(a.activityId))
            .map((a) => ({ participantId: a.participantId, activityId: a.activityId, response: a.response })),
        ),
        marks: [...this.#marks.values()].flatMap((m) => [...m.values()]),
        presentMs: {},
        sessionMs: 0,
      },
      { statistics: false },
    );
  }

  #ownAssessmentResult(
    result: ReturnType<typeof sessionResults>['participants'][number],
  ): OwnAssessmentResult {
    const participant = this.#participants.get(result.participantId);
    const items: OwnAssessmentResult['items'] = {};
    for (const itemId of this.#plan.itemIds) {
      const activity = this.#activities.get(itemId);
      const answer = participant?.answers.get(itemId);
      const mark = this.#marks.get(result.participantId)?.get(itemId);
      const score = mark ? mark.score : answer ? (activity?.score(answer.response) ?? null) : null;
      const reveal = activity?.reveal();
      items[itemId] = { score, key: reveal?.key ?? null, feedback: reveal?.text ?? null };
    }
    return {
      score: result.assessment,
      passed: result.passed,
      passMark: this.#plan.passMark,
      outcomes: result.outcomes,
      items,
      unmarked: result.unmarked,
    };
  }

  /** Short answers for the presenter to mark, each with the item's model answer beside it. */
  #marking(): MarkingEntry[] {
    const entries: MarkingEntry[] = [];
    for (const itemId of this.#plan.itemIds) {
      const item = this.#course.items.find((i) => i.id === itemId);
      if (item?.type !== 'short-answer') continue;
      for (const p of this.#participants.values()) {
        const answer = p.answers.get(itemId);
        if (!answer || !('text' in answer.response)) continue;
        entries.push({
          participantId: p.record.id,
          name: p.record.name,
          itemId,
          prompt: item.prompt,
          modelAnswer: item.answer ?? null,
          response: answer.response.text,
          mark: this.#marks.get(p.record.id)?.get(itemId)?.score ?? null,
        });
      }
    }
    return entries;
  }

  async #moderate(questionId: string, action: 'hide' | 'show' | 'answered'): Promise<void> {
    const question = this.#questions.get(questionId);
    if (!question) throw new LiveError('QUESTION_UNKNOWN', questionId);
    const status = action === 'hide' ? 'hidden' : action === 'answered' ? 'answered' : 'visible';
    await this.#store.setQuestionStatus(questionId, status);
    question.record = { ...question.record, status };
    this.#scheduleQuestions();
  }

  /** The presenter merges a participant's second identity (new device) into the first. */
  async #merge(fromId: string, intoId: string): Promise<void> {
    const from = this.#participants.get(fromId);
    const into = this.#participants.get(intoId);
    if (!from || !into || fromId === intoId) throw new LiveError('PARTICIPANT_UNKNOWN');
    // The second identity's answers still being written settle first: the merge moves durable answers.
    while (from.writing.size > 0) await Promise.allSettled([...from.writing.values()]);
    await this.#store.mergeParticipants(fromId, intoId);
    for (const [activityId, answer] of from.answers) {
      const activity = this.#activities.get(activityId);
      // The store keeps the second identity's answer unless the first has one stored too. If the first
      // has one in flight, that is the one counted (and the moved one stands in if its write fails).
      if (into.answers.has(activityId)) {
        activity?.tally.remove(answer.response);
      } else {
        into.answers.set(activityId, { ...answer, participantId: intoId });
        if (into.pending.has(activityId)) activity?.tally.remove(answer.response);
      }
    }
    for (const q of this.#questions.values()) {
      if (q.record.participantId === fromId) q.record = { ...q.record, participantId: intoId };
      if (q.votes.delete(fromId)) q.votes.add(intoId);
    }
    this.#participants.delete(fromId);
    this.#byTokenHash.set(from.record.tokenHash, intoId);
    // The merged device keeps working as the surviving participant.
    for (const peer of from.peers) {
      peer.participantId = intoId;
      into.peers.add(peer);
      peer.send({
        type: 'welcome',
        role: 'participant',
        session: { ...this.view(), participants: 0 },
        you: {
          participantId: intoId,
          name: into.record.name,
          token: '',
          recoveryCode: into.record.recoveryCode,
        },
        answers: [...into.answers.values()].map((a) => this.#ownAnswer(a)),
      });
    }
    this.#scheduleStaffUpdate('state');
    this.#scheduleStaffUpdate('results');
    this.#scheduleRoster();
    this.#scheduleQuestions();
  }

  // ── fan-out ────────────────────────────────────────────────────────────────────────────────────

  #everyone(): Peer[] {
    const peers: Peer[] = [...this.#presenters, ...this.#projectors];
    for (const p of this.#participants.values()) peers.push(...p.peers);
    return peers;
  }

  #broadcastState(): void {
    const view = this.view();
    const forPhones = { ...view, participants: 0 };
    for (const peer of this.#everyone()) {
      peer.send({ type: 'state', session: peer.role === 'participant' ? forPhones : view });
    }
  }

  /** After open, close, reveal or reset: results to staff; the reveal and own score to each phone. */
  #broadcastActivity(): void {
    for (const peer of [...this.#presenters, ...this.#projectors]) this.#sendActivityTo(peer);
    if (this.state.activity?.status !== 'revealed') return;
    for (const p of this.#participants.values()) for (const peer of p.peers) this.#sendActivityTo(peer);
  }

  #sendActivityTo(peer: Peer): void {
    const current = this.state.activity;
    if (!current) return;
    const activity = this.#activities.get(current.id);
    if (!activity) return;
    const revealed = current.status === 'revealed';
    if (peer.role === 'participant') {
      if (!revealed || !peer.participantId) return;
      const answer = this.#participants.get(peer.participantId)?.answers.get(current.id);
      peer.send({
        type: 'revealed',
        activityId: current.id,
        answer: activity.reveal(),
        ...(answer ? { own: this.#ownAnswer(answer) } : {}),
      });
      return;
    }
    peer.send({ type: 'results', activityId: current.id, results: activity.tally.snapshot(), revealed });
    if (revealed) peer.send({ type: 'revealed', activityId: current.id, answer: activity.reveal() });
  }

  /**
   * Coalesces class results and the participant count for the presenter and projector to one update
   * per burst: a microtask queued behind the changes of the current event-loop callback, so answers
   * that arrive together cost one message and a lone answer is on the projector at once, while its
   * group commit runs (results are a view; acknowledgements wait for the commit).
   */
  #scheduleStaffUpdate(what: 'state' | 'results' = 'results'): void {
    if (what === 'state') this.#staffStateDirty = true;
    else this.#staffResultsDirty = true;
    if (this.#staffScheduled) return;
    this.#staffScheduled = true;
    queueMicrotask(() => {
      this.#staffScheduled = false;
      // The projector first: the whole room watches it; the presenter's copy follows in the same turn.
      const staff = [...this.#projectors, ...this.#presenters];
      if (this.#staffStateDirty) {
        this.#staffStateDirty = false;
        const view = this.view();
        const json = JSON.stringify({ type: 'state', session: view } satisfies ServerMessage);
        for (const peer of staff) peer.sendJson(json);
      }
      if (this.#staffResultsDirty) {
        this.#staffResultsDirty = false;
        const current = this.state.activity;
        const activity = current ? this.#activities.get(current.id) : undefined;
        if (!current || !activity) return;
        const results = activity.tally.snapshot();
        const revealed = current.status === 'revealed';
        const json = JSON.stringify({
          type: 'results',
          activityId: current.id,
          results,
          revealed,
        } satisfies ServerMessage);
        for (const peer of staff) peer.sendJson(json);
      }
    });
  }

  #scheduleRoster(): void {
    if (this.#rosterTimer || this.#presenters.size === 0) return;
    this.#rosterTimer = setTimeout(() => {
      this.#rosterTimer = null;
      const roster = this.#roster();
      for (const peer of this.#presenters) peer.send({ type: 'roster', participants: roster });
    }, ROSTER_UPDATE_MS);
  }

  #scheduleQuestions(): void {
    if (this.#questionsTimer) return;
    this.#questionsTimer = setTimeout(() => {
      this.#questionsTimer = null;
      const staff = this.#questionViews(null, true);
      const projected = staff.filter((q) => q.status !== 'hidden');
      for (const peer of this.#presenters) peer.send({ type: 'questions', questions: staff });
      for (const peer of this.#projectors) peer.send({ type: 'questions', questions: projected });
      for (const p of this.#participants.values()) {
        if (p.peers.size === 0) continue;
        const own = this.#questionViews(p.record.id, false);
        for (const peer of p.peers) peer.send({ type: 'questions', questions: own });
      }
    }, 100);
  }

  #roster(): RosterEntry[] {
    return [...this.#participants.values()].map((p) => {
      let score = 0;
      for (const [activityId, answer] of p.answers)
        score += this.#activities.get(activityId)?.score(answer.response) ?? 0;
      return {
        participantId: p.record.id,
        name: p.record.name,
        ...(p.record.contingent ? { contingent: p.record.contingent } : {}),
        ...(p.record.role ? { role: p.record.role } : {}),
        connected: p.peers.size > 0,
        score,
      };
    });
  }

  /** On shutdown: ends every open stretch of presence now, while the store is still open. */
  close(): void {
    for (const timer of [
      this.#rosterTimer,
      this.#questionsTimer,
      this.#assessmentTimer,
      this.#assessmentUpdate,
    ])
      if (timer) clearTimeout(timer);
    for (const p of this.#participants.values()) {
      if (p.peers.size > 0) this.#presence('close', p.record.id);
    }
    this.#closed = true;
  }
}

function renameReveal(reveal: { key: AnswerKey | null; text: string | null }) {
  return { key: reveal.key, reveal: reveal.text };
}
