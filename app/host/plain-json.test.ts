/**
 * What counts as plain JSON for the host's arguments and results.
 */
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, plainJsonProblem } from './plain-json.js';

describe('plainJsonProblem', () => {
  it('accepts JSON values, null prototypes and `__proto__` as an own key', () => {
    for (const value of [null, 0, -1.5, 'x', true, [], {}, [1, [2, { a: null }]], Object.create(null), JSON.parse('{"__proto__": {"a": 1}}')]) {
      expect(plainJsonProblem(value), JSON.stringify(value)).toBeUndefined();
    }
  });

  it('names the path and the reason for everything JSON cannot carry', () => {
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    const cases: [unknown, RegExp][] = [
      [Number.NaN, /^\(root\): NaN is not a JSON number/],
      [{ a: [1, Number.POSITIVE_INFINITY] }, /^\/a\/1: Infinity/],
      [{ d: new Date() }, /^\/d: a Date is not plain JSON/],
      [{ b: Buffer.from('x') }, /^\/b: a Buffer/],
      [{ m: new Map() }, /^\/m: a Map/],
      [[1, undefined], /^\(root\): item 1 is missing/],
      [sparse, /item 1 is missing/],
      [{ u: undefined }, /field 'u' is undefined/],
      [{ f: () => 1 }, /^\/f: a function/],
      [{ n: 1n }, /^\/n: a bigint/],
      [{ [Symbol('s')]: 1 }, /symbol keys/],
      [{ 'a/b': { '~': Number.NaN } }, /^\/a~1b\/~0: NaN/],
    ];
    for (const [value, problem] of cases) expect(plainJsonProblem(value)).toMatch(problem);
  });

  it('with undefinedFields, a field set to undefined is noted, not a problem (JSON leaves it out); an undefined item still is', () => {
    const seen = { seen: false };
    expect(plainJsonProblem({ a: 1, b: { c: undefined } }, MAX_JSON_DEPTH, seen)).toBeUndefined();
    expect(seen.seen).toBe(true);
    const none = { seen: false };
    expect(plainJsonProblem({ a: [1, { b: 2 }] }, MAX_JSON_DEPTH, none)).toBeUndefined();
    expect(none.seen).toBe(false);
    expect(plainJsonProblem({ a: [1, undefined] }, MAX_JSON_DEPTH, { seen: false })).toMatch(/^\/a: item 1 is missing/);
    expect(plainJsonProblem({ a: { b: Number.NaN }, c: undefined }, MAX_JSON_DEPTH, { seen: false })).toMatch(/^\/a\/b: NaN/);
  });

  it('refuses nesting past the limit without using the call stack', () => {
    const nest = (levels: number) => {
      let value: unknown = 1;
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    expect(plainJsonProblem(nest(MAX_JSON_DEPTH))).toBeUndefined();
    expect(plainJsonProblem(nest(MAX_JSON_DEPTH + 1))).toMatch(/nested more than/);
    expect(plainJsonProblem(nest(1_000_000))).toMatch(/nested more than/);
  });
});
