/**
 * An error's message can describe any input, however deep or circular: a key
 * nested 10,000 lists deep made InvalidKeyError's own message overflow the
 * stack (String() of nested lists recurses), so a RangeError escaped instead
 * of INVALID_KEY. Found by the fuzz suite.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, InvalidKeyError, safeStringify, schema, t, tree } from './index.js';
import { backends } from './testing/contract-backends.js';

const notes = tree('notes', { key: autoIncrement(), value: t.object({ text: t.string() }) });

function deepList(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}
const circular: unknown[] = [];
circular.push(circular);

describe('messages of errors', () => {
  it('describe values JSON cannot write, by their first level', () => {
    expect(safeStringify(deepList(10_000))).toBe('[a list of 1]');
    expect(safeStringify(circular)).toBe('[a list of 1]');
    expect(safeStringify(Object.assign(Object.create(null) as object, { a: 1, self: undefined }))).toBe('{"a":1}');
  });
});

describe.each(backends)('keys too deep to print ($name)', (backend) => {
  it('are refused with INVALID_KEY on both faces', async () => {
    const db = await backend.open(schema(notes));
    const key = deepList(10_000);
    expect(() => db.notes.get(key as never)).toThrow(InvalidKeyError);
    await expect(db.notes.put(key as never, { text: 'x' })).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(db.opaque.tree('notes').update(key, (v) => v)).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(db.opaque.tree('notes').delete(circular)).rejects.toBeInstanceOf(InvalidKeyError);
  });
});
