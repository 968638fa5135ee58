/**
 * The in-process transport: results and events cross a JSON round trip,
 * error answers become HostError, results are checked against the contract.
 */
import { describe, expect, it } from 'vitest';
import { HostError } from '../contract/index.js';
import { startHost } from '../host/fixtures/host-harness.js';
import { inProcessTransport } from './in-process.js';
import type { Host } from '../host/index.js';

/** A host stand-in answering what the test says: only to prove what the transport does with bad answers. */
function fakeHost(answer: Awaited<ReturnType<Host['handle']>>): Host & { seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    seen,
    path: '/fake',
    handle: async (method, args) => {
      seen.push(method, args);
      return answer;
    },
    on: () => () => {},
    close: async () => {},
  };
}

describe('inProcessTransport', () => {
  it('calls the host and returns its result', async () => {
    const { client } = await startHost();
    expect((await client.call('records.get', { tree: 'users', key: 1 })).entry).toMatchObject({ key: 1, text: 'users/1' });
  });

  it('throws a HostError carrying the payload for an error answer', async () => {
    const { client } = await startHost();
    const error = await client.call('records.get', { tree: 'nope', key: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: 'UNKNOWN_TREE', payload: { code: 'UNKNOWN_TREE', message: "no tree named 'nope' in this database" } });
  });

  it('passes arguments through JSON, as a socket would', async () => {
    const host = fakeHost({ ok: true, result: { entry: null } });
    await inProcessTransport(host).call('records.get', { tree: 'users', key: 1, extra: new Date(0) } as never);
    expect(host.seen).toEqual(['records.get', { tree: 'users', key: 1, extra: '1970-01-01T00:00:00.000Z' }]);
  });

  it('rejects a result outside the contract', async () => {
    const transport = inProcessTransport(fakeHost({ ok: true, result: { entry: { key: 1 } } }));
    await expect(transport.call('records.get', { tree: 'users', key: 1 })).rejects.toThrow(/outside the contract/);
  });

  it('delivers events through JSON and unsubscribes', async () => {
    const { client } = await startHost();
    const seen: unknown[] = [];
    const stop = client.on('database', (info) => seen.push(info.readOnly));
    await client.call('session.setReadOnly', { readOnly: true });
    stop();
    await client.call('session.setReadOnly', { readOnly: false });
    expect(seen).toEqual([true]);
  });
});
