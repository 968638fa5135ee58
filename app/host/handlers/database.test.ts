/**
 * database.* and session.*: info (with referencedFrom and the schema history), opening another
 * database (and refusing what is not one without losing the current one),
 * the recent list, and the session's read-only toggle.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoIncrement, open, schema, t, tree } from '@trellis/engine';
import { codeOf, collect, onCleanup, startHost, until } from '../fixtures/host-harness.js';
import { forgetHistory, makeMigratedDatabase, PEOPLE_MIGRATION } from '../fixtures/migrated-database.js';
import { makeSampleDatabase, pets, toys, USER_COUNT, users } from '../fixtures/sample-database.js';
import { createHost } from '../host.js';
import { fileRecentList } from '../recent.js';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-host-open-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('database.info', () => {
  it('describes every tree: counts, keys, schemas, indexes, references and who refers to it', async () => {
    const { client, sample } = await startHost();
    const info = await client.call('database.info', {});
    expect(info).toMatchObject({ path: sample.path, readOnly: false, lockedReadOnly: false, schemaVersion: 1 });
    expect(info.revision).toBeGreaterThan(0);
    const byName = Object.fromEntries(info.trees.map((tree) => [tree.name, tree]));
    expect(Object.keys(byName).sort()).toEqual(['pets', 'toys', 'users']);
    expect(byName['users']).toMatchObject({
      count: USER_COUNT,
      key: { kind: 'auto' },
      indexes: [{ name: 'byName', on: ['name'], unique: false }, { name: 'byEmail', on: ['email'], unique: true }],
      references: [],
    });
    expect(byName['users']!.referencedFrom).toEqual(expect.arrayContaining([{ tree: 'pets', path: 'owner' }, { tree: 'toys', path: 'owner' }]));
    expect(byName['users']!.referencedFrom).toHaveLength(2);
    expect(byName['pets']).toMatchObject({ count: 2, key: { kind: 'uuid' }, referencedFrom: [{ tree: 'pets', path: 'friends[]' }] });
    expect(byName['pets']!.references).toEqual([
      { path: 'owner', target: 'users', onDelete: 'restrict', many: false },
      { path: 'friends[]', target: 'pets', onDelete: 'setNull', many: true },
    ]);
    expect(byName['toys']).toMatchObject({ count: 3, key: { kind: 'composite', fields: ['owner', 'name'] }, referencedFrom: [] });
    expect(byName['users']!.value['properties']).toHaveProperty('joined');
    // Made by one open under one schema: its first version, no migration.
    expect(info.history).toEqual([{ version: 1, after: 0, at: expect.any(String), trees: { pets: expect.any(String), toys: expect.any(String), users: expect.any(String) } }]);
    expect(info.migrations).toEqual([]);
  });

  it('lists the schema versions the database has had and the migrations it ran, as its catalog keeps them', async () => {
    const path = join(tempDir(), 'db');
    await makeMigratedDatabase(path, 40);
    const { client } = await startHost({ path });
    const info = await client.call('database.info', {});
    expect(info.schemaVersion).toBe(3);
    expect(info.history.map(({ version, after, migration }) => ({ version, after, migration }))).toEqual([
      { version: 1, after: 0, migration: undefined },
      { version: 2, after: 120, migration: undefined },
      { version: 3, after: 120, migration: PEOPLE_MIGRATION.id },
    ]);
    // The index on posts changed posts only; the migration changed people only.
    const [v1, v2, v3] = info.history;
    expect([v2!.trees['people'] === v1!.trees['people'], v2!.trees['posts'] === v1!.trees['posts']]).toEqual([true, false]);
    expect([v3!.trees['people'] === v2!.trees['people'], v3!.trees['posts'] === v2!.trees['posts']]).toEqual([false, true]);
    expect(info.history.every((version) => !Number.isNaN(Date.parse(version.at)))).toBe(true);
    expect(info.migrations).toEqual([{ ...PEOPLE_MIGRATION, outcome: 'applied', at: v3!.at, version: 3, records: 40, ms: expect.any(Number) }]);
  });

  it('marks a computed index as such, with the schema of its values and its version', async () => {
    const path = join(tempDir(), 'db');
    const words = tree('words', { key: autoIncrement(), value: t.object({ text: t.string() }), computedIndexes: (index) => ({ byLength: index(t.integer(), (word) => word.text.length, { version: 3 }) }) });
    (await open(path, schema(words))).close();
    const { client } = await startHost({ path });
    const [summary] = (await client.call('database.info', {})).trees;
    expect(summary!.indexes).toEqual([{ name: 'byLength', on: [], unique: false, computed: { schema: { type: 'integer' }, version: 3 } }]);
  });

  it('answers empty lists for a catalog written before the engine kept its history', async () => {
    const path = join(tempDir(), 'db');
    await makeMigratedDatabase(path, 3);
    await forgetHistory(path);
    const { client } = await startHost({ path });
    expect(await client.call('database.info', {})).toMatchObject({ schemaVersion: 3, history: [], migrations: [] });
  });
});

describe('database.open', () => {
  it('opens another database, closes the first, adds it to the recent list and emits a database event', async () => {
    const dir = tempDir();
    const recent = fileRecentList(join(dir, 'recent.json'));
    const { client, host, sample } = await startHost({ recent });
    const events = collect(client, 'database');
    const other = await makeSampleDatabase();
    onCleanup(() => other.remove());
    await client.call('records.insert', { tree: 'users', value: { name: 'only in the first', joined: '2024-01-01T00:00:00.000Z' } });

    const info = await client.call('database.open', { path: other.path });
    expect(info.path).toBe(other.path);
    expect(host.path).toBe(other.path);
    expect(info.trees.find((t) => t.name === 'users')!.count).toBe(USER_COUNT);
    expect(events.map((e) => e.path)).toEqual([other.path]);
    expect((await client.call('database.recent', {})).paths).toEqual([other.path, sample.path]);
  });

  it('refuses a path that is not a Trellis database with NOT_A_DATABASE, and the current one stays usable', async () => {
    const dir = tempDir();
    const { client, sample } = await startHost();
    const events = collect(client, 'database');
    writeFileSync(join(dir, 'file.txt'), 'hello');
    mkdirSync(join(dir, 'empty'));
    for (const path of [join(dir, 'file.txt'), join(dir, 'empty'), join(dir, 'missing'), dir]) {
      expect(await codeOf(client.call('database.open', { path })), path).toBe('NOT_A_DATABASE');
    }
    expect((await client.call('database.info', {})).path).toBe(sample.path);
    const inserted = await client.call('records.insert', { tree: 'users', value: { name: 'still here', joined: '2024-01-01T00:00:00.000Z' } });
    expect(inserted.entry.key).toBe(USER_COUNT + 1);
    expect(events).toEqual([]);
  });

  it('refuses a damaged copy of a database (truncated, or a meta page overwritten) without touching its bytes, here and in createHost', async () => {
    const { client, sample } = await startHost();
    const damaged = await makeSampleDatabase();
    onCleanup(() => damaged.remove());
    const file = join(damaged.path, 'data.mdb');
    const intact = readFileSync(file);
    const cases: [string, Buffer][] = [
      ['truncated to half', intact.subarray(0, Math.floor(intact.length / 2))],
      ['first meta page overwritten', Buffer.concat([intact.subarray(0, 16), Buffer.alloc(64, 0xa5), intact.subarray(80)])],
    ];
    for (const [what, bytes] of cases) {
      writeFileSync(file, bytes);
      const answer = client.call('database.open', { path: damaged.path });
      expect(await codeOf(answer), what).toBe('NOT_A_DATABASE');
      await expect(createHost({ path: damaged.path, log: () => {} }), what).rejects.toMatchObject({ code: 'NOT_A_DATABASE' });
      expect(readFileSync(file).equals(bytes), `${what}: the file is left as it was`).toBe(true);
    }
    expect((await client.call('database.info', {})).path).toBe(sample.path);
    expect((await client.call('records.get', { tree: 'users', key: 1 })).entry).not.toBeNull();
  });

  it('reopens the database and announces it when another process changes its schema, and writes by the new one', async () => {
    const { client, sample } = await startHost({ watchIntervalMs: 20 });
    const events = collect(client, 'database');
    // Another handle (an application, in another process alike) adds a tree.
    const notes = tree('notes', { key: autoIncrement(), value: t.object({ text: t.string() }) });
    const app = await open(sample.path, schema(users, pets, toys, notes));
    onCleanup(() => app.close());
    await until('the database event', () => events.some((e) => e.trees.some((tree) => tree.name === 'notes')));
    // The new tree is a schema version of its own, applied on open.
    expect(events.at(-1)!.history.map((version) => [version.version, Object.keys(version.trees).sort().join(' ')])).toEqual([
      [1, 'pets toys users'],
      [2, 'notes pets toys users'],
    ]);
    const inserted = await client.call('records.insert', { tree: 'notes', value: { text: 'written by the reopened host' } });
    expect(app.notes.get(app.notes.key(inserted.entry.key as number))).toEqual({ text: 'written by the reopened host' });
  });

  it('reopens the same database read-only, and writable again', async () => {
    const { client, sample } = await startHost();
    const locked = await client.call('database.open', { path: sample.path, readOnly: true });
    expect(locked).toMatchObject({ readOnly: true, lockedReadOnly: true });
    expect(await codeOf(client.call('records.insert', { tree: 'users', value: { name: 'x', joined: '2024-01-01T00:00:00.000Z' } }))).toBe('READ_ONLY');
    expect(await codeOf(client.call('session.setReadOnly', { readOnly: false }))).toBe('READ_ONLY');
    const writable = await client.call('database.open', { path: sample.path });
    expect(writable).toMatchObject({ readOnly: false, lockedReadOnly: false });
    await client.call('records.insert', { tree: 'users', value: { name: 'x', joined: '2024-01-01T00:00:00.000Z' } });
  });

  it('createHost rejects a path that is not a database', async () => {
    const dir = tempDir();
    const { createHost } = await import('../host.js');
    await expect(createHost({ path: join(dir, 'nothing'), log: () => {} })).rejects.toMatchObject({ code: 'NOT_A_DATABASE' });
  });
});

describe('database.recent', () => {
  it('is empty without a recent list, and lists the opened database with one', async () => {
    const without = await startHost();
    expect(await without.client.call('database.recent', {})).toEqual({ paths: [] });
    const recent = fileRecentList(join(tempDir(), 'deep', 'recent.json'));
    const { client, sample } = await startHost({ recent });
    expect(await client.call('database.recent', {})).toEqual({ paths: [sample.path] });
  });
});

describe('session.setReadOnly', () => {
  it('refuses writes with READ_ONLY_SESSION while on, changes nothing, and announces each change', async () => {
    const { client } = await startHost();
    const events = collect(client, 'database');
    const before = await client.call('records.get', { tree: 'users', key: 2 });
    const on = await client.call('session.setReadOnly', { readOnly: true });
    expect(on).toMatchObject({ readOnly: true, lockedReadOnly: false });
    const writes = [
      client.call('records.insert', { tree: 'users', value: { name: 'x', joined: '2024-01-01T00:00:00.000Z' } }),
      client.call('records.put', { tree: 'users', key: 2, value: { name: 'x', joined: '2024-01-01T00:00:00.000Z' } }),
      client.call('records.delete', { tree: 'users', key: 25 }),
    ];
    for (const write of writes) expect(await codeOf(write)).toBe('READ_ONLY_SESSION');
    expect(await client.call('records.get', { tree: 'users', key: 2 })).toEqual(before);
    expect((await client.call('records.get', { tree: 'users', key: 25 })).entry).not.toBeNull();
    // Reads and checks still work.
    expect((await client.call('records.validate', { tree: 'users', value: {} })).issues.length).toBeGreaterThan(0);
    const off = await client.call('session.setReadOnly', { readOnly: false });
    expect(off.readOnly).toBe(false);
    await client.call('records.delete', { tree: 'users', key: 25 });
    expect(events.map((e) => e.readOnly)).toEqual([true, false]);
  });
});
