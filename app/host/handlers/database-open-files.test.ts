/**
 * database.open on folders whose files LMDB cannot be trusted with: a data.mdb
 * that is a named pipe (it froze the whole host), a lock.mdb LMDB may not write
 * (lmdb-js crashed the process), and a database with more trees than LMDB's
 * table of sub-databases used to hold. Each is answered, and the host goes on
 * serving the database it had.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoIncrement, open, schema, t, tree } from '@trellis/engine';
import { codeOf, onCleanup, startHost } from '../fixtures/host-harness.js';
import { makeSampleDatabase, USER_COUNT } from '../fixtures/sample-database.js';
import type { Transport } from '../../contract/index.js';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-host-files-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The host still has its first database, and writes to it. */
async function expectStillServing(client: Transport, path: string): Promise<void> {
  expect((await client.call('database.info', {})).path).toBe(path);
  const inserted = await client.call('records.insert', { tree: 'users', value: { name: 'still here', joined: '2024-01-01T00:00:00.000Z' } });
  expect(inserted.entry.key).toBe(USER_COUNT + 1);
}

describe('database.open on files LMDB cannot be trusted with', () => {
  it('answers NOT_A_DATABASE at once for a data.mdb that is a named pipe, and goes on serving', async () => {
    const { client, sample } = await startHost();
    const folder = join(tempDir(), 'pipe');
    mkdirSync(folder);
    const pipe = join(folder, 'data.mdb');
    execFileSync('mkfifo', [pipe]);
    // Were the host to open the pipe, it would wait for a writer for good, and this test with it:
    // a separate process plays that writer after 10 s, so such a host fails here instead of hanging.
    const writer = spawn(process.execPath, ['-e', `setTimeout(() => { try { const fs = require('fs'); fs.closeSync(fs.openSync(${JSON.stringify(pipe)}, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)); } catch {} }, 10000)`], { stdio: 'ignore' });
    onCleanup(() => writer.kill());
    const started = Date.now();
    expect(await codeOf(client.call('database.open', { path: folder }))).toBe('NOT_A_DATABASE');
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(client.call('database.open', { path: folder })).rejects.toMatchObject({ message: `${folder} is not a Trellis database: its data.mdb is a named pipe (FIFO), not a file` });
    await expectStillServing(client, sample.path);
  }, 30_000);

  it('answers ACCESS_DENIED for a lock.mdb LMDB may not write (chattr +i), and goes on serving', async (context) => {
    const { client, sample } = await startHost();
    const other = await makeSampleDatabase();
    onCleanup(() => other.remove());
    const lock = join(other.path, 'lock.mdb');
    try {
      execFileSync('chattr', ['+i', lock], { stdio: 'pipe' });
    } catch (error) {
      console.info(`skipped: chattr +i does not work here (${(error as Error).message.split('\n')[0]}); it needs root and a file system with inode flags (ext4, xfs, btrfs)`);
      context.skip();
    }
    try {
      for (const readOnly of [false, true]) {
        await expect(client.call('database.open', { path: other.path, readOnly })).rejects.toMatchObject({
          code: 'ACCESS_DENIED',
          message: expect.stringContaining(`${lock} cannot be opened for writing`),
        });
      }
    } finally {
      execFileSync('chattr', ['-i', lock], { stdio: 'pipe' });
    }
    await expectStillServing(client, sample.path);
  }, 30_000);

  it('opens a database of 600 trees with an index each, made by the typed face, and reads every index', async () => {
    const { client } = await startHost();
    const path = join(tempDir(), 'many-trees');
    const trees = Array.from({ length: 600 }, (_, n) => tree(`t${n}`, { key: autoIncrement(), value: t.object({ name: t.string() }), indexes: { byName: { on: 'name' } } }));
    // A few trees per open, as an application that grew would: one open used to fill at most ~500 trees' stores.
    for (let from = 0; from < trees.length; from += 200) {
      const db = await open(path, schema(...trees));
      await db.transaction((tx) => {
        for (const declared of trees.slice(from, from + 200)) tx[declared.name]!.insert({ name: declared.name });
      });
      await db.close();
    }
    const info = await client.call('database.open', { path });
    expect(info.trees).toHaveLength(600);
    expect(info.trees.every((described) => described.count === 1)).toBe(true);
    // Every tree's records and index: 1,203 stores open at once, past the 1,000 LMDB used to have room for.
    for (const declared of trees) {
      const found = await client.call('index.lookup', { tree: declared.name, index: 'byName', equals: declared.name, limit: 10 });
      expect(found.hits.map((hit) => hit.entry.key), declared.name).toEqual([1]);
    }
  }, 60_000);
});
