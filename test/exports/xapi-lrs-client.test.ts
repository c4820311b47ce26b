/**
 * The LRS client against a loopback LRS: headers and basic auth, batching, order, retry with backoff
 * (and Retry-After), a refused batch retried one by one, the bounded queue; and with no LRS, or an LRS
 * that is not there, it does nothing harmful and never throws.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { createLrsClient, lrsConfigFromEnv } from '../../src/exports/xapi/lrs-client.ts';
import { newUuid, type Statement, VERBS } from '../../src/exports/xapi/statements.ts';

function statement(n: number): Statement {
  return {
    id: newUuid(),
    actor: { objectType: 'Agent', account: { homePage: 'https://lectern.example', name: `p-${n}` } },
    verb: VERBS.answered,
    object: { objectType: 'Activity', id: `https://lectern.example/courses/c/activities/a${n}` },
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  };
}

interface Received {
  headers: IncomingHttpHeaders;
  body: Statement[];
  path: string;
}

/** A loopback LRS whose answer to each POST is decided by `answer`. */
async function lrs(
  answer: (body: Statement[], n: number) => { status: number; headers?: Record<string, string> },
) {
  const received: Received[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Statement[];
      const reply = answer(body, n++);
      if (reply.status < 300) received.push({ headers: req.headers, body, path: req.url ?? '' });
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(reply.status < 300 ? JSON.stringify(body.map((s) => s.id)) : '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi`;
  servers.push(server);
  return { url, received, requests: () => n };
}

const servers: ReturnType<typeof createServer>[] = [];
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

const quiet = { log: () => {} };

describe('LRS client', () => {
  test('batches, in order, with the version header and basic auth, to <endpoint>/statements', async () => {
    const server = await lrs(() => ({ status: 200 }));
    const client = createLrsClient(
      { endpoint: server.url, username: 'key', password: 'sécret' },
      { batchSize: 10, batchDelayMs: 20, ...quiet },
    );
    const sent = Array.from({ length: 25 }, (_, i) => statement(i));
    for (const s of sent) client.send(s);
    await client.flush();
    assert.deepEqual(
      server.received.map((r) => r.body.length),
      [10, 10, 5],
    );
    assert.deepEqual(
      server.received.flatMap((r) => r.body.map((s) => s.id)),
      sent.map((s) => s.id),
    );
    const first = server.received[0] as Received;
    assert.equal(first.path, '/xapi/statements');
    assert.equal(first.headers['x-experience-api-version'], '1.0.3');
    assert.equal(first.headers['content-type'], 'application/json');
    assert.equal(first.headers.authorization, `Basic ${Buffer.from('key:sécret').toString('base64')}`);
    assert.deepEqual(client.stats(), { queued: 0, sent: 25, dropped: 0, rejected: 0, retries: 0 });
    await client.close();
  });

  test('retries on 503 (honouring Retry-After) without losing or reordering', async () => {
    const server = await lrs((_, n) =>
      n < 2 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 200 },
    );
    const client = createLrsClient(
      { endpoint: `${server.url}/` },
      { batchDelayMs: 5, retryDelayMs: 10, ...quiet },
    );
    const sent = [statement(1), statement(2), statement(3)];
    client.send(sent);
    await client.flush(5000);
    assert.deepEqual(
      server.received.flatMap((r) => r.body.map((s) => s.id)),
      sent.map((s) => s.id),
    );
    assert.equal(client.stats().retries, 2);
    await client.close();
  });

  test('a batch refused as malformed is retried one by one; only the bad statement is lost', async () => {
    const bad = statement(2);
    const server = await lrs((body) => ({ status: body.some((s) => s.id === bad.id) ? 400 : 200 }));
    const lines: string[] = [];
    const client = createLrsClient({ endpoint: server.url }, { batchDelayMs: 5, log: (m) => lines.push(m) });
    client.send([statement(1), bad, statement(3)]);
    await client.flush();
    assert.equal(server.received.flatMap((r) => r.body).length, 2);
    assert.deepEqual(client.stats(), { queued: 0, sent: 2, dropped: 0, rejected: 1, retries: 0 });
    assert.ok(lines.some((l) => /refused/.test(l)));
    await client.close();
  });

  test('the queue is bounded: the oldest statements go first while the LRS is down', async () => {
    let up = false;
    const server = await lrs(() => ({ status: up ? 200 : 503 }));
    const client = createLrsClient(
      { endpoint: server.url },
      { maxQueue: 5, batchDelayMs: 5, retryDelayMs: 20, maxDelayMs: 40, ...quiet },
    );
    const sent = Array.from({ length: 12 }, (_, i) => statement(i));
    client.send(sent.slice(0, 3));
    while (client.stats().retries === 0) await new Promise((r) => setTimeout(r, 5));
    for (const s of sent.slice(3)) client.send(s);
    assert.equal(client.stats().queued, 5);
    assert.equal(client.stats().dropped, 7);
    up = true;
    await client.flush(5000);
    assert.deepEqual(
      server.received.flatMap((r) => r.body.map((s) => s.id)),
      sent.slice(7).map((s) => s.id),
    );
    await client.close();
  });

  test('with no LRS configured: nothing is sent, nothing throws', async () => {
    assert.equal(lrsConfigFromEnv({}), null);
    const client = createLrsClient(lrsConfigFromEnv({ LECTERN_LRS_ENDPOINT: '  ' }));
    assert.equal(client.enabled, false);
    client.send(statement(1));
    client.send([statement(2), statement(3)]);
    await client.flush();
    await client.close();
    assert.deepEqual(client.stats(), { queued: 0, sent: 0, dropped: 0, rejected: 0, retries: 0 });
  });

  test('an endpoint that is not http(s) disables the client; an absent LRS never throws', async () => {
    const lines: string[] = [];
    const notHttp = createLrsClient({ endpoint: 'ftp://lrs.example' }, { log: (m) => lines.push(m) });
    assert.equal(notHttp.enabled, false);
    assert.equal(lines.length, 1);
    // A closed port: every request fails, flush and close still resolve.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const config = lrsConfigFromEnv({
      LECTERN_LRS_ENDPOINT: `http://127.0.0.1:${port}/xapi/`,
      LECTERN_LRS_USERNAME: 'a',
    });
    assert.deepEqual(config, { endpoint: `http://127.0.0.1:${port}/xapi/`, username: 'a' });
    const client = createLrsClient(config, { batchDelayMs: 1, retryDelayMs: 10, timeoutMs: 500, ...quiet });
    client.send(statement(1));
    await client.flush(300);
    assert.ok(client.stats().retries >= 1);
    assert.equal(client.stats().queued, 1);
    await client.close(100);
    client.send(statement(2)); // after close: ignored
    assert.equal(client.stats().queued, 1);
  });

  test('a hung LRS times out and is retried', async () => {
    let hang = true;
    const received: number[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (hang) {
          hang = false;
          return; // never answers
        }
        received.push(1);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('[]');
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const client = createLrsClient(
      { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
      { batchDelayMs: 1, retryDelayMs: 10, timeoutMs: 200, ...quiet },
    );
    client.send(statement(1));
    await client.flush(5000);
    assert.equal(received.length, 1);
    assert.equal(client.stats().sent, 1);
    await client.close();
  });
});
