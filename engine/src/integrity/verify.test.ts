/**
 * The integrity check on a real LMDB database: a sound one passes with exact
 * counts; each kind of damage, done with lmdb-js directly beneath the engine,
 * gives exactly its problem, naming tree, index and key; and checking never
 * changes the data file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTrellisError, open, verifyDatabase, type IntegrityProblem } from '../index.js';
import { createLibrary, fillLibrary, librarySchema, type LibraryKeys } from './fixtures/library.js';
import { fileState, withRawStores, type RawStores } from './fixtures/raw-stores.js';

let dir: string;
let path: string;
let keys: LibraryKeys;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-verify-'));
  path = join(dir, 'library');
  keys = await createLibrary(path);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Verifies by path (read-only) and checks the data file did not change. */
async function verifyUntouched() {
  const before = fileState(path);
  const report = await verifyDatabase(path);
  expect(fileState(path)).toEqual(before);
  return report;
}

const brief = (p: IntegrityProblem) => ({ kind: p.kind, tree: p.tree, ...(p.index ? { index: p.index } : {}), ...(p.key !== undefined ? { key: p.key } : {}) });

describe('verifyDatabase on a sound database', () => {
  it('passes, with exact counts of what it checked', async () => {
    const report = await verifyUntouched();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // authors: byName 3 + byEmail 2 + byTag 4 (math, engines; poetry, math); books: byAuthorYear 2 + byTitle 2; chapters: byTitle 3
    // references: books.author 2 + books.coauthors[] 2 (bob once, cy) + chapters.book 3
    expect(report.checked).toEqual({ trees: 3, records: 8, indexEntries: 16, references: 7 });
    expect(report.repairs).toBeUndefined();
  });

  it('passes on the in-memory backend, through an open handle', async () => {
    const db = await open('memory-library', librarySchema, { inMemory: true });
    await fillLibrary(db);
    const report = await db.opaque.verify();
    expect(report).toMatchObject({ ok: true, checked: { trees: 3, records: 8, indexEntries: 16, references: 7 } });
    await db.close();
  });

  it('writes nothing through a writable handle either', async () => {
    const db = await open(path, librarySchema);
    const before = fileState(path);
    expect((await verifyDatabase(db.opaque)).ok).toBe(true);
    expect(fileState(path)).toEqual(before);
    await db.close();
  });

  it('refuses what is not a database with the engine’s error, creating nothing', async () => {
    const missing = join(dir, 'nothing-here');
    const error = await verifyDatabase(missing).catch((e: unknown) => e);
    expect(isTrellisError(error, 'NOT_A_DATABASE')).toBe(true);
  });
});

interface Damage {
  readonly name: string;
  readonly damage: (raw: RawStores, keys: LibraryKeys) => void;
  readonly expected: (keys: LibraryKeys) => ReturnType<typeof brief>[];
}

const damages: Damage[] = [
  {
    name: 'an index entry removed',
    damage: (raw, k) => raw.plain('i/authors/byName').removeSync(['Bob', k.bob]),
    expected: (k) => [{ kind: 'missing-index-entry', tree: 'authors', index: 'byName', key: k.bob }],
  },
  {
    name: 'a unique index entry removed',
    damage: (raw) => raw.plain('i/books/byTitle').removeSync('Notes'),
    expected: (k) => [{ kind: 'missing-index-entry', tree: 'books', index: 'byTitle', key: k.notes }],
  },
  {
    name: 'a stale index entry added',
    damage: (raw, k) => raw.plain('i/authors/byTag').putSync(['chess', k.cy], null),
    expected: (k) => [{ kind: 'stale-index-entry', tree: 'authors', index: 'byTag', key: ['chess', k.cy] }],
  },
  {
    name: 'a compound index entry for a record that does not exist',
    damage: (raw, k) => raw.plain('i/books/byAuthorYear').putSync([k.ada, 1900, '00000000-0000-7000-8000-000000000000'], null),
    expected: (k) => [{ kind: 'stale-index-entry', tree: 'books', index: 'byAuthorYear', key: [k.ada, 1900, '00000000-0000-7000-8000-000000000000'] }],
  },
  {
    name: 'a reverse reference removed',
    damage: (raw, k) => raw.plain('r/books/coauthors[]').removeSync([k.cy, k.engines]),
    expected: (k) => [{ kind: 'missing-reference-entry', tree: 'books', key: k.engines }],
  },
  {
    name: 'a stale reverse reference added',
    damage: (raw, k) => raw.plain('r/books/coauthors[]').putSync([k.ada, k.notes], null),
    expected: (k) => [{ kind: 'stale-reference-entry', tree: 'books', key: [k.ada, k.notes] }],
  },
  {
    name: 'a dangling reference written past the checks (with its reverse entry, as the engine would)',
    damage: (raw, k) => {
      const books = raw.records('books');
      const entry = books.getEntry(k.notes)!;
      books.putSync(k.notes, { ...(entry.value as object), coauthors: [999] }, entry.version!);
      raw.plain('r/books/coauthors[]').putSync([999, k.notes], null);
    },
    expected: (k) => [{ kind: 'dangling-reference', tree: 'books', key: k.notes }],
  },
  {
    name: 'an auto-increment counter lowered',
    damage: (raw) => raw.plain('__meta').putSync(['auto', 'authors'], 1),
    expected: () => [{ kind: 'auto-counter-behind', tree: 'authors', key: 3 }],
  },
  {
    name: 'an index dropped from the catalog, its store left full',
    damage: (raw) => {
      const meta = raw.plain('__meta');
      const catalog = structuredClone(meta.get('catalog')) as { trees: Record<string, { indexes: { name: string }[] }> };
      catalog.trees['authors']!.indexes = catalog.trees['authors']!.indexes.filter((i) => i.name !== 'byTag');
      meta.putSync('catalog', catalog);
    },
    expected: () => [{ kind: 'unknown-store', tree: 'authors' }],
  },
  {
    name: 'an index store deleted',
    damage: (raw) => raw.plain('i/chapters/byTitle').dropSync(),
    expected: () => [{ kind: 'missing-store', tree: 'chapters', index: 'byTitle' }],
  },
  {
    name: 'two records holding one unique value',
    damage: (raw, k) => {
      const authors = raw.records('authors');
      const entry = authors.getEntry(k.bob)!;
      authors.putSync(k.bob, { ...(entry.value as object), email: 'ada@example.com' }, entry.version!);
      raw.plain('i/authors/byEmail').removeSync('bob@example.com');
    },
    expected: (k) => [{ kind: 'unique-conflict', tree: 'authors', index: 'byEmail', key: k.bob }],
  },
  {
    name: 'a record that does not validate',
    damage: (raw, k) => {
      const authors = raw.records('authors');
      authors.putSync(k.cy, { name: 'Cy', tags: 5 }, authors.getEntry(k.cy)!.version!);
    },
    expected: (k) => [{ kind: 'invalid-record', tree: 'authors', key: k.cy }],
  },
  {
    name: 'a record whose value does not decode',
    damage: (raw, k) => raw.bytes('t/authors').putSync(k.cy, Buffer.from([0xd9, 0x10]) /* a 16-byte string cut short */, 7),
    expected: (k) => [{ kind: 'undecodable-record', tree: 'authors', key: k.cy }],
  },
  {
    name: 'a record under a key its tree cannot have',
    damage: (raw) => raw.records('authors').putSync('not-an-id', { name: 'Zed', tags: [] }, 1),
    expected: () => [{ kind: 'invalid-key', tree: 'authors', key: 'not-an-id' }],
  },
  {
    name: 'the revision counter set back',
    damage: (raw) => raw.plain('__meta').putSync('revision', 2),
    expected: () => [
      { kind: 'revision-behind', tree: '' },
      { kind: 'revision-behind', tree: '' },
    ],
  },
];

describe('verifyDatabase finds damage done beneath the engine', () => {
  it.each(damages)('$name', async ({ damage, expected }) => {
    await withRawStores(path, (raw) => damage(raw, keys));
    const report = await verifyUntouched();
    expect(report.problems.map(brief)).toEqual(expected(keys));
    expect(report.ok).toBe(false);
    for (const problem of report.problems) expect(problem.message.length).toBeGreaterThan(20);
  });

  it('names the index value and the record in its messages', async () => {
    await withRawStores(path, (raw) => raw.plain('i/authors/byName').removeSync(['Bob', keys.bob]));
    const [problem] = (await verifyUntouched()).problems;
    expect(problem?.message).toBe(`authors.byName ["Bob"] is missing the entry of authors ${keys.bob}`);
  });

  it('lists at most maxProblems, counting the rest', async () => {
    await withRawStores(path, (raw) => raw.plain('i/authors/byTag').dropSync());
    await withRawStores(path, (raw) => {
      for (const ch of ['a', 'b', 'c', 'd', 'e']) raw.plain('i/chapters/byTitle').putSync([ch, keys.engines, 9], null);
    });
    const report = await verifyDatabase(path, { maxProblems: 2 });
    expect(report).toMatchObject({ ok: false, omittedProblems: 4 });
    expect(report.problems).toHaveLength(2);
  });
});
