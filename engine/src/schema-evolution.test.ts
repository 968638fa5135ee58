/**
 * Older code reads newer data: an application whose schema is an earlier
 * version of the stored one (the stored one only added trees, optional fields
 * or indexes) opens the database and works on the stored definition. It never
 * rewrites the catalog downwards, keeps the fields it does not know when it
 * writes, and keeps the indexes and references it does not declare. Every
 * record tells the schema version it was written under.
 *
 * LMDB (files, a read-only open, other handles); ./evolution-contract.test.ts runs
 * older code on a newer database on both backends.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, IncompatibleSchemaError, open, openDatabase, ReferencedError, schema, StaleSchemaError, t, tree, verifyDatabase, type Catalog } from './index.js';
import { failure, tempDir, afterThisTest } from './testing/contract-backends.js';

const notesV1 = tree('notes', { key: autoIncrement(), value: t.object({ title: t.string(), meta: t.object({ a: t.integer() }) }) });
const notesV2 = tree('notes', {
  key: autoIncrement(),
  value: t.object({
    title: t.string(),
    meta: t.object({ a: t.integer(), b: t.optional(t.string()) }),
    author: t.optional(t.string()),
  }),
  indexes: { byAuthor: { on: 'author' } },
});
const comments = tree('comments', { key: autoIncrement(), value: t.object({ note: t.ref('notes'), text: t.string() }) });
const v1 = schema(notesV1);
const v2 = schema(notesV2, comments);

async function opened<S extends Parameters<typeof open>[1]>(path: string, declared: S, readOnly = false) {
  const db = await open(path, declared, { readOnly });
  afterThisTest(() => db.close());
  return db;
}

async function storedCatalog(path: string): Promise<Catalog> {
  const db = await openDatabase(path, { readOnly: true });
  try {
    return db.catalog;
  } finally {
    await db.close();
  }
}

/** A database written by v1, then by v2 (a second note, with an author, and a comment on it). */
async function newerDatabase() {
  const path = tempDir();
  const first = await open(path, v1);
  const old = await first.notes.insert({ title: 'old', meta: { a: 1 } });
  await first.close();
  const second = await open(path, v2);
  const rich = await second.notes.insert({ title: 'rich', meta: { a: 2, b: 'extra' }, author: 'ann' });
  await second.comments.insert({ note: rich as never, text: 'hi' });
  await second.close();
  return { path, old: old as number, rich: rich as number, catalog: await storedCatalog(path) };
}

describe('older code on a newer database', () => {
  it('opens it, reads the fields it does not know, and leaves the catalog as it was', async () => {
    const { path, rich, catalog } = await newerDatabase();
    expect(catalog.schemaVersion).toBe(2);
    const db = await opened(path, v1);
    expect(db.notes.get(rich as never)).toEqual({ title: 'rich', meta: { a: 2, b: 'extra' }, author: 'ann' });
    await db.notes.insert({ title: 'from old code', meta: { a: 3 } });
    await db.close();
    expect(await storedCatalog(path)).toEqual(catalog);
  });

  it('keeps the unknown fields when it puts or updates a record, at every level', async () => {
    const { path, rich } = await newerDatabase();
    const db = await opened(path, v1);
    const key = rich as never;
    await db.notes.put(key, { title: 'renamed', meta: { a: 5 } });
    expect(db.notes.get(key)).toEqual({ title: 'renamed', meta: { a: 5, b: 'extra' }, author: 'ann' });
    // An update that builds a fresh value from the fields the code knows.
    await db.notes.update(key, (note) => ({ title: `${note.title}!`, meta: { a: note.meta.a + 1 } }));
    expect(db.notes.get(key)).toEqual({ title: 'renamed!', meta: { a: 6, b: 'extra' }, author: 'ann' });
    // The newer code's index still finds it: the stored definition's indexes are kept by the older code's writes.
    await db.close();
    const newer = await opened(path, v2);
    expect([...newer.notes.index('byAuthor').records({ equals: 'ann' })].map((e) => e.value.title)).toEqual(['renamed!']);
  });

  it('keeps the references of trees it does not declare: a delete they restrict is refused', async () => {
    const { path, rich } = await newerDatabase();
    const db = await opened(path, v1);
    const refused = await failure(db.notes.delete(rich as never), ReferencedError);
    expect(refused.holders).toEqual([{ tree: 'comments', path: 'note', key: 1 }]);
    expect(db.notes.get(rich as never)?.title).toBe('rich');
  });

  it('validates its writes against the stored definition', async () => {
    const { path, rich } = await newerDatabase();
    const db = await opened(path, v1);
    // A field the stored definition knows is checked by its schema, even though the code does not declare it.
    await expect(db.notes.put(rich as never, { title: 'x', meta: { a: 1 }, author: 7 } as never)).rejects.toThrow(/\/author: must be string/);
    expect(db.notes.get(rich as never)?.title).toBe('rich');
  });

  it('opens read-only too', async () => {
    const { path, rich } = await newerDatabase();
    const db = await opened(path, v1, true);
    expect(db.notes.get(rich as never)).toMatchObject({ author: 'ann' });
  });

  it('recognises an older definition that differs only by an index, and keeps the index up to date', async () => {
    const path = tempDir();
    const plain = tree('notes', { key: autoIncrement(), value: t.object({ title: t.string() }) });
    const indexed = tree('notes', { key: autoIncrement(), value: t.object({ title: t.string() }), indexes: { byTitle: { on: 'title' } } });
    await (await open(path, schema(plain))).close();
    await (await open(path, schema(indexed))).close();
    const older = await open(path, schema(plain));
    await older.notes.insert({ title: 'kept in the index' });
    await older.close();
    expect((await storedCatalog(path)).schemaVersion).toBe(2);
    const newer = await opened(path, schema(indexed));
    expect([...newer.notes.index('byTitle').records({ equals: 'kept in the index' })]).toHaveLength(1);
    expect(newer.opaque.catalog.schemaVersion).toBe(2);
  });

  it('still lets newer code remove an index it never had without', async () => {
    const path = tempDir();
    const indexed = tree('notes', { key: autoIncrement(), value: t.object({ title: t.string() }), indexes: { byTitle: { on: 'title' } } });
    const plain = tree('notes', { key: autoIncrement(), value: t.object({ title: t.string() }) });
    await (await open(path, schema(indexed))).close();
    const db = await opened(path, schema(plain));
    expect(db.opaque.catalog.trees['notes']!.indexes).toEqual([]);
    expect(db.opaque.catalog.schemaVersion).toBe(2);
  });

  it('refuses code that is neither older nor a compatible newer schema, and changes nothing', async () => {
    const { path, catalog } = await newerDatabase();
    const retyped = tree('notes', { key: autoIncrement(), value: t.object({ title: t.integer(), meta: t.object({ a: t.integer() }) }) });
    await expect(open(path, schema(retyped))).rejects.toBeInstanceOf(IncompatibleSchemaError);
    expect(await storedCatalog(path)).toEqual(catalog);
  });

  it('tells each record the schema version it was written under, on the opaque face', async () => {
    const { path, old, rich } = await newerDatabase();
    const db = await opened(path, v1);
    const later = await db.notes.insert({ title: 'by old code, under version 2', meta: { a: 9 } });
    const notes = db.opaque.tree('notes');
    expect(notes.get(old)?.schemaVersion).toBe(1);
    expect(notes.get(rich)?.schemaVersion).toBe(2);
    expect(notes.get(later)?.schemaVersion).toBe(2);
    expect(db.opaque.catalog.history?.map((h) => h.version)).toEqual([1, 2]);
  });

  it('refuses the writes of a handle opened before another changed the schema, and writes nothing', async () => {
    const path = tempDir();
    const plain = tree('notes', { key: autoIncrement(), value: t.object({ title: t.string() }) });
    const indexed = tree('notes', { key: autoIncrement(), value: t.object({ title: t.string() }), indexes: { byTitle: { on: 'title' } } });
    const stale = await opened(path, schema(plain));
    const tool = await openDatabase(path);
    afterThisTest(() => tool.close());
    await stale.notes.insert({ title: 'before' });
    // Another handle (here in this process; in another process alike) adds an index, which the stale one would not keep.
    const newer = await opened(path, schema(indexed));
    const refused = await failure(stale.notes.insert({ title: 'missing from byTitle' }), StaleSchemaError);
    expect([refused.code, refused.openedVersion, refused.storedVersion]).toEqual(['STALE_SCHEMA', 1, 2]);
    await failure(tool.tree('notes').insert({ title: 'nor through the opaque face' }), StaleSchemaError);
    expect(newer.notes.count()).toBe(1);
    // Reopened, the old code works on the stored definition and keeps the new index.
    await stale.close();
    const reopened = await opened(path, schema(plain));
    await reopened.notes.insert({ title: 'kept in byTitle' });
    expect([...newer.notes.index('byTitle').records({ equals: 'kept in byTitle' })]).toHaveLength(1);
    await Promise.all([reopened.close(), newer.close(), tool.close()]);
    expect((await verifyDatabase(path)).ok).toBe(true);
  });
});

describe('an index dropped and declared again', () => {
  const plain = tree('words', { key: autoIncrement(), value: t.object({ rank: t.integer() }) });
  const unique = tree('words', { key: autoIncrement(), value: t.object({ rank: t.integer() }), indexes: { byRank: { on: 'rank', unique: true } } });

  it('is emptied when dropped: declared again, it is rebuilt from the records, not refused by its old entries', async () => {
    // A unique index's entries are one-part keys (`[1]`), which read back as the part alone (a number's encoding differs): emptying the
    // store by the keys it listed removed nothing, and rebuilding then met every record's old entry.
    const path = tempDir();
    const first = await open(path, schema(unique));
    await first.words.insert({ rank: 1 });
    await first.words.insert({ rank: 2 });
    await first.close();
    const without = await open(path, schema(plain));
    await without.words.update(without.words.key(1), { rank: 3 });
    await without.close();
    const again = await opened(path, schema(unique));
    expect(again.words.index('byRank').get(3)?.key).toBe(1);
    expect(again.words.index('byRank').get(1)).toBeUndefined();
    await again.close();
    expect((await verifyDatabase(path)).ok).toBe(true);
  });
});
