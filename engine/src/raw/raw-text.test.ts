import { describe, expect, it } from 'vitest';
import { printRaw } from './raw-text.js';

describe('printRaw', () => {
  it('prints JSON-like values as JSON5 and names what JSON cannot hold', () => {
    const value = { name: 'Ann', 'odd key': [1, -0, 2n], when: new Date(0), bytes: Uint8Array.of(1, 255), map: new Map([['a', 1]]), tag: Symbol.for('x'), none: undefined };
    expect(printRaw(value, { maxChars: 1000 })).toEqual({
      text: '{name: "Ann", "odd key": [1, -0, 2n], when: Date(1970-01-01T00:00:00.000Z), bytes: bytes(01ff), map: Map {"a" => 1}, tag: Symbol(x), none: undefined}',
      truncated: false,
    });
  });

  it('pretty-prints with short lists of scalars on one line', () => {
    expect(printRaw({ tags: ['a', 'b'], nested: { deep: [{ x: 1 }] } }, { maxChars: 1000, indent: 2 }).text).toBe(
      '{\n  tags: ["a", "b"],\n  nested: {\n    deep: [\n      {\n        x: 1\n      }\n    ]\n  }\n}',
    );
  });

  it('stops at maxChars and says so, however large the value', () => {
    const printed = printRaw({ list: Array.from({ length: 1_000_000 }, (_, i) => i) }, { maxChars: 50 });
    expect(printed.truncated).toBe(true);
    expect(printed.text).toHaveLength(51);
    expect(printed.text.endsWith('…')).toBe(true);
  });
});
