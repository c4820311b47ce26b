/**
 * The training records over HTTP, against a real server on 127.0.0.1 and a real SQLite file: sign-in,
 * CSRF and roles; roster import (all or nothing, problems by line and column); a live session driven over
 * WebSocket (participants join, answer a slide activity and the assessment, short answers marked),
 * delivered to the cohort; results, completion and CSV exports; certificates issued only to those who
 * completed, verified through the API and the CLI, a tampered PDF rejected, a revocation shown.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import type { Item } from '../../src/content/model.ts';
import { allActivities } from '../../src/content/model.ts';
import { answerKey } from '../../src/live/activity-view.ts';
import type { Response } from '../../src/live/protocol.ts';
import type { Lectern } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { hashToken } from '../../src/server/tokens.ts';
import type { Store } from '../../src/store/store.ts';
import {
  type Client,
  type CreatedSession,
  clientId,
  command,
  createSession,
  INSTRUCTOR_KEY,
  moduleOne,
  participant,
  presenter,
  startTestServer,
  type TestServer,
} from '../live/harness.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'lectern.js');
const PASSWORD = 'correct horse battery staple';

let server: TestServer;
let dataDir: string;
let store: Store;
let lectern: Lectern;
let url: string;

before(async () => {
  server = await startTestServer({ dataDir: mkdtempSync(join(tmpdir(), 'lectern-records-')) });
  ({ dataDir, store, lectern } = server);
  url = lectern.url;
  for (const [username, role] of [
    ['coord', 'coordinator'],
    ['inst', 'instructor'],
    ['locked', 'coordinator'],
  ] as const) {
    await store.createAccount({
      id: `a_${username}`,
      username,
      displayName: username,
      passwordHash: await hashPassword(PASSWORD),
      role,
      createdAt: Date.now(),
    });
  }
});

after(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────

interface Reply {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
  bytes: Uint8Array<ArrayBuffer>;
}

class Browser {
  cookie = '';
  csrf = '';

  static async login(username: string, password = PASSWORD): Promise<Browser> {
    const b = new Browser();
    const reply = await b.request('POST', '/api/auth/login', { json: { username, password } });
    assert.equal(reply.status, 200, reply.text);
    return b;
  }

  async request(
    method: string,
    path: string,
    options: {
      json?: unknown;
      body?: string | Uint8Array<ArrayBuffer>;
      type?: string;
      csrf?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    let body: string | Uint8Array<ArrayBuffer> | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.type) headers['content-type'] = options.type;
    const res = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const value = /^lectern_session=([^;]*)/.exec(setCookie)?.[1] ?? '';
      this.cookie = value ? `lectern_session=${value}` : '';
    }
    let parsed: unknown = null;
    if ((res.headers.get('content-type') ?? '').startsWith('application/json')) parsed = JSON.parse(text);
    const json = parsed as { csrfToken?: string } | null;
    if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return { status: res.status, body: parsed, text, headers: res.headers, bytes };
  }
}

function errorCode(reply: Reply): string | undefined {
  return (reply.body as { error?: { code?: string } } | null)?.error?.code;
}

function runCli(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LECTERN_LANG: '' },
    ...(input === undefined ? {} : { input }),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function csv(text: string): string[][] {
  assert.ok(text.startsWith('\ufeff'), 'UTF-8 with a byte-order mark');
  return parse(text.slice(1), { relax_column_count: false }) as string[][];
}

async function correct(item: Item): Promise<Response> {
  if (item.type === 'short-answer') return { text: item.answer ?? 'answer' };
  const key = answerKey(item, await moduleOne());
  assert.ok(key, item.id);
  return key as Response;
}

async function wrong(item: Item): Promise<Response> {
  const key = answerKey(item, await moduleOne());
  switch (item.type) {
    case 'true-false':
      return { value: !(key as { value: boolean }).value };
    case 'single-choice':
      return { choice: ((key as { choice: number }).choice + 1) % item.options.length };
    case 'short-answer':
      return { text: 'no idea' };
    default:
      return correct(item);
  }
}

async function answer(client: Client, activityId: string, response: Response): Promise<void> {
  const reply = await client.request({ type: 'answer', clientId: clientId(), activityId, response });
  assert.equal(reply.type, 'ack', `${activityId}: ${JSON.stringify(reply)}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── sign-in, CSRF and roles ──────────────────────────────────────────────────────────────────────

describe('sign-in', () => {
  it('refuses every records API without a login (401)', async () => {
    const anonymous = new Browser();
    for (const [method, path] of [
      ['GET', '/api/cohorts'],
      ['POST', '/api/cohorts'],
      ['GET', '/api/auth/me'],
      ['GET', '/api/records/sessions'],
      ['GET', '/api/sessions/s_x/results'],
      ['POST', '/api/sessions/s_x/certificates'],
    ] as const) {
      const reply = await anonymous.request(method, path, { json: method === 'POST' ? {} : undefined });
      assert.equal(reply.status, 401, `${method} ${path}`);
      assert.equal(errorCode(reply), 'NOT_AUTHENTICATED');
    }
  });

  it('sets an HttpOnly, SameSite=Strict cookie of 12 h whose sha256 alone is stored', async () => {
    const b = new Browser();
    const reply = await b.request('POST', '/api/auth/login', {
      json: { username: 'Coord', password: PASSWORD },
    });
    assert.equal(reply.status, 200);
    const cookie = reply.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^lectern_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    const id = /^lectern_session=([^;]*)/.exec(cookie)?.[1] ?? '';
    const login = await store.findLogin(hashToken(id));
    assert.ok(login, 'the login is found by the hash of the cookie');
    assert.equal(await store.findLogin(id), undefined, 'the cookie itself is not stored');
    assert.ok(Math.abs((login?.expiresAt ?? 0) - (Date.now() + 12 * 3600_000)) < 60_000);
    const body = reply.body as { account: { username: string; role: string }; csrfToken: string };
    assert.equal(body.account.username, 'coord');
    assert.equal(body.account.role, 'coordinator');
    assert.ok(!('passwordHash' in body.account));
    const me = await b.request('GET', '/api/auth/me');
    assert.equal((me.body as { csrfToken: string }).csrfToken, body.csrfToken);
  });

  it('needs the CSRF token on every change (403), and logs out', async () => {
    const b = await Browser.login('coord');
    const create = (csrf: string | null) =>
      b.request('POST', '/api/cohorts', { json: { name: 'CSRF probe' }, csrf });
    assert.equal((await create(null)).status, 403);
    assert.equal(errorCode(await create(null)), 'FORBIDDEN');
    assert.equal((await create('x'.repeat(43))).status, 403);
    const other = await Browser.login('coord');
    assert.equal((await create(other.csrf)).status, 403, "another login's token does not do");
    const foreign = await b.request('POST', '/api/cohorts', {
      json: { name: 'Cross-site' },
      headers: { origin: 'http://evil.example' },
    });
    assert.equal(foreign.status, 403, 'a foreign Origin is refused');
    assert.equal((await create(b.csrf)).status, 201);

    assert.equal((await b.request('POST', '/api/auth/logout', { csrf: null })).status, 403);
    const out = await b.request('POST', '/api/auth/logout');
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
    assert.equal((await b.request('GET', '/api/cohorts')).status, 401);
  });

  it('lets instructors read and mark but not manage (403)', async () => {
    const inst = await Browser.login('inst');
    assert.equal((await inst.request('GET', '/api/cohorts')).status, 200);
    const reply = await inst.request('POST', '/api/cohorts', { json: { name: 'Not mine' } });
    assert.equal(reply.status, 403);
    assert.equal(errorCode(reply), 'FORBIDDEN');
  });

  it('never says whether a username exists, and backs off per username', async () => {
    const b = new Browser();
    const attempt = async (username: string, password: string) => {
      const started = performance.now();
      const reply = await b.request('POST', '/api/auth/login', { json: { username, password } });
      return { reply, ms: performance.now() - started };
    };
    const known = await attempt('inst', 'wrong password!');
    const unknown = await attempt('nobody-at-all', 'wrong password!');
    assert.equal(known.reply.status, 401);
    assert.equal(unknown.reply.status, 401);
    assert.equal(known.reply.text, unknown.reply.text, 'the same answer');
    assert.equal(errorCode(known.reply), 'LOGIN_FAILED');
    // Both run scrypt: neither answers in a fraction of the other's time.
    const ratio = known.ms / unknown.ms;
    assert.ok(ratio > 0.25 && ratio < 4, `${known.ms} ms vs ${unknown.ms} ms`);

    for (const username of ['locked', 'ghost-user']) {
      for (let i = 0; i < 4; i++) assert.equal((await attempt(username, 'bad password')).reply.status, 401);
      const next = await attempt(username, PASSWORD);
      assert.equal(next.reply.status, 429, `${username} is slowed down`);
      assert.equal(errorCode(next.reply), 'LOGIN_THROTTLED');
      assert.ok(Number(next.reply.headers.get('retry-after')) >= 1);
    }
    // Another username is not affected.
    assert.equal((await attempt('inst', PASSWORD)).reply.status, 200);
  });

  it('creates accounts from the command line, refusing short passwords', async () => {
    const short = runCli(
      ['account', 'create', 'shorty', '--role', 'instructor', '--data', dataDir],
      'short\n',
    );
    assert.equal(short.code, 1);
    assert.match(short.stderr, /at least 10/);
    const file = join(dataDir, 'password.txt');
    writeFileSync(file, 'a long enough password\n');
    const made = runCli([
      'account',
      'create',
      'Marie',
      '--role',
      'instructor',
      '--password-file',
      file,
      '--data',
      dataDir,
    ]);
    assert.equal(made.code, 0, made.stderr);
    const viaStdin = runCli(
      ['account', 'create', 'paul', '--role', 'coordinator', '--data', dataDir],
      `${PASSWORD}\n`,
    );
    assert.equal(viaStdin.code, 0, viaStdin.stderr);
    assert.equal(
      runCli(['account', 'create', 'paul', '--role', 'coordinator', '--data', dataDir], `${PASSWORD}\n`).code,
      1,
      'the same username twice',
    );
    assert.equal(
      runCli(['account', 'create', 'x', '--role', 'boss', '--data', dataDir], `${PASSWORD}\n`).code,
      2,
    );
    await Browser.login('marie', 'a long enough password');
    await Browser.login('paul');
  });
});

// ── cohorts, rosters, a live session, results, certificates ──────────────────────────────────────

const GOOD_ROSTER = `Name,Rank,Service number,Component,Contingent,Mission
Amina Diallo,Captain,SN-10021,Military,Senegal,MINUSMA
Ben Okafor,Inspector,PN-3341,Police,Nigeria,UNMISS
Carla Mendes,,,Civilian,Brazil,UNMISS
Kofi Mensah,Major,GH-7781,military,Ghana,UNMISS
`;

const BAD_ROSTER = `Nom;Grade;Matricule;Composante
Amina Diallo;Capitaine;SN-1;militaire
Ben Okafor;;;astronaute
;Major;SN-3;police
Carla Mendes;;SN-1;civile
`;

describe('records of a delivered session', () => {
  const coord = new Browser();
  const inst = new Browser();
  let cohortId = '';
  let session: CreatedSession;
  const ids: Record<string, string> = {};
  let certificateId = '';
  let pdf = new Uint8Array();

  before(async () => {
    Object.assign(coord, await Browser.login('coord'));
    Object.assign(inst, await Browser.login('inst'));
  });

  it('creates a cohort', async () => {
    const reply = await coord.request('POST', '/api/cohorts', {
      json: { name: 'POC course, March', place: 'Accra, Ghana', centre: 'KAIPTC' },
    });
    assert.equal(reply.status, 201, reply.text);
    cohortId = (reply.body as { id: string }).id;
    const list = (await coord.request('GET', '/api/cohorts')).body as { cohorts: { id: string }[] };
    assert.ok(list.cohorts.some((c) => c.id === cohortId));
  });

  it('refuses a roster with errors, by line and column in the request’s language, importing nothing', async () => {
    const reply = await coord.request('POST', `/api/cohorts/${cohortId}/roster`, {
      body: BAD_ROSTER,
      type: 'text/csv',
      headers: { 'accept-language': 'fr-FR,fr;q=0.9' },
    });
    assert.equal(reply.status, 422, reply.text);
    const body = reply.body as {
      error: {
        code: string;
        problems: { line: number; column: number; code: string; message: string }[];
      };
    };
    assert.equal(body.error.code, 'ROSTER_INVALID');
    const where = body.error.problems.map((p) => [p.line, p.column, p.code]);
    assert.deepEqual(where, [
      [3, 4, 'ROSTER_COMPONENT_INVALID'],
      [4, 1, 'ROSTER_FIELD_EMPTY'],
      [5, 3, 'ROSTER_DUPLICATE'],
    ]);
    assert.match(body.error.problems[0]?.message ?? '', /^Ligne 3, colonne 4/);
    const cohort = (await coord.request('GET', `/api/cohorts/${cohortId}`)).body as { roster: unknown[] };
    assert.deepEqual(cohort.roster, [], 'nothing imported');

    const wrongType = await coord.request('POST', `/api/cohorts/${cohortId}/roster`, {
      body: GOOD_ROSTER,
      type: 'application/json',
    });
    assert.equal(wrongType.status, 415);
    const byInstructor = await inst.request('POST', `/api/cohorts/${cohortId}/roster`, {
      body: GOOD_ROSTER,
      type: 'text/csv',
    });
    assert.equal(byInstructor.status, 403);
  });

  it('imports a good roster', async () => {
    const reply = await coord.request('POST', `/api/cohorts/${cohortId}/roster`, {
      body: GOOD_ROSTER,
      type: 'text/csv; charset=utf-8',
    });
    assert.equal(reply.status, 201, reply.text);
    const body = reply.body as { imported: number; roster: { id: string; name: string }[] };
    assert.equal(body.imported, 4);
    for (const entry of body.roster) ids[entry.name] = entry.id;
  });

  it('runs a live session over WebSocket and delivers it to the cohort', async () => {
    const course = await moduleOne();
    session = await createSession(url);
    const host = await presenter(url, session);
    const ana = await participant(url, session, 'Capt. Amina Diallo');
    const ben = await participant(url, session, 'Ben Okafor');
    const zed = await participant(url, session, 'Zed');
    const formula = await participant(url, session, '=1+2');
    ids.ana = ana.you.participantId;
    ids.ben = ben.you.participantId;
    ids.zed = zed.you.participantId;
    ids.formula = formula.you.participantId;

    // A scored slide activity.
    const activity = allActivities(course).find((a) => a.type === 'classify' && answerKey(a, course));
    assert.ok(activity);
    await command(host, { command: 'open', activityId: activity.id });
    await answer(ana.client, activity.id, answerKey(activity, course) as Response);
    await command(host, { command: 'reveal' });

    // Carla comes late: too little of the session to complete it, even with every answer right.
    await sleep(3000);
    const carla = await participant(url, session, 'Carla Mendes');
    ids.carla = carla.you.participantId;

    await command(host, { command: 'assessment', action: 'open' });
    const state = await ana.client.next('state', (m) => m.session.assessment?.status === 'open');
    const items = (state.session.assessment?.itemIds ?? []).map(
      (id) => course.items.find((i) => i.id === id) as Item,
    );
    assert.equal(items.length, 10);
    for (const item of items) {
      await answer(ana.client, item.id, await correct(item));
      await answer(carla.client, item.id, await correct(item));
      await answer(ben.client, item.id, await wrong(item));
    }
    for (const item of items.filter((i) => i.type === 'short-answer')) {
      for (const who of [ids.ana, ids.carla] as string[])
        await command(host, { command: 'mark', participantId: who, itemId: item.id, score: 1 });
    }
    await command(host, { command: 'assessment', action: 'close' });
    await command(host, { command: 'assessment', action: 'reveal' });
    await command(host, { command: 'end' });

    const link = await coord.request('PUT', `/api/sessions/${session.sessionId}/cohort`, {
      json: { cohortId },
    });
    assert.equal(link.status, 200, link.text);
    const linked = link.body as {
      linked: { participantId: string; rosterId: string }[];
      unmatched: { participantId: string; name: string }[];
    };
    assert.deepEqual(
      Object.fromEntries(linked.linked.map((l) => [l.participantId, l.rosterId])),
      {
        [ids.ana as string]: ids['Amina Diallo'],
        [ids.ben as string]: ids['Ben Okafor'],
        [ids.carla as string]: ids['Carla Mendes'],
      },
      'exact names are linked, titles ignored',
    );
    assert.deepEqual(linked.unmatched.map((u) => u.name).sort(), ['=1+2', 'Zed']);

    // The coordinator links Zed by hand; a roster entry cannot be held by two participants.
    const taken = await coord.request('PUT', `/api/participants/${ids.zed}/roster`, {
      json: { rosterId: ids['Ben Okafor'] },
    });
    assert.equal(taken.status, 409);
    const manual = await coord.request('PUT', `/api/participants/${ids.zed}/roster`, {
      json: { rosterId: ids['Kofi Mensah'] },
    });
    assert.equal(manual.status, 200, manual.text);
    for (const c of [host, ana.client, ben.client, zed.client, formula.client, carla.client]) c.close();
  });

  it('reports results and completion by the course’s rule', async () => {
    const reply = await inst.request('GET', `/api/sessions/${session.sessionId}/results`);
    assert.equal(reply.status, 200, reply.text);
    const report = reply.body as {
      participants: {
        participantId: string;
        name: string;
        rank: string | null;
        attendance: number;
        assessment: number | null;
        passed: boolean;
        completed: boolean;
        activities: Record<string, number>;
        unmarked: string[];
      }[];
      completion: { attendance: number; passAssessment: boolean };
      statistics: { items: { facility: number | null }[] };
      mastery: Record<string, number | null>;
      unmatched: { name: string }[];
      marking: { participantId: string; mark: number | null }[];
      items: { id: string }[];
    };
    const row = (id: string | undefined) => report.participants.find((p) => p.participantId === id);
    const ana = row(ids.ana);
    assert.equal(ana?.name, 'Amina Diallo', 'the roster’s name');
    assert.equal(ana?.rank, 'Captain');
    assert.equal(ana?.assessment, 1);
    assert.ok((ana?.attendance ?? 0) > 0.9, `attendance ${ana?.attendance}`);
    assert.equal(ana?.passed, true);
    assert.equal(ana?.completed, true);
    assert.deepEqual(Object.values(ana?.activities ?? {}), [1]);

    const carla = row(ids.carla);
    assert.equal(carla?.passed, true);
    assert.ok((carla?.attendance ?? 1) < report.completion.attendance, `attendance ${carla?.attendance}`);
    assert.equal(carla?.completed, false, 'passed but attended too little');

    const ben = row(ids.ben);
    assert.equal(ben?.passed, false);
    assert.equal(ben?.completed, false);
    assert.ok((ben?.unmarked.length ?? 0) >= 0);

    const zed = row(ids.zed);
    assert.equal(zed?.name, 'Kofi Mensah', 'linked by hand');
    assert.equal(zed?.assessment, null);
    assert.deepEqual(
      report.unmatched.map((u) => u.name),
      ['=1+2'],
    );
    assert.equal(report.statistics.items.length, 10);
    assert.ok(Object.keys(report.mastery).length === 5);

    // An instructor marks over HTTP: one of Ben's short answers waiting for a mark if his paper has one,
    // else overrides the machine's score of his first item.
    const waiting = report.marking.find((m) => m.participantId === ids.ben && m.mark === null) as
      | { itemId: string }
      | undefined;
    const item = waiting?.itemId ?? report.items[0]?.id ?? '';
    const marked = await inst.request('PUT', `/api/sessions/${session.sessionId}/marks`, {
      json: { participantId: ids.ben, itemId: item, score: 0.5 },
    });
    assert.equal(marked.status, 200, marked.text);
    const again = (await inst.request('GET', `/api/sessions/${session.sessionId}/results`)).body as {
      participants: { participantId: string; unmarked: string[]; items: Record<string, number | null> }[];
    };
    const benAgain = again.participants.find((p) => p.participantId === ids.ben);
    assert.ok(!benAgain?.unmarked.includes(item));
    assert.equal(benAgain?.items[item], 0.5);
    const marks = await store.listMarks(session.sessionId);
    assert.equal(marks.find((m) => m.participantId === ids.ben && m.itemId === item)?.markedBy, 'inst');
    const outside = await inst.request('PUT', `/api/sessions/${session.sessionId}/marks`, {
      json: { participantId: ids.ben, itemId: 'not-on-the-paper', score: 1 },
    });
    assert.equal(outside.status, 404);
  });

  it('exports CSV files that parse back, safe from formula injection', async () => {
    const results = await coord.request('GET', `/api/sessions/${session.sessionId}/results.csv`);
    assert.equal(results.status, 200);
    assert.match(results.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(results.headers.get('content-disposition') ?? '', /attachment; filename=".*results\.csv"/);
    assert.match(results.text, /\r\n/);
    const rows = csv(results.text);
    const header = rows[0] ?? [];
    assert.equal(header[0], 'Name');
    assert.equal(rows.length, 6, 'a heading and five participants');
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    const ana = byName.get('Amina Diallo') ?? [];
    assert.equal(ana[header.indexOf('Assessment score (%)')], '100');
    assert.equal(ana[header.indexOf('Completed')], 'yes');
    assert.ok(
      rows.some((r) => r[1] === "'=1+2"),
      'the formula is neutralised',
    );
    assert.ok(!results.text.includes(',=1+2'));

    const french = await coord.request('GET', `/api/sessions/${session.sessionId}/results.csv`, {
      headers: { 'accept-language': 'fr' },
    });
    assert.equal(csv(french.text)[0]?.[0], 'Nom');

    const attendance = csv(
      (await coord.request('GET', `/api/sessions/${session.sessionId}/attendance.csv`)).text,
    );
    assert.equal(attendance.length, 6);
    assert.ok(Number(attendance[1]?.[6]) >= 0);

    const statistics = csv(
      (await coord.request('GET', `/api/sessions/${session.sessionId}/item-statistics.csv`)).text,
    );
    assert.equal(statistics.length, 11, 'a heading and ten items');
    assert.equal(statistics[0]?.[5], 'Facility (%)');

    const cohort = csv((await coord.request('GET', `/api/cohorts/${cohortId}/results.csv`)).text);
    assert.equal(cohort.length, 6);
    assert.equal(cohort[1]?.[0], session.code);
  });

  it('shows the cohort’s figures', async () => {
    const reply = await coord.request('GET', `/api/cohorts/${cohortId}`);
    const body = reply.body as {
      sessions: unknown[];
      dashboard: {
        participants: number;
        completed: number;
        completionRate: number;
        meanScore: number;
        items: { facility: number | null; flags: Record<string, boolean> }[];
        outcomeRollup: { outcome: string; itemIds: string[] }[];
        mastery: Record<string, number | null>;
      };
    };
    assert.equal(body.sessions.length, 1);
    assert.equal(body.dashboard.participants, 5);
    assert.equal(body.dashboard.completed, 1);
    assert.equal(body.dashboard.completionRate, 0.2);
    assert.ok(body.dashboard.meanScore > 0.5 && body.dashboard.meanScore < 1);
    assert.equal(body.dashboard.items.length, 10);
    assert.equal(body.dashboard.outcomeRollup.length, 5);
    assert.ok(body.dashboard.outcomeRollup.every((o) => o.itemIds.length >= 2));
    const all = (await coord.request('GET', '/api/cohorts')).body as {
      cohorts: { id: string; completionRate: number | null }[];
      dashboard: { participants: number };
    };
    assert.equal(all.cohorts.find((c) => c.id === cohortId)?.completionRate, 0.2);
    assert.equal(all.dashboard.participants, 5);
  });

  it('issues certificates only to those who completed', async () => {
    const path = `/api/sessions/${session.sessionId}/certificates`;
    assert.equal((await inst.request('POST', path)).status, 403, 'coordinators only');
    const reply = await coord.request('POST', path);
    assert.equal(reply.status, 200, reply.text);
    const body = reply.body as {
      issued: string[];
      certificates: { id: string; participantId: string; name: string }[];
    };
    assert.equal(body.issued.length, 1);
    assert.equal(body.certificates[0]?.participantId, ids.ana);
    assert.equal(body.certificates[0]?.name, 'Amina Diallo');
    certificateId = body.issued[0] ?? '';
    assert.match(certificateId, /^LEC-[0-9A-Z]{10}$/);
    const twice = (await coord.request('POST', path)).body as { issued: string[] };
    assert.deepEqual(twice.issued, [], 'not issued twice');

    const stored = await store.getCertificate(certificateId);
    assert.ok(stored);
    const data = (stored.signed as { data: Record<string, unknown> }).data;
    assert.deepEqual(data.participant, {
      name: 'Amina Diallo',
      rank: 'Captain',
      serviceNumber: 'SN-10021',
      component: 'military',
      contingent: 'Senegal',
    });
    assert.equal(data.place, 'Accra, Ghana');
    assert.deepEqual(data.issuer, { centre: 'KAIPTC' });
    assert.equal(data.hours, 0.75, '35 + 10 minutes');
    assert.equal((data.outcomes as string[]).length, 5);

    const zip = await coord.request('GET', `${path}.zip`);
    assert.equal(zip.status, 200);
    const files = Object.keys((await JSZip.loadAsync(zip.bytes)).files);
    assert.deepEqual(files, [`${certificateId}-Amina-Diallo.pdf`]);
    const batch = await coord.request('GET', `${path}.pdf`);
    assert.equal(new TextDecoder().decode(batch.bytes.slice(0, 5)), '%PDF-');

    // The cohort's batch gathers every session of the cohort: here the one session.
    const cohortZip = await coord.request('GET', `/api/cohorts/${cohortId}/certificates.zip`);
    assert.equal(cohortZip.status, 200, cohortZip.text);
    assert.deepEqual(Object.keys((await JSZip.loadAsync(cohortZip.bytes)).files), files);
    const cohortPdf = await coord.request('GET', `/api/cohorts/${cohortId}/certificates.pdf`);
    assert.equal(new TextDecoder().decode(cohortPdf.bytes.slice(0, 5)), '%PDF-');
    assert.equal(
      (await new Browser().request('GET', `/api/cohorts/${cohortId}/certificates.zip`)).status,
      401,
    );
  });

  it('verifies a certificate by id, through the API and the CLI', async () => {
    const reply = await new Browser().request('GET', `/api/verify/${certificateId}`);
    const body = reply.body as { status: string; details: { name: string; centre: string; date: string } };
    assert.equal(body.status, 'valid');
    assert.equal(body.details.name, 'Amina Diallo');
    assert.equal(body.details.centre, 'KAIPTC');
    assert.match(body.details.date, /^\d{4}-\d{2}-\d{2}$/);
    const unknown = (await new Browser().request('GET', '/api/verify/LEC-0000000000')).body as {
      status: string;
    };
    assert.equal(unknown.status, 'unknown');
    const page = await new Browser().request('GET', `/verify/${certificateId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /\/assets\/verify\.js/);

    const cli = runCli(['verify', certificateId, '--data', dataDir]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, new RegExp(`Certificate ${certificateId}: valid`));
    assert.match(cli.stdout, /Name: Amina Diallo/);
    assert.match(cli.stdout, /Issued by: KAIPTC/);
    assert.equal(runCli(['verify', 'LEC-0000000000', '--data', dataDir]).code, 1);
  });

  it('verifies the PDF file, and rejects a tampered one', async () => {
    const download = await coord.request('GET', `/api/certificates/${certificateId}.pdf`);
    assert.equal(download.status, 200);
    pdf = download.bytes;
    const check = await new Browser().request('POST', '/api/verify', { body: pdf, type: 'application/pdf' });
    const body = check.body as { status: string; file: { status: string; checked: string } };
    assert.equal(body.status, 'valid', check.text);
    assert.equal(body.file.checked, 'page');
    const file = join(dataDir, 'certificate.pdf');
    writeFileSync(file, pdf);
    const cli = runCli(['verify', file, '--data', dataDir]);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);

    // Same length, another name in the embedded signed data.
    const text = Buffer.from(pdf).toString('latin1');
    assert.ok(text.includes('"name": "Amina Diallo"'));
    const tampered = Buffer.from(text.replace('"name": "Amina Diallo"', '"name": "Amina Dialla"'), 'latin1');
    const refused = await new Browser().request('POST', '/api/verify', {
      body: new Uint8Array(tampered),
      type: 'application/pdf',
    });
    assert.equal((refused.body as { status: string }).status, 'tampered', refused.text);
    const tamperedFile = join(dataDir, 'tampered.pdf');
    writeFileSync(tamperedFile, tampered);
    const cliRefused = runCli(['verify', tamperedFile, '--data', dataDir]);
    assert.equal(cliRefused.code, 1);
    assert.match(cliRefused.stdout, /tampered/);
    const notPdf = await new Browser().request('POST', '/api/verify', {
      body: 'hello',
      type: 'application/pdf',
    });
    assert.equal((notPdf.body as { status: string }).status, 'unsigned');
  });

  it('revokes a certificate (coordinators only), recorded with who and when', async () => {
    const path = `/api/certificates/${certificateId}/revoke`;
    assert.equal((await inst.request('POST', path, { json: { reason: 'x' } })).status, 403);
    assert.equal((await coord.request('POST', path, { json: { reason: 'x' }, csrf: null })).status, 403);
    const reply = await coord.request('POST', path, { json: { reason: 'Issued to the wrong person' } });
    assert.equal(reply.status, 200, reply.text);
    const stored = await store.getCertificate(certificateId);
    assert.equal(stored?.revokedBy, 'coord');
    assert.ok(stored?.revokedAt && Math.abs(stored.revokedAt - Date.now()) < 60_000);

    const verify = (await new Browser().request('GET', `/api/verify/${certificateId}`)).body as {
      status: string;
      reason: string;
      revokedAt: number;
    };
    assert.equal(verify.status, 'revoked');
    assert.equal(verify.reason, 'Issued to the wrong person');
    const file = (await new Browser().request('POST', '/api/verify', { body: pdf, type: 'application/pdf' }))
      .body as { status: string; file: { status: string } };
    assert.equal(file.status, 'revoked');
    assert.equal(file.file.status, 'valid', 'the file itself is genuine');
    const cli = runCli(['verify', certificateId, '--data', dataDir]);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /revoked/);
    assert.match(cli.stdout, /Issued to the wrong person/);

    const list = (await coord.request('GET', `/api/sessions/${session.sessionId}/certificates`)).body as {
      revokedAt: number | null;
    }[];
    assert.ok(list[0]?.revokedAt);
    assert.equal(
      (await coord.request('GET', `/api/sessions/${session.sessionId}/certificates.zip`)).status,
      404,
    );
  });

  // Last: a second session of the cohort would change the cohort's figures checked above.
  it('adds a participant who is not on the roster to it, linked, once', async () => {
    const extra = await createSession(lectern.url, INSTRUCTOR_KEY);
    const late = await participant(lectern.url, extra, 'Late Arrival');
    const delivered = await coord.request('PUT', `/api/sessions/${extra.sessionId}/cohort`, {
      json: { cohortId },
    });
    assert.equal(delivered.status, 200, delivered.text);
    const path = `/api/participants/${late.you.participantId}/roster`;
    assert.equal((await inst.request('POST', path, { json: { component: 'police' } })).status, 403);
    const added = await coord.request('POST', path, { json: { component: 'police', rank: 'Insp.' } });
    assert.equal(added.status, 201, added.text);
    const { rosterId } = added.body as { rosterId: string };
    const roster = (await store.listRoster(cohortId)).find((e) => e.id === rosterId);
    assert.deepEqual(roster && [roster.name, roster.rank, roster.component], [
      'Late Arrival',
      'Insp.',
      'police',
    ]);
    assert.deepEqual(await store.listParticipantLinks(extra.sessionId), {
      [late.you.participantId]: rosterId,
    });
    assert.equal((await coord.request('POST', path, { json: { component: 'police' } })).status, 409);
    late.client.close();
  });
});
