/**
 * Transactions that share a commit, and many writes in batches (./batches.ts):
 * each transaction stays atomic on its own inside a shared commit, sees every
 * earlier one, takes its revisions in call order; `insertMany` writes whole
 * batches or nothing, in order, with every value checked.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoIncrement, ConflictError, MissingReferenceError, open, schema, t, tree, ValidationError } from '@trellis/engine';
import { backends, failure, tempDir } from '../testing/contract-backends.js';

const owners = tree('owners', { key: autoIncrement(), value: t.object({ name: t.string() }) });
const items = tree('items', {
  key: autoIncrement(),
  value: t.object({ n: t.integer(), owner: t.ref(owners) }),
  indexes: { byOwner: { on: 'owner' } },
});
const testSchema = schema(owners, items);

/** The last committed LMDB transaction id, read from the data file's two meta pages (as ../storage/lmdb-backend.ts reads them). */
function lastCommitId(folder: string): bigint {
  const fd = openSync(join(folder, 'data.mdb'), 'r');
  try {
    const head = Buffer.alloc(52);
    readSync(fd, head, 0, head.length, 0);
    const pageSize = head.readUInt32LE(48);
    const ids = [0, 1].map((page) => {
      const meta = Buffer.alloc(8);
      readSync(fd, meta, 0, 8, page * pageSize + 152);
      return meta.readBigUInt64LE(0);
    });
    return ids[0]! > ids[1]! ? ids[0]! : ids[1]!;
  } finally {
    closeSync(fd);
  }
}

describe.each(backends)('transactions given together ($name)', (backend) => {
  it('each is atomic on its own: the one that throws writes nothing, the others commit, in call order', async () => {
    const db = await backend.open(testSchema);
    const owner = await db.owners.insert({ name: 'Ann' });
    const before = db.revision();
    const given = [1, 2, 3, 4, 5].map((n) =>
      db.transaction((tx) => {
        tx.items.insert({ n, owner });
        tx.items.insert({ n: n * 10, owner });
        if (n === 3) throw new Error('the third changes its mind');
        return n;
      }),
    );
    const settled = await Promise.allSettled(given);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect([...db.items.range()].map((e) => e.value.n)).toEqual([1, 10, 2, 20, 4, 40, 5, 50]);
    // Revisions follow the order of the calls, with no gap where the third one was.
    expect([...db.items.range()].map((e) => e.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => before + i));
    expect(db.revision()).toBe(before + 8);
    expect([...db.items.index('byOwner').keys({ equals: owner })]).toHaveLength(8);
  });

  it('each sees every earlier one: ifRevision and reference checks read what the one before wrote', async () => {
    const db = await backend.open(testSchema);
    const owner = await db.owners.insert({ name: 'Ann' });
    const revision = db.owners.getEntry(owner)!.revision;
    const first = db.transaction((tx) => tx.owners.update(owner, { name: 'Ann B.' }));
    const stale = db.transaction((tx) => tx.owners.update(owner, { name: 'Ann C.' }, { ifRevision: revision }));
    const second = db.transaction((tx) => tx.owners.insert({ name: 'Bob' }));
    // Bob's key, which exists only once the second transaction ran: the reference check must find it.
    const bobKey = (owner + 1) as typeof owner;
    const third = db.transaction((tx) => tx.items.insert({ n: 1, owner: bobKey }));
    await first;
    await failure(stale, ConflictError);
    const bob = await second;
    const item = await third;
    expect(db.owners.get(owner)).toEqual({ name: 'Ann B.' });
    expect(bob).toBe(bobKey);
    expect(db.items.get(item)).toEqual({ n: 1, owner: bob });
  });
});

describe('transactions given together (lmdb)', () => {
  it('share commits: ten given in one turn take fewer LMDB commits than ten awaited one by one', async () => {
    const folder = tempDir();
    const db = await open(folder, testSchema);
    try {
      const owner = await db.owners.insert({ name: 'Ann' });
      const start = lastCommitId(folder);
      for (let n = 0; n < 10; n++) await db.items.insert({ n, owner });
      const oneByOne = lastCommitId(folder) - start;
      const middle = lastCommitId(folder);
      await Promise.all(Array.from({ length: 10 }, (_, n) => db.items.insert({ n, owner })));
      const together = lastCommitId(folder) - middle;
      expect(oneByOne).toBeGreaterThanOrEqual(10n);
      expect(together).toBeLessThan(10n);
      expect(db.items.count()).toBe(20);
    } finally {
      await db.close();
    }
  });
});

describe.each(backends)('insertMany ($name)', (backend) => {
  it('inserts in batches, keys in input order, from an array or an async iterable', async () => {
    const db = await backend.open(testSchema);
    const owner = await db.owners.insert({ name: 'Ann' });
    const batches: number[] = [];
    const keys = await db.items.insertMany(
      Array.from({ length: 2500 }, (_, n) => ({ n, owner })),
      { batchSize: 1000, onBatch: (batch) => batches.push(batch.length) },
    );
    expect(batches).toEqual([1000, 1000, 500]);
    expect(keys).toHaveLength(2500);
    expect(keys.map((key) => db.items.get(key)!.n)).toEqual(Array.from({ length: 2500 }, (_, n) => n));
    async function* streamed() {
      for (let n = 0; n < 30; n++) {
        await Promise.resolve();
        yield { n: 10_000 + n, owner };
      }
    }
    const more = await db.items.insertMany(streamed(), { batchSize: 7 });
    expect(more.map((key) => db.items.get(key)!.n)).toEqual(Array.from({ length: 30 }, (_, n) => 10_000 + n));
    expect(db.items.count()).toBe(2530);
  });

  it('a bad value fails its batch: the batches before it stay, none after it is written', async () => {
    const db = await backend.open(testSchema);
    const owner = await db.owners.insert({ name: 'Ann' });
    const values = Array.from({ length: 50 }, (_, n) => ({ n, owner }));
    values[23] = { n: 'twenty-three' as unknown as number, owner };
    const committed: number[] = [];
    const error = await failure(db.items.insertMany(values, { batchSize: 10, inFlight: 3, onBatch: (keys) => committed.push(...keys) }), ValidationError);
    expect(error.message).toContain('items');
    expect(committed).toHaveLength(20);
    expect([...db.items.range()].map((e) => e.value.n)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it('checks references as insert does: a missing owner fails its batch', async () => {
    const db = await backend.open(testSchema);
    const owner = await db.owners.insert({ name: 'Ann' });
    const values = Array.from({ length: 12 }, (_, n) => ({ n, owner: n === 7 ? ((owner + 99) as typeof owner) : owner }));
    await failure(db.items.insertMany(values, { batchSize: 5 }), MissingReferenceError);
    expect(db.items.count()).toBe(5);
  });

  it('an aborted signal stops at the next batch not yet run; what was written was reported', async () => {
    const db = await backend.open(testSchema);
    const owner = await db.owners.insert({ name: 'Ann' });
    const stop = new AbortController();
    let reported = 0;
    const writing = db.items.insertMany(
      Array.from({ length: 200 }, (_, n) => ({ n, owner })),
      {
        batchSize: 5,
        signal: stop.signal,
        onBatch: (keys) => {
          reported += keys.length;
          stop.abort(new Error('enough'));
        },
      },
    );
    await expect(writing).rejects.toThrow('enough');
    expect(reported).toBeGreaterThanOrEqual(5);
    expect(reported).toBeLessThan(200);
    expect(db.items.count()).toBe(reported);
  });
});
