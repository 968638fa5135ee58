/**
 * Contract suite, schema evolution: the same database opened again by other code, on both
 * backends — LMDB in a temp folder, and the in-memory backend through a `MemoryVolume`, which
 * keeps a closed in-memory database for the next open at its path. Older code on a newer
 * database keeps what it does not know; every kind of migration runs on 100,000 records; a
 * failing step leaves the database as the previous step did. LMDB's own cases (a killed
 * process resuming, stores emptied after the switch, other processes) are ./migrations.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, MemoryVolume, MigrationFailedError, open, schema, t, tree, type OpenOptions, type Schema } from './index.js';
import { afterThisTest, failure, tempDir } from './testing/contract-backends.js';
import { appV2, appV3, fillV1, handleOf, nameOf, v1 } from './typed/fixtures/migration-schemas.js';

const PEOPLE = 100_000;
const WORDS = 500;

interface Reopenable {
  readonly name: string;
  /** A new, empty place for a database. */
  place(): string;
  open<S extends Schema>(path: string, declared: S, options?: OpenOptions): ReturnType<typeof open<S>>;
}

const volume = new MemoryVolume();
let memoryPlaces = 0;
const reopenables: readonly Reopenable[] = [
  { name: 'lmdb', place: tempDir, open: (path, declared, options) => open(path, declared, options) },
  { name: 'memory', place: () => `memory-${++memoryPlaces}`, open: (path, declared, options) => open(path, declared, { ...options, inMemory: volume }) },
];


/** A database written by the application's v1 code (../typed/fixtures/migration-schemas.ts). */
async function v1Database(backend: Reopenable, tweak?: (db: Awaited<ReturnType<typeof open<typeof v1>>>) => Promise<unknown>): Promise<string> {
  const path = backend.place();
  const db = await backend.open(path, v1);
  await fillV1(db, PEOPLE, WORDS);
  await tweak?.(db);
  await db.close();
  return path;
}

async function opened<S extends Schema>(backend: Reopenable, path: string, declared: S) {
  const db = await backend.open(path, declared);
  afterThisTest(() => db.close());
  return db;
}

const notesV1 = tree('notes', { key: autoIncrement(), value: t.object({ title: t.string(), meta: t.object({ a: t.integer() }) }) });
const notesV2 = tree('notes', {
  key: autoIncrement(),
  value: t.object({ title: t.string(), meta: t.object({ a: t.integer(), b: t.optional(t.string()) }), author: t.optional(t.string()) }),
  indexes: { byAuthor: { on: 'author' } },
});

for (const backend of reopenables) {
  describe(`schema evolution (${backend.name})`, () => {
    it('lets older code update a newer database’s record without dropping the fields it does not know', async () => {
      const path = backend.place();
      const newer = await backend.open(path, schema(notesV2));
      const key = await newer.notes.insert({ title: 'rich', meta: { a: 2, b: 'extra' }, author: 'ann' });
      await newer.close();
      const older = await opened(backend, path, schema(notesV1));
      await older.notes.update(older.notes.key(key), { title: 'renamed' });
      expect(older.opaque.tree('notes').get(key)?.value).toEqual({ title: 'renamed', meta: { a: 2, b: 'extra' }, author: 'ann' });
      expect(older.catalog.schemaVersion).toBe(1);
      expect([...older.opaque.tree('notes').lookup('byAuthor', { equals: 'ann' })].map((h) => h.key)).toEqual([key]);
      expect((await older.opaque.verify()).problems).toEqual([]);
    });

    it('migrates 100,000 records: fields renamed, converted, removed and computed, a tree split, two merged, then a tree re-keyed', async () => {
      const path = await v1Database(backend);
      const v2 = await backend.open(path, appV2);
      expect(v2.people.get(v2.people.key(1))).toEqual({ fullName: nameOf(0), age: 20, handle: handleOf(nameOf(0)) });
      expect(v2.people.count()).toBe(PEOPLE);
      expect(v2.addresses.count()).toBe(PEOPLE);
      expect([...v2.addresses.index('byCity').keys({ equals: 'City 7' })]).toHaveLength(PEOPLE / 100);
      expect(v2.words.count()).toBe(2 * WORDS);
      expect(Object.keys(v2.catalog.trees).sort()).toEqual(['addresses', 'people', 'posts', 'words']);
      expect(v2.catalog.migrations).toEqual([expect.objectContaining({ id: 'people-v2', outcome: 'applied', records: PEOPLE + 2 * WORDS })]);
      expect((await v2.opaque.verify()).problems).toEqual([]);
      await v2.close();

      const v3 = await opened(backend, path, appV3);
      const handle = handleOf(nameOf(9));
      expect(v3.people.get(v3.people.key(handle))).toMatchObject({ fullName: nameOf(9) });
      expect(v3.posts.get(v3.posts.key(10))?.author).toBe(handle);
      expect([...v3.people.referencedBy(v3.people.key(handle))].map((h) => h.tree)).toEqual(['addresses', 'posts']);
      expect(v3.catalog.migrations?.map((m) => m.id)).toEqual(['people-v2', 'people-by-handle']);
      expect((await v3.opaque.verify()).problems).toEqual([]);
    }, 180_000);

    it('leaves the database as it was when a step fails in the middle, naming the step and the record', async () => {
      const path = await v1Database(backend, (db) => db.people.update(db.people.key(60_001), { age: 'forty' }));
      const error = await failure(backend.open(path, appV2, { migrationBatch: 5_000 }), MigrationFailedError);
      expect([error.migration, error.tree, error.key]).toEqual(['people-v2', 'people', 60_001]);
      expect(error.message).toContain("age 'forty' is not a number");
      const db = await opened(backend, path, v1);
      expect(db.catalog.schemaVersion).toBe(1);
      expect(db.catalog.migrations).toBeUndefined();
      expect(db.people.count()).toBe(PEOPLE);
      expect(db.people.get(db.people.key(1))).toMatchObject({ name: nameOf(0), age: '20', legacy: 'x' });
      expect(Object.keys(db.catalog.trees).sort()).toEqual(['labels', 'people', 'posts', 'tags']);
      expect((await db.opaque.verify()).problems).toEqual([]);
    }, 180_000);
  });
}
