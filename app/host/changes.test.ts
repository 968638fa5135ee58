/**
 * `changes` events: a write through this host arrives as local, a write by
 * another process (a child writing through the engine) as not local, within
 * the watcher's polling; opening another database stops the old watcher.
 */
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collect, onCleanup, startHost, until } from './fixtures/host-harness.js';
import { JOINED, makeSampleDatabase, USER_COUNT } from './fixtures/sample-database.js';

const here = dirname(fileURLToPath(import.meta.url));
const writer = join(here, 'fixtures', 'remote-writer.ts');
/** The repository root, where tsx is installed and '@trellis/engine' resolves. */
const root = resolve(here, '../..');

function writeFromOtherProcess(path: string, tree: string, values: unknown[]): Promise<unknown[]> {
  return new Promise((done, fail) => {
    const args = ['--conditions=source', '--import', 'tsx', writer, path, tree, JSON.stringify(values)];
    execFile(process.execPath, args, { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`writer failed: ${error.message}\n${stderr}`));
      else done(JSON.parse(stdout) as unknown[]);
    });
  });
}

describe('changes events', () => {
  it('report this host’s writes as local, with key text and revision', async () => {
    const { client } = await startHost();
    const events = collect(client, 'changes');
    const inserted = await client.call('records.insert', { tree: 'toys', value: { owner: 3, name: 'kite', squeaks: false } });
    await until('the insert event', () => events.length > 0);
    expect(events).toEqual([
      { revision: inserted.entry.revision, resync: false, changes: [{ tree: 'toys', key: [3, 'kite'], text: 'toys/[3,"kite"]', kind: 'insert', revision: inserted.entry.revision, local: true }] },
    ]);
    await client.call('records.delete', { tree: 'users', key: 2 }); // cascades to toys/[2,"ball"]
    await until('the delete events', () => events.length > 1);
    expect(events[1]!.changes.map((c) => [c.text, c.kind, c.local])).toEqual([
      ['toys/[2,"ball"]', 'delete', true],
      ['users/2', 'delete', true],
    ]);
  });

  it('report another process’s writes as not local, soon after they commit', async () => {
    const { client, sample } = await startHost({ watchIntervalMs: 100 });
    const events = collect(client, 'changes');
    const keys = await writeFromOtherProcess(sample.path, 'users', [{ name: 'remote one', joined: JOINED }, { name: 'remote two', joined: JOINED }]);
    expect(keys).toEqual([USER_COUNT + 1, USER_COUNT + 2]);
    const changes = () => events.flatMap((e) => e.changes);
    await until('the other process’s two inserts', () => changes().length >= 2, 5_000);
    expect(changes()).toEqual([
      { tree: 'users', key: USER_COUNT + 1, text: `users/${USER_COUNT + 1}`, kind: 'insert', revision: expect.any(Number), local: false },
      { tree: 'users', key: USER_COUNT + 2, text: `users/${USER_COUNT + 2}`, kind: 'insert', revision: expect.any(Number), local: false },
    ]);
    expect(events.every((e) => !e.resync)).toBe(true);
    // The host reads what the other process wrote.
    expect((await client.call('records.get', { tree: 'users', key: USER_COUNT + 2 })).entry).toMatchObject({ value: { name: 'remote two' } });
  });

  it('stop for a database once another is opened', async () => {
    const { client, sample } = await startHost({ watchIntervalMs: 50 });
    const other = await makeSampleDatabase();
    onCleanup(() => other.remove());
    await client.call('database.open', { path: other.path });
    const events = collect(client, 'changes');
    await writeFromOtherProcess(sample.path, 'users', [{ name: 'unseen', joined: JOINED }]);
    await writeFromOtherProcess(other.path, 'users', [{ name: 'seen', joined: JOINED }]);
    await until('the open database’s change', () => events.length > 0, 5_000);
    expect(events.flatMap((e) => e.changes).map((c) => [c.text, c.local])).toEqual([[`users/${USER_COUNT + 1}`, false]]);
  });
});
