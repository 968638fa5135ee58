/**
 * The in-process transport: results and events cross a JSON round trip,
 * error answers become HostError, and results, error payloads and event
 * payloads are checked against the contract.
 */
import { describe, expect, it } from 'vitest';
import { HostError } from '../contract/index.js';
import { startHost } from '../host/fixtures/host-harness.js';
import { inProcessTransport } from './in-process.js';
import type { Host } from '../host/index.js';

/** A host stand-in answering (and emitting) what the test says: only to prove what the transport does with bad answers. */
function fakeHost(answer: Awaited<ReturnType<Host['handle']>>): Host & { seen: unknown[]; emit(event: string, payload: unknown): void } {
  const seen: unknown[] = [];
  const listeners = new Map<string, (payload: never) => void>();
  return {
    seen,
    emit: (event, payload) => listeners.get(event)?.(payload as never),
    path: '/fake',
    handle: async (method, args) => {
      seen.push(method, args);
      return answer;
    },
    on: (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    close: async () => {},
  };
}

const anyAnswer = { ok: true, result: {} } as const;

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

  it.each([
    ['a code outside the closed set', { code: 'OOPS', message: 'no' }],
    ['no message', { code: 'INTERNAL' }],
    ['issues of the wrong shape', { code: 'VALIDATION', message: 'bad', issues: [{ path: 1 }] }],
    ['holders of the wrong shape', { code: 'REFERENCED', message: 'held', holders: [{ tree: 'pets' }] }],
    ['a current record of the wrong shape', { code: 'CONFLICT', message: 'stale', current: { key: 1 } }],
  ])('rejects an error payload with %s', async (_what, error) => {
    const transport = inProcessTransport(fakeHost({ ok: false, error } as never));
    const thrown = await transport.call('records.get', { tree: 'users', key: 1 }).catch((e: unknown) => e);
    expect(thrown).not.toBeInstanceOf(HostError);
    expect(String(thrown)).toMatch(/error payload outside the contract/);
  });

  it.each([
    ['changes', { revision: -1, changes: [], resync: false }],
    ['changes', { revision: 3, changes: [{ tree: 'users', key: 1, text: 'users/1', kind: 'upsert', revision: 3, local: true }], resync: false }],
    ['database', { path: '/fake', readOnly: false }],
    ['command', { id: 'no.such.command' }],
  ] as const)('refuses a %s event with a payload outside the contract', (event, payload) => {
    const host = fakeHost(anyAnswer);
    const seen: unknown[] = [];
    inProcessTransport(host).on(event, (delivered) => seen.push(delivered));
    expect(() => host.emit(event, payload)).toThrow(/outside the contract/);
    expect(seen).toEqual([]);
  });

  it('delivers an event payload inside the contract', () => {
    const host = fakeHost(anyAnswer);
    const seen: unknown[] = [];
    inProcessTransport(host).on('command', (delivered) => seen.push(delivered));
    host.emit('command', { id: 'palette.open' });
    expect(seen).toEqual([{ id: 'palette.open' }]);
  });
});
