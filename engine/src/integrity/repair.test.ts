/**
 * Repair: what it can fix (indexes, reverse references, counters) is rebuilt
 * from the records in one transaction and a second check passes; what it must
 * not guess at (dangling references, undecodable records) stays reported, and
 * the records are left as they were.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autoIncrement, isTrellisError, open, openDatabase, schema, t, tree, verifyDatabase } from '../index.js';
import { createLibrary, librarySchema, type LibraryKeys } from './fixtures/library.js';
import { fileState, withRawStores } from './fixtures/raw-stores.js';

let dir: string;
let path: string;
let keys: LibraryKeys;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-repair-'));
  path = join(dir, 'library');
  keys = await createLibrary(path);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('verifyDatabase with repair', () => {
  it('rebuilds damaged indexes and reverse references and raises counters, then passes', async () => {
    await withRawStores(path, (raw) => {
      raw.plain('i/authors/byName').removeSync(['Bob', keys.bob]);
      raw.plain('i/authors/byTag').putSync(['chess', keys.cy], null);
      raw.plain('i/chapters/byTitle').dropSync();
      raw.plain('r/books/coauthors[]').removeSync([keys.cy, keys.engines]);
      raw.plain('r/books/coauthors[]').putSync([keys.ada, keys.notes], null);
      raw.plain('__meta').putSync(['auto', 'authors'], 1);
    });
    const kinds = (await verifyDatabase(path)).problems.map((p) => p.kind).sort();
    expect(kinds).toEqual(['auto-counter-behind', 'missing-index-entry', 'missing-reference-entry', 'missing-store', 'stale-index-entry', 'stale-reference-entry']);

    const repaired = await verifyDatabase(path, { repair: true });
    expect(repaired.problems).toEqual([]);
    expect(repaired.ok).toBe(true);
    expect(repaired.repairs?.map((r) => [r.action, r.tree, r.index])).toEqual([
      ['rebuild-index', 'authors', 'byName'],
      ['rebuild-index', 'authors', 'byTag'],
      ['rebuild-index', 'chapters', 'byTitle'],
      ['rebuild-references', undefined, undefined],
      ['raise-counter', 'authors', undefined],
    ]);

    const before = fileState(path);
    expect((await verifyDatabase(path)).ok).toBe(true);
    expect(fileState(path)).toEqual(before);

    // The engine reads the rebuilt stores, and the next id does not collide.
    const db = await open(path, librarySchema);
    expect(db.authors.index('byName').get('Bob')?.key).toBe(keys.bob);
    expect([...db.chapters.index('byTitle').keys({ equals: 'Gears' })]).toHaveLength(2);
    expect(db.authors.referencedBy(keys.cy)).toEqual([{ tree: 'books', path: 'coauthors[]', key: keys.engines }]);
    expect(await db.authors.insert({ name: 'Dee', tags: [] })).toBe(4);
    await db.close();
  });

  it('removes a stale entry of a unique index on numbers (a one-part key, which reads back as the number alone)', async () => {
    const ranked = tree('ranked', { key: autoIncrement(), value: t.object({ rank: t.integer() }), indexes: { byRank: { on: 'rank', unique: true } } });
    const rankedPath = join(dir, 'ranked');
    const db = await open(rankedPath, schema(ranked));
    await db.ranked.insert({ rank: 7 });
    await db.close();
    await withRawStores(rankedPath, (raw) => raw.plain('i/ranked/byRank').putSync([99], 1));
    expect((await verifyDatabase(rankedPath)).problems.map((p) => p.kind)).toEqual(['stale-index-entry']);
    const repaired = await verifyDatabase(rankedPath, { repair: true });
    expect(repaired.problems).toEqual([]);
    expect((await verifyDatabase(rankedPath)).ok).toBe(true);
  });

  it('reports dangling references and undecodable records, and leaves the records alone', async () => {
    await withRawStores(path, (raw) => {
      const books = raw.records('books');
      const entry = books.getEntry(keys.notes)!;
      books.putSync(keys.notes, { ...(entry.value as object), coauthors: [999] }, entry.version!);
      raw.bytes('t/chapters').putSync([keys.engines, 2], Buffer.from([0xd9, 0x10]), 5);
    });
    const report = await verifyDatabase(path, { repair: true });
    expect(report.problems.map((p) => [p.kind, p.tree, p.key])).toEqual([
      ['dangling-reference', 'books', keys.notes],
      ['undecodable-record', 'chapters', [keys.engines, 2]],
    ]);
    // The missing reverse entry of the dangling reference was rebuilt; nothing else needed it.
    expect(report.repairs?.map((r) => r.action)).toEqual(['rebuild-references']);
    const db = await openDatabase(path, { readOnly: true });
    expect(db.tree('books').get(keys.notes)?.value).toMatchObject({ coauthors: [999] });
    await db.close();
    // The undecodable chapter's entries cannot be judged, so the rebuild kept them.
    await withRawStores(path, (raw) => {
      expect(raw.plain('r/chapters/book').doesExist([keys.engines, keys.engines, 2])).toBe(true);
      expect(raw.plain('i/chapters/byTitle').doesExist(['Cards', keys.engines, 2])).toBe(true);
    });
  });

  it('writes nothing to a sound database', async () => {
    const before = fileState(path);
    const report = await verifyDatabase(path, { repair: true });
    expect(report).toMatchObject({ ok: true, repairs: [] });
    expect(fileState(path).sha256).toBe(before.sha256);
  });

  it('is refused on a read-only handle', async () => {
    const db = await openDatabase(path, { readOnly: true });
    const error = await db.verify({ repair: true }).catch((e: unknown) => e);
    expect(isTrellisError(error, 'READ_ONLY')).toBe(true);
    await db.close();
  });
});
