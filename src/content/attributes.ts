/** Parses a directive's `{#id key=value key="quoted value"}` attribute list. */
import { type Position, type Problem, problem } from './problem.ts';

const RE_TOKEN = /\s*(?:#([\w.-]+)|([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+)))/y;

export interface Attributes {
  values: Map<string, string>;
  problems: Problem[];
}

export function parseAttributes(source: string, at: Position): Attributes {
  const values = new Map<string, string>();
  const problems: Problem[] = [];
  if (source === '') return { values, problems };
  const inner = source.slice(1, -1);
  const column = (offset: number): Position => ({ ...at, column: at.column + 1 + offset });

  RE_TOKEN.lastIndex = 0;
  let offset = 0;
  while (offset < inner.length) {
    if (inner.slice(offset).trim() === '') break;
    RE_TOKEN.lastIndex = offset;
    const m = RE_TOKEN.exec(inner);
    if (!m) {
      const skipped = inner.length - inner.slice(offset).trimStart().length;
      problems.push(problem('ATTRIBUTE_INVALID', column(skipped), { text: inner.slice(skipped).trim() }));
      break;
    }
    const key = m[1] !== undefined ? 'id' : (m[2] ?? '');
    const value = m[1] ?? m[3] ?? m[4] ?? m[5] ?? '';
    if (values.has(key))
      problems.push(problem('ATTRIBUTE_INVALID', column(offset), { text: `${key} (twice)` }));
    values.set(key, value);
    offset = RE_TOKEN.lastIndex;
  }
  return { values, problems };
}

export function spaceList(value: string | undefined): string[] {
  return value ? value.split(/[\s,]+/).filter(Boolean) : [];
}
