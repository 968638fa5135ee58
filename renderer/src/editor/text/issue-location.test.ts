import { describe, expect, it } from 'vitest';
import type { DocumentNode } from '@humanwhocodes/momoa';
import { parseJson5 } from './json5-text.js';
import { localProblems, locateIssue, unknownFieldNames } from './issue-location.js';

function doc(text: string): DocumentNode {
  const outcome = parseJson5(text);
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return outcome.document;
}

const text = [
  '{', //                                   1
  '  title: "Fix it",', //                  2
  '  "due date": "2024-01-01",', //          3
  '  tags: [', //                           4
  '    { name: "a" },', //                  5
  '    { name: "b" },', //                  6
  '    { name: 3, colour: "red" }', //      7
  '  ],', //                                8
  '  "a/b": { "x~y": true },', //           9
  '  settings: {}', //                      10
  '}',
].join('\n');

const at = (path: string, message = 'is wrong') => locateIssue(doc(text), { path, message }).map((p) => [p.line, p.column, p.message]);

describe('locateIssue', () => {
  it('puts a scalar issue on the value', () => {
    expect(at('/title')).toEqual([[2, 10, 'title: is wrong']]);
    expect(at('/title', 'must not have fewer than 1 characters')).toEqual([[2, 10, 'title: must be at least 1 character']]);
  });

  it('follows array items', () => {
    expect(at('/tags/2/name')).toEqual([[7, 13, 'tags[2].name: is wrong']]);
  });

  it('finds quoted keys and decodes ~0 / ~1', () => {
    expect(at('/due date')).toEqual([[3, 15, 'due date: is wrong']]);
    expect(at('/a~1b/x~0y')).toEqual([[9, 19, 'a/b.x~y: is wrong']]);
  });

  it('marks an unknown field by its name, one problem per field', () => {
    expect(at('/tags/2', "unknown field 'colour'")).toEqual([[7, 16, "unknown field 'colour'"]]);
    expect(at('', "unknown fields 'title', 'tags'")).toEqual([
      [2, 3, "unknown field 'title'"],
      [4, 3, "unknown field 'tags'"],
    ]);
  });

  it('keeps other messages joined with an unknown field', () => {
    expect(at('/tags/2', "unknown field 'colour'; must have x")).toEqual([
      [7, 16, "unknown field 'colour'"],
      [7, 5, 'tags[2]: must have x'],
    ]);
  });

  it('marks an object by the field that holds it, the whole value by its first brace', () => {
    expect(at('/settings', "missing required field 'visibility'")).toEqual([[10, 3, "settings: missing required field 'visibility'"]]);
    expect(at('', 'is too large')).toEqual([[1, 1, 'is too large']]);
  });

  it('falls back to the deepest existing node and names the path', () => {
    expect(at('/tags/9/name')).toEqual([[4, 3, 'tags[9].name: is wrong']]);
  });

  it('gives spans that end after the node', () => {
    const [problem] = locateIssue(doc(text), { path: '/title', message: 'x' });
    expect(problem && [problem.endLine, problem.endColumn]).toEqual([2, 18]);
  });
});

describe('unknownFieldNames', () => {
  it('reads the engine message', () => {
    expect(unknownFieldNames("unknown fields 'a', 'b c'")).toEqual(['a', 'b c']);
    expect(unknownFieldNames('must be string')).toEqual([]);
  });
});

describe('localProblems', () => {
  it('flags duplicate fields and values JSON cannot carry', () => {
    const problems = localProblems(doc('{\n  a: 1,\n  b: Infinity,\n  a: NaN\n}'));
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [4, 3, "duplicate field 'a'"],
      [3, 6, 'cannot be stored: JSON has no Infinity or NaN'],
      [4, 6, 'cannot be stored: JSON has no Infinity or NaN'],
    ]);
  });

  it('passes a clean value', () => {
    expect(localProblems(doc('{a: [1, {b: 2}], c: -0.5}'))).toEqual([]);
  });
});

describe('text nested past the host’s limit', () => {
  it('is a local problem, found without overflowing the stack', () => {
    const deep = (depth: number) => parseJson5(`{a: ${'['.repeat(depth)}1${']'.repeat(depth)}}`);
    const outcome = deep(300);
    if (!outcome.ok) throw new Error('expected the deep text to parse');
    expect(localProblems(outcome.document).map((p) => p.message)).toEqual(['nested too deeply: more than 200 levels cannot be stored']);
    // Deeper still, reading the value itself would overflow: a problem, not a throw.
    const deeper = deep(20_000);
    expect(deeper.ok ? 'parsed' : deeper.problem.message).toMatch(/nested too deeply|stack/i);
  });
});
