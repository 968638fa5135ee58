/**
 * An insert into an auto-increment tree does not look its new key up when the
 * tree's last key is at or below the counter (./write-context.ts `autoKeysFresh`):
 * the counter only moves up and a put past it moves it. A database where some
 * other program wrote keys past the counter still gets DUPLICATE_KEY, never an overwrite.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, DuplicateKeyError, open, schema, t, tree } from '../index.js';
import { openLmdbBackend } from '../storage/lmdb-backend.js';
import { failure, tempDir } from '../testing/contract-backends.js';
import { META_STORE, autoKey } from './meta.js';

const notes = tree('notes', { key: autoIncrement(), value: t.object({ text: t.string() }) });
const appSchema = schema(notes);

describe('auto-increment keys past the counter (lmdb)', () => {
  it('an insert whose key a record already has is refused, not written over it', async () => {
    const path = tempDir();
    const db = await open(path, appSchema);
    await db.notes.insertMany([{ text: 'one' }, { text: 'two' }, { text: 'three' }]);
    await db.close();
    // Another program sets the counter back under the keys the tree holds.
    const backend = openLmdbBackend(path);
    await backend.transaction(() => backend.store(META_STORE, { kind: 'plain' }).put(autoKey('notes'), 1));
    await backend.close();

    const reopened = await open(path, appSchema);
    try {
      await failure(reopened.notes.insert({ text: 'four' }), DuplicateKeyError);
      expect([...reopened.notes.range()].map((e) => e.value.text)).toEqual(['one', 'two', 'three']);
      // A put past the last key moves the counter above every key: inserts go on from there.
      await reopened.notes.put(reopened.notes.key(10), { text: 'ten' });
      expect(await reopened.notes.insert({ text: 'eleven' })).toBe(11);
    } finally {
      await reopened.close();
    }
  });
});
