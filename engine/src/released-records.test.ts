/**
 * Contract suite: versioned trees, released records, lifecycle numbers and new versions
 * (core/release.ts). Every test runs on both backends; reopening runs on LMDB alone.
 */
import { describe, expect, it } from 'vitest';
import {
  autoIncrement,
  ConflictError,
  fieldKey,
  InvalidKeyError,
  migration,
  open,
  ReleasedError,
  schema,
  t,
  tree,
  ValidationError,
  type ChangeEvent,
  type Database,
  type KeyOf,
} from '@trellis/engine';
import { backends, failure, tempDir } from './testing/contract-backends.js';
import { withRawStores } from './integrity/fixtures/raw-stores.js';

const suppliers = tree('suppliers', { key: autoIncrement(), value: t.object({ name: t.string() }) });
const parts = tree('parts', {
  key: autoIncrement(),
  versioned: true,
  value: t.object({ name: t.string(), mass: t.number(), supplier: t.ref(suppliers, { onDelete: 'cascade' }) }),
  indexes: { byName: { on: 'name' } },
});
const assemblies = tree('assemblies', {
  key: fieldKey('code', t.string()),
  versioned: true,
  value: t.object({ code: t.string(), parts: t.refs(parts), checker: t.nullable(t.ref(suppliers, { onDelete: 'setNull' })) }),
});
const notes = tree('notes', { key: autoIncrement(), value: t.object({ text: t.string(), part: t.ref(parts, { onDelete: 'cascade' }) }) });
const app = schema(suppliers, parts, assemblies, notes);
type Db = Database<typeof app>;

async function seeded(db: Db) {
  const acme = await db.suppliers.insert({ name: 'Acme' });
  const bolt = await db.parts.insert({ name: 'bolt', mass: 2, supplier: acme });
  const nut = await db.parts.insert({ name: 'nut', mass: 1, supplier: acme });
  return { acme, bolt, nut };
}

/** Everything the database holds, to show that a refused call wrote nothing. */
function snapshot(db: Db) {
  return {
    revision: db.revision(),
    trees: Object.fromEntries(db.opaque.trees().map((info) => [info.name, [...db.opaque.tree(info.name).range()]])),
  };
}

for (const backend of backends) {
  describe(`released records (${backend.name})`, () => {
    it('keys a versioned tree by [key, version], starting at version 1, and says so for a wrong key', async () => {
      const db = await backend.open(app);
      const { bolt } = await seeded(db);
      expect(bolt).toEqual([1, 1]);
      const typed: KeyOf<typeof parts> = bolt;
      expect(db.parts.get(typed)?.name).toBe('bolt');
      expect(db.parts.releaseState(bolt)).toEqual({ released: false, lifecycle: 0 });
      expect(() => db.parts.key(1)).toThrow(InvalidKeyError);
      await expect(db.parts.update(1 as never, { mass: 3 })).rejects.toThrow(/a key of this versioned tree is \[key, version\] \(2 parts\), e\.g\. \[1, 1\]/);
      expect(() => db.parts.key([1, 0])).toThrow(/the version \(the last part\) must be a whole number from 1, got 0/);
      const board = await db.assemblies.insert({ code: 'A-7', parts: [bolt], checker: null });
      expect(board).toEqual(['A-7', 1]);
      await expect(db.assemblies.put(['A-8', 2] as never, { code: 'A-7', parts: [], checker: null })).rejects.toThrow(/implies the key "A-7"/);
      await expect(db.assemblies.put(['A-7', 3] as never, { code: 'A-7', parts: [], checker: null })).resolves.toEqual(['A-7', 3]);
    });

    it('refuses to change or delete a released record (RELEASED), writing nothing', async () => {
      const db = await backend.open(app);
      const { bolt } = await seeded(db);
      const state = await db.parts.release(bolt);
      expect(state).toMatchObject({ released: true, lifecycle: 0 });
      expect(state.releasedAt).toBe(db.revision());
      const before = snapshot(db);
      const changed = await failure(db.parts.update(bolt, { mass: 3 }), ReleasedError);
      expect(changed.code).toBe('RELEASED');
      expect(changed.message).toMatch(/parts \[1,1\] was released at revision \d+ and cannot change; nothing was written/);
      await failure(db.parts.put(bolt, { name: 'bolt', mass: 9, supplier: db.suppliers.key(1) }), ReleasedError);
      const deleted = await failure(db.parts.delete(bolt), ReleasedError);
      expect(deleted.message).toMatch(/cannot be deleted/);
      await failure(db.opaque.tree('parts').update(bolt, (v) => ({ ...(v as object), mass: 4 })), ReleasedError);
      // A transaction that releases and then changes the record is refused whole: the release too.
      const nut = db.parts.key([2, 1]);
      await failure(
        db.transaction((tx) => {
          tx.parts.release(nut);
          tx.parts.update(nut, { mass: 5 });
        }),
        ReleasedError,
      );
      expect(snapshot(db)).toEqual(before);
      expect(db.parts.releaseState(nut)?.released).toBe(false);
      // Releasing again changes nothing, and takes no revision.
      await db.parts.release(bolt);
      expect(db.revision()).toBe(before.revision);
    });

    it('refuses as a whole a delete whose cascade or setNull would reach a released record', async () => {
      const db = await backend.open(app);
      const { acme, bolt, nut } = await seeded(db);
      await db.notes.insert({ text: 'torque 4 Nm', part: nut });
      await db.parts.release(bolt);
      const before = snapshot(db);
      // Deleting the supplier cascades to both parts; bolt is released: nothing goes, nut and its note stay.
      const cascade = await failure(db.suppliers.delete(acme), ReleasedError);
      expect(cascade.message).toMatch(/parts \[1,1\] was released .* cannot be deleted \(deleting suppliers 1 cascades to it\)/);
      expect(snapshot(db)).toEqual(before);

      const checker = await db.suppliers.insert({ name: 'Checkers Ltd' });
      const board = await db.assemblies.insert({ code: 'B-1', parts: [bolt], checker });
      await db.assemblies.release(board);
      const withBoard = snapshot(db);
      const setNull = await failure(db.suppliers.delete(checker), ReleasedError);
      expect(setNull.message).toMatch(/assemblies \["B-1",1\] .* cannot change \(deleting suppliers 2 would set its reference to null\)/);
      expect(snapshot(db)).toEqual(withBoard);
      // A draft in the same position is unlinked as before.
      const draft = await db.assemblies.newVersion(board);
      expect(db.assemblies.get(draft)?.checker).toEqual(checker);
    });

    it('refuses to release a record that refers to a draft of a versioned tree', async () => {
      const db = await backend.open(app);
      const { bolt, nut } = await seeded(db);
      await db.parts.release(bolt);
      const board = await db.assemblies.insert({ code: 'C-3', parts: [bolt, nut], checker: null });
      const before = snapshot(db);
      const refused = await failure(db.assemblies.release(board), ValidationError);
      expect(refused.issues).toEqual([{ path: '/parts', message: expect.stringMatching(/refers to parts \[2,1\], a draft: release it first/) as unknown }]);
      expect(snapshot(db)).toEqual(before);
      await db.parts.release(nut);
      await expect(db.assemblies.release(board)).resolves.toMatchObject({ released: true });
    });

    it('sets the lifecycle number of a released record, with its own revision and change event', async () => {
      const db = await backend.open(app);
      const { bolt } = await seeded(db);
      await db.parts.release(bolt);
      const recordRevision = db.parts.getEntry(bolt)!.revision;
      const events: ChangeEvent[] = [];
      db.onChange((e) => {
        if (Array.isArray(e)) events.push(...(e as ChangeEvent[]));
      });
      const state = await db.parts.setLifecycle(bolt, 3);
      expect(state).toMatchObject({ released: true, lifecycle: 3, revision: db.revision() });
      expect(events).toEqual([{ tree: 'parts', key: bolt, kind: 'lifecycle', revision: db.revision(), local: true }]);
      // The value and its revision are untouched: an editor holding the record's revision is not in conflict.
      expect(db.parts.getEntry(bolt)!.revision).toBe(recordRevision);
      expect(db.opaque.tree('parts').get(bolt)!.release).toMatchObject({ released: true, lifecycle: 3 });
      const before = snapshot(db);
      await failure(db.parts.setLifecycle(bolt, -1), ValidationError);
      await failure(db.parts.setLifecycle(bolt, 1.5), ValidationError);
      await failure(db.parts.setLifecycle(bolt, 4, { ifRevision: recordRevision - 1 }), ConflictError);
      expect(snapshot(db)).toEqual(before);
      // A draft takes a lifecycle number too, and keeps it when released.
      const nut = db.parts.key([2, 1]);
      await db.parts.setLifecycle(nut, 1);
      await expect(db.parts.release(nut)).resolves.toMatchObject({ released: true, lifecycle: 1 });
      expect(events.map((e) => e.kind)).toEqual(['lifecycle', 'lifecycle', 'release']);
    });

    it('makes new versions as drafts, while a released assembly keeps pointing at the exact version it was released with', async () => {
      const db = await backend.open(app);
      const { bolt } = await seeded(db);
      await db.parts.release(bolt);
      const board = await db.assemblies.insert({ code: 'D-2', parts: [bolt], checker: null });
      await db.assemblies.release(board);

      const bolt2 = await db.parts.newVersion(bolt);
      expect(bolt2).toEqual([1, 2]);
      expect(db.parts.releaseState(bolt2)).toEqual({ released: false, lifecycle: 0 });
      await db.parts.update(bolt2, { mass: 2.5 });
      expect(db.parts.get(bolt2)?.mass).toBe(2.5);
      expect(db.parts.get(bolt)?.mass).toBe(2);
      expect(db.assemblies.get(board)?.parts).toEqual([bolt]);
      expect(db.parts.referencedBy(bolt).map((h) => h.key)).toEqual([board]);
      expect(db.parts.referencedBy(bolt2)).toEqual([]);
      expect(db.parts.versions(1)).toEqual([bolt, bolt2]);
      expect([...db.parts.index('byName').keys({ equals: 'bolt' })].map((h) => h.key)).toEqual([bolt, bolt2]);
      // The next version follows the newest, from whichever version it copies.
      await expect(db.parts.newVersion(bolt)).resolves.toEqual([1, 3]);
      // A new version of the assembly copies its references: still the exact part versions.
      const board2 = await db.assemblies.newVersion(board);
      expect(board2).toEqual(['D-2', 2]);
      await db.assemblies.update(board2, { parts: [bolt2] });
      expect(db.assemblies.get(board)?.parts).toEqual([bolt]);
      // A draft version can go; its identity's other versions stay.
      await db.parts.delete(db.parts.key([1, 3]));
      expect(db.parts.versions(1)).toEqual([bolt, bolt2]);
    });

    it('carries release states through an export and an import, and refuses to import over a released record', async () => {
      const db = await backend.open(app);
      const { bolt, nut } = await seeded(db);
      await db.parts.release(bolt);
      await db.parts.setLifecycle(bolt, 2);
      await db.parts.setLifecycle(nut, 1);
      await db.parts.newVersion(bolt);
      let file = '';
      for await (const chunk of db.opaque.export({ trees: ['suppliers', 'parts'] })) file += chunk;
      expect(file).toContain('{"tree":"parts","key":[1,1],"value":{"name":"bolt","mass":2,"supplier":1},"release":{"released":true,"lifecycle":2}}');
      expect(file).toContain('{"tree":"parts","key":[1,2],"value":{"name":"bolt","mass":2,"supplier":1}}\n');

      const copy = await backend.open(app);
      await expect(copy.opaque.import(() => [file])).resolves.toMatchObject({ ok: true, records: 4 });
      expect(copy.parts.releaseState(bolt)).toMatchObject({ released: true, lifecycle: 2 });
      expect(copy.parts.releaseState(nut)).toMatchObject({ released: false, lifecycle: 1 });
      expect(copy.parts.releaseState(copy.parts.key([1, 2]))).toEqual({ released: false, lifecycle: 0 });
      await failure(copy.parts.delete(bolt), ReleasedError);

      // Again into the copy: bolt v1 is released there now, so nothing is imported.
      const before = snapshot(copy);
      const again = await copy.opaque.import(() => [file]);
      expect(again.ok ? [] : again.problems.map((p) => [p.line, p.path, p.message])).toEqual([[3, '/key', 'parts [1,1] is released in this database: a released record is never replaced']]);
      const lines = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
      const bad = await copy.opaque.import(() => [
        lines(
          { tree: 'suppliers', key: 9, value: { name: 'X' }, release: { released: true, lifecycle: 0 } },
          { tree: 'parts', key: [5, 1], value: { name: 'pin', mass: 1, supplier: 1 }, release: { released: 'yes', lifecycle: 0 } },
        ),
      ]);
      expect(bad.ok ? [] : bad.problems.map((p) => [p.line, p.path, p.message])).toEqual([
        [1, '/release', "tree 'suppliers' is not versioned: its records have no release state"],
        [2, '/release', 'expected { "released": true or false, "lifecycle": a whole number from 0 }'],
      ]);
      expect(snapshot(copy)).toEqual(before);
    });

    it('serves the same through the opaque face, and refuses release calls on a tree that is not versioned', async () => {
      const db = await backend.open(app);
      const { bolt } = await seeded(db);
      const opaque = db.opaque.tree('parts');
      expect(opaque.get(bolt)?.release).toEqual({ released: false, lifecycle: 0 });
      const released = await opaque.release(bolt);
      expect(released.release).toMatchObject({ released: true });
      await expect(opaque.setLifecycle(bolt, 2)).resolves.toMatchObject({ release: { lifecycle: 2 } });
      const next = await opaque.newVersion(bolt);
      expect(next).toMatchObject({ key: [1, 2], value: { name: 'bolt' }, release: { released: false, lifecycle: 0 } });
      expect(opaque.versions(1)).toEqual([
        [1, 1],
        [1, 2],
      ]);
      await expect(db.opaque.transaction((tx) => tx.setLifecycle('parts', [1, 2], 7))).resolves.toMatchObject({ lifecycle: 7 });
      const suppliersTree = db.opaque.tree('suppliers');
      expect(suppliersTree.get(1)?.release).toBeUndefined();
      await expect(suppliersTree.release(1)).rejects.toThrow(/tree 'suppliers' is not versioned/);
      await expect(opaque.release([9, 1])).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(opaque.release([1, 2], { ifRevision: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    });
  });
}

describe('released records (lmdb, reopened)', () => {
  it('keeps release state and lifecycle numbers across a reopen, and the integrity check knows their store', async () => {
    const dir = tempDir();
    const db = await open(dir, app);
    const { bolt, nut } = await seeded(db);
    await db.parts.release(bolt);
    await db.parts.setLifecycle(bolt, 5);
    await db.parts.setLifecycle(nut, 1);
    await db.parts.delete(nut);
    await db.close();
    const again = await open(dir, app);
    try {
      expect(again.parts.releaseState(bolt)).toMatchObject({ released: true, lifecycle: 5 });
      expect(again.parts.releaseState(nut)).toBeUndefined(); // deleted, with its state
      await failure(again.parts.delete(bolt), ReleasedError);
      const report = await again.opaque.verify();
      expect(report.problems).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('reports release states of missing records and malformed ones, and a repair removes only the first', async () => {
    const dir = tempDir();
    const db = await open(dir, app);
    const { bolt } = await seeded(db);
    await db.parts.release(bolt);
    await db.close();
    await withRawStores(dir, (raw) => {
      raw.plain('v/parts').putSync([7, 1], { lifecycle: 0, revision: 3 });
      raw.plain('v/parts').putSync([2, 1], { lifecycle: 'approved', revision: 3 });
    });
    const again = await open(dir, app);
    try {
      const report = await again.opaque.verify();
      expect(report.problems.map((p) => [p.kind, p.message])).toEqual([
        ['invalid-release-state', expect.stringContaining('v/parts [2,1]: the release state {"lifecycle":"approved","revision":3} is not') as unknown],
        ['stale-release-state', 'v/parts [7,1] holds a release state, and parts has no such record'],
      ]);
      const repaired = await again.opaque.verify({ repair: true });
      expect(repaired.repairs).toEqual([{ action: 'remove-release-states', tree: 'parts', message: 'removed 1 release state(s) of records that do not exist from v/parts' }]);
      expect(repaired.problems.map((p) => p.kind)).toEqual(['invalid-release-state']);
      expect(again.parts.releaseState(bolt)?.released).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('keeps records released through a migration that rewrites their tree', async () => {
    const dir = tempDir();
    const db = await open(dir, app);
    const { bolt, nut } = await seeded(db);
    await db.parts.release(bolt);
    await db.parts.setLifecycle(bolt, 2);
    await db.parts.setLifecycle(nut, 4);
    await db.close();
    // Version 2: parts' `mass` becomes `grams`, an integer.
    const partsV2 = tree('parts', {
      key: autoIncrement(),
      versioned: true,
      value: t.object({ name: t.string(), grams: t.integer(), supplier: t.ref(suppliers, { onDelete: 'cascade' }) }),
      indexes: { byName: { on: 'name' } },
    });
    const v2 = schema(suppliers, partsV2, assemblies, notes).withMigrations(
      migration({
        id: 'parts-grams',
        description: 'mass in grams',
        from: app,
        to: schema(suppliers, partsV2, assemblies, notes),
        each: { parts: (old, step) => void step.to.parts.put(step.key, { name: old.name, grams: Math.round(old.mass * 1000), supplier: old.supplier }) },
      }),
    );
    const again = await open(dir, v2);
    try {
      expect(again.parts.get(bolt)).toMatchObject({ grams: 2000 });
      expect(again.parts.releaseState(bolt)).toMatchObject({ released: true, lifecycle: 2 });
      expect(again.parts.releaseState(nut)).toMatchObject({ released: false, lifecycle: 4 });
      await failure(again.parts.update(bolt, { grams: 1 }), ReleasedError);
      expect((await again.opaque.verify()).problems).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('does not compile a release call on a tree that is not versioned', () => {
    const check = (db: Db, key: KeyOf<typeof suppliers>) => {
      // @ts-expect-error suppliers is not versioned
      void db.suppliers.release(key);
    };
    expect(typeof check).toBe('function');
  });
});
