/**
 * `npm run migrate` as a user runs it: a child process loading the
 * application's schema module, on a real database; its output, its exit code
 * and what it left in the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { open, openDatabase } from '@trellis/engine';
import { v1 } from './fixtures/migration-app.js';
import { runCli } from './fixtures/run-cli.js';

const appModule = fileURLToPath(new URL('./fixtures/migration-app.ts', import.meta.url));
let root: string;
let database: string;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'trellis-migrate-cli-'));
  database = join(root, 'notes');
  const db = await open(database, v1);
  await db.notes.insertMany(Array.from({ length: 5 }, (_, i) => ({ text: `note ${i + 1}`, stars: String(i) })));
  await db.close();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function migrate(...args: string[]) {
  const run = runCli('migrate', args, {});
  const code = await run.exited(60_000);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

async function storedVersion(): Promise<number> {
  const db = await openDatabase(database, { readOnly: true });
  try {
    return db.catalog.schemaVersion;
  } finally {
    await db.close();
  }
}

describe('npm run migrate', { timeout: 90_000 }, () => {
  it('with --dry-run, prints what would run and writes nothing', async () => {
    const { code, stdout, stderr } = await migrate(database, '--schema', appModule, '--dry-run');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(`${database}: schema version 1\nwould run notes-body: notes: text → body, stars as a number\n  reads    notes (5 records)\n  writes   notes\n`);
    expect(await storedVersion()).toBe(1);
  });

  it('runs the migration, reports it, and has nothing left to run after', async () => {
    const first = await migrate(database, '--schema', appModule);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^migrated .* to schema version 2 in \d+\.\d s\n$/);
    expect(first.stdout).toMatch(/^notes-body: applied, 5 records in \d+\.\d s\n$/);
    const db = await openDatabase(database, { readOnly: true });
    expect(db.tree('notes').get(2)?.value).toEqual({ body: 'note 2', stars: 1 });
    await db.close();
    const again = await migrate(database, '--schema', appModule, '--dry-run');
    expect(again.stdout).toContain('  ran      notes-body (applied, ');
    expect(again.stdout).toContain('nothing would run');
    expect((await migrate(database, '--schema', appModule)).stdout).toBe(`${database}: no migration to run (schema version 2)\n`);
  });

  it('exits 1 naming the step and the record when a step fails, the database as before', async () => {
    const { code, stderr } = await migrate(database, '--schema', appModule, '--export', 'failing');
    expect(code).toBe(1);
    expect(stderr).toContain("migration 'notes-body' failed at notes 3: note 3 cannot be read; the database is as it was before this migration");
    expect(await storedVersion()).toBe(1);
  });

  it('exits 2 with a usage line for a missing schema, an unknown export, or what is not a database', async () => {
    expect(await migrate(database)).toMatchObject({ code: 2, stderr: expect.stringContaining('no schema module given') });
    expect(await migrate(database, '--schema', appModule, '--export', 'nope')).toMatchObject({ code: 2, stderr: expect.stringContaining("exports no schema named 'nope' (schemas it exports: failing, schema, v1;") });
    expect(await migrate(join(root, 'nothing'), '--schema', appModule, '--dry-run')).toMatchObject({ code: 2, stderr: expect.stringContaining('not a Trellis database') });
  });
});
