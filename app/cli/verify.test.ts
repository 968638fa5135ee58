/**
 * `npm run verify` as a user runs it: a child process on a real database,
 * its output and its exit code.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as openLmdb } from 'lmdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoIncrement, open, schema, t, tree, type IntegrityReport } from '@trellis/engine';
import { createSampleDatabase } from '../sample/index.js';
import { breakLeafPage } from '../isolation/damage/damage-file.js';
import { makeNotesDatabase } from '../isolation/fixtures/damaged-database.js';
import { makeImmutable, makeMutable } from './fixtures/immutable.js';
import { runCli } from './fixtures/run-cli.js';

let root: string;
let database: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'trellis-verify-cli-'));
  database = join(root, 'tracker');
  await createSampleDatabase(database, { tasks: 30 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function verify(...args: string[]) {
  const run = runCli('verify', args, {});
  const code = await run.exited(60_000);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Sets the tasks tree's auto-increment counter back, with lmdb-js directly (the engine would never). */
async function lowerTaskCounter(): Promise<void> {
  const env = openLmdb({ path: database, maxDbs: 1000 });
  await env.openDB('__meta', { useVersions: true }).put(['auto', 'tasks'], 0);
  await env.close();
}

// Each case spawns node + tsx (a few seconds each on a loaded 2-core machine).
describe('npm run verify', { timeout: 90_000 }, () => {
  it('prints a summary and exits 0 for a sound database', async () => {
    const { code, stdout, stderr } = await verify(database);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${database.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: checked 6 trees, \\d+ records, \\d+ index entries, \\d+ references\nOK: no problems found\n$`));
  });

  it('says which computed indexes it could not check (their function is the application’s)', async () => {
    const path = join(root, 'computed');
    const users = tree('users', { key: autoIncrement(), value: t.object({ email: t.string() }), computedIndexes: (index) => ({ byDomain: index(t.string(), (u) => u.email.split('@')[1]) }) });
    const db = await open(path, schema(users));
    await db.users.insert({ email: 'ada@example.org' });
    await db.close();
    const { code, stdout } = await verify(path);
    expect(code).toBe(0);
    expect(stdout).toContain('\n  not checked: index users.byDomain, computed by the application’s code, which this check does not have\nOK: no problems found\n');
  });

  it('prints the report as JSON with --json', async () => {
    const { code, stdout } = await verify(database, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as IntegrityReport;
    expect(report).toMatchObject({ ok: true, problems: [], omittedProblems: 0 });
    expect(report.checked.trees).toBe(6);
  });

  it('exits 1 and names each problem; --repair fixes it and exits 0', async () => {
    await lowerTaskCounter();
    const found = await verify(database);
    expect(found.code).toBe(1);
    expect(found.stdout).toMatch(/\n {2}auto-counter-behind: tasks: the auto-increment counter is at 0 but id \d+ exists; the next insert would collide\n1 problem found\n$/);

    const repaired = await verify(database, '--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toMatch(/\n {2}repaired: raised tasks's auto-increment counter to \d+\nOK: no problems found\n$/);
    expect((await verify(database)).code).toBe(0);
  });

  it('exits 2 with a usage line when the path is missing or a flag is unknown', async () => {
    const missing = await verify();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('trellis verify: no database path given (usage: npm run verify -- PATH [--repair] [--json])\n');
    const unknown = await verify(database, '--fix');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^trellis verify: Unknown option '--fix'.*\(usage: npm run verify -- PATH/);
    expect(unknown.stdout).toBe('');
  });

  it('exits 2 with the engine’s error for a folder that is not a database', async () => {
    const folder = join(root, 'photos');
    mkdirSync(folder);
    writeFileSync(join(folder, 'cat.jpg'), 'not a database');
    const { code, stderr } = await verify(folder);
    expect(code).toBe(2);
    expect(stderr).toBe(`trellis verify: ${folder} is not a Trellis database: the folder holds other files and no data.mdb\n`);
  });

  it('exits 2 with one line naming the place for a database whose stored catalog does not match its schema', async () => {
    const copy = join(root, 'bad-catalog');
    cpSync(database, copy, { recursive: true });
    const env = openLmdb({ path: copy, maxDbs: 1000 });
    const meta = env.openDB('__meta', { useVersions: true });
    const catalog = meta.get('catalog') as { trees: Record<string, { indexes: { on: unknown }[] }> };
    catalog.trees['tasks']!.indexes[0]!.on = 'project';
    await meta.put('catalog', catalog);
    await env.close();
    const { code, stdout, stderr } = await verify(copy);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`trellis verify: invalid schema: the catalog stored in ${copy} is damaged at trees.tasks.indexes.byProjectStatus.on: expected array\n`);
  });

  it('exits 2 with one line, not a crash, for a database whose folder LMDB may not write (chattr +i, no lock.mdb)', async (context) => {
    const folder = join(root, 'immutable');
    mkdirSync(folder);
    cpSync(join(database, 'data.mdb'), join(folder, 'data.mdb'));
    const cannot = makeImmutable(folder);
    if (cannot) {
      console.info(`skipped: ${cannot}`);
      context.skip();
    }
    try {
      const { code, stdout, stderr } = await verify(folder);
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`^trellis verify: cannot open ${folder}: ${join(folder, 'lock.mdb')} cannot be created .*immutable.*\n$`));
      expect(stdout).toBe('');
    } finally {
      makeMutable(folder);
    }
  });

  it('exits 2 at once for a data.mdb that is a named pipe (opening it would wait for good)', async () => {
    const folder = join(root, 'pipe');
    mkdirSync(folder);
    execFileSync('mkfifo', [join(folder, 'data.mdb')]);
    const run = runCli('verify', [folder], {});
    try {
      expect(await run.exited(30_000)).toBe(2);
    } finally {
      run.child.kill(); // a verify that opened the pipe would wait for good
    }
    expect(run.stderr()).toBe(`trellis verify: ${folder} is not a Trellis database: its data.mdb is a named pipe (FIFO), not a file\n`);
  });

  it('checks a database of 600 trees with an index each, made by the typed face, and exits 0', async () => {
    const path = join(root, 'many-trees');
    const trees = Array.from({ length: 600 }, (_, n) => tree(`t${n}`, { key: autoIncrement(), value: t.object({ name: t.string() }), indexes: { byName: { on: 'name' } } }));
    // A few trees per open, as an application that grew would: one open used to fill at most ~500 trees' stores.
    for (let from = 0; from < trees.length; from += 200) {
      const db = await open(path, schema(...trees));
      await db.transaction((tx) => {
        for (const declared of trees.slice(from, from + 200)) tx[declared.name]!.insert({ name: declared.name });
      });
      await db.close();
    }
    const { code, stdout, stderr } = await verify(path);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/: checked 600 trees, 600 records, 600 index entries, 0 references\nOK: no problems found\n$/);
  });

  it('exits 1 naming the damage when a damaged page makes LMDB abort (the check runs in a child)', async () => {
    const made = await makeNotesDatabase();
    try {
      breakLeafPage(join(made.path, 'data.mdb'));
      const { code, stdout, stderr } = await verify(made.path);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^trellis verify: \S+ is damaged\. The integrity check stopped at a damaged page \(signal SIGABRT, Assertion 'IS_LEAF\(mp\)' failed in mdb_cursor_next\(\)\) while reading the records of notes, and the index entries and references they call for\.\n$/);
    } finally {
      made.remove();
    }
  });
});
