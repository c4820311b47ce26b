/** YAML text at a known place in a file, validated by a schema, with problems pointing at the right line. */
import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Position, type Problem, problem } from './problem.ts';

export interface YamlOrigin {
  file: string;
  /** 1-based line of the YAML text's first line in its file. */
  line: number;
}

export interface YamlResult<T> {
  data?: T;
  problems: Problem[];
  /** The position of the value at a path (or of its nearest present ancestor). */
  locate: (path: readonly PropertyKey[]) => Position;
  /** The position of the key that holds the value at a path, for problems about the key itself. */
  locateKey: (path: readonly PropertyKey[]) => Position;
}

export function parseYaml<S extends z.ZodType>(
  source: string,
  origin: YamlOrigin,
  schema: S,
): YamlResult<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, stringKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: origin.file, line: origin.line + line - 1, column: col };
  };
  const locate = (path: readonly PropertyKey[]): Position => at(offsetOf(doc, path, false));
  const locateKey = (path: readonly PropertyKey[]): Position => at(offsetOf(doc, path, true));

  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => problem('YAML_SYNTAX', at(e.pos[0]), { detail: e.code }));
    return { problems, locate, locateKey };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch {
    // toJS throws on aliases it cannot resolve (used before their anchor, or too many: "billion laughs").
    return { problems: [problem('YAML_SYNTAX', at(0), { detail: 'BAD_ALIAS' })], locate, locateKey };
  }
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data, problems: [], locate, locateKey };
  return {
    problems: result.error.issues.map((issue) => issueToProblem(doc, issue, locate, locateKey)),
    locate,
    locateKey,
  };
}

function issueToProblem(
  doc: Document,
  issue: z.core.$ZodIssue,
  locate: (path: readonly PropertyKey[]) => Position,
  locateKey: (path: readonly PropertyKey[]) => Position,
): Problem {
  const path = issue.path;
  const field = path.map(String).join('.') || '(root)';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return problem('FIELD_INVALID', locateKey([...path, key]), {
      field: [...path, key].map(String).join('.'),
      expected: 'known-field',
    });
  }
  if (issue.code === 'invalid_type' && doc.getIn(path as unknown[], true) === undefined) {
    return problem('METADATA_MISSING', locate(path), { field });
  }
  return problem('FIELD_INVALID', locate(path), { field, expected: expectation(issue) });
}

/** A short, translatable name for what the field should have been. */
function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'too_small':
      return issue.origin === 'array' ? `at-least-items:${issue.minimum}` : `at-least:${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `at-most-items:${issue.maximum}` : `at-most:${issue.maximum}`;
    case 'invalid_value':
      return `one-of:${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'pattern' : issue.format;
    case 'invalid_union':
      return 'text-or-object';
    default:
      return 'valid-value';
  }
}

/** Offset of the deepest node present along the path; the key itself for a missing value. */
function offsetOf(doc: Document, path: readonly PropertyKey[], atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (!pair) return offset;
      offset = rangeStart(pair.key) ?? offset;
      if (atKey && index === path.length - 1) return offset;
      node = pair.value;
      offset = rangeStart(node) ?? offset;
      continue;
    }
    if (isNode(node) && 'items' in node && Array.isArray(node.items) && typeof key === 'number') {
      node = node.items[key];
      offset = rangeStart(node) ?? offset;
      continue;
    }
    return offset;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}
