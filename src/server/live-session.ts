/**
 * One live session in memory: its state, participants, answers and class results, kept in step with
 * the store. Every change is durable in the store before anyone is told about it.
 */
import type { Activity, Course, Item } from '../content/model.ts';
import { allActivities } from '../content/model.ts';
import { type ActivityView, activityViews } from '../live/activity-catalogue.ts';
import type { AnswerKey, PublicActivity } from '../live/activity-view.ts';
import { buildPresenterDeck, type Deck, type PresenterDeck, publicDeck } from '../live/deck.ts';
import { LiveError } from '../live/errors.ts';
import type {
  Command,
  OwnAnswer,
  ParticipantSelf,
  QuestionView,
  Response,
  RosterEntry,
  ServerMessage,
  SessionView,
} from '../live/protocol.ts';
import { applyCommand } from '../live/session-state.ts';
import type {
  AnswerRecord,
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
/** How many presenter command ids are remembered to recognise resends. */
const RECENT_COMMANDS = 500;

/** A connected client, whatever carries it. */
export interface Peer {
  send(message: ServerMessage): void;
  role: 'presenter' | 'projector' | 'participant' | null;
  sessionId: string | null;
  participantId: string | null;
  bucket: TokenBucket;
}

interface ParticipantLive {
  record: ParticipantRecord;
  peers: Set<Peer>;
  /** Current answer per activity (current epoch only). */
  answers: Map<string, AnswerRecord>;
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
  /** Serialises presenter commands so that each sees the state the previous one left. */
  #commands: Promise<unknown> = Promise.resolve();

  private constructor(record: SessionRecord, course: Course, store: Store) {
    this.record = record;
    this.state = record.state;
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

  static async load(record: SessionRecord, course: Course, store: Store): Promise<LiveSession> {
    const session = new LiveSession(record, course, store);
    const participants = await store.listParticipants(record.id);
    for (const p of participants) {
      if (p.mergedInto) continue;
      session.#participants.set(p.id, { record: p, peers: new Set(), answers: new Map() });
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
    this.#participants.set(record.id, { record, peers: new Set(), answers: new Map() });
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
  }

  detach(peer: Peer): void {
    this.#presenters.delete(peer);
    this.#projectors.delete(peer);
    if (peer.participantId) {
      this.#participants.get(peer.participantId)?.peers.delete(peer);
      this.#scheduleRoster();
    }
  }

  // ── answers ────────────────────────────────────────────────────────────────────────────────────

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
    const open = this.state.activity?.id === activityId && this.state.activity.status === 'open';
    if (!open) throw new LiveError('ACTIVITY_NOT_OPEN', activityId);
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
    const outcome = await this.#answers.add(record);
    if (outcome === 'duplicate') {
      peer.send({ type: 'ack', clientId, duplicate: true });
      return;
    }
    // The activity may have been reset while the write was in flight: then the answer is history.
    if (record.epoch === this.#epoch(activityId)) {
      const previous = participant.answers.get(activityId);
      if (previous) activity.tally.remove(previous.response);
      activity.tally.add(response);
      participant.answers.set(activityId, record);
      this.#scheduleStaffUpdate();
    }
    for (const p of participant.peers) p.send({ type: 'ack', clientId });
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
  }

  #resetActivity(activityId: string): void {
    this.#activities.get(activityId)?.resetTally();
    for (const p of this.#participants.values()) p.answers.delete(activityId);
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
    await this.#store.mergeParticipants(fromId, intoId);
    for (const [activityId, answer] of from.answers) {
      const activity = this.#activities.get(activityId);
      if (into.answers.has(activityId)) {
        activity?.tally.remove(answer.response);
      } else {
        into.answers.set(activityId, { ...answer, participantId: intoId });
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
   * per turn of the event loop: a burst of answers committed together costs one message, and a lone
   * answer is on the projector as soon as it is durable.
   */
  #scheduleStaffUpdate(what: 'state' | 'results' = 'results'): void {
    if (what === 'state') this.#staffStateDirty = true;
    else this.#staffResultsDirty = true;
    if (this.#staffScheduled) return;
    this.#staffScheduled = true;
    setImmediate(() => {
      this.#staffScheduled = false;
      const staff = [...this.#presenters, ...this.#projectors];
      if (this.#staffStateDirty) {
        this.#staffStateDirty = false;
        const view = this.view();
        for (const peer of staff) peer.send({ type: 'state', session: view });
      }
      if (this.#staffResultsDirty) {
        this.#staffResultsDirty = false;
        const current = this.state.activity;
        const activity = current ? this.#activities.get(current.id) : undefined;
        if (!current || !activity) return;
        const results = activity.tally.snapshot();
        const revealed = current.status === 'revealed';
        for (const peer of staff) peer.send({ type: 'results', activityId: current.id, results, revealed });
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

  close(): void {
    for (const timer of [this.#rosterTimer, this.#questionsTimer]) if (timer) clearTimeout(timer);
  }
}

function renameReveal(reveal: { key: AnswerKey | null; text: string | null }) {
  return { key: reveal.key, reveal: reveal.text };
}
