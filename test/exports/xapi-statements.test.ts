/**
 * The xAPI statement builders and the statement schema: every statement built for Module 1's
 * activities and items, for every activity type, for cmi5 and for live sessions is a valid xAPI 1.0.3
 * statement; the schema refuses what the specification refuses; the cmi5 checker finds broken rules.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { interactionModel, pattern12, pattern2004 } from '../../src/exports/scorm/interactions.ts';
import { cmi5SessionProblems } from '../../src/exports/xapi/cmi5-rules.ts';
import {
  activityIri,
  answeredStatement,
  auIri,
  CMI5,
  type Context,
  cmi5AllowedContext,
  cmi5Statement,
  DEFAULT_XAPI_BASE,
  isoDuration,
  liveActor,
  liveAnsweredStatement,
  liveResultStatement,
  mergeContext,
  newUuid,
  type Statement,
  VERBS,
} from '../../src/exports/xapi/statements.ts';
import { statementProblems } from '../../src/exports/xapi/validate-statement.ts';
import type { AnswerKey, PublicActivity } from '../../src/live/activity-view.ts';
import { buildSelfPacedPackage } from '../../src/selfpaced/build-package.ts';
import { moduleOne } from '../fixtures/lms/module-one.ts';

const actor = {
  objectType: 'Agent' as const,
  account: { homePage: 'https://lms.example', name: 'learner-1' },
};
const registration = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const sessionId = 'c6a0c4a4-4d0f-4f39-9d39-3b3f0c1f5d11';
const template: Context = {
  contextActivities: { grouping: [{ objectType: 'Activity', id: auIri(DEFAULT_XAPI_BASE, 'poc') }] },
  extensions: { [CMI5.sessionId]: sessionId },
};
const at = (n: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, n)).toISOString();

function valid(statement: unknown): void {
  assert.deepEqual(statementProblems(statement), [], JSON.stringify(statement, null, 1));
}

/** One view and key per activity type, in the shapes the public views have. */
const SAMPLES: { view: PublicActivity; key: AnswerKey | null; response: unknown; score: number | null }[] = [
  {
    view: { id: 'poll', type: 'poll', prompt: 'Which?', options: ['A', 'B'] },
    key: null,
    response: { choice: 1 },
    score: null,
  },
  {
    view: { id: 'sc', type: 'single-choice', prompt: 'One', options: ['A', 'B', 'C'] },
    key: { choice: 2 },
    response: { choice: 0 },
    score: 0,
  },
  {
    view: { id: 'mc', type: 'multiple-choice', prompt: 'Some', options: ['A', 'B', 'C'] },
    key: { choices: [0, 2] },
    response: { choices: [0, 2] },
    score: 1,
  },
  {
    view: { id: 'tf', type: 'true-false', prompt: 'True?' },
    key: { value: false },
    response: { value: false },
    score: 1,
  },
  { view: { id: 'qa', type: 'qa', prompt: 'Questions?' }, key: null, response: null, score: null },
  {
    view: { id: 'ot', type: 'open-text', prompt: 'A word', maxLength: 80 },
    key: null,
    response: { text: 'Fear [,] and {x}' },
    score: null,
  },
  {
    view: { id: 'sa', type: 'short-answer', prompt: 'Explain', maxLength: 300 },
    key: { text: 'Model answer' },
    response: { text: 'x'.repeat(300) },
    score: null,
  },
  {
    view: {
      id: 'sort',
      type: 'sort',
      prompt: 'Sort',
      categories: [
        { id: 'life', label: 'Life' },
        { id: 'prop', label: 'Property' },
      ],
      items: ['Murder', 'Looting', 'Arson'],
    },
    key: { categories: ['life', 'prop', 'prop'] },
    response: { categories: ['life', null, 'life'] },
    score: 0.5,
  },
  {
    view: {
      id: 'cls',
      type: 'classify',
      prompt: 'Classify',
      categories: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
      items: ['x', 'y'],
    },
    key: { categories: ['a', 'b'] },
    response: { categories: ['a', 'b'] },
    score: 1,
  },
  {
    view: { id: 'match', type: 'match', prompt: 'Match', lefts: ['L1', 'L2'], rights: ['R2', 'R1'] },
    key: { matches: [1, 0] },
    response: { matches: [1, null] },
    score: 0.5,
  },
  {
    view: { id: 'order', type: 'order', prompt: 'Order', items: ['c', 'a', 'b'] },
    key: { order: [1, 2, 0] },
    response: { order: [0, 1, 2] },
    score: 0,
  },
];

describe('answered statements', () => {
  test('every activity type gives a valid statement with the interaction definition', () => {
    for (const [i, sample] of SAMPLES.entries()) {
      const statement = answeredStatement({
        base: DEFAULT_XAPI_BASE,
        courseId: 'poc-module-1',
        lang: 'en',
        id: newUuid(),
        timestamp: at(i),
        actor,
        outcomes: ['LO1', 'LO3'],
        ...sample,
        context: cmi5AllowedContext(template, registration),
        parent: { objectType: 'Activity', id: 'https://lms.example/au/1' },
      });
      valid(statement);
      assert.equal(
        statement.object.id,
        `https://lectern.example/courses/poc-module-1/activities/${sample.view.id}`,
      );
      assert.equal(statement.object.definition?.type, 'http://adlnet.gov/expapi/activities/cmi.interaction');
      if (sample.score !== null) {
        assert.equal(statement.result?.score?.scaled, sample.score);
        assert.equal(statement.result?.success, sample.score === 1);
      } else {
        assert.equal(statement.result?.score, undefined);
      }
      // The template is kept, the outcomes added.
      assert.equal(statement.context?.extensions?.[CMI5.sessionId], sessionId);
      assert.deepEqual(statement.context?.extensions?.['https://lectern.example/xapi/extensions/outcomes'], [
        'LO1',
        'LO3',
      ]);
      const grouping = statement.context?.contextActivities?.grouping?.map((a) => a.id) ?? [];
      assert.ok(grouping.includes(auIri(DEFAULT_XAPI_BASE, 'poc')));
      assert.ok(grouping.includes('https://lectern.example/courses/poc-module-1/outcomes/LO1'));
    }
  });

  test('responses in the characterstring notation', () => {
    const by = Object.fromEntries(
      SAMPLES.map((s) => {
        const m = interactionModel(s.view, s.key, s.response);
        return [
          s.view.id,
          {
            kind: m.kind,
            r: m.response && pattern2004(m.response, m.kind),
            r12: m.response && pattern12(m.response),
            c: m.correct && pattern2004(m.correct, m.kind),
          },
        ];
      }),
    );
    assert.deepEqual(by.mc, { kind: 'choice', r: 'a[,]c', r12: 'a,c', c: 'a[,]c' });
    assert.deepEqual(by.tf, { kind: 'true-false', r: 'false', r12: 'f', c: 'false' });
    assert.deepEqual(by.sort, {
      kind: 'matching',
      r: '0[.]a[,]2[.]a',
      r12: '0.a,2.a',
      c: '0[.]a[,]1[.]b[,]2[.]b',
    });
    assert.deepEqual(by.match, { kind: 'matching', r: '0[.]b', r12: '0.b', c: '0[.]b[,]1[.]a' });
    assert.deepEqual(by.order, { kind: 'sequencing', r: 'a[,]b[,]c', r12: 'a,b,c', c: 'b[,]c[,]a' });
    assert.equal(by.ot?.r, 'Fear ,  and {x}', 'the delimiter cannot split a text answer');
    assert.equal(by.sa?.kind, 'long-fill-in');
    assert.equal(by.sa?.c, null, 'a model answer is no correct pattern');
  });

  test('Module 1: every activity and item, answered right, is a valid statement', async () => {
    const course = await moduleOne();
    const pkg = buildSelfPacedPackage(course);
    const entries = [...Object.values(pkg.activities), ...Object.values(pkg.assessment.items)];
    assert.ok(entries.length >= 15);
    for (const entry of entries) {
      const statement = answeredStatement({
        base: 'https://training.example.org/lectern/',
        courseId: pkg.courseId,
        lang: pkg.language,
        id: newUuid(),
        timestamp: at(1),
        actor,
        view: entry.view,
        key: entry.key,
        response: entry.key,
        score: entry.key && !('text' in entry.key) ? 1 : null,
        outcomes: entry.outcomes,
      });
      valid(statement);
      assert.ok(
        statement.object.id.startsWith(
          'https://training.example.org/lectern/courses/poc-module-1/activities/',
        ),
      );
    }
  });

  test('any text, score and outcome list gives a valid statement (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400, unit: 'grapheme' }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
        fc.array(fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/), { maxLength: 5 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (text, score, outcomes, id) => {
          const statement = answeredStatement({
            base: DEFAULT_XAPI_BASE,
            courseId: 'c 1/é',
            lang: 'fr',
            id: newUuid(),
            timestamp: at(2),
            actor,
            view: { id, type: 'short-answer', prompt: text, maxLength: 300 },
            key: null,
            response: { text },
            score,
            outcomes,
          });
          return statementProblems(statement).length === 0;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('cmi5 defined statements', () => {
  const base = { actor, activityId: 'https://lms.example/au/1', registration, contextTemplate: template };
  test('each verb: valid, with the cmi5 category, moveon only with success or completion', () => {
    const verbs = ['initialized', 'completed', 'passed', 'terminated'] as const;
    const statements = verbs.map((verb, i) =>
      cmi5Statement({
        ...base,
        verb,
        id: newUuid(),
        timestamp: at(i),
        ...(verb === 'initialized' ? {} : { durationMs: 61_234 }),
        ...(verb === 'passed' ? { score: 0.9, masteryScore: 0.8 } : {}),
      }),
    );
    for (const s of statements) valid(s);
    assert.deepEqual(
      cmi5SessionProblems(statements, {
        activityId: base.activityId,
        registration,
        sessionId,
        masteryScore: 0.8,
      }),
      [],
    );
    const [initialized, completed, passed, terminated] = statements as [
      Statement,
      Statement,
      Statement,
      Statement,
    ];
    assert.equal(initialized.result, undefined);
    assert.deepEqual(completed.result, { completion: true, duration: 'PT1M1.23S' });
    assert.deepEqual(passed.result?.score, { scaled: 0.9, raw: 90, min: 0, max: 100 });
    assert.equal(passed.context?.extensions?.[CMI5.masteryScore], 0.8);
    assert.ok(passed.context?.contextActivities?.category?.some((a) => a.id === CMI5.categoryMoveOn));
    assert.ok(!terminated.context?.contextActivities?.category?.some((a) => a.id === CMI5.categoryMoveOn));
    assert.equal(terminated.context?.registration, registration);
  });

  test('the checker finds broken cmi5 rules', () => {
    const make = (
      verb: 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated',
      n: number,
      extra = {},
    ) => cmi5Statement({ ...base, verb, id: newUuid(), timestamp: at(n), durationMs: 1000, ...extra });
    const expect = { activityId: base.activityId, registration, sessionId, masteryScore: 0.8 };
    const problems = (list: Statement[], more = {}) =>
      cmi5SessionProblems(list, { ...expect, ...more }).join('\n');
    assert.match(
      problems([make('completed', 0), make('terminated', 1)]),
      /first statement is not initialized/,
    );
    assert.match(
      problems([make('initialized', 0), make('completed', 1)]),
      /last statement is not terminated/,
    );
    assert.match(
      problems([
        make('initialized', 0),
        make('passed', 1, { score: 0.9, masteryScore: 0.8 }),
        make('failed', 2, { score: 0.1, masteryScore: 0.8 }),
        make('terminated', 3),
      ]),
      /both passed and failed/,
    );
    assert.match(
      problems([
        make('initialized', 0),
        make('passed', 1, { score: 0.5, masteryScore: 0.8 }),
        make('terminated', 2),
      ]),
      /passed below mastery/,
    );
    assert.match(
      problems([make('initialized', 0), make('completed', 1), make('terminated', 2)], {
        earlier: ['completed'],
      }),
      /second completed/,
    );
    assert.match(
      problems(
        [make('initialized', 0), make('failed', 1, { score: 0.1, masteryScore: 0.8 }), make('terminated', 2)],
        { earlier: ['passed'] },
      ),
      /failed after passed/,
    );
    assert.match(
      problems([make('initialized', 0), make('terminated', 1)], { sessionId: 'other' }),
      /session id/,
    );
    const noDuration = make('terminated', 1);
    delete noDuration.result;
    assert.match(problems([make('initialized', 0), noDuration]), /no duration/);
  });

  test('mergeContext adds to the template and never overwrites it', () => {
    const merged = mergeContext(template, {
      registration,
      contextActivities: { grouping: [{ id: 'https://x.example/g' }], category: [{ id: CMI5.categoryCmi5 }] },
      extensions: { [CMI5.sessionId]: 'forged', 'https://x.example/e': 1 },
    });
    assert.equal(merged.extensions?.[CMI5.sessionId], sessionId);
    assert.equal(merged.extensions?.['https://x.example/e'], 1);
    assert.deepEqual(
      merged.contextActivities?.grouping?.map((a) => a.id),
      [auIri(DEFAULT_XAPI_BASE, 'poc'), 'https://x.example/g'],
    );
    assert.equal(merged.registration, registration);
    assert.equal(template.contextActivities?.grouping?.length, 1, 'the template itself is untouched');
  });
});

describe('live session statements', () => {
  test('answered and result statements are valid, about the course and the session', () => {
    const who = liveActor('http://10.0.0.2:8080', 'p-123', 'Amina');
    const answered = liveAnsweredStatement({
      base: DEFAULT_XAPI_BASE,
      courseId: 'poc-module-1',
      lang: 'en',
      sessionId: 's-1',
      actor: who,
      view: SAMPLES[1]?.view as PublicActivity,
      key: { choice: 2 },
      response: { choice: 2 },
      score: 1,
      outcomes: ['LO2'],
      id: newUuid(),
      timestamp: at(3),
    });
    valid(answered);
    assert.equal(
      answered.context?.contextActivities?.parent?.[0]?.id,
      'https://lectern.example/courses/poc-module-1',
    );
    assert.equal(
      answered.context?.contextActivities?.grouping?.[0]?.id,
      'https://lectern.example/courses/poc-module-1/sessions/s-1',
    );
    for (const verb of ['attended', 'completed', 'passed', 'failed'] as const) {
      const s = liveResultStatement({
        base: DEFAULT_XAPI_BASE,
        courseId: 'poc-module-1',
        lang: 'en',
        sessionId: 's-1',
        actor: who,
        verb,
        ...(verb === 'passed' || verb === 'failed' ? { score: verb === 'passed' ? 0.9 : 0.2 } : {}),
        durationMs: 3_600_000,
        id: newUuid(),
        timestamp: at(4),
      });
      valid(s);
      assert.equal(s.verb.id, VERBS[verb].id);
      assert.equal(s.result?.duration, 'PT1H0S');
    }
  });
});

describe('the statement schema', () => {
  const good: Statement = {
    id: newUuid(),
    actor: { objectType: 'Agent', mbox: 'mailto:jane@example.org', name: 'Jane' },
    verb: VERBS.answered,
    object: { objectType: 'Activity', id: activityIri(DEFAULT_XAPI_BASE, 'c', 'a') },
    result: { score: { scaled: 0.5, raw: 5, min: 0, max: 10 }, duration: 'PT2.5S' },
    timestamp: at(0),
  };
  // biome-ignore lint/suspicious/noExplicitAny: statements broken on purpose, property by property
  type Loose = Record<string, any>;
  const broken = (change: (s: Loose) => void): unknown => {
    const s = structuredClone(good) as Loose;
    change(s);
    return s;
  };

  test('a good statement passes', () => valid(good));

  test('what the specification forbids is refused', () => {
    const cases: [string, unknown][] = [
      ['no actor', broken((s) => delete s.actor)],
      ['mbox without mailto', broken((s) => (s.actor.mbox = 'jane@example.org'))],
      ['two identifiers', broken((s) => (s.actor.account = { homePage: 'https://x.example', name: 'j' }))],
      ['no identifier', broken((s) => delete s.actor.mbox)],
      ['scaled above 1', broken((s) => (s.result.score.scaled = 1.5))],
      ['raw above max', broken((s) => (s.result.score.raw = 11))],
      ['min not below max', broken((s) => (s.result.score.min = 10))],
      ['duration without T', broken((s) => (s.result.duration = 'P1H'))],
      ['duration in seconds', broken((s) => (s.result.duration = '2.5'))],
      ['timestamp without zone', broken((s) => (s.timestamp = '2026-11-25T10:00:00'))],
      ['timestamp -00:00', broken((s) => (s.timestamp = '2026-11-25T10:00:00-00:00'))],
      ['id not a UUID', broken((s) => (s.id = '1234'))],
      ['registration not a UUID', broken((s) => (s.context = { registration: 'r-1' }))],
      ['unknown property', broken((s) => (s.extra = true))],
      ['verb id not an IRI', broken((s) => (s.verb.id = 'answered'))],
      ['object id with a space', broken((s) => (s.object.id = 'https://x.example/a b'))],
      ['bad language tag', broken((s) => (s.verb.display = { 'en US': 'answered' }))],
      [
        'choices on a fill-in',
        broken((s) => (s.object.definition = { interactionType: 'fill-in', choices: [{ id: 'a' }] })),
      ],
      [
        'duplicate choice ids',
        broken(
          (s) => (s.object.definition = { interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] }),
        ),
      ],
      ['unknown interaction type', broken((s) => (s.object.definition = { interactionType: 'essay' }))],
      ['extension key not an IRI', broken((s) => (s.result.extensions = { progress: 5 }))],
      ['voided about an activity', broken((s) => (s.verb = { id: 'http://adlnet.gov/expapi/verbs/voided' }))],
      [
        'revision about an agent',
        broken((s) => {
          s.object = { objectType: 'Agent', mbox: 'mailto:a@b.org' };
          s.context = { revision: '1' };
        }),
      ],
    ];
    for (const [what, statement] of cases) {
      assert.notDeepEqual(statementProblems(statement), [], what);
    }
  });

  test('ISO 8601 durations to the hundredth', () => {
    assert.equal(isoDuration(0), 'PT0S');
    assert.equal(isoDuration(1234), 'PT1.23S');
    assert.equal(isoDuration(3_723_450), 'PT1H2M3.45S');
    assert.equal(isoDuration(7_200_000), 'PT2H0S');
  });

  test('UUIDs are version 4, RFC 4122 variant', () => {
    for (let i = 0; i < 100; i++)
      assert.match(newUuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
