/**
 * An LMDB environment written by plain lmdb-js (no Trellis catalog) opened in
 * the host: read-only whatever is asked, read through raw.*, every write refused,
 * and data.mdb byte for byte as it was. What is not LMDB is still refused.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeMainOnlyEnvironment, makeRawEnvironment } from '../../../engine/src/raw/fixtures/raw-environment.js';
import type { Transport } from '../../contract/index.js';
import { inProcessTransport } from '../../transports/in-process.js';
import { codeOf, onCleanup, startHost } from '../fixtures/host-harness.js';
import { createHost } from '../host.js';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-host-raw-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const hashOf = (folder: string) => createHash('sha256').update(readFileSync(join(folder, 'data.mdb'))).digest('hex');

/** Every write the contract offers, and the Trellis reads that need a catalog: each refused. */
async function refusals(client: Transport): Promise<Record<string, string>> {
  return {
    insert: await codeOf(client.call('records.insert', { tree: 'users', value: { name: 'intruder' } })),
    put: await codeOf(client.call('records.put', { tree: 'users', key: 'alice', value: { name: 'renamed' } })),
    putCreate: await codeOf(client.call('records.put', { tree: 'users', key: 'zed', value: {}, create: true })),
    delete: await codeOf(client.call('records.delete', { tree: 'users', key: 'alice' })),
    writable: await codeOf(client.call('session.setReadOnly', { readOnly: false })),
    page: await codeOf(client.call('records.page', { tree: 'users', limit: 10 })),
    validate: await codeOf(client.call('records.validate', { tree: 'users', value: {} })),
  };
}

const REFUSED = { insert: 'READ_ONLY', put: 'READ_ONLY', putCreate: 'READ_ONLY', delete: 'READ_ONLY', writable: 'READ_ONLY', page: 'NOT_A_DATABASE', validate: 'NOT_A_DATABASE' };

describe('an LMDB environment without a Trellis catalog', () => {
  it('opens read-only (even when asked writable), lists its databases, refuses every write and leaves data.mdb as it was', async () => {
    const path = join(tempDir(), 'raw');
    await makeRawEnvironment(path, { events: 1500 });
    const before = hashOf(path);
    const { client, sample } = await startHost();

    for (const readOnly of [false, true, undefined]) {
      const info = await client.call('database.open', { path, ...(readOnly === undefined ? {} : { readOnly }) });
      expect(info).toMatchObject({ path, kind: 'raw', readOnly: true, lockedReadOnly: true, trees: [], history: [], migrations: [] });
      expect(await refusals(client)).toEqual(REFUSED);
    }
    expect(await client.call('session.setReadOnly', { readOnly: true })).toMatchObject({ kind: 'raw', readOnly: true });
    expect((await client.call('raw.databases', {})).databases).toEqual([
      { name: 'blobs', count: 2, keyDecoder: 'hex', valueDecoder: 'hex' },
      { name: 'events', count: 1500, keyDecoder: 'ordered-binary', valueDecoder: 'msgpack' },
      { name: 'notes', count: 2, keyDecoder: 'ordered-binary', valueDecoder: 'utf8' },
      { name: 'settings', count: 2, keyDecoder: 'ordered-binary', valueDecoder: 'json' },
      { name: 'users', count: 3, keyDecoder: 'ordered-binary', valueDecoder: 'msgpack' },
    ]);
    // Back to a Trellis database (the session's toggle, turned on above, survives the open as always), and the raw one is closed and untouched.
    expect(await client.call('database.open', { path: sample.path })).toMatchObject({ kind: 'trellis', readOnly: true, lockedReadOnly: false });
    expect(await codeOf(client.call('raw.databases', {}))).toBe('NOT_A_DATABASE');
    expect(hashOf(path)).toBe(before);
    // LMDB keeps its table of readers in lock.mdb even for a read-only open (see engine/src/raw/raw-environment.ts).
    expect(existsSync(join(path, 'lock.mdb'))).toBe(true);
  });

  it('pages entries decoded by the guess or as asked, by key to the end and by offset', async () => {
    const path = join(tempDir(), 'raw');
    await makeRawEnvironment(path, { events: 1500 });
    const host = await createHost({ path, log: () => {} });
    onCleanup(() => host.close());
    const client = inProcessTransport(host);

    const users = await client.call('raw.page', { database: 'users', limit: 10 });
    expect(users.count).toBe(3);
    expect(users.entries[0]).toMatchObject({
      key: Buffer.from('alice').toString('hex'),
      keyCell: { decoder: 'ordered-binary', text: '"alice"', failed: false },
      valueCell: { decoder: 'msgpack', text: '{name: "Alice", age: 30, tags: ["admin", "ops"], joined: Date(2021-03-04T05:06:07.000Z)}', failed: false },
    });
    expect(users.entries[2]!.valueCell.truncated).toBe(true);
    // Another decoder, per column: keys as hex, values as JSON (which msgpack bytes are not: hex, marked).
    const switched = await client.call('raw.page', { database: 'users', limit: 1, keyDecoder: 'hex', valueDecoder: 'json' });
    expect(switched.entries[0]!.keyCell).toMatchObject({ decoder: 'hex', text: '616c696365', failed: false });
    expect(switched.entries[0]!.valueCell).toMatchObject({ decoder: 'json', failed: true, reason: expect.stringMatching(/not json/) });
    expect((await client.call('raw.page', { database: 'settings', limit: 1 })).entries[0]!.valueCell.text).toBe('{mode: "dark", contrast: 2}');
    expect((await client.call('raw.page', { database: 'settings', limit: 1, valueDecoder: 'utf8' })).entries[0]!.valueCell.text).toBe('{"mode":"dark","contrast":2}');

    const keys: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await client.call('raw.page', { database: 'events', limit: 1000, ...(after ? { after } : {}) });
      keys.push(...page.entries.map((e) => e.keyCell.text));
      after = page.entries.at(-1)?.key;
      if (!page.hasMore) break;
    }
    expect(keys).toHaveLength(1500);
    expect(keys.at(-1)).toBe('"event-001499"');
    const end = await client.call('raw.page', { database: 'events', limit: 100, offset: 1450 });
    expect(end.entries.map((e) => e.keyCell.text)).toEqual(keys.slice(1450));
    expect(end.hasMore).toBe(false);

    const carol = users.entries[2]!;
    const whole = await client.call('raw.get', { database: 'users', key: carol.key });
    expect(whole.entry!.valueCell).toMatchObject({ truncated: false, failed: false });
    expect(whole.entry!.valueCell.text).toContain(`bio: "${'x'.repeat(2000)}"`);
    expect(whole.entry!.valueCell.text.split('\n')).toHaveLength(5); // pretty-printed: braces and three fields
    expect((await client.call('raw.get', { database: 'users', key: '00' })).entry).toBeNull();
    expect(await codeOf(client.call('raw.page', { database: 'nope', limit: 1 }))).toBe('NOT_A_DATABASE');
    expect(await codeOf(client.call('raw.page', { database: 'users', limit: 1, after: 'xyz' }))).toBe('BAD_REQUEST');
  });

  it('shows the unnamed main database where the data is kept there', async () => {
    const path = join(tempDir(), 'main');
    await makeMainOnlyEnvironment(path);
    const host = await createHost({ path, log: () => {} });
    onCleanup(() => host.close());
    const client = inProcessTransport(host);
    expect((await client.call('raw.databases', {})).databases).toEqual([{ name: '', count: 5, keyDecoder: 'ordered-binary', valueDecoder: 'msgpack' }]);
    expect((await client.call('raw.page', { database: '', limit: 2 })).entries.map((e) => [e.keyCell.text, e.valueCell.text])).toEqual([
      ['"key-0"', '{i: 0}'],
      ['"key-1"', '{i: 1}'],
    ]);
  });

  it('still refuses what is not LMDB: an empty folder, a file, a data.mdb LMDB does not know, nothing at all', async () => {
    const dir = tempDir();
    const { client, sample } = await startHost();
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'file.txt'), 'hello');
    mkdirSync(join(dir, 'fake'));
    writeFileSync(join(dir, 'fake', 'data.mdb'), Buffer.alloc(20_000, 0x5a));
    for (const name of ['empty', 'file.txt', 'fake', 'missing']) {
      expect(await codeOf(client.call('database.open', { path: join(dir, name) })), name).toBe('NOT_A_DATABASE');
    }
    expect(existsSync(join(dir, 'empty', 'lock.mdb'))).toBe(false);
    expect((await client.call('database.info', {})).path).toBe(sample.path);
  });
});
