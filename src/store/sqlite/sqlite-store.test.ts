import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { initialState } from '../contract/fixtures.ts';
import { runStoreContract } from '../store.contract.ts';
import { MIGRATIONS, openSqliteStore, prepareStatements } from './sqlite-store.ts';

const directory = mkdtempSync(join(tmpdir(), 'lectern-sqlite-'));
after(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
function freshFile(): string {
  files += 1;
  return join(directory, `store-${files}.db`);
}

runStoreContract('SQLite file', async () => {
  const file = freshFile();
  const store = openSqliteStore(file);
  return {
    store,
    reopen: async () => {
      await store.close();
      return openSqliteStore(file);
    },
  };
});

runStoreContract('SQLite :memory:', async () => ({ store: openSqliteStore(':memory:') }), { durable: false });

describe('SQLite store', () => {
  it('uses WAL and records its schema version, and applies migrations only once', async () => {
    const file = freshFile();
    await openSqliteStore(file).close();
    await openSqliteStore(file).close();
    const db = new DatabaseSync(file);
    try {
      assert.deepEqual({ ...db.prepare('PRAGMA journal_mode').get() }, { journal_mode: 'wal' });
      assert.deepEqual(
        { ...db.prepare('SELECT version FROM schema_version').get() },
        { version: MIGRATIONS.length },
      );
      assert.equal(MIGRATIONS.length, 3);
    } finally {
      db.close();
    }
  });

  it('upgrades a version-2 database and keeps what it held', async () => {
    const file = freshFile();
    const old = new DatabaseSync(file);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (2)');
    for (const migration of MIGRATIONS.slice(0, 2)) old.exec(migration);
    const state = JSON.stringify(initialState());
    old
      .prepare(
        `INSERT INTO sessions (id, code, course_id, presenter_token_hash, projector_token_hash, created_at,
          state, checklist, mission_pack) VALUES ('session-old', 'OLD123', 'module-1', 'p', 'q', 1, ?, '{}', NULL)`,
      )
      .run(state);
    old.exec(`INSERT INTO participants (id, session_id, name, contingent, role, token_hash, recovery_code,
      joined_at, merged_into) VALUES ('participant-old', 'session-old', 'Amina', NULL, NULL, 't', 'R', 2, NULL)`);
    old.close();

    const store = openSqliteStore(file);
    try {
      assert.equal((await store.getSession('session-old'))?.code, 'OLD123');
      assert.equal(await store.getSessionCohort('session-old'), null);
      assert.deepEqual(await store.listParticipantLinks('session-old'), {});
      const cohort = {
        id: 'cohort-1',
        name: 'C',
        courseId: 'module-1',
        place: null,
        centre: null,
        createdAt: 3,
      };
      await store.createCohort(cohort);
      await store.importRoster([
        {
          id: 'roster-1',
          cohortId: cohort.id,
          name: 'Amina',
          rank: null,
          serviceNumber: null,
          component: 'police',
          contingent: null,
          mission: null,
        },
      ]);
      await store.setSessionCohort('session-old', cohort.id);
      await store.linkParticipant('participant-old', 'roster-1');
      assert.deepEqual(await store.listCohortSessions(cohort.id), ['session-old']);
      assert.deepEqual(await store.listParticipantLinks('session-old'), { 'participant-old': 'roster-1' });
    } finally {
      await store.close();
    }
  });

  it('reads every lookup through an index; only whole listings scan', async () => {
    const file = freshFile();
    await openSqliteStore(file).close();
    const db = new DatabaseSync(file);
    try {
      const listings = new Set(['openSessionsNewestFirst', 'countAccounts', 'cohortsNewestFirst']);
      for (const [name, statement] of Object.entries(prepareStatements(db))) {
        const plan = db
          .prepare(`EXPLAIN QUERY PLAN ${statement.sourceSQL}`)
          .all()
          .map((row) => String(row.detail));
        const scans = plan.filter((detail) => /^SCAN /.test(detail));
        if (listings.has(name))
          assert.ok(
            scans.every((detail) => / USING (COVERING )?INDEX /.test(detail)),
            name,
          );
        else assert.deepEqual(scans, [], `${name}: ${plan.join('; ')}`);
      }
    } finally {
      db.close();
    }
  });

  it('counts the accounts of a new database exactly', async () => {
    const store = openSqliteStore(':memory:');
    try {
      assert.equal(await store.countAccounts(), 0);
      const account = {
        id: 'account-1',
        username: 'Coordinator',
        displayName: 'Coordinator',
        passwordHash: 'scrypt$x',
        role: 'coordinator' as const,
        createdAt: 1,
      };
      await store.createAccount(account);
      await assert.rejects(store.createAccount({ ...account, id: 'account-2', username: 'COORDINATOR' }));
      assert.equal(await store.countAccounts(), 1);
    } finally {
      await store.close();
    }
  });

  it('never ends a stretch of presence before it began, when the clock stepped back', async () => {
    const store = openSqliteStore(':memory:');
    try {
      await store.createSession({
        id: 'session-1',
        code: 'CLOCK1',
        courseId: 'module-1',
        presenterTokenHash: 'p',
        projectorTokenHash: 'q',
        createdAt: 1,
        state: initialState(),
        checklist: {},
        missionPack: null,
      });
      await store.addParticipant({
        id: 'participant-1',
        sessionId: 'session-1',
        name: 'Amina',
        contingent: null,
        role: null,
        tokenHash: 't',
        recoveryCode: 'R',
        joinedAt: 1,
        mergedInto: null,
      });
      const at = { sessionId: 'session-1', participantId: 'participant-1' };
      await store.openPresence({ ...at, from: 1_000 });
      await store.openPresence({ ...at, from: 900 });
      await store.closePresence('participant-1', 800);
      assert.deepEqual(await store.listPresence('session-1'), [
        { ...at, from: 1_000, to: 1_000 },
        { ...at, from: 900, to: 900 },
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer version', async () => {
    const file = freshFile();
    await openSqliteStore(file).close();
    const db = new DatabaseSync(file);
    db.exec('UPDATE schema_version SET version = 999');
    db.close();
    assert.throws(() => openSqliteStore(file), /newer/);
  });

  it('keeps every answer whose write resolved when the process is killed with SIGKILL', async () => {
    const file = freshFile();
    const participantCount = 20;
    const setup = openSqliteStore(file);
    const sessionId = 'session-kill';
    await setup.createSession({
      id: sessionId,
      code: 'KILL9',
      courseId: 'module-1',
      presenterTokenHash: 'p'.repeat(64),
      projectorTokenHash: 'q'.repeat(64),
      createdAt: 1,
      state: initialState(),
      checklist: {},
      missionPack: null,
    });
    const participantIds = Array.from({ length: participantCount }, (_, i) => `participant-${i}`);
    for (const [i, id] of participantIds.entries()) {
      await setup.addParticipant({
        id,
        sessionId,
        name: `Participant ${i}`,
        contingent: null,
        role: null,
        tokenHash: `token-${i}`,
        recoveryCode: `R${i}`,
        joinedAt: i,
        mergedInto: null,
      });
    }
    await setup.close();

    const written = await writeBatchesUntilKilled(file, sessionId, participantIds);
    assert.ok(written.length >= 3, `the writer acknowledged ${written.length} batches before it was killed`);

    const reopened = openSqliteStore(file);
    try {
      const answersPerActivity = new Map<string, number>();
      for (const answer of await reopened.listAnswers(sessionId)) {
        answersPerActivity.set(answer.activityId, (answersPerActivity.get(answer.activityId) ?? 0) + 1);
      }
      for (const batch of written) {
        assert.equal(
          answersPerActivity.get(`activity-${batch}`),
          participantCount,
          `batch ${batch} is all there`,
        );
      }
      // A batch is one transaction: it is there whole or not at all.
      for (const [activity, count] of answersPerActivity) assert.equal(count, participantCount, activity);
    } finally {
      await reopened.close();
    }
  });
});

/**
 * Runs a writer process that records one batch of answers after another and prints "written <batch>"
 * once each resolves; kills it with SIGKILL as soon as the third is acknowledged. Returns every batch
 * acknowledged before it died.
 */
function writeBatchesUntilKilled(
  file: string,
  sessionId: string,
  participantIds: string[],
): Promise<number[]> {
  const writer = `
    const { file, sessionId, participantIds, storeUrl } = JSON.parse(process.env.LECTERN_WRITER);
    const { openSqliteStore } = await import(storeUrl);
    const store = openSqliteStore(file);
    for (let batch = 0; batch < 100000; batch++) {
      await store.recordAnswers(participantIds.map((participantId, i) => ({
        sessionId, participantId, activityId: 'activity-' + batch, clientId: 'batch-' + batch + '-' + i,
        response: { choice: i % 4 }, epoch: 0, receivedAt: Date.now(),
      })));
      process.stdout.write('written ' + batch + '\\n');
    }
  `;
  const storeUrl = new URL('./sqlite-store.ts', import.meta.url).href;
  const child = spawn(process.execPath, ['--no-warnings', '--input-type=module', '-e', writer], {
    env: { ...process.env, LECTERN_WRITER: JSON.stringify({ file, sessionId, participantIds, storeUrl }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const acknowledged = () => [...stdout.matchAll(/^written (\d+)$/gm)].map((match) => Number(match[1]));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (acknowledged().length >= 3) child.kill('SIGKILL');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged());
      else reject(new Error(`writer exited with ${code} before it was killed: ${stderr}`));
    });
  });
}
