/**
 * Contract suite: paths that do not lead somewhere. A path that does not fit the schema is
 * INVALID_PATH (step 0 with a character offset for malformed text, else the step and why) before
 * anything is read; data that does not lead on is BAD_PATH naming the step and the record it
 * stopped at, or with `lenient`, undefined. Both backends.
 */
import { describe, expect, it } from 'vitest';
import { BadPathError, InvalidPathError, UnknownTreeError } from './index.js';
import { backends } from './testing/contract-backends.js';
import { folderSchema, seedFolders, type FolderDb } from './fixtures/folder-tree.js';

/** Runs a read that must throw `type`, and returns the error. */
function caught<E extends Error>(read: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  return expect.fail(`expected a ${type.name}`);
}

const invalid = (db: FolderDb, path: string, from: { tree: string; key: unknown } = { tree: 'folders', key: 1 }) =>
  caught(() => db.opaque.resolve(from, path), InvalidPathError);
const bad = (db: FolderDb, path: string, from: { tree: string; key: unknown } = { tree: 'folders', key: 1 }) => caught(() => db.opaque.resolve(from, path), BadPathError);

for (const backend of backends) {
  describe(`paths that do not lead on (${backend.name})`, () => {
    async function seeded() {
      const db = await backend.open(folderSchema);
      return { db, ...(await seedFolders(db)) };
    }

    it('refuses malformed text as INVALID_PATH at step 0, with the character where it stopped making sense', async () => {
      const { db } = await seeded();
      const cases: [string, number, string][] = [
        ['', 0, 'the path is empty: start with a field name (e.g. owner) or a reverse step (e.g. <-tasks.owner)'],
        ['   ', 0, 'the path is empty'],
        ['name->', 6, "'->' must be followed by a field name, an index or '*'"],
        ['children[', 9, "'[' is followed by a whole number (negative counts from the end) or '*'"],
        ['children[x]', 9, "'[' is followed by a whole number (negative counts from the end) or '*'"],
        ['children[0', 10, "'[0' is closed by ']'"],
        ['name name', 5, `expected '->', '.', '[' or '<-' here, found "name"`],
        ['children->0->name)', 17, `expected '->', '.', '[' or '<-' here, found ")"`],
        ['"name', 0, 'a quoted name is closed by "'],
        ['<-folders', 9, "'<-folders' is followed by '.' and the reference of folders that refers here (e.g. <-folders.owner)"],
        ['name.', 5, "'.' must be followed by a field name"],
      ];
      for (const [path, at, reason] of cases) {
        const error = invalid(db, path);
        expect([path, error.code, error.step, error.at, error.tree, error.path]).toEqual([path, 'INVALID_PATH', 0, at, 'folders', path]);
        expect(error.reason).toContain(reason);
        expect(error.message).toBe(`invalid path '${path}' from folders at character ${at + 1}: ${error.reason}`);
      }
      // The typed face refuses it the same way (such a path does not compile, hence the cast).
      expect(caught(() => db.folders.path(db.folders.key(1), 'name->' as never), InvalidPathError)).toMatchObject({ code: 'INVALID_PATH', step: 0, at: 6 });
    });

    it('names the step that does not fit the schema, and why: an unknown field with a hint', async () => {
      const { db } = await seeded();
      expect(invalid(db, 'nme')).toMatchObject({ step: 1, at: 0, reason: "folders has no field 'nme' (did you mean 'name'?)" });
      const deep = invalid(db, 'children->0->members->0->emails');
      expect(deep).toMatchObject({ code: 'INVALID_PATH', step: 5, at: 25, reason: "users has no field 'emails' (did you mean 'email'?)" });
      expect(deep.message).toBe("invalid path 'children->0->members->0->emails' from folders at step 5: users has no field 'emails' (did you mean 'email'?)");
      expect(invalid(db, 'profile.cty', { tree: 'users', key: 1 }).reason).toBe("'profile' has no field 'cty' (did you mean 'city'?)");
      // Nothing close: the names there are.
      expect(invalid(db, 'children->0->members->0->zzz').reason).toBe("users has no field 'zzz' (it has name, email, joined, profile, country, region, state)");
    });

    it("refuses '.' through a reference, a field of a scalar or of a list, and an index on what is not a list", async () => {
      const { db } = await seeded();
      expect(invalid(db, 'parent.name')).toMatchObject({ step: 2, at: 7, reason: "'parent' is a reference to folders: follow it with '->' (parent->name)" });
      const element = invalid(db, 'children->0.name');
      expect([element.step, element.at]).toEqual([3, 12]);
      expect(element.reason).toContain("is a reference to folders: follow it with '->'");
      expect(invalid(db, 'name->first')).toMatchObject({ step: 2, at: 6, reason: "'name' is a string: it has no field 'first'" });
      expect(invalid(db, 'children->0->members->0->email.domain')).toMatchObject({ step: 6, reason: "'email' is a string: it has no field 'domain'" });
      expect(invalid(db, 'children->name')).toMatchObject({ step: 2, reason: "'children' is a list: take one element (children->0, children[-1]) or each (children->*) first" });
      expect(invalid(db, 'name[0]')).toMatchObject({ step: 2, at: 4, reason: "'name' is a string, not a list: [0] takes elements of a list" });
      expect(invalid(db, 'name->-1')).toMatchObject({ step: 2, at: 6, reason: "'name' is a string, not a list: [-1] takes elements of a list" });
      expect(invalid(db, 'profile->*', { tree: 'users', key: 1 })).toMatchObject({ step: 2, reason: "'profile' is an object, not a list: * takes elements of a list" });
      expect(invalid(db, '<-folders.parent->0')).toMatchObject({ step: 2, reason: '[0] takes elements of a list, and a record of folders is not one' });
      expect(invalid(db, 'name<-folders.parent')).toMatchObject({ step: 2, reason: "a reverse step starts from a record or a reference, and 'name' is a string" });
    });

    it('refuses a reverse step from an unknown tree, through an unknown reference, or through one to another tree', async () => {
      const { db } = await seeded();
      expect(invalid(db, '<-foldrs.parent')).toMatchObject({ step: 1, at: 0, reason: "there is no tree 'foldrs' (did you mean 'folders'?)" });
      expect(invalid(db, '<-nothing.parent').reason).toBe("there is no tree 'nothing' (it has states, users, folders)");
      expect(invalid(db, '<-folders.owner').reason).toBe("folders has no reference 'owner' (its references to folders: parent, children[])");
      expect(invalid(db, '<-folders.members')).toMatchObject({ step: 1, reason: 'folders.members[] refers to users, not to folders' });
      expect(invalid(db, '<-users.state')).toMatchObject({ step: 1, reason: 'users.state refers to states, not to folders' });
      expect(invalid(db, 'children->0<-users.state').step).toBe(3);
      // checkPath answers the same without throwing, and an unknown start tree there too.
      expect(db.opaque.checkPath('folders', '<-folders.members')).toMatchObject({ ok: false, problem: { step: 1, text: '<-folders.members', at: 0, reason: 'folders.members[] refers to users, not to folders' } });
      expect(db.opaque.checkPath('nowhere', 'name')).toEqual({ ok: false, problem: { step: 0, text: '', at: 0, reason: "there is no tree 'nowhere'" } });
      // Resolving from an unknown tree is UNKNOWN_TREE, as every read from one.
      expect(caught(() => db.opaque.resolve({ tree: 'nowhere', key: 1 }, 'name'), UnknownTreeError).code).toBe('UNKNOWN_TREE');
    });

    it('is INVALID_PATH before anything is read: a start record that does not exist, or a key of the wrong shape, is not looked at', async () => {
      const { db } = await seeded();
      // Valid up to step 3; the start record 99 does not exist: still INVALID_PATH, naming step 3.
      expect(invalid(db, 'children->0->nme', { tree: 'folders', key: 99 })).toMatchObject({ code: 'INVALID_PATH', step: 3, reason: "folders has no field 'nme' (did you mean 'name'?)" });
      expect(invalid(db, 'children->0->nme', { tree: 'folders', key: 'not a key' }).step).toBe(3);
      expect(caught(() => db.folders.path(db.folders.key(99), 'children->0->nme' as never), InvalidPathError).step).toBe(3);
      // The same valid path from that record: now the data is asked, and it is not there.
      expect(bad(db, 'children->0->name', { tree: 'folders', key: 99 }).step).toBe(0);
    });

    it('stops with BAD_PATH at a null reference, naming the step, the record it stood at and where the path started', async () => {
      const { db } = await seeded();
      const error = bad(db, 'parent->name');
      expect(error).toMatchObject({ code: 'BAD_PATH', path: 'parent->name', from: { tree: 'folders', key: 1 }, step: 2, stepText: 'name', at: { tree: 'folders', key: 1 } });
      expect(error.reason).toBe("'parent' is null: it names no record of folders");
      expect(error.message).toBe("path 'parent->name' from folders 1 stops at step 2 ('name') on folders 1: 'parent' is null: it names no record of folders");
      // Three levels up from Admins: Users, Root, then Root's null parent.
      const deep = bad(db, 'parent->parent->parent->name', { tree: 'folders', key: 4 });
      expect([deep.step, deep.stepText, deep.at, deep.from]).toEqual([4, 'name', { tree: 'folders', key: 1 }, { tree: 'folders', key: 4 }]);
      expect(caught(() => db.folders.path(db.folders.key(1), 'parent->name'), BadPathError).step).toBe(2);
    });

    it('stops with BAD_PATH at an index past the list, a reverse pick past the holders, and a reference over fields that names nothing', async () => {
      const { db } = await seeded();
      const past = bad(db, 'children->0->members->2->email');
      expect(past).toMatchObject({ step: 4, stepText: '2', at: { tree: 'folders', key: 3 }, reason: 'the list has 2 elements: there is no [2]' });
      expect(past.message).toBe("path 'children->0->members->2->email' from folders 1 stops at step 4 ('2') on folders 3: the list has 2 elements: there is no [2]");
      expect(bad(db, 'children[-3]')).toMatchObject({ step: 2, stepText: '[-3]', at: { tree: 'folders', key: 1 }, reason: 'the list has 2 elements: there is no [-3]' });
      expect(bad(db, 'members[0]', { tree: 'folders', key: 1 }).reason).toBe('the list has 0 elements: there is no [0]');
      expect(bad(db, 'profile.phones[0]', { tree: 'users', key: 2 })).toMatchObject({ step: 3, stepText: '[0]', at: { tree: 'users', key: 2 } });
      expect(bad(db, '<-folders.parent[2]->name')).toMatchObject({
        step: 1,
        stepText: '<-folders.parent[2]',
        at: { tree: 'folders', key: 1 },
        reason: "2 records of folders refer here through 'parent': there is no [2]",
      });
      expect(bad(db, '<-folders.members[-2]', { tree: 'users', key: 2 }).reason).toBe("1 record of folders refers here through 'members[]': there is no [-2]");
      // bob's region is null: his 'state' names no record.
      expect(bad(db, 'children->0->members->1->state->name')).toMatchObject({ step: 5, stepText: 'state', at: { tree: 'users', key: 2 }, reason: "'state' refers to nothing: country or region is null or absent" });
    });

    it('stops with BAD_PATH at step 0 when the start record does not exist', async () => {
      const { db } = await seeded();
      const error = bad(db, 'children->0->name', { tree: 'folders', key: 99 });
      expect(error).toMatchObject({ code: 'BAD_PATH', step: 0, stepText: '', from: { tree: 'folders', key: 99 }, at: { tree: 'folders', key: 99 }, reason: 'folders 99 does not exist' });
      expect(error.message).toBe("path 'children->0->name' from folders 99 stops: folders 99 does not exist");
      expect(caught(() => db.folders.path(db.folders.key(99), 'name'), BadPathError).step).toBe(0);
      expect(caught(() => db.users.path(db.users.key(7), '<-folders.members->name'), BadPathError).message).toBe("path '<-folders.members->name' from users 7 stops: users 7 does not exist");
    });

    it('with `lenient`, answers undefined instead: for the path, or for each branch of a fan-out that stopped', async () => {
      const { db, root, staff } = await seeded();
      expect(db.folders.path(root, 'parent->name', { lenient: true })).toBeUndefined();
      expect(db.folders.path(root, 'children->0->members->5->email', { lenient: true })).toBeUndefined();
      expect(db.folders.path(db.folders.key(99), 'name', { lenient: true })).toBeUndefined();
      expect(db.folders.path(root, 'children->*->children->0->name', { lenient: true })).toEqual(['Admins', undefined]); // Docs has no children
      expect(db.folders.path(staff, 'members->*->state->name', { lenient: true })).toEqual(['Île-de-France', undefined]); // bob has no region
      expect(db.folders.path(root, 'children->*->name', { lenient: true })).toEqual(['Users', 'Docs']);
      // The opaque face: a stopped branch keeps the records it went through up to where it stopped.
      expect(db.opaque.resolve({ tree: 'folders', key: 3 }, 'members->*->state->name', { lenient: true })).toEqual({
        matches: [
          { value: 'Île-de-France', hops: [{ tree: 'folders', key: 3, revision: 8 }, { tree: 'users', key: 1, revision: 2 }, { tree: 'states', key: ['FR', 'IDF'], revision: 1 }] },
          { value: undefined, hops: [{ tree: 'folders', key: 3, revision: 8 }, { tree: 'users', key: 2, revision: 3 }] },
        ],
        truncated: false,
      });
      expect(db.opaque.resolve({ tree: 'folders', key: 99 }, 'name', { lenient: true })).toEqual({ matches: [], truncated: false });
      // Lenient is about data only: a path that does not fit is INVALID_PATH all the same.
      expect(caught(() => db.opaque.resolve({ tree: 'folders', key: 1 }, 'nme', { lenient: true }), InvalidPathError).step).toBe(1);
    });
  });
}
