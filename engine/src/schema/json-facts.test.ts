import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonFacts } from './json-facts.js';

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** Whether any string or field name in a JSON value holds a UTF-16 surrogate. */
function holdsSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return /[\ud800-\udfff]/.test(value);
  if (Array.isArray(value)) return value.some(holdsSurrogate);
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([key, child]) => holdsSurrogate(key) || holdsSurrogate(child));
  return false;
}

describe('jsonFacts', () => {
  it('bounds the JSON text and finds surrogates and nulls, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const text = JSON.stringify(value);
        const facts = jsonFacts(value, NO_LIMIT)!;
        expect(facts.maxChars).toBeGreaterThanOrEqual(text.length);
        expect(facts.surrogates).toBe(holdsSurrogate(value));
        if (/(^|[[,:])null/.test(text)) expect(facts.nulls).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('counts what JSON writes as null: holes, undefined items, NaN and Infinity', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    expect(jsonFacts([1, , 3], NO_LIMIT)!.nulls).toBe(true);
    expect(jsonFacts([undefined], NO_LIMIT)!.nulls).toBe(true);
    expect(jsonFacts({ a: Number.NaN }, NO_LIMIT)!.nulls).toBe(true);
    expect(jsonFacts({ a: Infinity }, NO_LIMIT)!.nulls).toBe(true);
    expect(jsonFacts({ a: undefined, b: 'x' }, NO_LIMIT)!.nulls).toBe(false); // an undefined field is left out
  });

  it('answers nothing for what only JSON.stringify decides: Dates, toJSON, functions, bigints, class instances', () => {
    for (const value of [new Date(0), { toJSON: () => 1 }, { f: () => 1 }, [1n], new Map(), Object.create({ inherited: 1 }) as object, undefined]) {
      expect(jsonFacts(value, NO_LIMIT)).toBeUndefined();
    }
  });

  it('stops past the limit without walking the rest', () => {
    const facts = jsonFacts({ list: Array.from({ length: 1000 }, () => 'x'.repeat(100)) }, 10_000);
    expect(facts!.maxChars).toBeGreaterThan(10_000);
    expect(facts!.maxChars).toBeLessThan(20_000);
  });
});
