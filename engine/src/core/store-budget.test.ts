/**
 * How many trees and indexes a database may hold: whatever the typed face
 * makes, the opaque face and the integrity check can open (LMDB's table of
 * sub-databases has room for it), a schema past the budget is refused before
 * anything is created, and a full table is a TrellisError, not LMDB's own.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as openLmdb } from 'lmdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autoIncrement, open, openDatabase, schema, t, tree, verifyDatabase } from '../index.js';
import { MAX_STORES } from './store-budget.js';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-store-budget-'));
  path = join(dir, 'db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `count` trees named `${prefix}0…`, each with one index: two stores a tree. */
function manyTrees(count: number, prefix = 't') {
  return Array.from({ length: count }, (_, n) =>
    tree(`${prefix}${n}`, { key: autoIncrement(), value: t.object({ name: t.string() }), indexes: { byName: { on: 'name' } } }),
  );
}

async function fill(trees: ReturnType<typeof manyTrees>): Promise<void> {
  const db = await open(path, schema(...trees));
  await db.transaction((tx) => {
    for (const declared of trees) tx[declared.name]!.insert({ name: declared.name });
  });
  await db.close();
}

describe('the stores a database holds', () => {
  it('600 trees with an index each (1,203 stores), made and filled by the typed face, open on the opaque face and verify clean', async () => {
    const trees = manyTrees(600);
    await fill(trees);
    const db = await openDatabase(path);
    try {
      expect(db.trees()).toHaveLength(600);
      let records = 0;
      for (const info of db.trees()) for (const _ of db.tree(info.name).range()) records++;
      expect(records).toBe(600);
      expect([...db.tree('t599').lookup('byName', { equals: 't599' })].map((hit) => hit.key)).toEqual([1]);
      expect((await db.verify()).ok).toBe(true);
    } finally {
      await db.close();
    }
    expect(await verifyDatabase(path)).toMatchObject({ ok: true, checked: { trees: 600, records: 600 } });
  });

  it(`a schema that needs more than ${MAX_STORES} stores is refused with INVALID_SCHEMA, and nothing is created`, async () => {
    await expect(open(path, schema(...manyTrees(MAX_STORES / 2)))).rejects.toMatchObject({
      code: 'INVALID_SCHEMA',
      message: `invalid schema: the schema needs ${MAX_STORES + 4} stores (one per tree, one per index, one per reference, 4 for the engine); a database holds at most ${MAX_STORES}`,
    });
    expect(existsSync(path)).toBe(false);
  });

  it('trees that would take a database past the budget are refused with INVALID_SCHEMA, and it stays as it was', async () => {
    const first = manyTrees(4000);
    await fill(first.slice(0, 1));
    const db = await open(path, schema(...first));
    await db.close();
    await expect(open(path, schema(...manyTrees(1000, 'u')))).rejects.toMatchObject({
      code: 'INVALID_SCHEMA',
      message: expect.stringContaining(`${path} with this schema needs ${MAX_STORES + 4} stores`),
    });
    const after = await openDatabase(path, { readOnly: true });
    expect(after.trees()).toHaveLength(4000);
    expect(after.catalog.schemaVersion).toBe(2);
    await after.close();
  });

  it('a store past the room LMDB was opened with answers INVALID_SCHEMA, not MDB_DBS_FULL', async () => {
    await fill(manyTrees(8));
    // lmdb-js hands an environment already open in the process to every later open of it, with its room:
    // here 6 sub-databases, where the engine would make room for 10,000.
    const raw = openLmdb({ path, noSubdir: false, maxDbs: 6 });
    try {
      const db = await openDatabase(path);
      try {
        const read = () => db.trees().flatMap((info) => [...db.tree(info.name).range()]);
        expect(read).toThrow(expect.objectContaining({ code: 'INVALID_SCHEMA', message: expect.stringContaining('more stores (trees and indexes) than LMDB has room for in this process') }));
      } finally {
        await db.close();
      }
    } finally {
      await raw.close();
    }
  });
});
