/**
 * `put(key, value, { create: true })`: writes only where no record is, and
 * refuses an existing key with DUPLICATE_KEY inside the write's own
 * transaction, so nothing can come between the look and the write. A browser's
 * "create" must not overwrite; the host used to look first itself.
 */
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, schema, t, tree, uuid } from '../index.js';
import { backends, failure } from '../testing/contract-backends.js';

const notes = tree('notes', { key: uuid(), value: t.object({ text: t.string() }), indexes: { byText: { on: 'text' } } });
const appSchema = schema(notes);
const KEY = '0b7e6a4c-3f52-4d1e-9c61-2a8f5e0d4b17';
const OTHER = '5d2c9e81-7a40-4b6f-8e13-c94f0a6b2d58';

describe.each(backends)('put with create ($name)', (backend) => {
  async function seeded() {
    const db = await backend.open(appSchema);
    const key = db.notes.key(KEY);
    await db.notes.put(key, { text: 'first' });
    const state = () => ({ records: [...db.notes.range()], index: [...db.notes.index('byText').keys()], revision: db.revision() });
    return { db, key, other: db.notes.key(OTHER), state };
  }

  it('refuses an existing key on the typed face, with the error insert gives, and writes nothing', async () => {
    const { db, key, state } = await seeded();
    const before = state();
    const error = await failure(db.notes.put(key, { text: 'second' }, { create: true }), DuplicateKeyError);
    expect(error.code).toBe('DUPLICATE_KEY');
    expect(error.message).toBe(new DuplicateKeyError('notes', KEY).message);
    await failure(db.transaction((tx) => tx.notes.put(key, { text: 'second' }, { create: true })), DuplicateKeyError);
    expect(state()).toEqual(before);
  });

  it('refuses an existing key on the opaque face, before the value is checked, and writes nothing', async () => {
    const { db, state } = await seeded();
    const before = state();
    const tree = db.opaque.tree('notes');
    const error = await failure(tree.put(KEY, { text: 'second' }, { create: true }), DuplicateKeyError);
    expect(error.message).toBe(new DuplicateKeyError('notes', KEY).message);
    await failure(tree.put(KEY, { text: 42 }, { create: true }), DuplicateKeyError);
    await failure(db.opaque.transaction((tx) => tx.put('notes', KEY, { text: 'second' }, { create: true })), DuplicateKeyError);
    expect(state()).toEqual(before);
  });

  it('writes where no record is, on both faces, as a put does', async () => {
    const { db, other } = await seeded();
    expect(await db.notes.put(other, { text: 'typed' }, { create: true })).toBe(OTHER);
    expect(db.notes.get(other)).toEqual({ text: 'typed' });
    await db.notes.delete(other);
    const entry = await db.opaque.tree('notes').put(OTHER, { text: 'opaque' }, { create: true });
    expect(entry).toMatchObject({ key: OTHER, value: { text: 'opaque' } });
    expect([...db.notes.index('byText').keys({ equals: 'opaque' })].map((hit) => hit.key)).toEqual([OTHER]);
    // Without `create`, a put still replaces.
    await db.notes.put(other, { text: 'replaced' });
    expect(db.notes.get(other)).toEqual({ text: 'replaced' });
  });

  it('in one transaction: a record put earlier in it is there, so a create of its key is refused', async () => {
    const { db, other } = await seeded();
    let refused: unknown;
    await db.transaction((tx) => {
      tx.notes.put(other, { text: 'new' }, { create: true });
      try {
        tx.notes.put(other, { text: 'again' }, { create: true });
      } catch (error) {
        refused = error;
      }
    });
    expect(refused).toBeInstanceOf(DuplicateKeyError);
    expect(db.notes.get(other)).toEqual({ text: 'new' });
  });
});
