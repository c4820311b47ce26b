/** The records' pure helpers: CSV cells, attendance over presence stretches, pooled item statistics. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { itemStatistics } from '../../src/records/item-statistics.ts';
import { LoginThrottle } from '../../src/server/records/auth.ts';
import { csvCell, toCsv } from '../../src/server/records/csv.ts';
import { dashboard } from '../../src/server/records/dashboard.ts';
import { attendance, type SessionReport, sessionSpan } from '../../src/server/records/session-report.ts';
import type { ParticipantRecord, PresenceRecord, SessionRecord } from '../../src/store/store.ts';
import { moduleOne } from '../live/harness.ts';

describe('CSV', () => {
  it('quotes as RFC 4180 and neutralises formulas', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    for (const risky of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      assert.ok(csvCell(risky).replace(/^"/, '').startsWith("'"), risky);
    assert.equal(csvCell('=A1,B1'), `"'=A1,B1"`);
    assert.equal(csvCell(-5), '-5', 'numbers stay numbers');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(Number.NaN), '');
    assert.equal(toCsv([['a', 1], ['b']]), '\ufeffa,1\r\nb\r\n');
  });
});

describe('login throttle', () => {
  it('locks a username after the free failures, doubling, and forgets it on success', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LoginThrottle.FREE_FAILURES; i++) throttle.fail('x', 0);
    assert.equal(throttle.wait('x', 0), 0);
    throttle.fail('x', 0);
    assert.equal(throttle.wait('x', 0), 1000);
    throttle.fail('x', 0);
    assert.equal(throttle.wait('x', 0), 2000);
    assert.equal(throttle.wait('y', 0), 0);
    throttle.succeed('x');
    assert.equal(throttle.wait('x', 0), 0);
    for (let i = 0; i < 40; i++) throttle.fail('z', 0);
    assert.equal(throttle.wait('z', 0), LoginThrottle.MAX_LOCK_MS);
  });
});

describe('attendance', () => {
  const participant = (id: string, mergedInto: string | null = null): ParticipantRecord => ({
    id,
    sessionId: 's',
    name: id,
    contingent: null,
    role: null,
    tokenHash: id,
    recoveryCode: id,
    joinedAt: 0,
    mergedInto,
  });
  const stretch = (participantId: string, from: number, to: number | null): PresenceRecord => ({
    sessionId: 's',
    participantId,
    from,
    to,
  });
  const session = (ended: boolean) =>
    ({ state: { ended, activityEpochs: {}, assessment: null } }) as unknown as SessionRecord;

  it('sums stretches once, counts merged devices for the survivor and clips to the span', () => {
    const presence = [
      stretch('a', 1000, 5000),
      stretch('a', 4000, 7000), // a second device, overlapping
      stretch('b', 2000, 3000),
      stretch('b2', 6000, null), // merged into b, still connected
    ];
    const span = sessionSpan(session(false), presence, [], 11_000);
    assert.deepEqual(span, { from: 1000, to: 11_000, ms: 10_000 });
    const ms = attendance([participant('a'), participant('b'), participant('b2', 'b')], presence, span);
    assert.deepEqual(ms, { a: 6000, b: 1000 + 5000 });
  });

  it('ends an ended session at its last event, not at the last disconnection', () => {
    const presence = [stretch('a', 1000, 90_000), stretch('b', 2000, null)];
    const answers = [{ receivedAt: 4000 }] as never[];
    const span = sessionSpan(session(true), presence, answers, 100_000);
    assert.deepEqual(span, { from: 1000, to: 4000, ms: 3000 });
    assert.deepEqual(attendance([participant('a'), participant('b')], presence, span), { a: 3000, b: 2000 });
  });
});

describe('pooled item statistics', () => {
  it('equal Moodle’s figures for a single session', async () => {
    const course = await moduleOne();
    const itemIds = course.items.slice(0, 4).map((i) => i.id);
    const marks = [
      [1, 1, 0, 1],
      [1, 0, 0, 1],
      [0, 1, 1, 0],
      [1, 1, 1, 1],
      [0, 0, 0, 1],
    ];
    const participants = marks.map((row, p) => ({
      participantId: `p${p}`,
      assessment: row.reduce((a, b) => a + b, 0) / row.length,
      outcomes: {},
      items: Object.fromEntries(itemIds.map((id, i) => [id, row[i] ?? null])),
    }));
    const report = {
      plan: { itemIds, passMark: 0.8, timeLimitMinutes: 10, attempts: 1 },
      participants,
    } as unknown as SessionReport;
    const pooled = dashboard(course, [report]);
    const moodle = itemStatistics({
      items: itemIds.map((id) => ({ id, maxMark: 1, outcomes: [] })),
      attempts: participants.map((p) => ({ participantId: p.participantId, marks: p.items })),
    });
    for (const expected of moodle.items) {
      const got = pooled.items.find((i) => i.id === expected.id);
      assert.ok(got, expected.id);
      assert.equal(got.facility, expected.facility);
      for (const key of ['discriminationIndex', 'discriminativeEfficiency'] as const) {
        const a = got[key];
        const b = expected[key];
        assert.ok(a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9), `${expected.id} ${key}`);
      }
      assert.deepEqual(got.flags, expected.flags);
    }
    assert.equal(pooled.meanScore, participants.reduce((a, p) => a + p.assessment, 0) / participants.length);
  });
});
