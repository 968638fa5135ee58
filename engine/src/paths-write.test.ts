/**
 * Contract suite: writes at the end of a path (core/path-write.ts). The last record the path reaches
 * is updated at the field or list element the path ends with, through the one write path: its
 * revision moves and no other's, `ifRevision` is its own, the schema and references are checked, and
 * a refused write writes nothing. Typed (`setPath`, in and out of a transaction) and opaque. Both backends.
 */
import { describe, expect, it } from 'vitest';
import { BadPathError, ConflictError, InvalidPathError, MissingReferenceError, ValidationError } from './index.js';
import { backends, failure } from './testing/contract-backends.js';
import { folderSchema, JOINED, seedFolders, snapshot, type FolderDb } from './fixtures/folder-tree.js';

/** Each record's revision, by tree and key. */
function revisions(db: FolderDb) {
  return Object.fromEntries(db.opaque.trees().map((info) => [info.name, [...db.opaque.tree(info.name).range()].map((e) => [e.key, e.revision])]));
}

for (const backend of backends) {
  describe(`writes at the end of a path (${backend.name})`, () => {
    async function seeded() {
      const db = await backend.open(folderSchema);
      return { db, ...(await seedFolders(db)) };
    }

    it('updates the last record the path reaches at that field: its revision moves, no other record changes', async () => {
      const { db, root, admin } = await seeded();
      const before = revisions(db);
      const written = await db.folders.setPath(root, 'children->0->members->0->email', 'root@example.com');
      expect(written).toEqual({ tree: 'users', key: admin });
      expect(db.revision()).toBe(10);
      expect(db.users.getEntry(admin)).toEqual({
        key: 1,
        revision: 10,
        value: { name: 'admin', email: 'root@example.com', joined: new Date(JOINED), profile: { city: 'Paris', phones: ['+33 1', '+33 2'] }, country: 'FR', region: 'IDF' },
      });
      expect(revisions(db)).toEqual({ ...before, users: [[1, 10], [2, 3]] });
      expect(db.folders.path(root, 'children->0->members->0->email')).toBe('root@example.com');
      expect(db.users.index('byEmail').get('root@example.com')?.key).toBe(admin); // indexes follow, as for any update
      expect(db.users.index('byEmail').get('admin@example.com')).toBeUndefined();
    });

    it('writes inside objects and at list elements (negative too), and takes text-form values on the opaque face', async () => {
      const { db, admin, root } = await seeded();
      await db.users.setPath(admin, 'profile.city', 'Nice');
      await db.folders.setPath(root, 'children->1->members->0->profile->phones->-1', '+33 9');
      expect(db.users.get(admin)?.profile).toEqual({ city: 'Nice', phones: ['+33 1', '+33 9'] });
      const entry = await db.opaque.tree('folders').setPath(1, 'children->0->members->1->joined', '2025-06-01T00:00:00.000Z');
      expect(entry).toEqual({
        key: 2,
        revision: 12,
        schemaVersion: 1,
        value: { name: 'bob', email: 'bob@example.com', joined: '2025-06-01T00:00:00.000Z', profile: { city: 'Lyon', phones: [] }, country: 'FR', region: null },
      });
      expect(db.users.get(db.users.key(2))?.joined).toEqual(new Date('2025-06-01T00:00:00.000Z'));
      expect(await db.opaque.tree('folders').setPath(1, 'children[-1]->name', 'Papers')).toMatchObject({ key: 2, revision: 13, value: { name: 'Papers' } });
    });

    it("writes a list element of references ('members[0]'), and the reverse-reference index follows", async () => {
      const { db, docs, admin, bob } = await seeded();
      expect(await db.folders.setPath(docs, 'members[0]', bob)).toEqual({ tree: 'folders', key: docs });
      expect(db.folders.get(docs)?.members).toEqual([bob]);
      expect(db.users.path(bob, '<-folders.members->name')).toEqual(['Docs', 'Users']);
      expect(db.users.path(admin, '<-folders.members->name')).toEqual(['Users', 'Admins']);
      // A reference at the end of a path, after a follow: Admins moves under Docs.
      await db.folders.setPath(db.folders.key(1), 'children->0->children->0->parent', docs);
      expect(db.folders.path(docs, '<-folders.parent->name')).toEqual(['Admins']);
    });

    it("checks `ifRevision` against the last record's revision: a stale one is CONFLICT and nothing is written", async () => {
      const { db, root, admin } = await seeded();
      const before = snapshot(db);
      const stale = await failure(db.folders.setPath(root, 'children->0->members->0->email', 'x@example.com', { ifRevision: 9 }), ConflictError); // 9 is Root's, not admin's
      expect(stale.code).toBe('CONFLICT');
      expect(stale.message).toBe('revision conflict on users/1: expected revision 9, found 2');
      await failure(db.opaque.tree('folders').setPath(1, 'children->0->members->0->email', 'x@example.com', { ifRevision: 1 }), ConflictError);
      expect(snapshot(db)).toEqual(before);
      await db.folders.setPath(root, 'children->0->members->0->email', 'x@example.com', { ifRevision: 2 });
      expect(db.users.getEntry(admin)).toMatchObject({ revision: 10, value: { email: 'x@example.com' } });
    });

    it('refuses a value of the wrong type (VALIDATION) and a reference to a missing record (MISSING_REFERENCE), writing nothing', async () => {
      const { db, root, docs } = await seeded();
      const before = snapshot(db);
      const typed = await failure(db.folders.setPath(root, 'children->0->members->0->email', 3 as never), ValidationError);
      expect(typed.message).toBe("invalid value for tree 'users':\n  /email: must be string");
      const text = await failure(db.opaque.tree('folders').setPath(1, 'children->0->members->0->joined', 'yesterday'), ValidationError);
      expect(text.code).toBe('VALIDATION');
      const parent = await failure(db.folders.setPath(root, 'children->0->parent', db.folders.key(99)), MissingReferenceError);
      expect(parent.message).toBe('folders.parent refers to folders/99, which does not exist');
      const member = await failure(db.folders.setPath(docs, 'members[0]', db.users.key(99)), MissingReferenceError);
      expect(member.message).toBe('folders.members[] refers to users/99, which does not exist');
      expect(snapshot(db)).toEqual(before);
    });

    it('refuses a path that fans out or ends at a record (INVALID_PATH), and one whose data does not lead on (BAD_PATH), writing nothing', async () => {
      const { db, root, admin } = await seeded();
      const before = snapshot(db);
      const fanOut = await failure(db.folders.setPath(root, 'children->*->name' as never, 'x' as never), InvalidPathError);
      expect(fanOut.reason).toBe('cannot write here: the path fans out (* or a reverse step): a write needs one place');
      expect((await failure(db.opaque.tree('users').setPath(1, '<-folders.members->name', 'x'), InvalidPathError)).code).toBe('INVALID_PATH');
      expect((await failure(db.opaque.tree('users').setPath(1, 'state', 'x'), InvalidPathError)).reason).toBe("cannot write here: the path ends at 'state', a reference over fields: write those fields (country, region) instead");
      expect((await failure(db.users.setPath(admin, 'nme' as never, 'x' as never), InvalidPathError)).step).toBe(1);
      expect((await failure(db.opaque.tree('folders').setPath(99, 'children->0->nme', 'x'), InvalidPathError)).step).toBe(3); // before the missing start is looked at
      const nullParent = await failure(db.folders.setPath(root, 'parent->name', 'x'), BadPathError);
      expect(nullParent).toMatchObject({ code: 'BAD_PATH', step: 2, stepText: 'name', reason: "'parent' is null: it names no record of folders" });
      const past = await failure(db.opaque.tree('folders').setPath(1, 'children[7]', 2), BadPathError);
      expect([past.step, past.stepText, past.at.tree, past.at.key, past.reason]).toEqual([2, '[7]', 'folders', 1, 'the list has 2 elements: there is no [7] to write']);
      expect((await failure(db.opaque.tree('folders').setPath(99, 'name', 'x'), BadPathError)).message).toBe("path 'name' from folders 99 stops: folders 99 does not exist");
      expect(snapshot(db)).toEqual(before);
    });

    // A follow and a field read are two operations of one step of the text ('->name'): the step named is the text's.
    it('names a step of the text when it refuses a write that fans out or ends at a record', async () => {
      const { db, root } = await seeded();
      const fanOut = await failure(db.folders.setPath(root, 'children->*->name' as never, 'x' as never), InvalidPathError);
      expect(fanOut.step).toBe(3);
      expect(fanOut.message).toContain("invalid path 'children->*->name' from folders at step 3: ");
      const record = await failure(db.opaque.tree('folders').setPath(1, 'children->0<-folders.parent[0]', 'x'), InvalidPathError);
      expect(record.step).toBe(3);
    });

    it('writes inside a transaction, whose later reads and path writes see the earlier ones; a throw writes nothing', async () => {
      const { db, root, docs } = await seeded();
      const seen = await db.transaction((tx) => {
        const carol = tx.users.insert({ name: 'carol', email: 'carol@example.com', joined: new Date(JOINED), profile: { city: 'Lille', phones: [] }, country: 'FR' });
        const written = tx.folders.setPath(docs, 'members[0]', carol);
        tx.folders.setPath(root, 'children->1->members->0->profile.city', 'Roubaix'); // through the element just written
        return { written, email: tx.folders.path(root, 'children->1->members->0->email'), city: tx.users.path(carol, 'profile.city'), holders: tx.users.path(carol, '<-folders.members->name') };
      });
      expect(seen).toEqual({ written: { tree: 'folders', key: docs }, email: 'carol@example.com', city: 'Roubaix', holders: ['Docs'] });
      expect(db.folders.path(root, 'children->1->members->0->profile.city')).toBe('Roubaix');

      const opaque = await db.opaque.transaction((tx) => {
        const written = tx.setPath('folders', 1, 'children->0->name', 'Staff');
        return { written, resolved: tx.resolve('folders', 1, 'children->0->name') }; // revision 13: the first transaction's three writes took 10 to 12
      });
      expect(opaque).toEqual({ written: { tree: 'folders', key: 3 }, resolved: { matches: [{ value: 'Staff', hops: [{ tree: 'folders', key: 1, revision: 9 }, { tree: 'folders', key: 3, revision: 13 }] }], truncated: false } });

      const before = snapshot(db);
      await expect(
        db.transaction((tx) => {
          tx.folders.setPath(root, 'children->0->name', 'Gone');
          expect(tx.folders.path(root, 'children->0->name')).toBe('Gone');
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(snapshot(db)).toEqual(before);
    });
  });
}
