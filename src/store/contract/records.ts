/**
 * The contract for the records around a live session: accounts and sign-in, cohorts and rosters,
 * attendance, marks and certificates. Called from `runStoreContract` (store.contract.ts), with its harness.
 *
 * As in the rest of the contract, tests use random ids and only look at records they wrote.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it, type TestContext } from 'node:test';
import type {
  AccountRecord,
  CohortRecord,
  IssuedCertificateRecord,
  LoginRecord,
  MarkRecord,
  ParticipantRecord,
  PersistedSessionState,
  PresenceRecord,
  RosterRecord,
  SessionRecord,
  Store,
} from '../store.ts';
import { clockFrom, hashLike, sortBy } from './fixtures.ts';

export interface ContractHarness {
  /** Runs `test` on a fresh store and closes whichever store is current at the end. */
  withStore: (
    test: (store: Store, reopen: (() => Promise<Store>) | undefined, context: TestContext) => Promise<void>,
  ) => (context: TestContext) => Promise<void>;
  /** A new session with `count` participants. */
  sessionWithParticipants: (
    store: Store,
    count?: number,
  ) => Promise<{ session: SessionRecord; participants: ParticipantRecord[] }>;
}

export function recordsContract({ withStore, sessionWithParticipants }: ContractHarness): void {
  describe('accounts and sign-in', () => {
    it(
      'round-trips an account, stored with its username lower-cased, and finds it by username in any case',
      withStore(async (store) => {
        const account = accountRecord({ username: `Zoé.ÉTIENNE-${randomUUID()}` });
        await store.createAccount(account);
        const stored = { ...account, username: account.username.toLowerCase() };
        assert.deepEqual(await store.getAccount(account.id), stored);
        assert.deepEqual(await store.findAccountByUsername(account.username), stored);
        assert.deepEqual(await store.findAccountByUsername(account.username.toUpperCase()), stored);
        assert.deepEqual(await store.findAccountByUsername(account.username.toLowerCase()), stored);
      }),
    );

    it(
      'rejects a second account whose username differs only in case, and a repeated id',
      withStore(async (store) => {
        const account = accountRecord({ role: 'coordinator' });
        await store.createAccount(account);
        await assert.rejects(
          store.createAccount(accountRecord({ username: account.username.toUpperCase() })),
        );
        await assert.rejects(store.createAccount({ ...accountRecord(), id: account.id }));
        assert.deepEqual(await store.findAccountByUsername(account.username), account);
      }),
    );

    it(
      'counts accounts',
      withStore(async (store) => {
        const before = await store.countAccounts();
        await store.createAccount(accountRecord());
        await store.createAccount(accountRecord({ role: 'coordinator' }));
        // Another test sharing the database may add accounts too, never remove them.
        assert.ok((await store.countAccounts()) >= before + 2);
      }),
    );

    it(
      'returns undefined for unknown accounts',
      withStore(async (store) => {
        assert.equal(await store.getAccount('no-such-account'), undefined);
        assert.equal(await store.findAccountByUsername(`nobody-${randomUUID()}`), undefined);
      }),
    );

    it(
      'creates, finds and deletes a login; deleting it again or an unknown one is harmless',
      withStore(async (store) => {
        const account = accountRecord();
        await store.createAccount(account);
        const login = loginRecord(account.id);
        const other = loginRecord(account.id);
        await store.createLogin(login);
        await store.createLogin(other);
        assert.deepEqual(await store.findLogin(login.idHash), login);
        await store.deleteLogin(login.idHash);
        assert.equal(await store.findLogin(login.idHash), undefined);
        assert.deepEqual(await store.findLogin(other.idHash), other);
        await store.deleteLogin(login.idHash);
        await store.deleteLogin('no-such-login');
        assert.equal(await store.findLogin('no-such-login'), undefined);
      }),
    );

    it(
      'rejects a login for an unknown account and a repeated login id',
      withStore(async (store) => {
        const account = accountRecord();
        await store.createAccount(account);
        const login = loginRecord(account.id);
        await store.createLogin(login);
        await assert.rejects(store.createLogin({ ...loginRecord(account.id), idHash: login.idHash }));
        const orphan = loginRecord('no-such-account');
        await assert.rejects(store.createLogin(orphan));
        assert.equal(await store.findLogin(orphan.idHash), undefined);
        assert.deepEqual(await store.findLogin(login.idHash), login);
      }),
    );
  });

  describe('cohorts and rosters', () => {
    it(
      'round-trips cohorts, keeping optional fields as null, and lists them',
      withStore(async (store) => {
        const cohort = cohortRecord({ place: 'Accra', centre: 'KAIPTC' });
        const bare = cohortRecord({ place: null, centre: null });
        await store.createCohort(cohort);
        await store.createCohort(bare);
        assert.deepEqual(await store.getCohort(cohort.id), cohort);
        assert.deepEqual(await store.getCohort(bare.id), bare);
        const mine = new Set([cohort.id, bare.id]);
        assert.deepEqual(
          sortBy(
            (await store.listCohorts()).filter((listed) => mine.has(listed.id)),
            'id',
          ),
          sortBy([cohort, bare], 'id'),
        );
        await assert.rejects(store.createCohort({ ...cohortRecord(), id: cohort.id }));
        assert.equal(await store.getCohort('no-such-cohort'), undefined);
      }),
    );

    it(
      "imports roster entries and lists a cohort's roster",
      withStore(async (store) => {
        const cohort = cohortRecord();
        const other = cohortRecord();
        await store.createCohort(cohort);
        await store.createCohort(other);
        const first = [
          rosterRecord(cohort.id),
          rosterRecord(cohort.id, {
            name: 'Jean-Baptiste Ndiaye',
            rank: null,
            serviceNumber: null,
            component: 'civilian',
            contingent: null,
            mission: null,
          }),
        ];
        const second = [rosterRecord(cohort.id, { component: 'police', name: 'Ana Ruiz' })];
        const elsewhere = [rosterRecord(other.id)];
        await store.importRoster(first);
        await store.importRoster(elsewhere);
        await store.importRoster(second);
        await store.importRoster([]);
        assert.deepEqual(
          sortBy(await store.listRoster(cohort.id), 'id'),
          sortBy([...first, ...second], 'id'),
        );
        assert.deepEqual(await store.listRoster(other.id), elsewhere);
        assert.deepEqual(await store.listRoster('no-such-cohort'), []);
      }),
    );

    it(
      'imports a roster all or nothing: one bad entry rejects it and keeps none of it',
      withStore(async (store) => {
        const cohort = cohortRecord();
        await store.createCohort(cohort);
        const good = () => rosterRecord(cohort.id);
        const kept = good();
        await store.importRoster([kept]);

        const batches: RosterRecord[][] = [
          [good(), good(), rosterRecord('no-such-cohort')],
          [good(), { ...good(), component: 'navy' as RosterRecord['component'] }],
          (() => {
            const twice = good();
            return [twice, good(), twice];
          })(),
          [good(), { ...good(), id: kept.id }],
        ];
        for (const batch of batches) await assert.rejects(store.importRoster(batch));
        assert.deepEqual(await store.listRoster(cohort.id), [kept]);
      }),
    );

    it(
      'delivers sessions to a cohort, moves them and takes them back',
      withStore(async (store) => {
        const cohort = cohortRecord();
        const next = cohortRecord();
        await store.createCohort(cohort);
        await store.createCohort(next);
        const { session: first } = await sessionWithParticipants(store, 0);
        const { session: second } = await sessionWithParticipants(store, 0);
        assert.equal(await store.getSessionCohort(first.id), null);

        await store.setSessionCohort(first.id, cohort.id);
        await store.setSessionCohort(second.id, cohort.id);
        assert.equal(await store.getSessionCohort(first.id), cohort.id);
        assert.deepEqual((await store.listCohortSessions(cohort.id)).sort(), [first.id, second.id].sort());

        await store.setSessionCohort(first.id, null);
        await store.setSessionCohort(second.id, next.id);
        assert.equal(await store.getSessionCohort(first.id), null);
        assert.equal(await store.getSessionCohort(second.id), next.id);
        assert.deepEqual(await store.listCohortSessions(cohort.id), []);
        assert.deepEqual(await store.listCohortSessions(next.id), [second.id]);
        // Delivering a session to a cohort leaves the session's own record as it was.
        assert.deepEqual(await store.getSession(second.id), second);
      }),
    );

    it(
      'rejects delivering an unknown session or to an unknown cohort, and reads unknown ones as empty',
      withStore(async (store) => {
        const cohort = cohortRecord();
        await store.createCohort(cohort);
        const { session } = await sessionWithParticipants(store, 0);
        await store.setSessionCohort(session.id, cohort.id);
        await assert.rejects(store.setSessionCohort('no-such-session', cohort.id));
        await assert.rejects(store.setSessionCohort('no-such-session', null));
        await assert.rejects(store.setSessionCohort(session.id, 'no-such-cohort'));
        assert.equal(await store.getSessionCohort(session.id), cohort.id);
        assert.equal(await store.getSessionCohort('no-such-session'), null);
        assert.deepEqual(await store.listCohortSessions('no-such-cohort'), []);
      }),
    );

    it(
      "links a session's participants to roster entries, relinks and unlinks them",
      withStore(async (store) => {
        const cohort = cohortRecord();
        await store.createCohort(cohort);
        const roster = [rosterRecord(cohort.id), rosterRecord(cohort.id)];
        await store.importRoster(roster);
        const [first, second] = roster as [RosterRecord, RosterRecord];
        const { session, participants } = await sessionWithParticipants(store, 3);
        const [alice, bob, carol] = participants as [ParticipantRecord, ParticipantRecord, ParticipantRecord];
        const elsewhere = await sessionWithParticipants(store, 1);
        const [dan] = elsewhere.participants as [ParticipantRecord];

        assert.deepEqual(await store.listParticipantLinks(session.id), {});
        await store.linkParticipant(alice.id, first.id);
        await store.linkParticipant(bob.id, second.id);
        await store.linkParticipant(dan.id, first.id);
        assert.deepEqual(await store.listParticipantLinks(session.id), {
          [alice.id]: first.id,
          [bob.id]: second.id,
        });

        await store.linkParticipant(alice.id, second.id);
        await store.linkParticipant(bob.id, null);
        await store.linkParticipant(carol.id, null);
        assert.deepEqual(await store.listParticipantLinks(session.id), { [alice.id]: second.id });
        assert.deepEqual(await store.listParticipantLinks(elsewhere.session.id), { [dan.id]: first.id });
        // Linking leaves the participant's own record as it was.
        assert.deepEqual(await store.getParticipant(alice.id), alice);
      }),
    );

    it(
      'rejects linking an unknown participant or to an unknown roster entry, and reads unknown sessions as empty',
      withStore(async (store) => {
        const cohort = cohortRecord();
        await store.createCohort(cohort);
        const entry = rosterRecord(cohort.id);
        await store.importRoster([entry]);
        const { session, participants } = await sessionWithParticipants(store);
        const [participant] = participants as [ParticipantRecord];
        await store.linkParticipant(participant.id, entry.id);
        await assert.rejects(store.linkParticipant('no-such-participant', entry.id));
        await assert.rejects(store.linkParticipant('no-such-participant', null));
        await assert.rejects(store.linkParticipant(participant.id, 'no-such-entry'));
        assert.deepEqual(await store.listParticipantLinks(session.id), { [participant.id]: entry.id });
        assert.deepEqual(await store.listParticipantLinks('no-such-session'), {});
      }),
    );
  });

  describe('attendance', () => {
    it(
      'opens and closes stretches of presence, per session',
      withStore(async (store) => {
        const { session, participants } = await sessionWithParticipants(store, 2);
        const [alice, bob] = participants as [ParticipantRecord, ParticipantRecord];
        const other = await sessionWithParticipants(store);
        const [carol] = other.participants as [ParticipantRecord];

        const aliceFrom = tick();
        await store.openPresence({ sessionId: session.id, participantId: alice.id, from: aliceFrom });
        const bobFrom = tick();
        await store.openPresence({ sessionId: session.id, participantId: bob.id, from: bobFrom });
        await store.openPresence({ sessionId: other.session.id, participantId: carol.id, from: tick() });
        const aliceTo = tick();
        await store.closePresence(alice.id, aliceTo);
        const expected: PresenceRecord[] = [
          { sessionId: session.id, participantId: alice.id, from: aliceFrom, to: aliceTo },
          { sessionId: session.id, participantId: bob.id, from: bobFrom, to: null },
        ];
        assert.deepEqual(sortPresence(await store.listPresence(session.id)), sortPresence(expected));

        // Closing with nothing open changes nothing.
        await store.closePresence(alice.id, tick());
        await store.closePresence('no-such-participant', tick());
        assert.deepEqual(sortPresence(await store.listPresence(session.id)), sortPresence(expected));
        assert.equal((await store.listPresence(other.session.id)).length, 1);
        assert.deepEqual(await store.listPresence('no-such-session'), []);
      }),
    );

    it(
      'closes a stretch left open, at the new one’s start, when another opens',
      withStore(async (store) => {
        const { session, participants } = await sessionWithParticipants(store);
        const [participant] = participants as [ParticipantRecord];
        const stretch = (from: number, to: number | null): PresenceRecord => ({
          sessionId: session.id,
          participantId: participant.id,
          from,
          to,
        });
        const crashed = tick();
        await store.openPresence({ sessionId: session.id, participantId: participant.id, from: crashed });
        const back = tick();
        await store.openPresence({ sessionId: session.id, participantId: participant.id, from: back });
        assert.deepEqual(sortPresence(await store.listPresence(session.id)), [
          stretch(crashed, back),
          stretch(back, null),
        ]);
        const left = tick();
        await store.closePresence(participant.id, left);
        const again = tick();
        await store.openPresence({ sessionId: session.id, participantId: participant.id, from: again });
        assert.deepEqual(sortPresence(await store.listPresence(session.id)), [
          stretch(crashed, back),
          stretch(back, left),
          stretch(again, null),
        ]);
      }),
    );

    it(
      'rejects presence of a participant unknown to the session, and leaves an open stretch open',
      withStore(async (store) => {
        const { session, participants } = await sessionWithParticipants(store);
        const [participant] = participants as [ParticipantRecord];
        const other = await sessionWithParticipants(store);
        const from = tick();
        await store.openPresence({ sessionId: session.id, participantId: participant.id, from });
        await assert.rejects(
          store.openPresence({ sessionId: session.id, participantId: 'no-such-participant', from: tick() }),
        );
        await assert.rejects(
          store.openPresence({ sessionId: 'no-such-session', participantId: participant.id, from: tick() }),
        );
        await assert.rejects(
          store.openPresence({ sessionId: other.session.id, participantId: participant.id, from: tick() }),
        );
        assert.deepEqual(await store.listPresence(session.id), [
          { sessionId: session.id, participantId: participant.id, from, to: null },
        ]);
        assert.deepEqual(await store.listPresence(other.session.id), []);
      }),
    );
  });

  describe('marks', () => {
    it(
      'saves a mark per participant and item, and replaces it when marked again',
      withStore(async (store) => {
        const { session, participants } = await sessionWithParticipants(store, 2);
        const [alice, bob] = participants as [ParticipantRecord, ParticipantRecord];
        const other = await sessionWithParticipants(store);
        const first = markRecord(alice, { itemId: 'short-1', score: 0 });
        const secondItem = markRecord(alice, { itemId: 'short-2', score: 1 });
        const bobs = markRecord(bob, { itemId: 'short-1', score: 0.25 });
        const elsewhere = markRecord(other.participants[0] as ParticipantRecord, { itemId: 'short-1' });
        for (const mark of [first, secondItem, bobs, elsewhere]) await store.saveMark(mark);
        const remarked = markRecord(alice, {
          itemId: 'short-1',
          score: 0.5,
          markedBy: `account-${randomUUID()}`,
        });
        await store.saveMark(remarked);
        assert.deepEqual(
          sortMarks(await store.listMarks(session.id)),
          sortMarks([remarked, secondItem, bobs]),
        );
        assert.deepEqual(await store.listMarks(other.session.id), [elsewhere]);
        assert.deepEqual(await store.listMarks('no-such-session'), []);
      }),
    );

    it(
      'rejects a mark outside 0..1 or of a participant unknown to the session, and keeps the mark it had',
      withStore(async (store) => {
        const { session, participants } = await sessionWithParticipants(store);
        const [participant] = participants as [ParticipantRecord];
        const other = await sessionWithParticipants(store);
        const mark = markRecord(participant, { score: 0.75 });
        await store.saveMark(mark);
        await assert.rejects(store.saveMark({ ...mark, score: 1.5, markedAt: tick() }));
        await assert.rejects(store.saveMark({ ...mark, score: -0.25, markedAt: tick() }));
        await assert.rejects(store.saveMark({ ...mark, participantId: 'no-such-participant' }));
        await assert.rejects(store.saveMark({ ...mark, sessionId: 'no-such-session' }));
        await assert.rejects(store.saveMark({ ...mark, sessionId: other.session.id }));
        assert.deepEqual(await store.listMarks(session.id), [mark]);
        assert.deepEqual(await store.listMarks(other.session.id), []);
      }),
    );
  });

  describe('certificates', () => {
    it(
      'saves certificates with their signed data verbatim, and gets and lists them by session',
      withStore(async (store) => {
        const { session, participants } = await sessionWithParticipants(store, 2);
        const [alice, bob] = participants as [ParticipantRecord, ParticipantRecord];
        const other = await sessionWithParticipants(store);
        const aliceCertificate = certificateRecord(alice);
        const bobCertificate = certificateRecord(bob, {
          signed: {
            data: { name: 'Zoé « Ndèye » Fall', score: 0.875, tags: [] },
            signature: 'x',
            keyId: 'k',
          },
        });
        const elsewhere = certificateRecord(other.participants[0] as ParticipantRecord);
        for (const certificate of [aliceCertificate, bobCertificate, elsewhere]) {
          await store.saveCertificate(certificate);
        }
        assert.deepEqual(await store.getCertificate(bobCertificate.id), bobCertificate);
        assert.deepEqual(
          sortBy(await store.listCertificates(session.id), 'id'),
          sortBy([aliceCertificate, bobCertificate], 'id'),
        );
        assert.deepEqual(await store.listCertificates(other.session.id), [elsewhere]);
        await assert.rejects(store.saveCertificate({ ...certificateRecord(bob), id: aliceCertificate.id }));
        await assert.rejects(
          store.saveCertificate(certificateRecord({ ...alice, id: 'no-such-participant' })),
        );
        await assert.rejects(
          store.saveCertificate(certificateRecord({ ...alice, sessionId: other.session.id })),
        );
        assert.deepEqual(await store.listCertificates(other.session.id), [elsewhere]);
        assert.equal(await store.getCertificate('no-such-certificate'), undefined);
        assert.deepEqual(await store.listCertificates('no-such-session'), []);
      }),
    );

    it(
      'records a revocation once: revoking again keeps the first; an unknown id rejects',
      withStore(async (store) => {
        const { session, participants } = await sessionWithParticipants(store);
        const [participant] = participants as [ParticipantRecord];
        const certificate = certificateRecord(participant);
        const untouched = certificateRecord(participant);
        await store.saveCertificate(certificate);
        await store.saveCertificate(untouched);
        const at = tick();
        await store.revokeCertificate(
          certificate.id,
          'account-coordinator',
          'Issued to the wrong person',
          at,
        );
        await store.revokeCertificate(certificate.id, 'account-other', 'Second thoughts', tick());
        const revoked = {
          ...certificate,
          revokedAt: at,
          revokedBy: 'account-coordinator',
          reason: 'Issued to the wrong person',
        };
        assert.deepEqual(await store.getCertificate(certificate.id), revoked);
        assert.deepEqual(
          sortBy(await store.listCertificates(session.id), 'id'),
          sortBy([revoked, untouched], 'id'),
        );
        await assert.rejects(store.revokeCertificate('no-such-certificate', 'account-x', 'reason', tick()));
      }),
    );
  });
}

/** The records' part of the durability tests: run only for a store that outlives its process. */
export function recordsDurabilityContract({ withStore, sessionWithParticipants }: ContractHarness): void {
  it(
    'finds accounts, logins, cohorts, rosters, links, presence, marks, certificates and the assessment after a restart',
    withStore(async (store, reopen) => {
      if (!reopen) throw new Error('a durable store must be opened with reopen');
      const account = accountRecord({ username: `Instructor-${randomUUID()}` });
      await store.createAccount(account);
      const login = loginRecord(account.id);
      const signedOut = loginRecord(account.id);
      await store.createLogin(login);
      await store.createLogin(signedOut);
      await store.deleteLogin(signedOut.idHash);

      const cohort = cohortRecord();
      await store.createCohort(cohort);
      const roster = [rosterRecord(cohort.id), rosterRecord(cohort.id, { component: 'police' })];
      await store.importRoster(roster);
      const { session, participants } = await sessionWithParticipants(store, 2);
      const [alice, bob] = participants as [ParticipantRecord, ParticipantRecord];
      await store.setSessionCohort(session.id, cohort.id);
      await store.linkParticipant(alice.id, (roster[0] as RosterRecord).id);
      const state: PersistedSessionState = {
        ...session.state,
        assessment: { status: 'open', itemIds: ['q1', 'q2'], openedAt: tick(), endsAt: tick() + 600_000 },
      };
      await store.saveSessionState(session.id, state);

      const from = tick();
      await store.openPresence({ sessionId: session.id, participantId: alice.id, from });
      const to = tick();
      await store.closePresence(alice.id, to);
      const bobFrom = tick();
      await store.openPresence({ sessionId: session.id, participantId: bob.id, from: bobFrom });
      const mark = markRecord(alice, { score: 0.5 });
      await store.saveMark(mark);
      const certificate = certificateRecord(alice);
      await store.saveCertificate(certificate);
      const revokedAt = tick();
      await store.revokeCertificate(certificate.id, account.id, 'Wrong name', revokedAt);

      const reopened = await reopen();

      const storedAccount = { ...account, username: account.username.toLowerCase() };
      assert.deepEqual(await reopened.getAccount(account.id), storedAccount);
      assert.deepEqual(await reopened.findAccountByUsername(account.username.toUpperCase()), storedAccount);
      await assert.rejects(reopened.createAccount(accountRecord({ username: account.username })));
      assert.deepEqual(await reopened.findLogin(login.idHash), login);
      assert.equal(await reopened.findLogin(signedOut.idHash), undefined);
      assert.deepEqual(await reopened.getCohort(cohort.id), cohort);
      assert.deepEqual(sortBy(await reopened.listRoster(cohort.id), 'id'), sortBy(roster, 'id'));
      assert.equal(await reopened.getSessionCohort(session.id), cohort.id);
      assert.deepEqual(await reopened.listCohortSessions(cohort.id), [session.id]);
      assert.deepEqual(await reopened.listParticipantLinks(session.id), {
        [alice.id]: (roster[0] as RosterRecord).id,
      });
      assert.deepEqual((await reopened.getSession(session.id))?.state, state);
      assert.deepEqual(
        sortPresence(await reopened.listPresence(session.id)),
        sortPresence([
          { sessionId: session.id, participantId: alice.id, from, to },
          { sessionId: session.id, participantId: bob.id, from: bobFrom, to: null },
        ]),
      );
      assert.deepEqual(await reopened.listMarks(session.id), [mark]);
      const revoked = { ...certificate, revokedAt, revokedBy: account.id, reason: 'Wrong name' };
      assert.deepEqual(await reopened.getCertificate(certificate.id), revoked);

      // The rules hold across the restart too: a stretch left open is closed by the next, a mark is
      // replaced, the first revocation is kept.
      const bobBack = tick();
      await reopened.openPresence({ sessionId: session.id, participantId: bob.id, from: bobBack });
      assert.deepEqual(
        (await reopened.listPresence(session.id)).filter((stretch) => stretch.participantId === bob.id),
        [
          { sessionId: session.id, participantId: bob.id, from: bobFrom, to: bobBack },
          { sessionId: session.id, participantId: bob.id, from: bobBack, to: null },
        ],
      );
      const remarked = { ...mark, score: 1, markedAt: tick() };
      await reopened.saveMark(remarked);
      assert.deepEqual(await reopened.listMarks(session.id), [remarked]);
      await reopened.revokeCertificate(certificate.id, 'someone-else', 'Again', tick());
      assert.deepEqual(await reopened.getCertificate(certificate.id), revoked);
    }),
  );
}

const tick = clockFrom(1_800_000_000_000);

function accountRecord(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id: `account-${randomUUID()}`,
    username: `instructor-${randomUUID()}`,
    displayName: 'Kwame Mensah',
    passwordHash: `scrypt$${hashLike()}`,
    role: 'instructor',
    createdAt: tick(),
    ...overrides,
  };
}

function loginRecord(accountId: string): LoginRecord {
  const createdAt = tick();
  return { idHash: hashLike(), accountId, createdAt, expiresAt: createdAt + 8 * 3_600_000 };
}

function cohortRecord(overrides: Partial<CohortRecord> = {}): CohortRecord {
  return {
    id: `cohort-${randomUUID()}`,
    name: 'UNMISS staff officers, March',
    courseId: 'module-1',
    place: 'Entebbe',
    centre: 'Regional Service Centre',
    createdAt: tick(),
    ...overrides,
  };
}

function rosterRecord(cohortId: string, overrides: Partial<RosterRecord> = {}): RosterRecord {
  return {
    id: `roster-${randomUUID()}`,
    cohortId,
    name: 'Amina Diallo',
    rank: 'Captain',
    serviceNumber: `SN-${randomUUID().slice(0, 8)}`,
    component: 'military',
    contingent: 'Senegal',
    mission: 'MINUSCA',
    ...overrides,
  };
}

function markRecord(participant: ParticipantRecord, overrides: Partial<MarkRecord> = {}): MarkRecord {
  return {
    sessionId: participant.sessionId,
    participantId: participant.id,
    itemId: 'short-answer-1',
    score: 1,
    markedBy: 'account-instructor',
    markedAt: tick(),
    ...overrides,
  };
}

function certificateRecord(
  participant: ParticipantRecord,
  overrides: Partial<IssuedCertificateRecord> = {},
): IssuedCertificateRecord {
  const id = `certificate-${randomUUID()}`;
  return {
    id,
    sessionId: participant.sessionId,
    participantId: participant.id,
    signed: {
      data: { id, name: participant.name, course: 'module-1', issued: '2027-03-14', passed: true },
      signature: hashLike(),
      keyId: 'key-1',
    },
    issuedAt: tick(),
    revokedAt: null,
    revokedBy: null,
    reason: null,
    ...overrides,
  };
}

function sortPresence(stretches: readonly PresenceRecord[]): PresenceRecord[] {
  return [...stretches].sort((a, b) => a.participantId.localeCompare(b.participantId) || a.from - b.from);
}

function sortMarks(marks: readonly MarkRecord[]): MarkRecord[] {
  const key = (mark: MarkRecord) => `${mark.participantId}|${mark.itemId}`;
  return [...marks].sort((a, b) => key(a).localeCompare(key(b)));
}
