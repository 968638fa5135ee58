import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CorruptError, openDatabase, verifyDatabase } from '../index.js';
import { indexStoreName } from '../core/tree-model.js';
import { createLibrary } from '../integrity/fixtures/library.js';
import { withRawStores } from '../integrity/fixtures/raw-stores.js';
import { describeStorageDamage } from './damage.js';

/** 0xc1 is the one byte msgpack never uses: no decoder reads past it. */
const NOT_MSGPACK = Uint8Array.of(0xc1, 0xc1, 0xc1);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function library(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-damage-'));
  dirs.push(dir);
  const path = join(dir, 'db');
  await createLibrary(path);
  return path;
}

describe('damaged stored bytes', () => {
  it('an index entry whose value does not decode makes the integrity check answer CORRUPT, saying where', async () => {
    const path = await library();
    await withRawStores(path, (raw) => void raw.bytes(indexStoreName('authors', 'byEmail')).putSync(['zzz@example.com'], NOT_MSGPACK));
    const error = await verifyDatabase(path).then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CorruptError);
    expect((error as Error).message).toMatch(/a stored value does not decode \(.+\) while the integrity check reads the entries of index authors\.byEmail$/);
  });

  it('a record whose value does not decode fails the range with an error recognised as damage', async () => {
    const path = await library();
    await withRawStores(path, (raw) => void raw.bytes('t/chapters').putSync([999, 1], NOT_MSGPACK));
    const db = await openDatabase(path, { readOnly: true });
    try {
      const failure = (() => {
        try {
          void [...db.tree('chapters').range({})];
          return undefined;
        } catch (error) {
          return error;
        }
      })();
      // lmdb-js decodes inside its iterator, so the range fails at that record (app/host answers CORRUPT).
      expect(failure).toBeInstanceOf(Error);
      expect(describeStorageDamage(failure)).toMatch(/^a stored value does not decode \(.+\)$/);
    } finally {
      await db.close();
    }
  });

  it("recognises lmdb-js's refusal of a key longer than LMDB stores (the damage trials met it on a burst of random bytes)", () => {
    // Made by hand: the trial's database is 650 MiB, and the node header it hit is not found again on purpose.
    const thrown = Object.assign(new Error('Invalid key size 69dc'), { stack: 'Error: Invalid key size 69dc\n    at Object.next (file:///x/node_modules/lmdb/read.js:748:15)' });
    expect(describeStorageDamage(thrown)).toBe("a key's length is impossible (lmdb-js: Invalid key size 69dc)");
    expect(describeStorageDamage(new Error('Invalid key size 69dc'))).toBeUndefined(); // said by something else, not lmdb-js reading
  });

  it('recognises MDB_PROBLEM, what LMDB says of a page that is not of the kind its parent names (damage trial 71 of seed 20261204)', () => {
    // The words lmdb-js gave on a page overwritten with random bytes, read by the integrity check (it answered untyped).
    const thrown = new Error('MDB_PROBLEM: Unexpected problem - txn should abort: expected node to be branch, but was not');
    expect(describeStorageDamage(thrown)).toBe('LMDB reports MDB_PROBLEM: Unexpected problem - txn should abort: expected node to be branch, but was not');
  });

  it('is silent about errors that are not damage', () => {
    expect(describeStorageDamage(new Error('ENOENT: no such file'))).toBeUndefined();
    expect(describeStorageDamage('MDB_CORRUPTED')).toBeUndefined();
    expect(describeStorageDamage(new Error('MDB_PAGE_NOTFOUND: Requested page not found'))).toBe('LMDB reports MDB_PAGE_NOTFOUND: Requested page not found');
  });
});
