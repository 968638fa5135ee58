/**
 * Contract suite, part 1: records, key strategies and ranges. Every test runs
 * against both backends (LMDB in a fresh temp folder, and the in-memory
 * backend), which must behave identically.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  autoIncrement,
  composite,
  ConflictError,
  contentHash,
  custom,
  DuplicateKeyError,
  open,
  schema,
  t,
  tree,
  uuid,
  type Database,
  type KeyOf,
} from '@trellis/engine';
import { afterThisTest, backends, failure, tempDir } from './testing/contract-backends.js';

const users = tree('users', {
  key: autoIncrement(),
  value: t.object({ name: t.string(), n: t.integer(), email: t.optional(t.string()) }),
});
const toys = tree('toys', {
  key: composite('pet', 'name'),
  value: t.object({ pet: t.string(), name: t.string(), size: t.number() }),
});
const sessions = tree('sessions', { key: uuid(), value: t.object({ seq: t.integer() }) });
const blobs = tree('blobs', { key: contentHash(), value: t.object({ text: t.string(), size: t.integer() }) });
const words = tree('words', {
  key: custom(t.string(), (v: { word: string; lang: string }) => v.word.toLowerCase()),
  value: t.object({ word: t.string(), lang: t.string() }),
});
const appSchema = schema(users, toys, sessions, blobs, words);
type Db = Database<typeof appSchema>;

// ---- backends: engine/src/testing/contract-backends.ts ----------------------

async function fillUsers(db: Db, count: number): Promise<void> {
  await db.transaction((tx) => {
    for (let i = 1; i <= count; i++) tx.users.insert({ name: `user${i}`, n: i });
  });
}

const keysOf = <K>(entries: Iterable<{ key: K }>): K[] => [...entries].map((e) => e.key);

describe.each(backends)('contract: records, keys, ranges ($name)', (backend) => {
  describe('records', () => {
    it('insert returns the typed key; get, getEntry, has and count see the record', async () => {
      const db = await backend.open(appSchema);
      const key = await db.users.insert({ name: 'Ann', n: 1 });
      expectTypeOf(key).toEqualTypeOf<KeyOf<typeof users>>();
      expect(key).toBe(1);
      expect(db.users.get(key)).toEqual({ name: 'Ann', n: 1 });
      const entry = db.users.getEntry(key);
      expect(entry).toEqual({ key: 1, value: { name: 'Ann', n: 1 }, revision: expect.any(Number) });
      expect(entry!.revision).toBeGreaterThan(0);
      expect(db.users.has(key)).toBe(true);
      expect(db.users.has(db.users.key(2))).toBe(false);
      expect(db.users.get(db.users.key(2))).toBeUndefined();
      expect(db.users.getEntry(db.users.key(2))).toBeUndefined();
    });

    it('count follows inserts and deletes', async () => {
      const db = await backend.open(appSchema);
      expect(db.users.count()).toBe(0);
      await fillUsers(db, 5);
      expect(db.users.count()).toBe(5);
      await db.users.delete(db.users.key(2));
      await db.users.delete(db.users.key(5));
      expect(db.users.count()).toBe(3);
      await db.users.delete(db.users.key(2)); // already gone: no change
      expect(db.users.count()).toBe(3);
      await db.users.insert({ name: 'x', n: 0 });
      expect(db.users.count()).toBe(4);
      expect(db.toys.count()).toBe(0); // other trees are not affected
      for (const entry of [...db.users.range()]) await db.users.delete(entry.key);
      expect(db.users.count()).toBe(0);
      expect([...db.users.range()]).toEqual([]);
    });

    it('put writes at a key: inserts when absent, replaces when present', async () => {
      const db = await backend.open(appSchema);
      const k = db.users.key(10);
      expect(await db.users.put(k, { name: 'Ten', n: 10, email: 'a@x' })).toBe(10);
      expect(db.users.get(k)).toEqual({ name: 'Ten', n: 10, email: 'a@x' });
      const first = db.users.getEntry(k)!.revision;
      await db.users.put(k, { name: 'Ten again', n: 11 });
      expect(db.users.get(k)).toEqual({ name: 'Ten again', n: 11 }); // replaced, not merged
      expect(db.users.getEntry(k)!.revision).toBeGreaterThan(first);
      expect(db.users.count()).toBe(1);
    });

    it('update applies a patch or a function and returns the new value', async () => {
      const db = await backend.open(appSchema);
      const k = await db.users.insert({ name: 'Ann', n: 1, email: 'ann@x' });
      expect(await db.users.update(k, { n: 2 })).toEqual({ name: 'Ann', n: 2, email: 'ann@x' });
      expect(db.users.get(k)).toEqual({ name: 'Ann', n: 2, email: 'ann@x' });
      expect(await db.users.update(k, (v) => ({ name: v.name.toUpperCase(), n: v.n * 10 }))).toEqual({ name: 'ANN', n: 20 });
      expect(db.users.get(k)).toEqual({ name: 'ANN', n: 20 });
      await expect(db.users.update(db.users.key(99), { n: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('ifRevision: a matching revision writes, a stale one is a ConflictError and writes nothing', async () => {
      const db = await backend.open(appSchema);
      const k = await db.users.insert({ name: 'Ann', n: 1 });
      const r1 = db.users.getEntry(k)!.revision;
      await db.users.update(k, { n: 2 }, { ifRevision: r1 });
      const r2 = db.users.getEntry(k)!.revision;
      expect(r2).toBeGreaterThan(r1);
      const dbRevision = db.revision();

      const stale = await failure(db.users.update(k, { n: 3 }, { ifRevision: r1 }), ConflictError);
      expect(stale.code).toBe('CONFLICT');
      expect(stale).toMatchObject({ tree: 'users', key: 1, expectedRevision: r1, actualRevision: r2 });
      await expect(db.users.put(k, { name: 'P', n: 9 }, { ifRevision: r1 })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(db.users.delete(k, { ifRevision: r1 })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(db.users.getEntry(k)).toEqual({ key: 1, value: { name: 'Ann', n: 2 }, revision: r2 });
      expect(db.revision()).toBe(dbRevision);

      await db.users.put(k, { name: 'P', n: 9 }, { ifRevision: r2 });
      const r3 = db.users.getEntry(k)!.revision;
      expect(await db.users.delete(k, { ifRevision: r3 })).toBe(true);
      expect(db.users.has(k)).toBe(false);
      // A record deleted since the revision was read is a conflict too.
      await expect(db.users.update(k, { n: 1 }, { ifRevision: r3 })).rejects.toMatchObject({ code: 'CONFLICT', actualRevision: undefined });
      expect(db.users.has(k)).toBe(false);
    });

    it('delete resolves to true when a record was deleted, false when there was none', async () => {
      const db = await backend.open(appSchema);
      const k = await db.users.insert({ name: 'Ann', n: 1 });
      expect(await db.users.delete(k)).toBe(true);
      expect(db.users.get(k)).toBeUndefined();
      expect(await db.users.delete(k)).toBe(false);
      expect(await db.users.delete(db.users.key(123))).toBe(false);
    });

    it('a record’s revision grows on every write, and the database revision with it', async () => {
      const db = await backend.open(appSchema);
      const k = await db.users.insert({ name: 'Ann', n: 1 });
      const seen = [db.users.getEntry(k)!.revision];
      expect(db.revision()).toBe(seen[0]);
      await db.users.update(k, { n: 2 });
      seen.push(db.users.getEntry(k)!.revision);
      await db.users.insert({ name: 'other', n: 0 }); // another record's write moves the database revision only
      expect(db.users.getEntry(k)!.revision).toBe(seen[1]);
      await db.users.put(k, { name: 'Ann', n: 3 });
      seen.push(db.users.getEntry(k)!.revision);
      await db.users.update(k, (v) => v); // even an unchanged value is a write
      seen.push(db.users.getEntry(k)!.revision);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
      expect(db.revision()).toBe(seen.at(-1));
    });
  });

  describe('keys', () => {
    it('auto-increment ids start at 1 and never repeat, even after deleting the highest record', async () => {
      const db = await backend.open(appSchema);
      expect([await db.users.insert({ name: 'a', n: 1 }), await db.users.insert({ name: 'b', n: 2 })]).toEqual([1, 2]);
      const three = await db.users.insert({ name: 'c', n: 3 });
      expect(three).toBe(3);
      await db.users.delete(three);
      expect(await db.users.insert({ name: 'd', n: 4 })).toBe(4);
      await db.users.delete(db.users.key(4));
      await db.users.delete(db.users.key(2));
      expect(await db.users.insert({ name: 'e', n: 5 })).toBe(5);
      await db.users.put(db.users.key(40), { name: 'explicit', n: 40 }); // an explicit id moves the counter
      expect(await db.users.insert({ name: 'f', n: 6 })).toBe(41);
    });

    // A file-backed database only: the in-memory one has no path to reopen.
    if (backend.lmdb) it('auto-increment ids never repeat across a reopen', async () => {
      const dir = tempDir();
      const first = await open(dir, appSchema);
      await first.users.insert({ name: 'a', n: 1 });
      await first.users.delete(await first.users.insert({ name: 'b', n: 2 }));
      await first.close();
      const again = await open(dir, appSchema);
      afterThisTest(() => again.close());
      expect(await again.users.insert({ name: 'c', n: 3 })).toBe(3);
    });

    it('composite keys come from the value fields and are ordered field by field', async () => {
      const db = await backend.open(appSchema);
      const key = await db.toys.insert({ pet: 'rex', name: 'ball', size: 1 });
      expect(key).toEqual(['rex', 'ball']);
      expect(db.toys.get(db.toys.key(['rex', 'ball']))).toEqual({ pet: 'rex', name: 'ball', size: 1 });
      await expect(db.toys.insert({ pet: 'rex', name: 'ball', size: 2 })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      for (const [pet, name] of [['b', 'a'], ['a', 'z'], ['ab', 'a'], ['a', 'b'], ['a', 'ba']] as const) {
        await db.toys.insert({ pet, name, size: 0 });
      }
      expect(keysOf(db.toys.range())).toEqual([['a', 'b'], ['a', 'ba'], ['a', 'z'], ['ab', 'a'], ['b', 'a'], ['rex', 'ball']]);
      // The key is made of the fields: changing them through update is refused.
      await expect(db.toys.update(key, { name: 'bone' })).rejects.toMatchObject({ code: 'INVALID_KEY' });
      await expect(db.toys.put(db.toys.key(['rex', 'bone']), { pet: 'rex', name: 'ball', size: 1 })).rejects.toMatchObject({ code: 'INVALID_KEY' });
      expect(await db.toys.update(key, { size: 5 })).toEqual({ pet: 'rex', name: 'ball', size: 5 });
    });

    it('composite keys order numbers numerically, negatives and fractions included', async () => {
      const sizes = [10, -3, 2, 0, -0.5, 1e6, 2.5, -100];
      const bySize = tree('bySize', { key: composite('size', 'name'), value: t.object({ size: t.number(), name: t.string() }) });
      const sized = await backend.open(schema(bySize));
      await sized.transaction((tx) => sizes.forEach((size, i) => tx.bySize.insert({ size, name: `t${i}` })));
      expect([...sized.bySize.range()].map((e) => e.value.size)).toEqual([...sizes].sort((a, b) => a - b));
    });

    it('uuid keys are version 7 and ordered by insertion time', async () => {
      const db = await backend.open(appSchema);
      const keys: string[] = [];
      for (let seq = 0; seq < 30; seq++) keys.push(await db.sessions.insert({ seq }));
      await db.transaction((tx) => {
        for (let seq = 30; seq < 60; seq++) keys.push(tx.sessions.insert({ seq }));
      });
      for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(keys).size).toBe(60);
      const stored = [...db.sessions.range()];
      expect(stored.map((e) => e.key)).toEqual(keys);
      expect(stored.map((e) => e.value.seq)).toEqual(keys.map((_, i) => i));
    });

    it('content-hash keys: the same value gets the same key; inserting it twice is a DuplicateKeyError', async () => {
      const db = await backend.open(appSchema);
      const key = await db.blobs.insert({ text: 'hello', size: 5 });
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      const error = await failure(db.blobs.insert({ size: 5, text: 'hello' }), DuplicateKeyError); // field order does not matter
      expect(error.code).toBe('DUPLICATE_KEY');
      expect(db.blobs.count()).toBe(1);
      const other = await db.blobs.insert({ text: 'hello!', size: 6 });
      expect(other).not.toBe(key);
      expect(db.blobs.get(key)).toEqual({ text: 'hello', size: 5 });
      await db.blobs.delete(key);
      expect(await db.blobs.insert({ text: 'hello', size: 5 })).toBe(key); // stable: not random, not time-based
      await expect(db.blobs.update(key, { size: 7 })).rejects.toMatchObject({ code: 'INVALID_KEY' });
      expect(db.blobs.get(key)).toEqual({ text: 'hello', size: 5 });
    });

    it('custom keys come from the application’s function', async () => {
      const db = await backend.open(appSchema);
      expect(await db.words.insert({ word: 'Apple', lang: 'en' })).toBe('apple');
      expect(db.words.get(db.words.key('apple'))).toEqual({ word: 'Apple', lang: 'en' });
      await expect(db.words.insert({ word: 'APPLE', lang: 'fr' })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      await expect(db.words.put(db.words.key('pear'), { word: 'Apple', lang: 'x' })).rejects.toMatchObject({ code: 'INVALID_KEY' });
      await db.words.put(db.words.key('apple'), { word: 'aPPle', lang: 'de' });
      expect(db.words.get(db.words.key('apple'))).toEqual({ word: 'aPPle', lang: 'de' });
      expect(db.words.count()).toBe(1);
    });
  });

  describe('ranges', () => {
    it('[start, end) forward and reverse, with limit and an `after` cursor', async () => {
      const db = await backend.open(appSchema);
      await fillUsers(db, 10);
      const k = (n: number) => db.users.key(n);
      expect(keysOf(db.users.range())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(keysOf(db.users.range({ start: k(3), end: k(7) }))).toEqual([3, 4, 5, 6]);
      expect(keysOf(db.users.range({ start: k(3), end: k(7), reverse: true }))).toEqual([6, 5, 4, 3]);
      expect(keysOf(db.users.range({ start: k(8) }))).toEqual([8, 9, 10]);
      expect(keysOf(db.users.range({ end: k(3) }))).toEqual([1, 2]);
      expect(keysOf(db.users.range({ end: k(3), reverse: true }))).toEqual([2, 1]);
      expect(keysOf(db.users.range({ start: k(8), reverse: true }))).toEqual([10, 9, 8]);
      expect(keysOf(db.users.range({ start: k(3), end: k(7), limit: 2 }))).toEqual([3, 4]);
      expect(keysOf(db.users.range({ start: k(3), end: k(7), limit: 2, reverse: true }))).toEqual([6, 5]);
      expect(keysOf(db.users.range({ start: k(3), end: k(7), after: k(4) }))).toEqual([5, 6]);
      expect(keysOf(db.users.range({ start: k(3), end: k(7), after: k(5), reverse: true }))).toEqual([4, 3]);
      expect(keysOf(db.users.range({ after: k(8) }))).toEqual([9, 10]);
      expect(keysOf(db.users.range({ after: k(3), reverse: true }))).toEqual([2, 1]);
      expect(keysOf(db.users.range({ start: k(5), end: k(5) }))).toEqual([]);
      expect(keysOf(db.users.range({ limit: 0 }))).toEqual([]);
      expect([...db.users.range({ start: k(2), end: k(3) })]).toEqual([{ key: 2, value: { name: 'user2', n: 2 }, revision: expect.any(Number) }]);
    });

    it('offset skips records in the direction of travel, after `after`, with `limit` counted past it', async () => {
      const db = await backend.open(appSchema);
      await fillUsers(db, 10);
      const k = (n: number) => db.users.key(n);
      expect(keysOf(db.users.range({ offset: 3 }))).toEqual([4, 5, 6, 7, 8, 9, 10]);
      expect(keysOf(db.users.range({ offset: 3, limit: 2 }))).toEqual([4, 5]);
      expect(keysOf(db.users.range({ offset: 3, limit: 2, reverse: true }))).toEqual([7, 6]);
      expect(keysOf(db.users.range({ offset: 2, after: k(5) }))).toEqual([8, 9, 10]);
      expect(keysOf(db.users.range({ offset: 2, after: k(5), reverse: true }))).toEqual([2, 1]);
      expect(keysOf(db.users.range({ offset: 1, start: k(3), end: k(7) }))).toEqual([4, 5, 6]);
      expect(keysOf(db.users.range({ offset: 1, start: k(3), end: k(7), reverse: true }))).toEqual([5, 4, 3]);
      expect(keysOf(db.users.range({ offset: 0, limit: 1 }))).toEqual([1]);
      expect(keysOf(db.users.range({ offset: 10 }))).toEqual([]);
      expect(keysOf(db.users.range({ offset: 1000, reverse: true }))).toEqual([]);
      expect(db.users.page({ offset: 8, limit: 1 })).toEqual({ entries: [expect.objectContaining({ key: 9 })], next: 9 });
      expect(db.users.page({ offset: 9, limit: 1 })).toEqual({ entries: [expect.objectContaining({ key: 10 })] });
    });

    it('offset walks a composite prefix and a text prefix', async () => {
      const db = await backend.open(appSchema);
      await db.transaction((tx) => {
        for (const pet of ['rex', 'rexy', 'ann']) for (let i = 0; i < 5; i++) tx.toys.insert({ pet, name: `toy${i}`, size: i });
        for (const word of ['ant', 'bee', 'bear', 'beetle', 'cat']) tx.words.insert({ word, lang: 'en' });
      });
      expect(keysOf(db.toys.range({ prefix: ['rex'], offset: 3 }))).toEqual([['rex', 'toy3'], ['rex', 'toy4']]);
      expect(keysOf(db.toys.range({ prefix: ['rex'], offset: 3, reverse: true }))).toEqual([['rex', 'toy1'], ['rex', 'toy0']]);
      expect(keysOf(db.words.range({ prefix: 'be', offset: 1 }))).toEqual(['bee', 'beetle']);
    });

    it('countRange counts a range and position counts the keys before a key, present or not', async () => {
      const db = await backend.open(appSchema);
      await fillUsers(db, 10);
      await db.users.delete(db.users.key(4));
      const k = (n: number) => db.users.key(n);
      expect(db.users.countRange()).toBe(9);
      expect(db.users.countRange({ start: k(3), end: k(8) })).toBe(4);
      expect(db.users.countRange({ start: k(11) })).toBe(0);
      expect(db.users.position(k(1))).toBe(0);
      expect(db.users.position(k(4))).toBe(3); // absent: where it would be
      expect(db.users.position(k(5))).toBe(3);
      expect(db.users.position(k(10))).toBe(8);
      expect(db.users.position(k(99))).toBe(9);
      await db.transaction((tx) => {
        for (const pet of ['rex', 'rexy', 'ann']) for (let i = 0; i < 5; i++) tx.toys.insert({ pet, name: `toy${i}`, size: i });
        for (const word of ['ant', 'bee', 'bear', 'beetle', 'cat']) tx.words.insert({ word, lang: 'en' });
      });
      expect(db.toys.countRange({ prefix: ['rex'] })).toBe(5);
      expect(db.toys.position(db.toys.key(['rex', 'toy2']))).toBe(7);
      expect(db.words.countRange({ prefix: 'be' })).toBe(3);
      expect(db.opaque.tree('words').position('bee')).toBe(2);
      expect(db.opaque.tree('toys').countRange({ prefix: ['ann'] })).toBe(5);
    });

    it('prefix on composite keys matches whole parts only', async () => {
      const db = await backend.open(appSchema);
      const pairs = [['rex', 'ball'], ['rexy', 'ball'], ['re', 'x'], ['rex', 'bone'], ['rex', 'a'], ['rew', 'z'], ['rex', 'zz']] as const;
      await db.transaction((tx) => pairs.forEach(([pet, name]) => tx.toys.insert({ pet, name, size: 1 })));
      expect(keysOf(db.toys.range({ prefix: ['rex'] }))).toEqual([['rex', 'a'], ['rex', 'ball'], ['rex', 'bone'], ['rex', 'zz']]);
      expect(keysOf(db.toys.range({ prefix: ['rex'], reverse: true }))).toEqual([['rex', 'zz'], ['rex', 'bone'], ['rex', 'ball'], ['rex', 'a']]);
      expect(keysOf(db.toys.range({ prefix: ['rex'], limit: 2 }))).toEqual([['rex', 'a'], ['rex', 'ball']]);
      expect(keysOf(db.toys.range({ prefix: ['rex'], after: db.toys.key(['rex', 'ball']) }))).toEqual([['rex', 'bone'], ['rex', 'zz']]);
      expect(keysOf(db.toys.range({ prefix: ['rex'], reverse: true, after: db.toys.key(['rex', 'bone']) }))).toEqual([['rex', 'ball'], ['rex', 'a']]);
      expect(keysOf(db.toys.range({ prefix: ['rexy'] }))).toEqual([['rexy', 'ball']]);
      expect(keysOf(db.toys.range({ prefix: ['re'] }))).toEqual([['re', 'x']]);
      expect(keysOf(db.toys.range({ prefix: ['rex', 'ball'] }))).toEqual([['rex', 'ball']]);
      expect(keysOf(db.toys.range({ prefix: ['nobody'] }))).toEqual([]);
    });

    it('text prefix on string keys', async () => {
      const db = await backend.open(appSchema);
      const all = ['a', 'ap', 'apple', 'apricot', 'apé', 'ap😀', 'aq', 'banana', 'Apple2'];
      await db.transaction((tx) => all.forEach((word) => tx.words.insert({ word, lang: 'en' })));
      expect(keysOf(db.words.range({ prefix: 'ap' }))).toEqual(['ap', 'apple', 'apple2', 'apricot', 'apé', 'ap😀']);
      expect(keysOf(db.words.range({ prefix: 'ap', reverse: true }))).toEqual(['ap😀', 'apé', 'apricot', 'apple2', 'apple', 'ap']);
      expect(keysOf(db.words.range({ prefix: 'apple' }))).toEqual(['apple', 'apple2']);
      expect(keysOf(db.words.range({ prefix: 'ap', limit: 2, after: db.words.key('apple') }))).toEqual(['apple2', 'apricot']);
      expect(keysOf(db.words.range({ prefix: 'b' }))).toEqual(['banana']);
      expect(keysOf(db.words.range({ prefix: 'c' }))).toEqual([]);
    });

    it('page({ limit }) with `next` visits every record once, forward and reverse', async () => {
      const db = await backend.open(appSchema);
      await fillUsers(db, 23);
      for (const limit of [1, 5, 23, 50]) {
        for (const reverse of [false, true]) {
          const seen: number[] = [];
          let after: KeyOf<typeof users> | undefined;
          let pages = 0;
          for (;;) {
            const page = db.users.page({ limit, reverse, after });
            pages++;
            expect(page.entries.length).toBeLessThanOrEqual(limit);
            seen.push(...page.entries.map((e) => e.key));
            if (!page.next) break;
            expect(page.next).toBe(page.entries.at(-1)!.key);
            after = page.next;
          }
          const expected = Array.from({ length: 23 }, (_, i) => i + 1);
          expect(seen).toEqual(reverse ? expected.reverse() : expected);
          expect(pages).toBe(Math.ceil(23 / limit));
        }
      }
      // A page that ends exactly at the last record has no `next`.
      expect(db.users.page({ limit: 3, after: db.users.key(20) })).toEqual({ entries: expect.any(Array) });
      expect(db.users.page({ limit: 3, after: db.users.key(20) }).entries).toHaveLength(3);
    });

    it('page walks a composite prefix', async () => {
      const db = await backend.open(appSchema);
      await db.transaction((tx) => {
        for (const pet of ['rex', 'rexy', 'ann']) for (let i = 0; i < 7; i++) tx.toys.insert({ pet, name: `toy${i}`, size: i });
      });
      for (const reverse of [false, true]) {
        const names: string[] = [];
        let page = db.toys.page({ prefix: ['rex'], limit: 3, reverse });
        names.push(...page.entries.map((e) => `${e.key[0]}/${e.key[1]}`));
        while (page.next) {
          page = db.toys.page({ prefix: ['rex'], limit: 3, reverse, after: page.next });
          names.push(...page.entries.map((e) => `${e.key[0]}/${e.key[1]}`));
        }
        const expected = Array.from({ length: 7 }, (_, i) => `rex/toy${i}`);
        expect(names).toEqual(reverse ? expected.reverse() : expected);
      }
    });
  });
});

describe('contract: both backends give identical ranges', () => {
  const utf8Compare = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

  it('the same composite data answers every query the same way, in key order', async () => {
    const pets = ['a', 'ab', 'b', 'B', 'rex', 'rexy', 'é', '中', '😀', 'z'];
    const sizes = [-7, -0.25, 0, 1, 2, 10, 11.5, 300];
    const [lmdb, memory] = await Promise.all(backends.map((b) => b.open(appSchema)));
    for (const db of [lmdb!, memory!]) {
      await db.transaction((tx) => {
        for (const pet of pets) for (const size of sizes) tx.toys.insert({ pet, name: `n${size}`, size });
      });
    }
    // The order ordered-binary gives: text by UTF-8 bytes, part by part.
    const sorted = pets
      .flatMap((pet) => sizes.map((size) => [pet, `n${size}`] as const))
      .sort((x, y) => utf8Compare(x[0], y[0]) || utf8Compare(x[1], y[1]));
    expect(keysOf(lmdb!.toys.range())).toEqual(sorted);

    const k = (pet: string, name: string) => lmdb!.toys.key([pet, name]);
    const queries = [
      {},
      { reverse: true },
      { start: k('b', 'n0') },
      { end: k('rexy', 'n1'), reverse: true },
      { start: k('ab', 'n10'), end: k('é', 'n0') },
      { start: k('ab', 'n10'), end: k('é', 'n0'), reverse: true, limit: 5 },
      { prefix: ['rex'] },
      { prefix: ['😀'], reverse: true },
      { prefix: ['中'], after: k('中', 'n1') },
      { after: k('rex', 'n2'), limit: 4 },
      { after: k('rex', 'n2'), limit: 4, reverse: true },
      { start: k('a', 'n0'), after: k('B', 'n300'), end: k('rexy', 'n0') }, // a cursor outside the range does not widen it
      { start: k('a', 'n0'), after: k('z', 'n0'), end: k('rexy', 'n0'), reverse: true },
      { end: k('b', 'n0'), after: k('rex', 'n0') }, // …and one past the far end leaves nothing
      { start: k('rex', 'n0'), after: k('b', 'n0'), reverse: true },
      { limit: 0 },
    ];
    for (const query of queries) {
      const fromLmdb = [...lmdb!.toys.range(query)];
      expect([...memory!.toys.range(query)].map(({ key, value }) => ({ key, value })), JSON.stringify(query)).toEqual(
        fromLmdb.map(({ key, value }) => ({ key, value })),
      );
    }
  });
});
