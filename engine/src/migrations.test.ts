/**
 * Migrations, on a database of 100,000 people and 100,000 posts written by the
 * application's v1 code (./typed/fixtures/migration-schemas.ts): renaming,
 * removing and converting fields, a required field computed from others, a tree
 * split in two and two merged into one (v1 → v2), and a tree re-keyed with the
 * references to it rewritten (v2 → v3). A failing step and a killed process
 * leave the database as it was before the step (the killed one resumes); code
 * that lacks a migration the database ran is refused.
 *
 * LMDB only, for what only LMDB has (files copied, child processes, stores emptied
 * after the switch); ./evolution-contract.test.ts runs the migrations on both backends.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open as openLmdb } from 'lmdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidSchemaError, MigrationFailedError, MigrationMissingError, migration, open, openDatabase, previewMigrations, schema, StaleSchemaError, verifyDatabase, type MigrationProgress } from './index.js';
import { afterThisTest, failure, tempDir } from './testing/contract-backends.js';
import { appV2, appV3, fillV1, handleOf, nameOf, toV2, toV3, v1, v2 } from './typed/fixtures/migration-schemas.js';

const PEOPLE = 100_000;
const WORDS = 1_000;
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
let template: string;


beforeAll(async () => {
  template = mkdtempSync(join(tmpdir(), 'trellis-migration-template-'));
  const db = await open(template, v1);
  await fillV1(db, PEOPLE, WORDS);
  await db.close();
}, 300_000);

afterAll(() => rmSync(template, { recursive: true, force: true }));

/** A copy of the v1 database, in a folder of its own. */
function copyOfV1(): string {
  const dir = tempDir();
  copyFileSync(join(template, 'data.mdb'), join(dir, 'data.mdb'));
  return dir;
}

async function opened<S extends Parameters<typeof open>[1]>(path: string, declared: S, options: Parameters<typeof open>[2] = {}) {
  const db = await open(path, declared, options);
  afterThisTest(() => db.close());
  return db;
}

async function expectVerified(path: string): Promise<void> {
  const report = await verifyDatabase(path);
  expect(report.problems).toEqual([]);
}

describe('a migration from v1 to v2', () => {
  it('renames, converts, removes and computes fields, splits a tree and merges two, reporting its progress', async () => {
    const path = copyOfV1();
    const progress: MigrationProgress[] = [];
    const db = await opened(path, appV2, { onMigration: (p) => progress.push(p) });

    expect(await countOf(db.people)).toBe(PEOPLE);
    const ada = db.people.get(db.people.key(1))!;
    expect(ada).toEqual({ fullName: nameOf(0), age: 20, handle: handleOf(nameOf(0)) });
    expect(ada).not.toHaveProperty('legacy');
    expect(db.people.index('byHandle').get(handleOf(nameOf(41)))?.key).toBe(42);
    // Split: one address per person, referring to them, indexed by city.
    expect(await countOf(db.addresses)).toBe(PEOPLE);
    const inCity7 = [...db.addresses.index('byCity').records({ equals: 'City 7' })];
    expect(inCity7).toHaveLength(PEOPLE / 100);
    expect(db.people.get(inCity7[0]!.value.person)?.fullName).toBe(nameOf(7));
    // Merge: tags and labels are words; the old trees are gone.
    expect(await countOf(db.words)).toBe(2 * WORDS);
    expect([...db.words.range({ limit: 1 })][0]?.value).toEqual({ text: 'tag0', from: 'tag' });
    expect(Object.keys(db.catalog.trees).sort()).toEqual(['addresses', 'people', 'posts', 'words']);
    // Posts were kept as they were, still referring to their authors, and the references are walked back.
    expect(db.posts.get(db.posts.key(5))?.author).toBe(5);
    expect([...db.people.referencedBy(db.people.key(5))].map((h) => h.tree)).toEqual(['addresses', 'posts']);

    // The catalog records the migration, and the records written by it carry the new version.
    expect(db.catalog.migrations).toEqual([expect.objectContaining({ id: 'people-v2', outcome: 'applied', version: db.catalog.schemaVersion, records: PEOPLE + 2 * WORDS })]);
    expect(db.catalog.history?.at(-1)).toMatchObject({ version: db.catalog.schemaVersion, migration: 'people-v2' });
    expect(db.opaque.tree('people').get(1)?.schemaVersion).toBe(db.catalog.schemaVersion);
    expect(db.opaque.tree('posts').get(1)?.schemaVersion).toBe(1);

    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toMatchObject({ migration: 'people-v2', step: 1, steps: 1, done: PEOPLE + 2 * WORDS, total: PEOPLE + 2 * WORDS });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));

    // The database works as v2 after it: writes, reference checks, cascades.
    await db.people.delete(db.people.key(3)).catch((error: unknown) => expect(error).toMatchObject({ code: 'REFERENCED' }));
    await db.posts.delete(db.posts.key(3));
    await db.people.delete(db.people.key(3));
    expect(db.addresses.get(db.addresses.key(3))).toBeUndefined(); // person 3's address went with them (cascade)
    expect(db.addresses.get(db.addresses.key(4))?.person).toBe(4);
    await db.close();
    await expectVerified(path);
  }, 120_000);

  it('runs once: reopening with the same code runs nothing, and the old stores are emptied', async () => {
    const path = copyOfV1();
    (await open(path, appV2)).close();
    const progress: MigrationProgress[] = [];
    const db = await opened(path, appV2, { onMigration: (p) => progress.push(p) });
    expect(progress).toEqual([]);
    expect(db.catalog.migrations?.map((m) => m.id)).toEqual(['people-v2']);
    const opaque = await openDatabase(path, { readOnly: true });
    afterThisTest(() => opaque.close());
    // Every store with entries belongs to the catalog (verify reports others).
    await expectVerified(path);
  }, 120_000);
});

describe('the old stores of a finished migration', () => {
  it('are emptied on the next open when the process stopped before emptying them, and the check counts them as the migration’s meanwhile', async () => {
    const path = copyOfV1();
    (await open(path, appV2)).close();
    // As a process that stopped right after the switch leaves it: an old store with entries, listed to be emptied.
    const root = openLmdb({ path, maxDbs: 10_000 });
    const old = root.openDB('i/tags/old', { useVersions: true });
    await old.put(['a', 1], null);
    await root.openDB('__meta', { useVersions: true }).put('retiredStores', ['i/tags/old']);
    await root.close();
    await expectVerified(path);

    const db = await opened(path, appV2);
    await db.close();
    const after = openLmdb({ path, maxDbs: 10_000, readOnly: true });
    afterThisTest(() => after.close());
    expect(after.openDB('i/tags/old', { useVersions: true }).getCount()).toBe(0);
    expect(after.openDB('__meta', { useVersions: true }).get('retiredStores')).toBeUndefined();
  }, 120_000);
});

describe('a failing step', () => {
  it('leaves the database as it was before the step, and names the step, the record and why', async () => {
    const path = copyOfV1();
    // Record 60,001 gets an age the step cannot convert: written by v1 code, as a real database would hold it.
    const before = await open(path, v1);
    await before.people.update(before.people.key(60_001), { age: 'forty' });
    const revision = before.revision();
    await before.close();

    const error = await failure(open(path, appV2, { migrationBatch: 5_000 }), MigrationFailedError);
    expect([error.migration, error.tree, error.key]).toEqual(['people-v2', 'people', 60_001]);
    expect(error.message).toContain("age 'forty' is not a number");
    expect(error.message).toContain('the database is as it was before this migration');

    const db = await opened(path, v1);
    expect(db.catalog.schemaVersion).toBe(1);
    expect(db.catalog.migrations).toBeUndefined();
    expect(db.people.get(db.people.key(1))).toMatchObject({ name: nameOf(0), age: '20', legacy: 'x' });
    expect(await countOf(db.tags)).toBe(WORDS);
    // Writes by v1 code are not refused: the schema version is back.
    await db.tags.insert({ word: 'after' });
    expect(db.revision()).toBeGreaterThan(revision);
    await db.close();
    await expectVerified(path);
  }, 120_000);

  it('refuses a value the new schema does not allow, as a failure of the step at that record', async () => {
    const path = copyOfV1();
    const broken = migration({ ...toV2, each: { ...toV2.each, labels: (label, step) => void step.to.words.insert({ text: label.text, from: 'nope' as 'tag' }) } });
    const error = await failure(open(path, schema(...v2.trees).withMigrations(broken)), MigrationFailedError);
    expect([error.tree, error.key]).toEqual(['labels', 1]);
    expect(error.message).toMatch(/words.*from/s);
    await expectVerified(path);
  }, 120_000);
});

describe('a process killed in the middle of a migration', () => {
  it('leaves the database as before it, and opening with the same code resumes it', async () => {
    const path = copyOfV1();
    const seen = await killWhenPast(path, 30_000);
    expect(seen).toBeGreaterThanOrEqual(30_000);
    expect(seen).toBeLessThan(PEOPLE);
    // The new stores belong to the migration in progress: the check finds nothing wrong.
    await expectVerified(path);

    // Code without the migration reads the database as it was; its writes wait for the migration.
    const old = await opened(path, v1);
    expect(old.catalog.schemaVersion).toBe(1);
    expect(old.people.get(old.people.key(1))).toMatchObject({ name: nameOf(0) });
    const refused = await failure(old.tags.insert({ word: 'during' }), StaleSchemaError);
    expect(refused.message).toContain('is being migrated to schema version 2');
    await old.close();

    const progress: MigrationProgress[] = [];
    const db = await opened(path, appV2, { onMigration: (p) => progress.push(p) });
    expect(progress[0]!.done).toBeGreaterThan(seen);
    expect(await countOf(db.people)).toBe(PEOPLE);
    expect(await countOf(db.addresses)).toBe(PEOPLE);
    expect(db.catalog.migrations?.[0]).toMatchObject({ id: 'people-v2', records: PEOPLE + 2 * WORDS });
    await db.close();
    await expectVerified(path);
  }, 180_000);
});

describe('another process watching a migration', () => {
  it('reads its progress read-only from the meta store: done grows, total stays, then nothing', async () => {
    const path = copyOfV1();
    const watcher = await openDatabase(path, { readOnly: true });
    afterThisTest(() => watcher.close());
    expect(watcher.migrationInProgress()).toBeUndefined();
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'typed', 'fixtures', 'migrate-child.ts'), path, '2000'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let exited = false;
    const exit = new Promise<number | null>((resolveExit) => child.on('exit', (code) => ((exited = true), resolveExit(code))));
    const seen: NonNullable<ReturnType<typeof watcher.migrationInProgress>>[] = [];
    const deadline = Date.now() + 150_000;
    while (!exited && Date.now() < deadline) {
      const now = watcher.migrationInProgress();
      if (now) seen.push(now);
      await new Promise((wake) => setTimeout(wake, 25));
    }
    expect(await exit, stderr).toBe(0);
    const dones = seen.map((s) => s.done);
    expect(new Set(dones).size).toBeGreaterThanOrEqual(2);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    for (const sample of seen) {
      expect(sample).toMatchObject({ id: 'people-v2', description: toV2.description, version: 2, total: PEOPLE + 2 * WORDS });
      expect(sample.done).toBeLessThanOrEqual(sample.total);
    }
    expect(watcher.migrationInProgress()).toBeUndefined();
  }, 180_000);
});

describe('re-keying a tree', () => {
  it('gives people their handle as key, and rewrites the references of posts and addresses to it', async () => {
    const path = copyOfV1();
    const db = await opened(path, appV3);
    expect(db.catalog.migrations?.map((m) => [m.id, m.outcome])).toEqual([
      ['people-v2', 'applied'],
      ['people-by-handle', 'applied'],
    ]);
    const handle = handleOf(nameOf(9));
    expect(db.people.get(db.people.key(handle))).toMatchObject({ fullName: nameOf(9) });
    expect(db.posts.get(db.posts.key(10))?.author).toBe(handle);
    expect([...db.posts.index('byAuthor').keys({ equals: db.people.key(handle) })].map((h) => h.key)).toEqual([10]);
    expect([...db.people.referencedBy(db.people.key(handle))].map((h) => h.tree)).toEqual(['addresses', 'posts']);
    expect(await countOf(db.posts)).toBe(PEOPLE);
    await db.close();
    await expectVerified(path);
  }, 180_000);

  it('is refused when a tree kept as it is refers to the re-keyed one', async () => {
    const path = copyOfV1();
    const careless = migration({ ...toV3, each: { people: (person, step) => void step.to.people.insert(person) } });
    const error = await failure(open(path, schema(...appV3.trees).withMigrations(toV2, careless)), InvalidSchemaError);
    expect(error.message).toMatch(/re-keys tree 'people', and tree '(posts|addresses)' refers to it/);
  }, 120_000);
});

describe('code and migrations that do not match the database', () => {
  it('refuses code that lacks a migration the database ran, writing nothing', async () => {
    const path = copyOfV1();
    (await open(path, appV2)).close();
    const error = await failure(open(path, schema(...v2.trees)), MigrationMissingError);
    expect(error.message).toContain("ran migration 'people-v2', which this code does not declare");
    await failure(open(path, v1), MigrationMissingError);
    await expectVerified(path);
  }, 120_000);

  it('previews what opening would run, writing nothing', async () => {
    const path = copyOfV1();
    const preview = await previewMigrations(path, appV3);
    expect(preview.ran).toEqual([]);
    expect(preview.pending.map((p) => p.id)).toEqual(['people-v2', 'people-by-handle']);
    expect(preview.pending[0]).toMatchObject({ reads: { people: PEOPLE, tags: WORDS, labels: WORDS }, drops: ['tags', 'labels'], keeps: ['posts'] });
    expect(preview.pending[1]).toMatchObject({ rekeys: ['people'] });
    const db = await opened(path, v1);
    expect(db.catalog.schemaVersion).toBe(1);
  }, 120_000);

  it('records the migrations of a new database as not needed', async () => {
    const db = await opened(tempDir(), appV3);
    expect(db.catalog.migrations?.map((m) => [m.id, m.outcome])).toEqual([
      ['people-v2', 'not needed'],
      ['people-by-handle', 'not needed'],
    ]);
  });

  it('refuses migrations that do not lead to the schema, or ids that are not plain', async () => {
    const path = tempDir();
    await expect(open(path, schema(...v1.trees).withMigrations(toV2))).rejects.toThrow(/migration 'people-v2' leads to a schema other than the schema declares/);
    await expect(open(path, schema(...v2.trees).withMigrations({ ...toV2, id: 'a b' }))).rejects.toThrow(/migration id 'a b' must be/);
  });

  it('refuses another process’s writes made by the schema before the migration', async () => {
    const path = copyOfV1();
    const old = await opened(path, v1);
    (await open(path, appV2)).close();
    await failure(old.tags.insert({ word: 'stale' }), StaleSchemaError);
  }, 120_000);
});

async function countOf(tree: { count(): number }): Promise<number> {
  return tree.count();
}

/** Runs the v2 code in a child process and kills it once a batch past `records` is committed; answers the last progress seen. */
function killWhenPast(path: string, records: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'typed', 'fixtures', 'migrate-child.ts'), path, '2000'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveDone, reject) => {
    let last = 0;
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      for (;;) {
        const end = text.indexOf('\n');
        if (end < 0) break;
        const line = JSON.parse(text.slice(0, end)) as { done: number | true };
        text = text.slice(end + 1);
        if (line.done === true) return reject(new Error('the migration finished before the process was killed'));
        last = line.done;
        if (last >= records) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolveDone(last) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
}
