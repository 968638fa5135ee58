/**
 * Contract suite, part 3: transactions, change events and the opaque face.
 * Every test runs against both backends (LMDB in a fresh temp folder, and the
 * in-memory backend), which must behave identically; reopening by path is
 * LMDB only.
 */
import { describe, expect, it } from 'vitest';
import {
  AsyncTransactionError,
  autoIncrement,
  composite,
  formatOpaqueKey,
  MissingReferenceError,
  open,
  openDatabase,
  parseOpaqueKey,
  schema,
  t,
  tree,
  UniqueViolationError,
  type ChangeEvent,
  type Database,
  type ChangeListener,
} from '@trellis/engine';
import { backends } from './testing/contract-backends.js';

const users = tree('users', {
  key: autoIncrement(),
  value: t.object({ name: t.string(), email: t.optional(t.string()), joined: t.timestamp(), avatar: t.optional(t.bytes()) }),
  indexes: { byName: { on: 'name' }, byEmail: { on: 'email', unique: true }, byJoined: { on: 'joined' } },
});
const pets = tree('pets', {
  key: autoIncrement(),
  value: t.object({ name: t.string(), owner: t.ref(users, { onDelete: 'cascade' }) }),
  indexes: { byOwner: { on: 'owner' } },
});
const toys = tree('toys', {
  key: composite('pet', 'name'),
  value: t.object({ pet: t.ref(pets, { onDelete: 'cascade' }), name: t.string() }),
});
const counters = tree('counters', { key: autoIncrement(), value: t.object({ n: t.integer() }) });
const appSchema = schema(users, pets, toys, counters);
type Db = Database<typeof appSchema>;

// ---- backends: engine/src/testing/contract-backends.ts ----------------------

const when = new Date('2024-05-01T12:00:00.000Z');

/** Everything the database holds, for "nothing was written" checks. */
function snapshot(db: Db) {
  return {
    revision: db.revision(),
    users: [...db.users.range()],
    pets: [...db.pets.range()],
    toys: [...db.toys.range()],
    counters: [...db.counters.range()],
    byName: [...db.users.index('byName').keys()],
    byEmail: [...db.users.index('byEmail').keys()],
    byJoined: [...db.users.index('byJoined').keys()],
    byOwner: [...db.pets.index('byOwner').keys()],
    userRefs: [...db.users.range()].map((e) => db.users.referencedBy(e.key)),
    petRefs: [...db.pets.range()].map((e) => db.pets.referencedBy(e.key)),
  };
}

/** Records every batch of change events. */
function recorder(db: Db) {
  const batches: Parameters<ChangeListener>[0][] = [];
  const stop = db.onChange((events) => batches.push(events));
  return { batches, stop };
}

async function seed(db: Db) {
  return db.transaction((tx) => {
    const ann = tx.users.insert({ name: 'Ann', email: 'ann@x', joined: when, avatar: Uint8Array.of(1, 2, 3) });
    const rex = tx.pets.insert({ name: 'Rex', owner: ann });
    tx.toys.insert({ pet: rex, name: 'ball' });
    return { ann, rex };
  });
}

describe.each(backends)('contract: transactions, change events, opaque face ($name)', (backend) => {
  describe('transactions', () => {
    it('are atomic across trees, see their own writes and return the body’s result', async () => {
      const db = await backend.open(appSchema);
      const result = await db.transaction((tx) => {
        const ann = tx.users.insert({ name: 'Ann', joined: when });
        expect(tx.users.get(ann)).toEqual({ name: 'Ann', joined: when });
        expect(tx.users.count()).toBe(1);
        expect(tx.users.index('byName').get('Ann')?.key).toBe(ann);
        const rex = tx.pets.insert({ name: 'Rex', owner: ann });
        expect(tx.users.referencedBy(ann)).toEqual([{ tree: 'pets', path: 'owner', key: rex }]);
        tx.pets.update(rex, { name: 'Rex II' });
        expect([...tx.pets.range()].map((e) => e.value.name)).toEqual(['Rex II']);
        expect(tx.pets.delete(rex)).toBe(true);
        expect(tx.pets.has(rex)).toBe(false);
        return { ann, pet: tx.pets.insert({ name: 'Tom', owner: ann }) };
      });
      expect(result).toEqual({ ann: 1, pet: 2 });
      expect(db.users.count()).toBe(1);
      expect([...db.pets.range()].map((e) => [e.key, e.value.name])).toEqual([[2, 'Tom']]);
      expect([...db.pets.index('byOwner').keys()].map((h) => h.key)).toEqual([2]);
    });

    it('a body that throws writes nothing, and the transaction rejects with its error', async () => {
      const db = await backend.open(appSchema);
      const { ann, rex } = await seed(db);
      const before = snapshot(db);
      const { batches } = recorder(db);
      const boom = new Error('boom');
      const outcome = db.transaction((tx) => {
        const bob = tx.users.insert({ name: 'Bob', email: 'bob@x', joined: when });
        tx.pets.insert({ name: 'Kit', owner: bob });
        tx.users.update(ann, { name: 'Changed', email: 'changed@x' });
        tx.toys.delete(tx.toys.key([rex, 'ball']));
        tx.counters.insert({ n: 1 });
        throw boom;
      });
      await expect(outcome).rejects.toBe(boom);
      expect(snapshot(db)).toEqual(before);
      expect(batches).toEqual([]);
      // The ids the aborted body took were never committed.
      expect(await db.users.insert({ name: 'Cy', joined: when })).toBe(2);
      expect(await db.counters.insert({ n: 0 })).toBe(1);
    });

    it('a constraint violation midway writes nothing', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      const before = snapshot(db);
      const outcome = db.transaction((tx) => {
        tx.users.insert({ name: 'Bob', email: 'bob@x', joined: when });
        tx.users.insert({ name: 'Bob again', email: 'bob@x', joined: when });
      });
      await expect(outcome).rejects.toBeInstanceOf(UniqueViolationError);
      expect(snapshot(db)).toEqual(before);
    });

    it('an async callback is refused with ASYNC_TRANSACTION and writes nothing, before or after its first await', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      const before = snapshot(db);
      const { batches } = recorder(db);
      const early = db.transaction(async (tx) => {
        tx.users.insert({ name: 'Early', joined: when });
      });
      await expect(early).rejects.toMatchObject({ code: 'ASYNC_TRANSACTION' });
      let late: unknown = 'not run';
      const afterAwait = db.transaction(async (tx) => {
        await Promise.resolve();
        try {
          tx.users.insert({ name: 'Late', joined: when });
          tx.counters.insert({ n: 1 });
          late = 'written';
        } catch (error) {
          late = error;
        }
      });
      await expect(afterAwait).rejects.toMatchObject({ code: 'ASYNC_TRANSACTION' });
      await expect.poll(() => late).not.toBe('not run'); // the body's continuation runs after the refusal
      expect(late).toMatchObject({ code: 'ASYNC_TRANSACTION' }); // the late write was refused, not applied
      expect(snapshot(db)).toEqual(before);
      expect(batches).toEqual([]);
    });

    it('a transaction’s trees cannot write once it has finished', async () => {
      const db = await backend.open(appSchema);
      let leaked: Parameters<Parameters<Db['transaction']>[0]>[0] | undefined;
      await db.transaction((tx) => {
        leaked = tx;
      });
      const before = snapshot(db);
      expect(() => leaked!.counters.insert({ n: 1 })).toThrow(AsyncTransactionError);
      expect(() => leaked!.users.update(leaked!.users.key(1), { name: 'x' })).toThrow(AsyncTransactionError);
      expect(snapshot(db)).toEqual(before);
    });

    it('50 concurrent updates lose no increment', async () => {
      const db = await backend.open(appSchema);
      const key = await db.counters.insert({ n: 0 });
      const revision = db.revision();
      await Promise.all(Array.from({ length: 50 }, () => db.counters.update(key, (v) => ({ ...v, n: v.n + 1 }))));
      expect(db.counters.get(key)).toEqual({ n: 50 });
      expect(db.revision()).toBe(revision + 50);
      const keys = await Promise.all(Array.from({ length: 20 }, (_, n) => db.counters.insert({ n })));
      expect(new Set(keys).size).toBe(20);
      expect(db.counters.count()).toBe(21);
    });
  });

  describe('change events', () => {
    it('onChange receives tree, key, kind and revision after each commit', async () => {
      const db = await backend.open(appSchema);
      const seen: unknown[] = [];
      const { batches } = recorder(db);
      db.onChange(() => seen.push(db.users.get(db.users.key(1)))); // the commit is visible to listeners
      const ann = await db.users.insert({ name: 'Ann', joined: when });
      expect(batches).toEqual([[{ tree: 'users', key: ann, kind: 'insert', revision: db.users.getEntry(ann)!.revision, local: true }]]);
      expect(seen).toEqual([{ name: 'Ann', joined: when }]);
      await db.users.update(ann, { name: 'Ann B' });
      await db.users.put(ann, { name: 'Ann C', joined: when });
      expect(batches.slice(1)).toEqual([
        [{ tree: 'users', key: ann, kind: 'update', revision: 2, local: true }],
        [{ tree: 'users', key: ann, kind: 'update', revision: 3, local: true }],
      ]);
      await db.users.delete(ann);
      expect(batches.at(-1)).toEqual([{ tree: 'users', key: ann, kind: 'delete', revision: db.revision(), local: true }]);
      await db.users.delete(ann); // nothing deleted: no event
      expect(batches).toHaveLength(4);
    });

    it('a transaction delivers one batch in write order, cascades included', async () => {
      const db = await backend.open(appSchema);
      const { batches, stop } = recorder(db);
      const { ann, rex } = await seed(db);
      expect(batches).toEqual([
        [
          { tree: 'users', key: ann, kind: 'insert', revision: 1, local: true },
          { tree: 'pets', key: rex, kind: 'insert', revision: 2, local: true },
          { tree: 'toys', key: [rex, 'ball'], kind: 'insert', revision: 3, local: true },
        ],
      ]);
      await db.users.delete(ann);
      const cascade = batches[1] as readonly ChangeEvent[];
      expect(cascade.map((e) => [e.tree, e.kind])).toEqual([
        ['toys', 'delete'],
        ['pets', 'delete'],
        ['users', 'delete'],
      ]);
      expect(cascade.map((e) => e.revision)).toEqual([4, 5, 6]);
      stop();
      await db.counters.insert({ n: 1 });
      expect(batches).toHaveLength(2);
    });

    it('no events for aborted transactions', async () => {
      const db = await backend.open(appSchema);
      const { ann } = await seed(db);
      const { batches } = recorder(db);
      const thrown = db.transaction((tx) => {
        tx.counters.insert({ n: 1 });
        throw new Error('x');
      });
      await expect(thrown).rejects.toThrow('x');
      await expect(db.users.insert({ name: 'Dup', email: 'ann@x', joined: when })).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
      await expect(db.pets.insert({ name: 'Ghost', owner: db.users.key(9) })).rejects.toBeInstanceOf(MissingReferenceError);
      await expect(db.users.update(ann, { name: 'X' }, { ifRevision: 999 })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(batches).toEqual([]);
    });
  });

  describe('opaque face', () => {
    it('trees() lists counts, key strategies, indexes and references', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      const info = Object.fromEntries(db.opaque.trees().map((tree) => [tree.name, tree]));
      expect(Object.keys(info).sort()).toEqual(['counters', 'pets', 'toys', 'users']);
      expect(info['users']).toMatchObject({
        count: 1,
        key: { kind: 'auto' },
        indexes: [
          { name: 'byName', on: ['name'], unique: false },
          { name: 'byEmail', on: ['email'], unique: true },
          { name: 'byJoined', on: ['joined'], unique: false },
        ],
        references: [],
      });
      expect(info['pets']).toMatchObject({ count: 1, references: [{ path: 'owner', target: 'users', onDelete: 'cascade', many: false }] });
      expect(info['toys']).toMatchObject({ count: 1, key: { kind: 'composite', fields: ['pet', 'name'] } });
      expect(info['counters']).toMatchObject({ count: 0, indexes: [] });
    });

    it('tree(name).get returns the JSON text form: ISO timestamps, base64 bytes', async () => {
      const db = await backend.open(appSchema);
      const { ann, rex } = await seed(db);
      expect(db.opaque.tree('users').get(ann)).toEqual({
        key: 1,
        value: { name: 'Ann', email: 'ann@x', joined: '2024-05-01T12:00:00.000Z', avatar: 'AQID' },
        revision: db.users.getEntry(ann)!.revision,
        schemaVersion: 1,
      });
      expect(db.opaque.tree('toys').get([rex, 'ball'])?.value).toEqual({ pet: 1, name: 'ball' });
      expect(db.opaque.tree('users').get(2)).toBeUndefined();
      expect([...db.opaque.tree('users').range()].map((e) => e.value)).toEqual([db.opaque.tree('users').get(ann)!.value]);
    });

    it('opaque writes keep indexes and references exactly as typed writes do', async () => {
      const db = await backend.open(appSchema);
      const { ann } = await seed(db);
      const usersTree = db.opaque.tree('users');
      const bob = await usersTree.insert({ name: 'Bob', email: 'bob@x', joined: '2024-06-01T00:00:00.000Z', avatar: 'AAE=' });
      expect(bob.key).toBe(2);
      const typed = db.users.get(db.users.key(2))!;
      expect(typed.joined).toEqual(new Date('2024-06-01T00:00:00.000Z'));
      expect(typed.avatar).toBeInstanceOf(Uint8Array);
      expect([...typed.avatar!]).toEqual([0, 1]);
      expect(db.users.index('byJoined').get(new Date('2024-06-01T00:00:00.000Z'))?.key).toBe(2);
      expect([...usersTree.lookup('byJoined', { equals: '2024-06-01T00:00:00.000Z' })].map((h) => h.key)).toEqual([2]);
      expect(db.users.index('byEmail').get('bob@x')?.key).toBe(2);
      // put replaces: old index entries go, new ones come.
      await usersTree.put(2, { name: 'Robert', joined: '2024-06-02T00:00:00.000Z' });
      expect(db.users.index('byName').get('Bob')).toBeUndefined();
      expect(db.users.index('byName').get('Robert')?.key).toBe(2);
      expect(db.users.index('byEmail').get('bob@x')).toBeUndefined();
      await expect(usersTree.put(2, { name: 'R', email: 'ann@x', joined: '2024-06-02T00:00:00.000Z' })).rejects.toBeInstanceOf(UniqueViolationError);
      const updated = await usersTree.update(2, (v) => ({ ...(v as object), name: 'Rob' }));
      expect(updated.value).toEqual({ name: 'Rob', joined: '2024-06-02T00:00:00.000Z' });
      // References: checked, indexed in reverse, and deleted by cascade.
      const before = snapshot(db);
      await expect(db.opaque.tree('pets').insert({ name: 'Ghost', owner: 99 })).rejects.toBeInstanceOf(MissingReferenceError);
      expect(snapshot(db)).toEqual(before);
      const kit = await db.opaque.tree('pets').insert({ name: 'Kit', owner: 2 });
      expect(db.users.referencedBy(db.users.key(2))).toEqual([{ tree: 'pets', path: 'owner', key: kit.key }]);
      expect([...db.pets.index('byOwner').keys({ equals: db.users.key(2) })].map((h) => h.key)).toEqual([kit.key]);
      await db.opaque.tree('toys').insert({ pet: kit.key, name: 'yarn' });
      expect(await db.opaque.tree('users').delete(2)).toBe(true);
      expect(db.pets.has(db.pets.key(kit.key))).toBe(false);
      expect(db.toys.count()).toBe(1); // only Rex's ball is left
      await expect(db.opaque.transaction((tx) => {
        tx.insert('users', { name: 'T', joined: '2024-01-01T00:00:00.000Z' });
        tx.insert('pets', { name: 'T', owner: ann });
        throw new Error('abort');
      })).rejects.toThrow('abort');
      expect(db.users.count()).toBe(1);
      expect(db.pets.count()).toBe(1);
    });

    // A file-backed database only: the in-memory one has no path to reopen.
    if (backend.lmdb) it('openDatabase(path) after closing the typed database sees and writes the same data', async () => {
      const db = await backend.open(appSchema);
      const { ann } = await seed(db);
      const path = db.path;
      const typedView = db.opaque.trees();
      const typedGet = db.opaque.tree('users').get(ann);
      await db.close();
      const opaque = await openDatabase(path);
      try {
        expect(opaque.trees()).toEqual(typedView);
        expect(opaque.tree('users').get(1)).toEqual(typedGet);
        await opaque.tree('users').insert({ name: 'Bob', email: 'bob@x', joined: '2024-06-01T00:00:00.000Z' });
        await opaque.tree('pets').insert({ name: 'Kit', owner: 2 });
        await expect(opaque.tree('pets').insert({ name: 'Ghost', owner: 7 })).rejects.toMatchObject({ code: 'MISSING_REFERENCE' });
        await expect(opaque.tree('users').insert({ name: 'B', email: 'bob@x', joined: '2024-06-01T00:00:00.000Z' })).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
        await expect(opaque.tree('users').delete(1)).resolves.toBe(true); // cascades to Rex and his ball
      } finally {
        await opaque.close();
      }
      const again = await open(path, appSchema);
      try {
        expect([...again.users.range()].map((e) => e.value.name)).toEqual(['Bob']);
        expect(again.users.index('byEmail').get('bob@x')?.key).toBe(2);
        expect(again.users.index('byJoined').get(new Date('2024-06-01T00:00:00.000Z'))?.key).toBe(2);
        expect(again.users.referencedBy(again.users.key(2))).toEqual([{ tree: 'pets', path: 'owner', key: 2 }]);
        expect(again.pets.count()).toBe(1);
        expect(again.toys.count()).toBe(0);
      } finally {
        await again.close();
      }
    });
  });
});

describe('contract: opaque keys', () => {
  it('formatOpaqueKey and parseOpaqueKey round-trip', () => {
    expect(formatOpaqueKey({ tree: 'users', key: 42 })).toBe('users/42');
    expect(formatOpaqueKey({ tree: 'toys', key: ['rex', 'ball'] })).toBe('toys/["rex","ball"]');
    expect(parseOpaqueKey('users/42')).toEqual({ tree: 'users', key: 42 });
    expect(parseOpaqueKey('toys/["rex","ball"]')).toEqual({ tree: 'toys', key: ['rex', 'ball'] });
    expect(parseOpaqueKey("toys/['rex','ball']")).toEqual({ tree: 'toys', key: ['rex', 'ball'] });
    for (const key of [{ tree: 'users', key: 42 }, { tree: 'toys', key: ['rex', 'ball'] }, { tree: 's', key: 'a/b"c' }, { tree: 'm', key: [1, true, 'x'] }]) {
      expect(parseOpaqueKey(formatOpaqueKey(key))).toEqual(key);
    }
    expect(() => parseOpaqueKey('users')).toThrow();
    expect(() => parseOpaqueKey('users/{"a":1}')).toThrow();
  });
});
