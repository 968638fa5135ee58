/**
 * A list with holes (`new Array(2)`, `[a, , b]`, which only code can make)
 * is refused: the schema check skipped the holes, and the record was stored
 * with undefined there, which its own schema refuses (verify: invalid-record).
 * Found by the fuzz suite.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, schema, t, tree, ValidationError } from '../index.js';
import { backends, failure } from '../testing/contract-backends.js';

const notes = tree('notes', {
  key: autoIncrement(),
  value: t.object({ tags: t.array(t.string()), marks: t.optional(t.array(t.object({ at: t.array(t.nullable(t.integer())) }))) }),
});

describe.each(backends)('lists with holes ($name)', (backend) => {
  it('are refused on both faces, naming each hole; nulls where the schema allows them are kept', async () => {
    const db = await backend.open(schema(notes));
    const sparse = ['a', 'b', 'c'];
    delete sparse[1];
    const typed = await failure(db.notes.insert({ tags: sparse }), ValidationError);
    expect(typed.issues).toEqual([{ path: '/tags/1', message: 'is a hole in the list (no value at all)' }]);
    const nested = await failure(db.notes.insert({ tags: [], marks: [{ at: new Array<number>(1) }] }), ValidationError);
    expect(nested.issues.map((i) => i.path)).toEqual(['/marks/0/at/0']);
    await failure(db.opaque.tree('notes').insert({ tags: new Array(2) }), ValidationError);
    const key = await db.notes.insert({ tags: ['a'], marks: [{ at: [null, 1] }] });
    expect(db.notes.get(key)).toEqual({ tags: ['a'], marks: [{ at: [null, 1] }] });
    expect(db.notes.count()).toBe(1);
    expect((await db.opaque.verify()).problems).toEqual([]);
  });
});
