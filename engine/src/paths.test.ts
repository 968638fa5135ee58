/**
 * Contract suite: paths across records that lead somewhere (common/path-plan.ts, core/path-resolve.ts):
 * follows, nested fields, indexes, fan-out and its limit, reverse steps, references over fields; the
 * typed face (`path`, `resolvePath`) and the opaque one (`db.opaque.resolve`, text form, hops). Errors
 * are in ./paths-errors.test.ts, writes in ./paths-write.test.ts. Both backends; reopening on LMDB alone.
 */
import { describe, expect, it } from 'vitest';
import { open, openDatabase } from './index.js';
import { backends, tempDir } from './testing/contract-backends.js';
import { folderSchema, JOINED, seedFolders } from './fixtures/folder-tree.js';

// Revisions the fixture gives (fixtures/folder-tree.ts): each write takes the next one.
const ROOT = { tree: 'folders', key: 1, revision: 9 };
const DOCS = { tree: 'folders', key: 2, revision: 5 };
const USERS = { tree: 'folders', key: 3, revision: 8 };
const ADMINS = { tree: 'folders', key: 4, revision: 7 };
const ADMIN = { tree: 'users', key: 1, revision: 2 };
const BOB = { tree: 'users', key: 2, revision: 3 };
const IDF = { tree: 'states', key: ['FR', 'IDF'], revision: 1 };

for (const backend of backends) {
  describe(`paths across records (${backend.name})`, () => {
    async function seeded() {
      const db = await backend.open(folderSchema);
      return { db, ...(await seedFolders(db)) };
    }

    it("follows 'children->0->members->0->email' to the user's email, typed and opaque, with every record it went through", async () => {
      const { db, root } = await seeded();
      expect(db.revision()).toBe(9);
      const email: string = db.folders.path(root, 'children->0->members->0->email');
      expect(email).toBe('admin@example.com');
      expect(db.opaque.resolve({ tree: 'folders', key: 1 }, 'children->0->members->0->email')).toEqual({
        matches: [{ value: 'admin@example.com', hops: [ROOT, USERS, ADMIN] }],
        truncated: false,
      });
      expect(db.folders.resolvePath(root, 'children->0->members->0->email')).toEqual({ matches: [{ value: 'admin@example.com', hops: [ROOT, USERS, ADMIN] }], truncated: false });
      // The same path again (path() keeps the last one ready) gives the same answer.
      expect(db.folders.path(root, 'children->0->members->0->email')).toBe('admin@example.com');
    });

    it('gives values native on the typed face and in text form on the opaque one', async () => {
      const { db, root } = await seeded();
      expect(db.folders.path(root, 'children->0->members->0->joined')).toEqual(new Date(JOINED));
      expect(db.opaque.resolve({ tree: 'folders', key: 1 }, 'children->0->members->0->joined').matches).toEqual([{ value: JOINED, hops: [ROOT, USERS, ADMIN] }]);
      // Ending at a reference gives its key; ending at a list gives the list.
      expect(db.folders.path(root, 'children->0->parent')).toBe(root);
      expect(db.folders.path(root, 'children')).toEqual([3, 2]);
      expect(db.folders.path(root, 'parent')).toBeNull();
    });

    it("walks 'parent->children->0->name' up and down again", async () => {
      const { db, staff, admins } = await seeded();
      expect(db.folders.path(staff, 'parent->children->0->name')).toBe('Users');
      expect(db.folders.path(staff, 'parent->children->1->name')).toBe('Docs');
      expect(db.folders.resolvePath(admins, 'parent->parent->children->-1->name').matches).toEqual([{ value: 'Docs', hops: [ADMINS, USERS, ROOT, DOCS] }]);
    });

    it("reads nested fields with '.' and as '->' steps, and list elements with [n], ->n and negative indexes", async () => {
      const { db, admin, root } = await seeded();
      expect(db.users.path(admin, 'profile.city')).toBe('Paris');
      expect(db.users.path(admin, 'profile->city')).toBe('Paris');
      expect(db.opaque.resolve({ tree: 'users', key: 1 }, '"profile"."city"').matches).toEqual([{ value: 'Paris', hops: [ADMIN] }]); // JSON-quoted names
      expect(db.users.path(admin, 'profile.phones[0]')).toBe('+33 1');
      expect(db.users.path(admin, 'profile.phones->1')).toBe('+33 2');
      expect(db.users.path(admin, 'profile.phones[-1]')).toBe('+33 2');
      expect(db.users.path(admin, 'profile->phones->-2')).toBe('+33 1');
      expect(db.users.path(admin, 'profile')).toEqual({ city: 'Paris', phones: ['+33 1', '+33 2'] });
      expect(db.folders.path(root, 'children[-1]->name')).toBe('Docs');
      expect(db.folders.path(root, 'children->-2->members[-2]->profile.phones[0]')).toBe('+33 1');
      // Spaces between steps are allowed at run time (the typed face's checker does not take them: opaque here).
      expect(db.opaque.resolve({ tree: 'folders', key: 1 }, ' children -> 0 -> name ').matches).toEqual([{ value: 'Users', hops: [ROOT, USERS] }]);
    });

    it('fans out with * in list order, and stops at `limit` saying so', async () => {
      const { db, root } = await seeded();
      const names: string[] = db.folders.path(root, 'children->*->name');
      expect(names).toEqual(['Users', 'Docs']); // the list's order, not the keys' (3, 2)
      expect(db.folders.path(root, 'children[*]->name')).toEqual(['Users', 'Docs']);
      expect(db.folders.path(root, 'children->*->members->*->email')).toEqual(['admin@example.com', 'bob@example.com', 'admin@example.com']);
      const all = db.opaque.resolve({ tree: 'folders', key: 1 }, 'children->*->members->*->email');
      expect(all).toEqual({
        matches: [
          { value: 'admin@example.com', hops: [ROOT, USERS, ADMIN] },
          { value: 'bob@example.com', hops: [ROOT, USERS, BOB] },
          { value: 'admin@example.com', hops: [ROOT, DOCS, ADMIN] },
        ],
        truncated: false,
      });
      expect(db.opaque.resolve({ tree: 'folders', key: 1 }, 'children->*->members->*->email', { limit: 3 })).toEqual(all); // exactly at the limit
      expect(db.opaque.resolve({ tree: 'folders', key: 1 }, 'children->*->members->*->email', { limit: 2 })).toEqual({ matches: all.matches.slice(0, 2), truncated: true });
      expect(db.folders.resolvePath(root, 'children->*->name', { limit: 1 })).toEqual({ matches: [{ value: 'Users', hops: [ROOT, USERS] }], truncated: true });
      expect(db.folders.path(root, 'children->*->name', { limit: 1 })).toEqual(['Users']);
      expect(db.folders.path(root, 'members->*->name')).toEqual([]); // an empty list: no results, no error
      expect(db.users.path(db.users.key(2), 'profile.phones[*]')).toEqual([]);
    });

    it('walks back a reference through the reverse-reference index, in key order: a single reference and a list of them', async () => {
      const { db, root, admin, bob } = await seeded();
      // The folders whose parent is Root: the same two as its children, in key order (Docs 2, Users 3).
      expect(db.folders.path(root, '<-folders.parent->name')).toEqual(['Docs', 'Users']);
      expect(db.opaque.resolve({ tree: 'folders', key: 1 }, '<-folders.parent')).toEqual({
        matches: [
          { value: { name: 'Docs', parent: 1, children: [], members: [1] }, hops: [ROOT, DOCS] },
          { value: { name: 'Users', parent: 1, children: [4], members: [1, 2] }, hops: [ROOT, USERS] },
        ],
        truncated: false,
      });
      expect(db.users.path(admin, '<-folders.members->name')).toEqual(['Docs', 'Users', 'Admins']);
      expect(db.users.path(admin, '<-folders.members[]->name')).toEqual(['Docs', 'Users', 'Admins']); // the reference's own name
      expect(db.users.path(bob, '<-folders.members->name')).toEqual(['Users']);
      expect(db.folders.path(db.folders.key(2), '<-folders.parent->name')).toEqual([]); // nobody's parent
    });

    it('picks one holder with [n] or [-1] after a reverse step, and stops a reverse fan-out at `limit`', async () => {
      const { db, root, admin } = await seeded();
      const first: string = db.folders.path(root, '<-folders.parent[0]->name');
      expect(first).toBe('Docs');
      expect(db.folders.path(root, '<-folders.parent[-1]->name')).toBe('Users');
      expect(db.users.path(admin, '<-folders.members[1]->name')).toBe('Users');
      expect(db.users.resolvePath(admin, '<-folders.members[-1]->name').matches).toEqual([{ value: 'Admins', hops: [ADMIN, ADMINS] }]);
      expect(db.opaque.resolve({ tree: 'users', key: 1 }, '<-folders.members->name', { limit: 2 })).toEqual({
        matches: [
          { value: 'Docs', hops: [ADMIN, DOCS] },
          { value: 'Users', hops: [ADMIN, USERS] },
        ],
        truncated: true,
      });
      expect(db.opaque.resolve({ tree: 'users', key: 1 }, '<-folders.members->name', { limit: 3 }).truncated).toBe(false);
    });

    it('chains a reverse step after a followed reference', async () => {
      const { db, root, bob } = await seeded();
      // Root's first child (Users), then the folders whose parent it is.
      expect(db.opaque.resolve({ tree: 'folders', key: 1 }, 'children->0<-folders.parent->name')).toEqual({
        matches: [{ value: 'Admins', hops: [ROOT, USERS, ADMINS] }],
        truncated: false,
      });
      // Users' parent (Root), then Root's children by the index: Users and its siblings.
      expect(db.folders.path(root, 'children->0->parent<-folders.parent->name')).toEqual(['Docs', 'Users']);
      // bob's folders, then their members' emails: a reverse step, then a follow, then a fan-out.
      expect(db.users.path(bob, '<-folders.members[0]->members->*->email')).toEqual(['admin@example.com', 'bob@example.com']);
      expect(db.users.path(bob, '<-folders.members<-folders.parent->name')).toEqual(['Admins']);
    });

    it("follows a reference over existing fields by its name: 'state->name'", async () => {
      const { db, admin, root } = await seeded();
      const name: string = db.users.path(admin, 'state->name');
      expect(name).toBe('Île-de-France');
      expect(db.users.path(admin, 'state')).toEqual({ country: 'FR', code: 'IDF', name: 'Île-de-France' });
      expect(db.opaque.resolve({ tree: 'folders', key: 1 }, 'children->0->members->0->state->name')).toEqual({
        matches: [{ value: 'Île-de-France', hops: [ROOT, USERS, ADMIN, IDF] }],
        truncated: false,
      });
      expect(db.folders.path(root, 'children->*->members->0->state->code')).toEqual(['IDF', 'IDF']);
    });

    it('checks a path without reading (checkPath): the plan, where it ends and whether it fans out', async () => {
      const { db } = await seeded();
      const check = db.opaque.checkPath('folders', 'children->0->members->*->email');
      expect(check.ok).toBe(true);
      if (!check.ok) return;
      expect(check.plan.steps.map((s) => [s.step, s.op])).toEqual([
        [1, 'field'],
        [2, 'index'],
        [3, 'follow'],
        [3, 'field'],
        [4, 'each'],
        [5, 'follow'],
        [5, 'field'],
      ]);
      expect(check.plan.ends).toMatchObject({ kind: 'value', tree: 'users', name: 'email' });
      expect(check.plan.many).toBe(true);
      expect(check.plan.unwritable).toBe('the path fans out (* or a reverse step): a write needs one place');
      expect(db.opaque.checkPath('users', 'state->name')).toMatchObject({ ok: true, plan: { many: false, ends: { kind: 'value', tree: 'states', name: 'name' } } });
    });
  });
}

describe('paths across records (lmdb, reopened)', () => {
  it('resolve the same after close and reopen, typed and by a tool without the schema', async () => {
    const dir = tempDir();
    const db = await open(dir, folderSchema);
    const { root } = await seedFolders(db);
    const before = db.opaque.resolve({ tree: 'folders', key: 1 }, 'children->*->members->0->state->name');
    expect(before.matches.map((m) => m.value)).toEqual(['Île-de-France', 'Île-de-France']);
    const reverse = db.folders.resolvePath(root, '<-folders.parent[-1]->members->-1->email');
    await db.close();
    const again = await open(dir, folderSchema);
    try {
      expect(again.opaque.resolve({ tree: 'folders', key: 1 }, 'children->*->members->0->state->name')).toEqual(before);
      expect(again.folders.resolvePath(root, '<-folders.parent[-1]->members->-1->email')).toEqual(reverse);
      expect(again.folders.path(root, 'children->0->members->0->email')).toBe('admin@example.com');
    } finally {
      await again.close();
    }
    const tool = await openDatabase(dir, { readOnly: true });
    try {
      expect(tool.resolve({ tree: 'folders', key: 1 }, 'children->*->members->0->state->name')).toEqual(before);
      expect(tool.resolve({ tree: 'users', key: 2 }, '<-folders.members->name').matches.map((m) => m.value)).toEqual(['Users']);
    } finally {
      await tool.close();
    }
  });
});
