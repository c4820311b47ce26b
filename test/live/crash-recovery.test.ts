/**
 * kill -9 of the server in the middle of an activity, then a restart: the session resumes where it
 * was, every acknowledged answer is there, and nothing is counted twice.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Client, clientId, command, createSession, participant, presenter } from './harness.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'lectern.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `lectern start` as a real process and resolves once it prints that it is serving. */
function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--host', '127.0.0.1', '--port', String(port), '--data', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`lectern start did not start: ${output}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Lectern is serving')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`lectern start exited with ${code}: ${output}`)));
  });
}

const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

describe('crash recovery', () => {
  it('resumes a session after kill -9 with every acknowledged answer', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lectern-crash-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await startProcess(dataDir, port);
    children.push(first);
    const key = readFileSync(join(dataDir, 'instructor.key'), 'utf8').trim();
    assert.ok(key.length >= 16, 'an instructor key is created on first start');

    const session = await createSession(url, key);
    const host = await presenter(url, session);
    await command(host, { command: 'goto', slide: 7 });
    await command(host, { command: 'open', activityId: 'act-violence-types' });
    const people = await Promise.all(
      ['Ana', 'Ben', 'Chidi', 'Dana', 'Eli'].map((n) => participant(url, session, n)),
    );
    const sent = await Promise.all(
      people.map(async ({ client }, i) => {
        const id = clientId();
        const reply = await client.request({
          type: 'answer',
          clientId: id,
          activityId: 'act-violence-types',
          response: { text: i % 2 ? 'Looting' : 'Forced displacement' },
        });
        assert.equal(reply.type, 'ack');
        return id;
      }),
    );

    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    for (const { client } of people) client.close();
    host.close();

    const second = await startProcess(dataDir, port);
    children.push(second);

    const back = await Client.connect(url);
    back.send({ type: 'present', sessionId: session.sessionId, token: session.presenterToken });
    const welcome = await back.next('welcome');
    assert.equal(welcome.session.slide, 7);
    assert.deepEqual(welcome.session.activity, { id: 'act-violence-types', status: 'open', epoch: 0 });
    assert.equal(welcome.session.participants, 5);
    const results = await back.next('results');
    assert.equal(results.results.responses, 5);

    // A phone that never got its ack sends the same answer again: it is recognised, not counted twice.
    const phone = await Client.connect(url);
    const [firstPerson] = people;
    assert.ok(firstPerson);
    phone.send({ type: 'rejoin', code: session.code, token: firstPerson.you.token });
    const rejoined = await phone.next('welcome');
    assert.equal(rejoined.answers?.length, 1);
    const resend = await phone.request({
      type: 'answer',
      clientId: sent[0] ?? '',
      activityId: 'act-violence-types',
      response: { text: 'Forced displacement' },
    });
    assert.deepEqual(resend.type === 'ack' && resend.duplicate, true);
    phone.close();
    back.close();
    second.kill('SIGKILL');
  });
});
