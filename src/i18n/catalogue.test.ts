import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROBLEM_CODES, type ProblemCode, problem } from '../content/problem.ts';
import { formatProblem, LANGS, problemMessage, t } from './catalogue.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

describe('message catalogue', () => {
  it('has an English and a French message for every problem code', () => {
    for (const code of Object.keys(PROBLEM_CODES) as ProblemCode[]) {
      for (const lang of LANGS) {
        const message = problemMessage(lang, problem(code, { file: 'f', line: 1, column: 1 }));
        assert.ok(message.length > 10, `${lang} ${code}`);
      }
    }
  });

  it('uses the same placeholders in French as in English', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      assert.deepEqual(placeholders(fr[key]), placeholders(en[key]), key);
    }
  });

  it('translates expectations and details inside problem messages', () => {
    const p = problem(
      'FIELD_INVALID',
      { file: 'course.md', line: 3, column: 9 },
      { field: 'module', expected: 'number' },
    );
    assert.equal(
      formatProblem('en', p),
      'course.md:3:9  FIELD_INVALID  Field "module" is invalid: expected a number.',
    );
    assert.equal(
      formatProblem('fr', p),
      'course.md:3:9  FIELD_INVALID  Le champ « module » n’est pas valide : attendu un nombre.',
    );
    const items = problem('FIELD_INVALID', p.at, { field: 'options', expected: 'at-least-items:2' });
    assert.match(problemMessage('en', items), /at least 2 entries/);
  });

  it('leaves unknown placeholders visible rather than empty', () => {
    assert.equal(t('en', 'problem.LINK_BROKEN'), 'Nothing in the course has id "{id}".');
  });
});
