import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAttributes } from './attributes.ts';

const at = { file: 'f.md', line: 3, column: 9 };

describe('parseAttributes', () => {
  it('reads ids, bare and quoted values', () => {
    const { values, problems } = parseAttributes(
      `{#slide-4 minutes=3 outcomes="LO1 LO3" cite='Slide 6'}`,
      at,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.fromEntries(values), {
      id: 'slide-4',
      minutes: '3',
      outcomes: 'LO1 LO3',
      cite: 'Slide 6',
    });
  });

  it('points at the column where it stops understanding', () => {
    const { values, problems } = parseAttributes('{#a minutes= "x}', at);
    assert.deepEqual(Object.fromEntries(values), { id: 'a' });
    assert.deepEqual(
      problems.map((p) => [p.code, p.at.column, p.params.text]),
      [['ATTRIBUTE_INVALID', 13, 'minutes= "x']],
    );
  });

  it('reports a key given twice', () => {
    const { problems } = parseAttributes('{minutes=1 minutes=2}', at);
    assert.deepEqual(
      problems.map((p) => p.params.text),
      ['minutes (twice)'],
    );
  });
});
