/**
 * Checking and writing through the host: validation with missing references,
 * insert, conditional put (CONFLICT with the current record), create-only put
 * (DUPLICATE_KEY), delete (REFERENCED with holders, cascade), and refused
 * writes that leave the database as it was.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ISSUES } from '../../contract/index.js';
import { codeOf, failure, startHost } from '../fixtures/host-harness.js';
import { JOINED, USER_COUNT } from '../fixtures/sample-database.js';

const user = (name: string) => ({ name, joined: JOINED });

describe('records.validate', () => {
  it('reports schema issues and references to records that do not exist, at their paths', async () => {
    const { client, sample } = await startHost();
    expect(await client.call('records.validate', { tree: 'pets', value: { name: 'ok', owner: 1, friends: [sample.rex] } })).toEqual({ issues: [], total: 0, truncated: false });
    const missing = await client.call('records.validate', {
      tree: 'pets',
      value: { name: 'ghost', owner: 404, friends: [sample.rex, '01912345-6789-7abc-8def-0123456789ab'] },
    });
    expect(missing.issues).toEqual([
      { path: '/owner', message: 'no record users/404' },
      { path: '/friends/1', message: 'no record pets/"01912345-6789-7abc-8def-0123456789ab"' },
    ]);
    const wrong = await client.call('records.validate', { tree: 'users', value: { name: '', joined: 'yesterday', extra: 1 } });
    expect(wrong.issues.map((i) => i.path).sort()).toEqual(['', '/joined', '/name']);
    // A reference that is not even a key is a schema issue only, not also a missing record.
    const badKey = await client.call('records.validate', { tree: 'pets', value: { name: 'x', owner: 'one', friends: [] } });
    expect(badKey.issues).toHaveLength(1);
    expect(badKey.issues[0]!.path).toBe('/owner');
    expect(badKey.issues[0]!.message).not.toMatch(/no record/);
  });

  it('lists at most MAX_ISSUES issues, counting them all: thousands of missing references answer a few kilobytes', async () => {
    const { client, sample } = await startHost();
    const ghosts = Array.from({ length: 5000 }, (_, i) => `01912345-6789-7abc-8def-${String(i).padStart(12, '0')}`);
    const missing = await client.call('records.validate', { tree: 'pets', value: { name: 'crowd', owner: 404, friends: [sample.rex, ...ghosts] } });
    expect(missing.total).toBe(5001);
    expect(missing.truncated).toBe(true);
    expect(missing.issues).toHaveLength(MAX_ISSUES);
    expect(missing.issues.slice(0, 2)).toEqual([
      { path: '/owner', message: 'no record users/404' },
      { path: '/friends/1', message: `no record pets/"${ghosts[0]}"` },
    ]);
    expect(JSON.stringify(missing).length).toBeLessThan(20_000);
    // Schema issues come first (TypeBox itself stops after a few), then the missing references.
    const wrong = await client.call('records.validate', { tree: 'pets', value: { name: 'crowd', owner: 404, friends: Array.from({ length: 3000 }, (_, i) => `not-a-uuid-${i}`) } });
    expect(wrong.issues.length).toBeLessThanOrEqual(MAX_ISSUES);
    expect(wrong.issues[0]!.path).toMatch(/^\/friends\/\d+$/);
    expect(wrong.issues.at(-1)).toEqual({ path: '/owner', message: 'no record users/404' });
  });

  it('reports a value too long for an index entry, as the write would refuse it (KEY_TOO_LARGE, not INTERNAL)', async () => {
    const { client } = await startHost();
    const long = { ...user('long'), email: 'e'.repeat(5000) };
    const checked = await client.call('records.validate', { tree: 'users', value: long });
    expect(checked).toEqual({ issues: [{ path: '/email', message: expect.stringContaining("index 'byEmail'") as string }], total: 1, truncated: false });
    const refused = await failure(client.call('records.insert', { tree: 'users', value: long }));
    expect(refused.code).toBe('KEY_TOO_LARGE');
    expect(refused.message).toContain("'users.byEmail'");
    expect(await codeOf(client.call('records.put', { tree: 'users', key: 1, value: { ...long, name: 'user01' } }))).toBe('KEY_TOO_LARGE');
    expect((await client.call('records.get', { tree: 'users', key: 1 })).entry?.value).toMatchObject({ name: 'user01', email: 'one@example.com' });
  });
});

describe('records.insert', () => {
  it('inserts with a generated key (auto, uuid, composite) and returns the stored entry', async () => {
    const { client } = await startHost();
    const inserted = await client.call('records.insert', { tree: 'users', value: user('new') });
    expect(inserted.entry).toEqual({ key: USER_COUNT + 1, text: `users/${USER_COUNT + 1}`, revision: expect.any(Number), schemaVersion: 1, value: user('new') });
    const pet = await client.call('records.insert', { tree: 'pets', value: { name: 'Kit', owner: 2, friends: [] } });
    expect(pet.entry.key).toMatch(/^[0-9a-f-]{36}$/);
    const toy = await client.call('records.insert', { tree: 'toys', value: { owner: 3, name: 'rope', squeaks: false } });
    expect(toy.entry).toMatchObject({ key: [3, 'rope'], text: 'toys/[3,"rope"]' });
  });

  it('refuses invalid values with VALIDATION issues and missing targets with MISSING_REFERENCE, writing nothing', async () => {
    const { client } = await startHost();
    const invalid = await failure(client.call('records.insert', { tree: 'users', value: { name: 5 } }));
    expect(invalid.payload).toMatchObject({ code: 'VALIDATION', issues: expect.arrayContaining([expect.objectContaining({ path: '/name' })]) });
    expect((await failure(client.call('records.insert', { tree: 'pets', value: { name: 'x', owner: 404, friends: [] } }))).code).toBe('MISSING_REFERENCE');
    expect((await client.call('records.page', { tree: 'users', limit: 1 })).count).toBe(USER_COUNT);
    expect((await client.call('records.page', { tree: 'pets', limit: 1 })).count).toBe(2);
  });
});

describe('records.put', () => {
  it('writes at a key; a matching expectedRevision writes, a stale one is CONFLICT carrying the current record', async () => {
    const { client } = await startHost();
    const read = (await client.call('records.get', { tree: 'users', key: 2 })).entry!;
    const written = await client.call('records.put', { tree: 'users', key: 2, value: user('renamed'), expectedRevision: read.revision });
    expect(written.entry).toMatchObject({ key: 2, value: user('renamed') });
    expect(written.entry.revision).toBeGreaterThan(read.revision);

    const stale = await failure(client.call('records.put', { tree: 'users', key: 2, value: user('lost'), expectedRevision: read.revision }));
    expect(stale.payload).toMatchObject({ code: 'CONFLICT', current: written.entry });
    expect(stale.message).toMatch(/changed since it was read/);
    expect((await client.call('records.get', { tree: 'users', key: 2 })).entry).toEqual(written.entry);

    await client.call('records.delete', { tree: 'users', key: 25 });
    const gone = await failure(client.call('records.put', { tree: 'users', key: 25, value: user('back'), expectedRevision: 1 }));
    expect(gone.payload).toMatchObject({ code: 'CONFLICT', current: null });
  });

  it('create: true refuses to overwrite (DUPLICATE_KEY) and creates when absent', async () => {
    const { client } = await startHost();
    const before = (await client.call('records.get', { tree: 'toys', key: [1, 'ball'] })).entry;
    expect(await codeOf(client.call('records.put', { tree: 'toys', key: [1, 'ball'], value: { owner: 1, name: 'ball', squeaks: false }, create: true }))).toBe(
      'DUPLICATE_KEY',
    );
    expect((await client.call('records.get', { tree: 'toys', key: [1, 'ball'] })).entry).toEqual(before);
    const created = await client.call('records.put', { tree: 'users', key: 100, value: user('hundred'), create: true });
    expect(created.entry).toMatchObject({ key: 100, text: 'users/100' });
  });

  it('refuses a key that does not match the value or the tree, and keys past the size limit', async () => {
    const { client } = await startHost();
    expect(await codeOf(client.call('records.put', { tree: 'toys', key: [1, 'other'], value: { owner: 1, name: 'ball', squeaks: true } }))).toBe('INVALID_KEY');
    expect(await codeOf(client.call('records.put', { tree: 'users', key: 'seven', value: user('x') }))).toBe('INVALID_KEY');
    const huge = 'k'.repeat(4000);
    expect(await codeOf(client.call('records.put', { tree: 'toys', key: [1, huge], value: { owner: 1, name: huge, squeaks: true } }))).toBe('KEY_TOO_LARGE');
    expect((await client.call('records.page', { tree: 'toys', limit: 1 })).count).toBe(3);
  });
});

describe('records.delete', () => {
  it('deletes, answers false for a missing record, and honours expectedRevision', async () => {
    const { client } = await startHost();
    const entry = (await client.call('records.get', { tree: 'users', key: 24 })).entry!;
    expect(await codeOf(client.call('records.delete', { tree: 'users', key: 24, expectedRevision: entry.revision + 1000 }))).toBe('CONFLICT');
    expect(await client.call('records.delete', { tree: 'users', key: 24, expectedRevision: entry.revision })).toMatchObject({ deleted: true });
    expect(await client.call('records.delete', { tree: 'users', key: 24 })).toEqual({ deleted: false, written: [], undoable: true });
  });

  it('refuses to delete a record still referenced, naming the holders with their key text', async () => {
    const { client, sample } = await startHost();
    const refused = await failure(client.call('records.delete', { tree: 'users', key: 1 }));
    expect(refused.code).toBe('REFERENCED');
    expect(refused.payload.holders).toEqual(
      expect.arrayContaining([
        { tree: 'pets', key: sample.rex, text: `pets/"${sample.rex}"`, path: 'owner' },
        { tree: 'pets', key: sample.fido, text: `pets/"${sample.fido}"`, path: 'owner' },
      ]),
    );
    // Only restricting references refuse: the cascading toys are not holders.
    expect(refused.payload.holders).toHaveLength(2);
    expect((await client.call('records.get', { tree: 'users', key: 1 })).entry).not.toBeNull();
    // setNull on a list drops the element; cascade deletes the toys of user 2.
    await client.call('records.delete', { tree: 'pets', key: sample.fido });
    expect((await client.call('records.get', { tree: 'pets', key: sample.rex })).entry!.value).toMatchObject({ friends: [] });
    await client.call('records.delete', { tree: 'users', key: 2 });
    expect(await client.call('records.get', { tree: 'toys', key: [2, 'ball'] })).toEqual({ entry: null });
  });
});
