/**
 * A session started read-only (`--read-only`) stays read-only for every
 * database it opens: nothing in the contract lifts it. Each write is refused
 * and the data files keep their bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Transport } from '../../contract/index.js';
import { createIsolatedHost } from '../../isolation/isolated-host.js';
import { inProcessTransport } from '../../transports/in-process.js';
import { onCleanup, startHost } from '../fixtures/host-harness.js';
import { makeSampleDatabase } from '../fixtures/sample-database.js';

const fileHash = (path: string) => createHash('sha256').update(readFileSync(join(path, 'data.mdb'))).digest('hex');
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code ?? String(error));

/** Every write the contract offers, on the database that is open now: each must be refused. */
async function everyWriteRefused(client: Transport): Promise<string[]> {
  return [
    await codeOf(client.call('records.insert', { tree: 'users', value: { name: 'intruder', joined: '2024-01-01T00:00:00.000Z' } })),
    await codeOf(client.call('records.put', { tree: 'users', key: 2, value: { name: 'renamed', joined: '2024-01-01T00:00:00.000Z' } })),
    await codeOf(client.call('records.delete', { tree: 'toys', key: [2, 'ball'] })),
    await codeOf(client.call('records.perform', { requests: [{ op: 'get', tree: 'users', key: 1 }, { op: 'delete', tree: 'toys', key: [2, 'ball'] }] })),
    await codeOf(client.call('session.setReadOnly', { readOnly: false })),
  ];
}

async function secondDatabase(): Promise<string> {
  const other = await makeSampleDatabase();
  onCleanup(() => other.remove());
  return other.path;
}

describe('a session started read-only', () => {
  it('opens every database read-only, whatever database.open asks, and refuses every write', async () => {
    const { client, sample } = await startHost({ readOnly: true });
    const other = await secondDatabase();
    const before = { first: fileHash(sample.path), other: fileHash(other) };

    const opens = [
      { path: sample.path },
      { path: sample.path, readOnly: false },
      { path: other },
      { path: other, readOnly: false },
      { path: sample.path, readOnly: true },
    ];
    for (const args of opens) {
      const info = await client.call('database.open', args);
      expect({ args, readOnly: info.readOnly, lockedReadOnly: info.lockedReadOnly, startedReadOnly: info.startedReadOnly }).toEqual({ args, readOnly: true, lockedReadOnly: true, startedReadOnly: true });
      expect(await everyWriteRefused(client), JSON.stringify(args)).toEqual(['READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY']);
      expect((await client.call('database.info', {})).readOnly).toBe(true);
    }
    await expect(client.call('session.setReadOnly', { readOnly: false })).rejects.toMatchObject({ code: 'READ_ONLY', message: expect.stringMatching(/started read-only \(--read-only\)/) });
    expect({ first: fileHash(sample.path), other: fileHash(other) }).toEqual(before);
  });

  it('a session not started read-only can still open writable and turn read-only off', async () => {
    const { client, sample } = await startHost();
    expect(await client.call('database.open', { path: sample.path, readOnly: true })).toMatchObject({ lockedReadOnly: true, startedReadOnly: false });
    const writable = await client.call('database.open', { path: sample.path });
    expect(writable).toMatchObject({ readOnly: false, startedReadOnly: false });
    await client.call('session.setReadOnly', { readOnly: true });
    expect((await client.call('session.setReadOnly', { readOnly: false })).readOnly).toBe(false);
    expect(await codeOf(client.call('records.delete', { tree: 'toys', key: [2, 'ball'] }))).toBe('ok');
  });

  it('stays read-only with the engine in a child, also in the engine that replaces a dead one', { timeout: 120_000 }, async () => {
    const sample = await makeSampleDatabase();
    onCleanup(() => sample.remove());
    const other = await secondDatabase();
    const before = { first: fileHash(sample.path), other: fileHash(other) };
    const host = await createIsolatedHost({ path: sample.path, readOnly: true, log: () => {} });
    onCleanup(() => host.close());
    const client = inProcessTransport(host);

    expect(await everyWriteRefused(client)).toEqual(['READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY']);
    await client.call('database.open', { path: other, readOnly: false });
    process.kill(host.enginePid!, 'SIGKILL');
    await expect.poll(async () => (await host.handle('database.info', {})).ok, { timeout: 60_000 }).toBe(true);
    expect((await client.call('database.info', {})).path).toBe(other);
    expect(await everyWriteRefused(client)).toEqual(['READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY']);
    await client.call('database.open', { path: sample.path });
    expect(await everyWriteRefused(client)).toEqual(['READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'READ_ONLY']);
    expect({ first: fileHash(sample.path), other: fileHash(other) }).toEqual(before);
  });
});
