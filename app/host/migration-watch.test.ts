/**
 * Another process's migration, seen by the host: a child process opens the
 * database with the application's next version, which migrates 40,000 people
 * in batches of 200; the host emits `migration` events whose `done` grows
 * towards a fixed `total`, refuses writes meanwhile, then `{ ended: true }` and
 * a `database` event with the new schema (the host reopened it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inProcessTransport } from '../transports/in-process.js';
import { codeOf, collect, onCleanup, until } from './fixtures/host-harness.js';
import { makeDatabaseBeforeMigration, PEOPLE_MIGRATION } from './fixtures/migrated-database.js';
import { createHost } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const PEOPLE = 40_000;

function migrateInAnotherProcess(path: string, batch: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(here, 'fixtures', 'migrate-child.ts'), path, String(batch)], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  onCleanup(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, stderr })));
}

describe('another process migrating the open database', () => {
  it('is reported with its progress while it runs, then the database is reopened with the new schema', async () => {
    const path = mkdtempSync(join(tmpdir(), 'trellis-host-migration-'));
    onCleanup(() => rmSync(path, { recursive: true, force: true }));
    await makeDatabaseBeforeMigration(path, PEOPLE);
    const host = await createHost({ path, log: () => undefined, watchIntervalMs: 50, migrationPollMs: 100 });
    onCleanup(() => host.close());
    const client = inProcessTransport(host);
    const migration = collect(client, 'migration');
    const database = collect(client, 'database');
    expect((await client.call('database.info', {})).schemaVersion).toBe(2);

    const exit = migrateInAnotherProcess(path, 200);
    const running = () => migration.flatMap((e) => ('ended' in e ? [] : [e]));
    await until('a migration event', () => running().length > 0, 60_000);
    // Writes are refused by the engine meanwhile; the host answers that.
    expect(await codeOf(client.call('records.insert', { tree: 'people', value: { name: 'During', age: '30' } }))).toBe('STALE_SCHEMA');

    const { code, stderr } = await exit;
    expect(code, stderr).toBe(0);
    await until('the end of the migration', () => migration.some((e) => 'ended' in e), 30_000);
    await until('the database reopened with version 3', () => database.some((info) => info.schemaVersion === 3), 30_000);

    const dones = running().map((e) => e.done);
    expect(new Set(dones).size).toBeGreaterThanOrEqual(2);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    for (const event of running()) expect(event).toMatchObject({ id: PEOPLE_MIGRATION.id, description: PEOPLE_MIGRATION.description, version: 3, total: PEOPLE });
    expect(migration.at(-1)).toEqual({ ended: true });
    expect(migration.filter((e) => 'ended' in e)).toHaveLength(1);
    const info = await client.call('database.info', {});
    expect(info.migrations.map((m) => [m.id, m.outcome, m.records])).toEqual([[PEOPLE_MIGRATION.id, 'applied', PEOPLE]]);
    // Polling stopped with the migration: no event more after a few poll intervals.
    const count = migration.length;
    await new Promise((wake) => setTimeout(wake, 400));
    expect(migration).toHaveLength(count);
  }, 180_000);
});
