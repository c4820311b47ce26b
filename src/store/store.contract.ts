/**
 * The behaviour every `Store` implementation must have. An implementation's test file calls
 * `runStoreContract` with a function that opens a fresh, empty store (and, when the store outlives its
 * process, a `reopen` that closes it and opens a new one over the same data).
 *
 * Tests use random ids and only look at records they wrote, so several may share one database.
 *
 * The records around a session (accounts, cohorts, rosters, attendance, marks, certificates) have their
 * part in `contract/records.ts`, run from here.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it, type TestContext } from 'node:test';
import type { SelfPacedProgress } from '../selfpaced/self-paced-package.ts';
import { clockFrom, hashLike, initialState, sortBy } from './contract/fixtures.ts';
import { type ContractHarness, recordsContract, recordsDurabilityContract } from './contract/records.ts';
import type {
  AnswerRecord,
  ParticipantRecord,
  PersistedSessionState,
  QuestionRecord,
  SelfPacedAttemptRecord,
  SessionRecord,
  Store,
  VoteRecord,
} from './store.ts';

export type { ContractHarness } from './contract/records.ts';

export interface OpenedStore {
  store: Store;
  /** Closes `store` and opens a new store over the same data, as a restarted server would. */
  reopen?: () => Promise<Store>;
}

export function runStoreContract(
  name: string,
  open: () => Promise<OpenedStore>,
  options: { durable: boolean } = { durable: true },
): void {
  /** Runs `test` on a fresh store and closes whichever store is current at the end. */
  function withStore(
    test: (store: Store, reopen: (() => Promise<Store>) | undefined, context: TestContext) => Promise<void>,
  ) {
    return async (context: TestContext) => {
      const opened = await open();
      let current = opened.store;
      const reopenOpened = opened.reopen;
      const reopen =
        reopenOpened &&
        (async () => {
          current = await reopenOpened();
          return current;
        });
      try {
        await test(current, reopen, context);
      } finally {
        await current.close();
      }
    };
  }

  /** A session with `count` participants, the common starting point. */
  async function sessionWithParticipants(store: Store, count = 1) {
    const session = sessionRecord();
    await store.createSession(session);
    const participants: ParticipantRecord[] = [];
    for (let i = 0; i < count; i++) {
      const participant = participantRecord(session.id, { joinedAt: session.createdAt + i });
      await store.addParticipant(participant);
      participants.push(participant);
    }
    return { session, participants };
  }

  const harness: ContractHarness = { withStore, sessionWithParticipants };

  describe(`Store contract: ${name}`, () => {
    describe('sessions', () => {
      it(
        'round-trips a session, its JSON state and checklist',
        withStore(async (store) => {
          const session = sessionRecord({
            checklist: { projector: true, handouts: false },
            missionPack: 'unmiss',
          });
          await store.createSession(session);
          assert.deepEqual(await store.getSession(session.id), session);
          assert.deepEqual(await store.getSessionByCode(session.code), session);
        }),
      );

      it(
        'returns undefined for unknown ids and codes',
        withStore(async (store) => {
          assert.equal(await store.getSession('no-such-session'), undefined);
          assert.equal(await store.getSessionByCode('NOPE99'), undefined);
        }),
      );

      it(
        'saves state, checklist and mission pack',
        withStore(async (store) => {
          const session = sessionRecord();
          await store.createSession(session);
          const state: PersistedSessionState = {
            ...session.state,
            slide: 7,
            black: true,
            audience: { level: 'tactical', components: ['police', 'civilian'] },
            activity: { id: 'quiz-2', status: 'revealed' },
            timer: { elapsedMs: 90_500, runningSince: 1_700_000_123_456 },
            activityEpochs: { 'quiz-1': 2, 'poll-3': 1 },
          };
          await store.saveSessionState(session.id, state);
          await store.saveChecklist(session.id, { room: true }, null);
          assert.deepEqual(await store.getSession(session.id), {
            ...session,
            state,
            checklist: { room: true },
            missionPack: null,
          });
        }),
      );

      it(
        'round-trips the assessment in the state, and a state without one',
        withStore(async (store) => {
          const session = sessionRecord();
          await store.createSession(session);
          const open: PersistedSessionState = {
            ...session.state,
            assessment: {
              status: 'open',
              itemIds: ['q-1', 'q-2', 'short-3'],
              openedAt: 1_700_000_100_000,
              endsAt: 1_700_000_100_000 + 20 * 60_000,
            },
          };
          await store.saveSessionState(session.id, open);
          assert.deepEqual((await store.getSession(session.id))?.state, open);
          const cleared = { ...open, assessment: null };
          await store.saveSessionState(session.id, cleared);
          assert.deepEqual((await store.getSession(session.id))?.state, cleared);
          // An older state, saved before assessments existed, reads back without the field.
          await store.saveSessionState(session.id, initialState());
          assert.deepEqual((await store.getSession(session.id))?.state, initialState());
        }),
      );

      it(
        'rejects writes to an unknown session',
        withStore(async (store) => {
          await assert.rejects(store.saveSessionState('no-such-session', initialState()));
          await assert.rejects(store.saveChecklist('no-such-session', {}, null));
          await assert.rejects(store.addParticipant(participantRecord('no-such-session')));
        }),
      );

      it(
        'lists open sessions newest first, without ended ones',
        withStore(async (store) => {
          const older = sessionRecord({ createdAt: 1_000 });
          const newer = sessionRecord({ createdAt: 3_000 });
          const ended = sessionRecord({ createdAt: 2_000 });
          for (const session of [older, ended, newer]) await store.createSession(session);
          await store.saveSessionState(ended.id, { ...ended.state, ended: true });

          const mine = new Set([older.id, newer.id, ended.id]);
          const open = (await store.listOpenSessions()).filter((session) => mine.has(session.id));
          assert.deepEqual(open, [newer, older]);
        }),
      );

      it(
        'lets a code come back once its session has ended, and finds the newer session by it',
        withStore(async (store) => {
          const first = sessionRecord({ createdAt: 1_000 });
          const second = sessionRecord({ code: first.code, createdAt: 2_000 });
          await store.createSession(first);
          // Two open sessions cannot share a code: joining by it would be ambiguous.
          await assert.rejects(store.createSession(second));
          await store.saveSessionState(first.id, { ...first.state, ended: true });
          await store.createSession(second);
          assert.equal((await store.getSessionByCode(first.code))?.id, second.id);
        }),
      );
    });

    describe('participants', () => {
      it(
        'finds a participant by id, token and recovery code, and lists them',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store, 2);
          const [first, second] = participants as [ParticipantRecord, ParticipantRecord];
          assert.deepEqual(await store.getParticipant(first.id), first);
          assert.deepEqual(await store.findParticipantByToken(session.id, second.tokenHash), second);
          assert.deepEqual(await store.findParticipantByRecoveryCode(session.id, first.recoveryCode), first);
          assert.deepEqual(
            sortBy(await store.listParticipants(session.id), 'id'),
            sortBy(participants, 'id'),
          );
        }),
      );

      it(
        'keeps optional fields as null',
        withStore(async (store) => {
          const session = sessionRecord();
          await store.createSession(session);
          const participant = participantRecord(session.id, {
            contingent: 'Ghana',
            role: 'Staff officer',
          });
          const anonymous = participantRecord(session.id, { contingent: null, role: null });
          await store.addParticipant(participant);
          await store.addParticipant(anonymous);
          assert.deepEqual(await store.getParticipant(participant.id), participant);
          assert.deepEqual(await store.getParticipant(anonymous.id), anonymous);
        }),
      );

      it(
        'does not find participants across sessions or by unknown keys',
        withStore(async (store) => {
          const { participants } = await sessionWithParticipants(store);
          const [participant] = participants as [ParticipantRecord];
          const other = sessionRecord();
          await store.createSession(other);
          assert.equal(await store.getParticipant('no-such-participant'), undefined);
          assert.equal(await store.findParticipantByToken(other.id, participant.tokenHash), undefined);
          assert.equal(
            await store.findParticipantByRecoveryCode(other.id, participant.recoveryCode),
            undefined,
          );
          assert.equal(
            await store.findParticipantByToken('no-such-session', participant.tokenHash),
            undefined,
          );
          assert.deepEqual(await store.listParticipants(other.id), []);
          assert.deepEqual(await store.listParticipants('no-such-session'), []);
        }),
      );

      it(
        'replaces a token: the new one finds the participant, the old one no longer does',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store);
          const [participant] = participants as [ParticipantRecord];
          const newHash = hashLike();
          await store.replaceParticipantToken(participant.id, newHash);
          assert.equal(await store.findParticipantByToken(session.id, participant.tokenHash), undefined);
          assert.deepEqual(await store.findParticipantByToken(session.id, newHash), {
            ...participant,
            tokenHash: newHash,
          });
          await assert.rejects(store.replaceParticipantToken('no-such-participant', hashLike()));
        }),
      );
    });

    describe('answers', () => {
      it(
        'records an answer once: the same client id again is a duplicate and changes nothing',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store);
          const [participant] = participants as [ParticipantRecord];
          const first = answerRecord(participant, { response: { choice: 1 } });
          assert.deepEqual(await store.recordAnswers([first]), ['recorded']);
          const retry = { ...first, response: { choice: 3 }, receivedAt: first.receivedAt + 5 };
          assert.deepEqual(await store.recordAnswers([retry]), ['duplicate']);
          assert.deepEqual(await store.listAnswers(session.id), [first]);
        }),
      );

      it(
        'reports duplicates within one batch, in input order',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store, 2);
          const [alice, bob] = participants as [ParticipantRecord, ParticipantRecord];
          const aliceAnswer = answerRecord(alice, { activityId: 'poll-1' });
          const bobAnswer = answerRecord(bob, { activityId: 'poll-1', clientId: aliceAnswer.clientId });
          const results = await store.recordAnswers([aliceAnswer, aliceAnswer, bobAnswer, aliceAnswer]);
          // The same client id from another participant is a different answer.
          assert.deepEqual(results, ['recorded', 'duplicate', 'recorded', 'duplicate']);
          assert.deepEqual(
            sortAnswers(await store.listAnswers(session.id)),
            sortAnswers([aliceAnswer, bobAnswer]),
          );
          assert.deepEqual(await store.recordAnswers([]), []);
        }),
      );

      it(
        'keeps the latest answer per participant and activity, and a late retry of an earlier one stays a duplicate',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store);
          const [participant] = participants as [ParticipantRecord];
          const first = answerRecord(participant, { activityId: 'quiz-1', response: { choice: 0 } });
          const second = answerRecord(participant, {
            activityId: 'quiz-1',
            response: { choice: 2 },
            receivedAt: first.receivedAt + 1,
          });
          const other = answerRecord(participant, { activityId: 'poll-2', response: { value: true } });
          assert.deepEqual(await store.recordAnswers([first, other]), ['recorded', 'recorded']);
          assert.deepEqual(await store.recordAnswers([second]), ['recorded']);
          assert.deepEqual(await store.recordAnswers([first]), ['duplicate']);
          assert.deepEqual(sortAnswers(await store.listAnswers(session.id)), sortAnswers([second, other]));
        }),
      );

      it(
        'lets a later answer in the same batch replace an earlier one',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store);
          const [participant] = participants as [ParticipantRecord];
          const first = answerRecord(participant, { response: { text: 'first thought' } });
          const second = answerRecord(participant, { response: { text: 'second thought' } });
          assert.deepEqual(await store.recordAnswers([first, second]), ['recorded', 'recorded']);
          assert.deepEqual(await store.listAnswers(session.id), [second]);
        }),
      );

      it(
        'keeps answers of different epochs apart',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store);
          const [participant] = participants as [ParticipantRecord];
          const beforeReset = answerRecord(participant, { epoch: 0, response: { choices: [1, 2] } });
          const afterReset = answerRecord(participant, { epoch: 1, response: { choices: [3] } });
          await store.recordAnswers([beforeReset]);
          await store.recordAnswers([afterReset]);
          assert.deepEqual(
            sortAnswers(await store.listAnswers(session.id)),
            sortAnswers([beforeReset, afterReset]),
          );
        }),
      );

      it(
        'round-trips every response shape',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store);
          const [participant] = participants as [ParticipantRecord];
          const responses: AnswerRecord['response'][] = [
            { choice: 0 },
            { choices: [0, 4] },
            { value: false },
            { text: 'Protection of civilians — « tous »' },
            { categories: ['a', null] },
            { matches: [2, null, 0] },
            { order: [3, 1, 2] },
          ];
          const answers = responses.map((response, i) =>
            answerRecord(participant, { activityId: `activity-${i}`, response }),
          );
          await store.recordAnswers(answers);
          assert.deepEqual(sortAnswers(await store.listAnswers(session.id)), sortAnswers(answers));
        }),
      );

      it(
        'lists only the session asked for, and nothing for an unknown one',
        withStore(async (store) => {
          const a = await sessionWithParticipants(store);
          const b = await sessionWithParticipants(store);
          const answerA = answerRecord(a.participants[0] as ParticipantRecord);
          const answerB = answerRecord(b.participants[0] as ParticipantRecord);
          await store.recordAnswers([answerA, answerB]);
          assert.deepEqual(await store.listAnswers(a.session.id), [answerA]);
          assert.deepEqual(await store.listAnswers('no-such-session'), []);
        }),
      );

      it(
        'rejects a batch naming an unknown participant and records none of it',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store);
          const good = answerRecord(participants[0] as ParticipantRecord);
          const bad = { ...answerRecord(participants[0] as ParticipantRecord), participantId: 'nobody' };
          await assert.rejects(store.recordAnswers([good, bad]));
          assert.deepEqual(await store.listAnswers(session.id), []);
        }),
      );
    });

    describe('questions and votes', () => {
      it(
        'records a question once per client id, and updates its status',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store);
          const [participant] = participants as [ParticipantRecord];
          const question = questionRecord(participant);
          assert.equal(await store.addQuestion(question), 'recorded');
          assert.equal(
            await store.addQuestion({ ...question, id: randomUUID(), text: 'again' }),
            'duplicate',
          );
          await store.setQuestionStatus(question.id, 'answered');
          assert.deepEqual(await store.listQuestions(session.id), [{ ...question, status: 'answered' }]);
          await assert.rejects(store.setQuestionStatus('no-such-question', 'hidden'));
          assert.deepEqual(await store.listQuestions('no-such-session'), []);
        }),
      );

      it(
        'counts one vote per participant and question',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store, 2);
          const [asker, voter] = participants as [ParticipantRecord, ParticipantRecord];
          const question = questionRecord(asker);
          await store.addQuestion(question);
          const vote = { questionId: question.id, participantId: voter.id };
          assert.equal(await store.addVote(vote), 'recorded');
          assert.equal(await store.addVote(vote), 'duplicate');
          assert.equal(await store.addVote({ questionId: question.id, participantId: asker.id }), 'recorded');
          assert.deepEqual(
            sortVotes(await store.listVotes(session.id)),
            sortVotes([vote, { questionId: question.id, participantId: asker.id }]),
          );
          assert.deepEqual(await store.listVotes('no-such-session'), []);
        }),
      );
    });

    describe('mergeParticipants', () => {
      it(
        "moves answers, questions and votes, keeps the target's answer where both answered, and marks the merged one",
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store, 3);
          const [from, into, other] = participants as [
            ParticipantRecord,
            ParticipantRecord,
            ParticipantRecord,
          ];

          const fromOnly = answerRecord(from, { activityId: 'poll-1' });
          const fromClash = answerRecord(from, { activityId: 'quiz-2', response: { choice: 0 } });
          const fromOtherEpoch = answerRecord(from, { activityId: 'quiz-2', epoch: 1 });
          const intoKept = answerRecord(into, { activityId: 'quiz-2', response: { choice: 3 } });
          await store.recordAnswers([intoKept]);
          // Recorded after the target's answer, and still not kept: the target's answer wins.
          await store.recordAnswers([fromOnly, fromClash, fromOtherEpoch]);

          const fromQuestion = questionRecord(from);
          const otherQuestion = questionRecord(other);
          const anotherQuestion = questionRecord(other);
          await store.addQuestion(fromQuestion);
          await store.addQuestion(otherQuestion);
          await store.addQuestion(anotherQuestion);
          await store.addVote({ questionId: otherQuestion.id, participantId: from.id });
          await store.addVote({ questionId: otherQuestion.id, participantId: into.id });
          await store.addVote({ questionId: anotherQuestion.id, participantId: from.id });

          await store.mergeParticipants(from.id, into.id);

          const moved = (answer: AnswerRecord) => ({ ...answer, participantId: into.id });
          assert.deepEqual(
            sortAnswers(await store.listAnswers(session.id)),
            sortAnswers([moved(fromOnly), moved(fromOtherEpoch), intoKept]),
          );
          assert.deepEqual(sortBy(await store.listQuestions(session.id), 'id'), [
            ...sortBy([{ ...fromQuestion, participantId: into.id }, otherQuestion, anotherQuestion], 'id'),
          ]);
          assert.deepEqual(
            sortVotes(await store.listVotes(session.id)),
            sortVotes([
              { questionId: otherQuestion.id, participantId: into.id },
              { questionId: anotherQuestion.id, participantId: into.id },
            ]),
          );
          assert.equal((await store.getParticipant(from.id))?.mergedInto, into.id);
          assert.equal((await store.getParticipant(into.id))?.mergedInto, null);

          // The moved answer keeps its client id: a retry through the target is still a duplicate.
          assert.deepEqual(await store.recordAnswers([moved(fromOnly)]), ['duplicate']);
          // Repeating the merge changes nothing.
          await store.mergeParticipants(from.id, into.id);
          assert.equal((await store.listAnswers(session.id)).length, 3);
        }),
      );

      it(
        'loses nothing when both devices used the same client ids',
        withStore(async (store) => {
          const { session, participants } = await sessionWithParticipants(store, 2);
          const [from, into] = participants as [ParticipantRecord, ParticipantRecord];
          const sharedClientId = 'client-0001';
          await store.recordAnswers([answerRecord(from, { activityId: 'poll-1', clientId: sharedClientId })]);
          await store.recordAnswers([answerRecord(into, { activityId: 'poll-2', clientId: sharedClientId })]);
          await store.addQuestion(questionRecord(from, { clientId: sharedClientId, text: 'From the phone' }));
          await store.addQuestion(
            questionRecord(into, { clientId: sharedClientId, text: 'From the laptop' }),
          );

          await store.mergeParticipants(from.id, into.id);

          const answers = await store.listAnswers(session.id);
          assert.deepEqual(answers.map((answer) => [answer.participantId, answer.activityId]).sort(), [
            [into.id, 'poll-1'],
            [into.id, 'poll-2'],
          ]);
          const questions = await store.listQuestions(session.id);
          assert.deepEqual(questions.map((question) => [question.participantId, question.text]).sort(), [
            [into.id, 'From the laptop'],
            [into.id, 'From the phone'],
          ]);
        }),
      );

      it(
        'rejects unknown participants, a self-merge and a merge across sessions',
        withStore(async (store) => {
          const a = await sessionWithParticipants(store, 1);
          const b = await sessionWithParticipants(store, 1);
          const [inA] = a.participants as [ParticipantRecord];
          const [inB] = b.participants as [ParticipantRecord];
          await assert.rejects(store.mergeParticipants('nobody', inA.id));
          await assert.rejects(store.mergeParticipants(inA.id, 'nobody'));
          await assert.rejects(store.mergeParticipants(inA.id, inA.id));
          await assert.rejects(store.mergeParticipants(inA.id, inB.id));
          assert.equal((await store.getParticipant(inA.id))?.mergedInto, null);
        }),
      );
    });

    describe('self-paced attempts', () => {
      it(
        'round-trips a new attempt and returns undefined for an unknown one',
        withStore(async (store) => {
          const attempt = attemptRecord();
          await store.createSelfPacedAttempt(attempt);
          assert.deepEqual(await store.getSelfPacedAttempt(attempt.id), attempt);
          assert.equal(await store.getSelfPacedAttempt('no-such-attempt'), undefined);
        }),
      );

      it(
        'saves a higher revision and acknowledges a lower or equal one as stale without overwriting',
        withStore(async (store) => {
          const attempt = attemptRecord();
          await store.createSelfPacedAttempt(attempt);
          const second = progress(2, { frame: 3, seen: [0, 1, 2, 3] });
          assert.equal(await store.saveSelfPacedProgress(attempt.id, 2, second), 'saved');
          const first = progress(1, { frame: 1, seen: [0, 1] });
          assert.equal(await store.saveSelfPacedProgress(attempt.id, 1, first), 'stale');
          assert.equal(await store.saveSelfPacedProgress(attempt.id, 2, first), 'stale');
          assert.deepEqual(await store.getSelfPacedAttempt(attempt.id), {
            ...attempt,
            progress: second,
            revision: 2,
          });
          const third = progress(3, {
            answers: { 'quiz-1': { response: { choice: 2 }, score: 1, at: 1_700_000_000_500 } },
          });
          assert.equal(await store.saveSelfPacedProgress(attempt.id, 3, third), 'saved');
          assert.deepEqual((await store.getSelfPacedAttempt(attempt.id))?.progress, third);
        }),
      );

      it(
        'records a result with the first completion time, keeps it through later saves, and takes a newer score',
        withStore(async (store) => {
          const attempt = attemptRecord();
          await store.createSelfPacedAttempt(attempt);
          const done = progress(5, {
            assessment: { startedAt: 10, submittedAt: 20, score: 0.6, passed: false },
          });
          const result = { completedAt: 1_700_000_001_000, score: 0.6, passed: false };
          assert.equal(await store.saveSelfPacedProgress(attempt.id, 5, done, result), 'saved');
          // A stale save with a result changes nothing either.
          const ignored = { completedAt: 1_700_000_001_500, score: 1, passed: true };
          assert.equal(await store.saveSelfPacedProgress(attempt.id, 4, done, ignored), 'stale');
          let stored = await store.getSelfPacedAttempt(attempt.id);
          assert.deepEqual(
            { completedAt: stored?.completedAt, score: stored?.score, passed: stored?.passed },
            result,
          );
          // Reviewing slides afterwards saves progress without a result: the result stays.
          assert.equal(await store.saveSelfPacedProgress(attempt.id, 6, { ...done, revision: 6 }), 'saved');
          stored = await store.getSelfPacedAttempt(attempt.id);
          assert.equal(stored?.score, 0.6);
          assert.equal(stored?.passed, false);
          // A second submission: the newer score and pass, the first completion time.
          const again = { completedAt: 1_700_000_002_000, score: 0.9, passed: true };
          assert.equal(
            await store.saveSelfPacedProgress(attempt.id, 7, { ...done, revision: 7 }, again),
            'saved',
          );
          stored = await store.getSelfPacedAttempt(attempt.id);
          assert.deepEqual(
            {
              completedAt: stored?.completedAt,
              score: stored?.score,
              passed: stored?.passed,
              revision: stored?.revision,
            },
            { completedAt: result.completedAt, score: 0.9, passed: true, revision: 7 },
          );
        }),
      );

      it(
        'rejects saving progress of an unknown attempt',
        withStore(async (store) => {
          await assert.rejects(store.saveSelfPacedProgress('no-such-attempt', 1, progress(1)));
        }),
      );
    });

    recordsContract(harness);

    // A store that does not outlive its process (SQLite :memory:) has no restart to test.
    if (!options.durable) return;
    describe('durability', () => {
      it(
        'finds everything written before a restart after it',
        withStore(async (store, reopen) => {
          if (!reopen) throw new Error('a durable store must be opened with reopen');
          const { session, participants } = await sessionWithParticipants(store, 2);
          const [alice, bob] = participants as [ParticipantRecord, ParticipantRecord];
          const state = { ...session.state, slide: 4, activityEpochs: { 'quiz-1': 1 } };
          await store.saveSessionState(session.id, state);
          await store.saveChecklist(session.id, { projector: true }, 'unifil');
          const newToken = hashLike();
          await store.replaceParticipantToken(bob.id, newToken);
          const answers = [answerRecord(alice), answerRecord(bob, { activityId: 'poll-9' })];
          await store.recordAnswers(answers);
          const question = questionRecord(alice);
          await store.addQuestion(question);
          await store.setQuestionStatus(question.id, 'hidden');
          const vote = { questionId: question.id, participantId: bob.id };
          await store.addVote(vote);

          const reopened = await reopen();

          const expectedSession = {
            ...session,
            state,
            checklist: { projector: true },
            missionPack: 'unifil',
          };
          assert.deepEqual(await reopened.getSession(session.id), expectedSession);
          assert.ok((await reopened.listOpenSessions()).some((open) => open.id === session.id));
          assert.deepEqual(
            sortBy(await reopened.listParticipants(session.id), 'id'),
            sortBy([alice, { ...bob, tokenHash: newToken }], 'id'),
          );
          assert.deepEqual(sortAnswers(await reopened.listAnswers(session.id)), sortAnswers(answers));
          assert.deepEqual(await reopened.listQuestions(session.id), [{ ...question, status: 'hidden' }]);
          assert.deepEqual(await reopened.listVotes(session.id), [vote]);
          // Idempotency survives the restart too.
          assert.deepEqual(await reopened.recordAnswers(answers), ['duplicate', 'duplicate']);
        }),
      );

      it(
        'finds a self-paced attempt’s latest progress and result after a restart',
        withStore(async (store, reopen) => {
          if (!reopen) throw new Error('a durable store must be opened with reopen');
          const attempt = attemptRecord();
          await store.createSelfPacedAttempt(attempt);
          const done = progress(9, { assessment: { startedAt: 1, submittedAt: 2, score: 1, passed: true } });
          const result = { completedAt: 1_700_000_003_000, score: 1, passed: true };
          await store.saveSelfPacedProgress(attempt.id, 9, done, result);
          const reopened = await reopen();
          assert.deepEqual(await reopened.getSelfPacedAttempt(attempt.id), {
            ...attempt,
            progress: done,
            revision: 9,
            ...result,
          });
          assert.equal(await reopened.saveSelfPacedProgress(attempt.id, 9, done), 'stale');
        }),
      );

      recordsDurabilityContract(harness);
    });
  });
}

const tick = clockFrom(1_700_000_000_000);

function sessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: `session-${randomUUID()}`,
    code: randomUUID().slice(0, 6).toUpperCase(),
    courseId: 'module-1',
    presenterTokenHash: hashLike(),
    projectorTokenHash: hashLike(),
    createdAt: tick(),
    state: initialState(),
    checklist: {},
    missionPack: null,
    ...overrides,
  };
}

function participantRecord(sessionId: string, overrides: Partial<ParticipantRecord> = {}): ParticipantRecord {
  return {
    id: `participant-${randomUUID()}`,
    sessionId,
    name: 'Amina Diallo',
    contingent: 'Senegal',
    role: null,
    tokenHash: hashLike(),
    recoveryCode: randomUUID().slice(0, 8).toUpperCase(),
    joinedAt: tick(),
    mergedInto: null,
    ...overrides,
  };
}

function answerRecord(participant: ParticipantRecord, overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    sessionId: participant.sessionId,
    participantId: participant.id,
    activityId: 'quiz-1',
    clientId: `answer-${randomUUID()}`,
    response: { choice: 1 },
    epoch: 0,
    receivedAt: tick(),
    ...overrides,
  };
}

function questionRecord(
  participant: ParticipantRecord,
  overrides: Partial<QuestionRecord> = {},
): QuestionRecord {
  return {
    id: `question-${randomUUID()}`,
    sessionId: participant.sessionId,
    participantId: participant.id,
    clientId: `ask-${randomUUID()}`,
    text: 'Who authorises the use of force beyond self-defence?',
    status: 'visible',
    createdAt: tick(),
    ...overrides,
  };
}

function attemptRecord(overrides: Partial<SelfPacedAttemptRecord> = {}): SelfPacedAttemptRecord {
  return {
    id: `attempt-${randomUUID()}`,
    tokenHash: hashLike(),
    name: 'Amina Diallo',
    courseId: 'module-1',
    progress: null,
    revision: 0,
    startedAt: tick(),
    completedAt: null,
    score: null,
    passed: null,
    ...overrides,
  };
}

function progress(revision: number, overrides: Partial<SelfPacedProgress> = {}): SelfPacedProgress {
  return {
    revision,
    frame: 0,
    seen: [0],
    answers: {},
    assessment: { startedAt: null, submittedAt: null, score: null, passed: null },
    ...overrides,
  };
}

function sortAnswers(answers: readonly AnswerRecord[]): AnswerRecord[] {
  const key = (answer: AnswerRecord) => `${answer.participantId}|${answer.activityId}|${answer.epoch}`;
  return [...answers].sort((a, b) => key(a).localeCompare(key(b)));
}

function sortVotes(votes: readonly VoteRecord[]): VoteRecord[] {
  const key = (vote: VoteRecord) => `${vote.questionId}|${vote.participantId}`;
  return [...votes].sort((a, b) => key(a).localeCompare(key(b)));
}
