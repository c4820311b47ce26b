import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { runStoreContract } from '../store.contract.ts';
import { openSqliteStore } from './sqlite-store.ts';

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
      assert.deepEqual({ ...db.prepare('SELECT version FROM schema_version').get() }, { version: 2 });
    } finally {
      db.close();
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
      state: {
        slide: 0,
        black: false,
        joining: true,
        ended: false,
        audience: { level: 'operational', components: ['military'] },
        activity: null,
        timer: { elapsedMs: 0, runningSince: null },
        activityEpochs: {},
      },
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
