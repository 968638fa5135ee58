/**
 * Answers asked for ahead, against a scripted connection: the transport is the
 * boundary here (the real WebSocket one has its own test, the whole boot path
 * runs in e2e), so the fake only answers calls when told and emits events.
 */
import { describe, expect, it } from 'vitest';
import type { EventName, HostEvents } from '../../../app/contract/index.js';
import type { Connection, ConnectionStatus } from './host-client.js';
import { callKey, withPrefetch } from './prefetch.js';

function scripted() {
  const calls: string[] = [];
  const answers: { resolve(result: unknown): void }[] = [];
  const listeners = new Map<string, ((payload: never) => void)[]>();
  const statusListeners: ((status: ConnectionStatus) => void)[] = [];
  const connection: Connection = {
    kind: 'web',
    call: (method, args) =>
      new Promise((resolve) => {
        calls.push(callKey(method, args));
        answers.push({ resolve: resolve as (result: unknown) => void });
      }),
    on: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: never) => void]);
      return () => undefined;
    },
    status: () => 'connected',
    onStatus: (listener) => (statusListeners.push(listener), () => undefined),
    pathForFile: () => '',
  };
  return {
    connection,
    calls,
    answer: (index: number, result: unknown) => answers[index]!.resolve(result),
    emit: <E extends EventName>(event: E, payload: HostEvents[E]) => listeners.get(event)?.forEach((listener) => listener(payload as never)),
    setStatus: (status: ConnectionStatus) => statusListeners.forEach((listener) => listener(status)),
  };
}

const info = { path: '/db', readOnly: false, lockedReadOnly: false, startedReadOnly: false, revision: 1, schemaVersion: 1, trees: [], history: [], migrations: [] };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('withPrefetch', () => {
  it('hands an answer asked for ahead to the first matching call, once, whatever the order of the arguments', async () => {
    const host = scripted();
    const client = withPrefetch(host.connection);
    void client.prefetch('records.page', { tree: 'items', limit: 100, offset: 0 });
    expect(client.peek('records.page', { tree: 'items', limit: 100, offset: 0 })).toBeUndefined(); // not here yet
    const page = { entries: [], count: 0, hasMore: false };
    host.answer(0, page);
    await settle();
    expect(client.peek('records.page', { offset: 0, limit: 100, tree: 'items' })).toBe(page);
    expect(await client.call('records.page', { offset: 0, tree: 'items', limit: 100 })).toBe(page);
    expect(host.calls).toHaveLength(1);
    // Taken: the next call asks the host again.
    void client.call('records.page', { tree: 'items', limit: 100, offset: 0 });
    expect(host.calls).toHaveLength(2);
    expect(client.peek('records.page', { tree: 'items', limit: 100, offset: 0 })).toBeUndefined();
  });

  it('gives a call made before the answer arrived the same pending answer', async () => {
    const host = scripted();
    const client = withPrefetch(host.connection);
    void client.prefetch('database.info', {});
    const taken = client.call('database.info', {});
    host.answer(0, info);
    expect(await taken).toBe(info);
    expect(host.calls).toEqual(['database.info {}']);
  });

  it('passes other calls through', async () => {
    const host = scripted();
    const client = withPrefetch(host.connection);
    void client.prefetch('records.page', { tree: 'items', limit: 100, offset: 0 });
    void client.call('records.page', { tree: 'items', limit: 100, offset: 100 });
    expect(host.calls).toEqual([callKey('records.page', { tree: 'items', limit: 100, offset: 0 }), callKey('records.page', { tree: 'items', limit: 100, offset: 100 })]);
  });

  it.each([
    ['a change', (host: ReturnType<typeof scripted>) => host.emit('changes', { revision: 2, changes: [], resync: false })],
    ['another database', (host: ReturnType<typeof scripted>) => host.emit('database', info)],
    ['a lost connection', (host: ReturnType<typeof scripted>) => host.setStatus('reconnecting')],
  ])('drops what was asked for ahead after %s, so the next call asks afresh', async (_what, happen) => {
    const host = scripted();
    const client = withPrefetch(host.connection);
    void client.prefetch('database.info', {});
    host.answer(0, info);
    await settle();
    happen(host);
    expect(client.peek('database.info', {})).toBeUndefined();
    void client.call('database.info', {});
    expect(host.calls).toHaveLength(2);
  });
});

describe('callKey', () => {
  it('ignores the order of object keys at any depth, not of array items', () => {
    expect(callKey('m', { a: 1, b: { c: [1, 2], d: 2 } })).toBe(callKey('m', { b: { d: 2, c: [1, 2] }, a: 1 }));
    expect(callKey('m', { a: [1, 2] })).not.toBe(callKey('m', { a: [2, 1] }));
    expect(callKey('m', {})).not.toBe(callKey('n', {}));
  });
});
