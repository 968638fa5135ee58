/**
 * Contract suite: request batches (opaque/perform.ts). `db.opaque.perform` (text-form values) and
 * typed `db.perform` (native values) run requests in order in one transaction: one result each, `{ "$key": n }`
 * standing for an earlier insert's or put's key; a failing request aborts the whole batch (RequestFailedError
 * keeps its code and position) and nothing is written. Both backends; read-only on LMDB alone.
 */
import { describe, expect, it } from 'vitest';
import {
  BadPathError,
  ConflictError,
  InvalidPathError,
  InvalidQueryError,
  MAX_BATCH_REQUESTS,
  MissingReferenceError,
  NotFoundError,
  open,
  openDatabase,
  ReadOnlyError,
  ReferencedError,
  RequestFailedError,
  UniqueViolationError,
  UnknownTreeError,
  ValidationError,
  type ChangeEvent,
  type PerformRequest,
  type TrellisError,
} from './index.js';
import { backends, failure, tempDir } from './testing/contract-backends.js';
import { folderSchema, JOINED, seedFolders, snapshot, type FolderDb } from './fixtures/folder-tree.js';

const folder = (name: string, parent: unknown = null, extra: Record<string, unknown> = {}) => ({ name, parent, children: [], members: [], ...extra });
const user = (name: string, email: string) => ({ name, email, joined: JOINED, profile: { city: 'Brest', phones: [] }, country: 'FR', region: null });

/** Each change delivery to onChange, from now on. */
function deliveries(db: FolderDb): unknown[] {
  const seen: unknown[] = [];
  db.onChange((events) => seen.push(events));
  return seen;
}

/** A batch that must fail at request `at` with `type` as its cause: checks the error, and that nothing was written or announced. */
async function refused(db: FolderDb, run: () => Promise<unknown>, at: number, operation: string, type: abstract new (...args: never[]) => TrellisError): Promise<RequestFailedError> {
  const before = snapshot(db);
  const seen = deliveries(db);
  const error = await failure(run(), RequestFailedError);
  expect(error.cause).toBeInstanceOf(type);
  expect([error.request, error.operation, error.code]).toEqual([at, operation, error.cause.code]);
  expect(error.message).toBe(`request ${at} (${operation}) failed, so no request of the batch was written: ${error.cause.message}`);
  expect(snapshot(db)).toEqual(before);
  expect(seen).toEqual([]);
  return error;
}

for (const backend of backends) {
  describe(`request batches (${backend.name})`, () => {
    async function seeded() {
      const db = await backend.open(folderSchema);
      return { db, ...(await seedFolders(db)) };
    }

    it('answers one result per request, in order, values in text form on the opaque face; $key stands for an earlier key, in a key and in a value', async () => {
      const { db } = await seeded();
      const results = await db.opaque.perform([
        { op: 'insert', tree: 'folders', value: folder('Archive') },
        { op: 'insert', tree: 'folders', value: folder('2023', { $key: 0 }, { members: [1] }) },
        { op: 'update', tree: 'folders', key: { $key: 0 }, patch: { children: [{ $key: 1 }] } },
        { op: 'get', tree: 'folders', key: { $key: 1 } },
        { op: 'get', tree: 'folders', key: 99 },
        { op: 'path', tree: 'folders', key: { $key: 0 }, path: 'children->0->members->0->joined' },
        { op: 'put', tree: 'states', key: ['FR', 'BRE'], value: { country: 'FR', code: 'BRE', name: 'Bretagne' } },
        { op: 'setPath', tree: 'folders', key: { $key: 1 }, path: 'parent->name', value: 'Old' },
        { op: 'delete', tree: 'states', key: { $key: 6 } },
        { op: 'delete', tree: 'folders', key: 99 },
      ]);
      expect(results).toEqual([
        { op: 'insert', tree: 'folders', key: 5, revision: 10 },
        { op: 'insert', tree: 'folders', key: 6, revision: 11 },
        { op: 'update', tree: 'folders', key: 5, revision: 12 },
        { op: 'get', entry: { key: 6, revision: 11, schemaVersion: 1, value: { name: '2023', parent: 5, children: [], members: [1] } } },
        { op: 'get', entry: null },
        { op: 'path', resolution: { matches: [{ value: JOINED, hops: [{ tree: 'folders', key: 5, revision: 12 }, { tree: 'folders', key: 6, revision: 11 }, { tree: 'users', key: 1, revision: 2 }] }], truncated: false } },
        { op: 'put', tree: 'states', key: ['FR', 'BRE'], revision: 13 },
        { op: 'setPath', tree: 'folders', key: 5, revision: 14 }, // the last record the path reached: Archive
        { op: 'delete', deleted: true },
        { op: 'delete', deleted: false },
      ]);
      expect(db.revision()).toBe(15);
      expect(db.folders.get(db.folders.key(5))).toEqual({ name: 'Old', parent: null, children: [6], members: [] });
      expect(db.folders.path(db.folders.key(5), '<-folders.parent->name')).toEqual(['2023']);
      expect(db.states.has(db.states.key(['FR', 'BRE']))).toBe(false);
      expect(await db.opaque.perform([])).toEqual([]);
    });

    it('takes and gives native values on the typed face', async () => {
      const { db, admin, root } = await seeded();
      const joined = new Date('2025-01-01T00:00:00.000Z');
      const results = await db.perform([
        { op: 'get', tree: 'users', key: admin },
        { op: 'path', tree: 'folders', key: root, path: 'children->*->members->0->joined' },
        { op: 'insert', tree: 'users', value: { ...user('carol', 'carol@example.com'), joined } },
        { op: 'put', tree: 'folders', key: 50, value: folder('Fifty', root, { members: [{ $key: 2 }] }) },
        { op: 'insert', tree: 'folders', value: folder('Child', { $key: 3 }) },
        { op: 'path', tree: 'folders', key: { $key: 4 }, path: 'parent->members->0->joined' },
      ]);
      expect(results).toEqual([
        { op: 'get', entry: { key: 1, revision: 2, value: { name: 'admin', email: 'admin@example.com', joined: new Date(JOINED), profile: { city: 'Paris', phones: ['+33 1', '+33 2'] }, country: 'FR', region: 'IDF' } } },
        {
          op: 'path',
          resolution: {
            matches: [
              { value: new Date(JOINED), hops: [{ tree: 'folders', key: 1, revision: 9 }, { tree: 'folders', key: 3, revision: 8 }, { tree: 'users', key: 1, revision: 2 }] },
              { value: new Date(JOINED), hops: [{ tree: 'folders', key: 1, revision: 9 }, { tree: 'folders', key: 2, revision: 5 }, { tree: 'users', key: 1, revision: 2 }] },
            ],
            truncated: false,
          },
        },
        { op: 'insert', tree: 'users', key: 3, revision: 10 },
        { op: 'put', tree: 'folders', key: 50, revision: 11 }, // a put's key serves as $key too
        { op: 'insert', tree: 'folders', key: 51, revision: 12 },
        { op: 'path', resolution: { matches: [{ value: joined, hops: [{ tree: 'folders', key: 51, revision: 12 }, { tree: 'folders', key: 50, revision: 11 }, { tree: 'users', key: 3, revision: 10 }] }], truncated: false } },
      ]);
    });

    it('aborts the whole batch when request k fails, keeping its code: conflict, validation, missing reference, unique, referenced delete, not found', async () => {
      const { db } = await seeded();
      const conflict = await refused(
        db,
        () => db.opaque.perform([{ op: 'update', tree: 'folders', key: 1, patch: { name: 'Top' } }, { op: 'update', tree: 'users', key: 1, patch: { name: 'x' }, ifRevision: 1 }]),
        1,
        'update users 1',
        ConflictError,
      );
      expect(conflict.code).toBe('CONFLICT');
      const validation = await refused(
        db,
        () => db.opaque.perform([{ op: 'insert', tree: 'folders', value: folder('A') }, { op: 'insert', tree: 'folders', value: folder('B') }, { op: 'update', tree: 'users', key: 2, patch: { email: 3 } }]),
        2,
        'update users 2',
        ValidationError,
      );
      expect(validation.code).toBe('VALIDATION');
      const missing = await refused(
        db,
        () => db.opaque.perform([{ op: 'insert', tree: 'folders', value: folder('A') }, { op: 'insert', tree: 'folders', value: folder('B', { $key: 0 }, { members: [99] }) }]),
        1,
        'insert folders',
        MissingReferenceError,
      );
      expect([missing.code, missing.cause.message]).toEqual(['MISSING_REFERENCE', 'folders.members[] refers to users/99, which does not exist']);
      const unique = await refused(
        db,
        () => db.perform([{ op: 'put', tree: 'states', key: ['FR', 'BRE'], value: { country: 'FR', code: 'BRE', name: 'Bretagne' } }, { op: 'insert', tree: 'users', value: { ...user('eve', 'admin@example.com'), joined: new Date() } }]),
        1,
        'insert users',
        UniqueViolationError,
      );
      expect(unique.code).toBe('UNIQUE_VIOLATION');
      const referenced = await refused(
        db,
        () => db.opaque.perform([{ op: 'setPath', tree: 'folders', key: 1, path: 'children->0->name', value: 'Staff' }, { op: 'delete', tree: 'users', key: 2 }]),
        1,
        'delete users 2',
        ReferencedError,
      );
      expect([referenced.code, referenced.cause.message]).toEqual(['REFERENCED', 'cannot delete users/2: still referenced by folders/3 (members[])']);
      const notFound = await refused(db, () => db.opaque.perform([{ op: 'insert', tree: 'folders', value: folder('A') }, { op: 'update', tree: 'folders', key: 99, patch: { name: 'x' } }]), 1, 'update folders 99', NotFoundError);
      expect(notFound.code).toBe('NOT_FOUND');
    });

    it('aborts the whole batch on a path that does not fit (INVALID_PATH) or does not lead on (BAD_PATH), even in a read', async () => {
      const { db } = await seeded();
      const invalid = await refused(
        db,
        () => db.opaque.perform([{ op: 'insert', tree: 'folders', value: folder('A') }, { op: 'path', tree: 'folders', key: 1, path: 'children->0->nme' }]),
        1,
        "path folders 1 'children->0->nme'",
        InvalidPathError,
      );
      expect(invalid.code).toBe('INVALID_PATH');
      const stopped = await refused(
        db,
        () => db.opaque.perform([{ op: 'insert', tree: 'folders', value: folder('A') }, { op: 'setPath', tree: 'folders', key: 1, path: 'parent->name', value: 'x' }]),
        1,
        "setPath folders 1 'parent->name'",
        BadPathError,
      );
      expect(stopped.code).toBe('BAD_PATH');
      const stale = await refused(db, () => db.opaque.perform([{ op: 'setPath', tree: 'folders', key: 1, path: 'children->0->members->0->email', value: 'x@example.com', ifRevision: 9 }]), 0, "setPath folders 1 'children->0->members->0->email'", ConflictError);
      expect(stale.cause.message).toBe('revision conflict on users/1: expected revision 9, found 2'); // the last record's revision counts
      // A lenient path request answers undefined instead.
      expect(await db.opaque.perform([{ op: 'path', tree: 'folders', key: 1, path: 'parent->name', lenient: true }])).toEqual([{ op: 'path', resolution: { matches: [{ value: undefined, hops: [{ tree: 'folders', key: 1, revision: 9 }] }], truncated: false } }]);
    });

    it('refuses a $key that points forward, at its own request or at a request that made no key, writing nothing', async () => {
      const { db } = await seeded();
      const forward = await refused(db, () => db.opaque.perform([{ op: 'insert', tree: 'folders', value: folder('A', { $key: 1 }) }, { op: 'insert', tree: 'folders', value: folder('B') }]), 0, 'insert folders', InvalidQueryError);
      expect(forward.cause.message).toContain('{ "$key": 1 } names request 1, which does not come before request 0');
      const itself = await refused(db, () => db.opaque.perform([{ op: 'insert', tree: 'folders', value: folder('A') }, { op: 'insert', tree: 'folders', value: folder('B', { $key: 1 }) }]), 1, 'insert folders', InvalidQueryError);
      expect(itself.cause.message).toContain('{ "$key": 1 } names request 1, which does not come before request 1');
      const fromGet = await refused(db, () => db.opaque.perform([{ op: 'get', tree: 'folders', key: 1 }, { op: 'insert', tree: 'folders', value: folder('B', { $key: 0 }) }]), 1, 'insert folders', InvalidQueryError);
      expect(fromGet.cause.message).toContain('{ "$key": 0 } names request 0 (get): only an insert or a put produces a key');
      const fromUpdate = await refused(
        db,
        () => db.opaque.perform([{ op: 'update', tree: 'folders', key: 2, patch: { name: 'D' } }, { op: 'get', tree: 'folders', key: { $key: 0 } }]),
        1,
        'get folders {"$key":0}',
        InvalidQueryError,
      );
      expect(fromUpdate.cause.message).toContain('names request 0 (update): only an insert or a put produces a key');
    });

    it('refuses a malformed batch before running any of it: an unknown op, no tree, no path, a patch that is not an object, not a list', async () => {
      const { db } = await seeded();
      const insert = { op: 'insert', tree: 'folders', value: folder('A') } as const;
      const unknownOp = await refused(db, () => db.opaque.perform([insert, { op: 'rename', tree: 'folders', key: 1 } as never]), 1, 'unknown', InvalidQueryError);
      expect(unknownOp.cause.message).toContain('request 1 has no known op (get, path, insert, put, update, delete, setPath)');
      const noTree = await refused(db, () => db.opaque.perform([insert, { op: 'get', key: 1 } as never]), 1, 'get', InvalidQueryError);
      expect(noTree.cause.message).toContain('request 1 names no tree');
      await refused(db, () => db.opaque.perform([insert, { op: 'setPath', tree: 'folders', key: 1, value: 'x' } as never]), 1, 'setPath', InvalidQueryError);
      await refused(db, () => db.perform([insert, null as never]), 1, 'unknown', InvalidQueryError);
      await refused(db, () => db.opaque.perform([insert, { op: 'update', tree: 'folders', key: 1, patch: ['name'] as never }]), 1, 'update folders 1', InvalidQueryError);
      expect((await refused(db, () => db.opaque.perform([insert, { op: 'get', tree: 'nowhere', key: 1 }]), 1, 'get nowhere 1', UnknownTreeError)).code).toBe('UNKNOWN_TREE');
      const before = snapshot(db);
      const notAList = await failure(db.opaque.perform({ op: 'get', tree: 'folders', key: 1 } as never), InvalidQueryError);
      expect(notAList.message).toContain('a batch is a list of requests');
      expect(snapshot(db)).toEqual(before);
    });

    it('delivers one change event list for the whole batch, and none for reads alone', async () => {
      const { db } = await seeded();
      const seen = deliveries(db);
      await db.opaque.perform([
        { op: 'insert', tree: 'folders', value: folder('A') },
        { op: 'get', tree: 'folders', key: 1 },
        { op: 'setPath', tree: 'folders', key: 1, path: 'children->1->name', value: 'Papers' },
        { op: 'delete', tree: 'folders', key: { $key: 0 } },
      ]);
      const events: ChangeEvent[] = [
        { tree: 'folders', key: 5, kind: 'insert', revision: 10, local: true },
        { tree: 'folders', key: 2, kind: 'update', revision: 11, local: true },
        { tree: 'folders', key: 5, kind: 'delete', revision: 12, local: true },
      ];
      expect(seen).toEqual([events]);
      await db.perform([{ op: 'get', tree: 'folders', key: db.folders.key(1) }, { op: 'path', tree: 'users', key: db.users.key(1), path: '<-folders.members->name' }]);
      expect(seen).toEqual([events]);
    });

    it(`refuses more than MAX_BATCH_REQUESTS (${MAX_BATCH_REQUESTS}) requests, and takes that many`, async () => {
      const { db } = await seeded();
      const get: PerformRequest = { op: 'get', tree: 'states', key: ['FR', 'IDF'] };
      const before = snapshot(db);
      const tooMany = await failure(db.opaque.perform([...Array.from({ length: MAX_BATCH_REQUESTS }, () => get), { op: 'insert', tree: 'folders', value: folder('A') }]), InvalidQueryError);
      expect(tooMany.message).toContain(`a batch has at most ${MAX_BATCH_REQUESTS} requests (this one has ${MAX_BATCH_REQUESTS + 1}): split it`);
      expect(snapshot(db)).toEqual(before);
      const results = await db.opaque.perform(Array.from({ length: MAX_BATCH_REQUESTS }, () => get));
      expect(results).toHaveLength(MAX_BATCH_REQUESTS);
      expect(results[MAX_BATCH_REQUESTS - 1]).toEqual({ op: 'get', entry: { key: ['FR', 'IDF'], revision: 1, schemaVersion: 1, value: { country: 'FR', code: 'IDF', name: 'Île-de-France' } } });
    });
  });
}

describe('request batches on a read-only database (lmdb)', () => {
  it('answer reads alone, and refuse a batch with a write as READ_ONLY', async () => {
    const dir = tempDir();
    const db = await open(dir, folderSchema);
    await seedFolders(db);
    await db.close();
    const tool = await openDatabase(dir, { readOnly: true });
    try {
      expect(await tool.perform([{ op: 'get', tree: 'folders', key: 4 }, { op: 'path', tree: 'users', key: 2, path: '<-folders.members->name' }])).toEqual([
        { op: 'get', entry: { key: 4, revision: 7, schemaVersion: 1, value: { name: 'Admins', parent: 3, children: [], members: [1] } } },
        { op: 'path', resolution: { matches: [{ value: 'Users', hops: [{ tree: 'users', key: 2, revision: 3 }, { tree: 'folders', key: 3, revision: 8 }] }], truncated: false } },
      ]);
      const refused = await failure(tool.perform([{ op: 'get', tree: 'folders', key: 4 }, { op: 'update', tree: 'folders', key: 4, patch: { name: 'x' } }]), ReadOnlyError);
      expect(refused.code).toBe('READ_ONLY');
      expect(tool.revision()).toBe(9);
    } finally {
      await tool.close();
    }
    const typed = await open(dir, folderSchema, { readOnly: true });
    try {
      expect(await typed.perform([{ op: 'path', tree: 'folders', key: typed.folders.key(1), path: 'children->0->members->-1->name' }])).toEqual([
        { op: 'path', resolution: { matches: [{ value: 'bob', hops: [{ tree: 'folders', key: 1, revision: 9 }, { tree: 'folders', key: 3, revision: 8 }, { tree: 'users', key: 2, revision: 3 }] }], truncated: false } },
      ]);
      expect((await failure(typed.perform([{ op: 'delete', tree: 'states', key: ['FR', 'IDF'] }]), ReadOnlyError)).code).toBe('READ_ONLY');
    } finally {
      await typed.close();
    }
  });
});
