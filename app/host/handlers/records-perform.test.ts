/**
 * records.perform through the host: requests in one transaction, all or
 * nothing, the failing request named in the error payload; `{ "$key": n }`
 * placeholders; change events as for any write; reads allowed in a read-only
 * session and writes refused there; bounds on the batch.
 */
import { describe, expect, it } from 'vitest';
import type { Transport } from '../../contract/index.js';
import { collect, failure, startHost, until } from '../fixtures/host-harness.js';
import { JOINED, USER_COUNT } from '../fixtures/sample-database.js';

const user = (name: string) => ({ name, joined: JOINED });

async function everything(client: Transport): Promise<string> {
  const pages = await Promise.all(['users', 'pets', 'toys'].map((tree) => client.call('records.page', { tree, limit: 1000 })));
  return JSON.stringify(pages);
}

describe('records.perform', () => {
  it('writes nothing when one request fails, and names that request in the error', async () => {
    const { client } = await startHost();
    const before = await everything(client);
    const error = await failure(
      client.call('records.perform', {
        requests: [
          { op: 'insert', tree: 'users', value: user('newcomer') },
          { op: 'insert', tree: 'toys', value: { owner: { $key: 0 }, name: 'kite', squeaks: false } },
          { op: 'put', tree: 'users', key: 2, value: user('') },
        ],
      }),
    );
    expect(error.payload).toMatchObject({ code: 'VALIDATION', request: 2, issues: [{ path: '/name' }] });
    expect(error.message).toMatch(/^request 2 \(put users 2\) failed, so no request of the batch was written/);
    expect(await everything(client)).toBe(before);
  });

  it('fills { "$key": n } with the key an earlier request produced, reads in the same transaction, and answers each result', async () => {
    const { client } = await startHost();
    const { results } = await client.call('records.perform', {
      requests: [
        { op: 'insert', tree: 'users', value: user('newcomer') },
        { op: 'insert', tree: 'toys', value: { owner: { $key: 0 }, name: 'kite', squeaks: true } },
        { op: 'path', tree: 'users', key: { $key: 0 }, path: '<-toys.owner->name' },
        { op: 'get', tree: 'toys', key: [{ $key: 0 }, 'kite'] },
        { op: 'update', tree: 'users', key: 2, patch: { email: 'two@example.com' } },
        { op: 'delete', tree: 'toys', key: [2, 'ball'] },
      ],
    });
    const id = USER_COUNT + 1;
    expect(results[0]).toEqual({ op: 'insert', tree: 'users', key: id, text: `users/${id}`, revision: expect.any(Number) });
    expect(results[1]).toMatchObject({ op: 'insert', tree: 'toys', key: [id, 'kite'], text: `toys/[${id},"kite"]` });
    expect(results[2]).toMatchObject({ op: 'path', truncated: false, matches: [{ value: 'kite', hops: [{ text: `users/${id}` }, { text: `toys/[${id},"kite"]` }] }] });
    expect(results[3]).toMatchObject({ op: 'get', entry: { text: `toys/[${id},"kite"]`, value: { owner: id, name: 'kite', squeaks: true } } });
    expect(results[4]).toMatchObject({ op: 'update', text: 'users/2' });
    expect(results[5]).toEqual({ op: 'delete', deleted: true });
    expect((await client.call('records.get', { tree: 'users', key: 2 })).entry?.value).toMatchObject({ email: 'two@example.com' });
  });

  it('writes at the end of a path (setPath), and answers a lenient path that stops with no value', async () => {
    const { client, sample } = await startHost();
    const { results } = await client.call('records.perform', {
      requests: [
        { op: 'setPath', tree: 'pets', key: sample.rex, path: 'owner->email', value: 'rex-owner@example.com' },
        { op: 'path', tree: 'pets', key: sample.fido, path: 'friends[0]->name', lenient: true },
      ],
    });
    expect(results[0]).toMatchObject({ op: 'setPath', tree: 'users', key: 1 });
    expect(results[1]).toEqual({ op: 'path', truncated: false, matches: [{ hops: [{ tree: 'pets', key: sample.fido, text: `pets/"${sample.fido}"`, revision: expect.any(Number) }] }] });
    expect((await client.call('records.get', { tree: 'users', key: 1 })).entry?.value).toMatchObject({ email: 'rex-owner@example.com' });
  });

  it('sends change events for what it wrote, as any write does', async () => {
    const { client } = await startHost();
    const seen = collect(client, 'changes');
    await client.call('records.perform', {
      requests: [
        { op: 'insert', tree: 'users', value: user('eventful') },
        { op: 'insert', tree: 'toys', value: { owner: { $key: 0 }, name: 'drum', squeaks: false } },
      ],
    });
    const texts = () => seen.flatMap((event) => event.changes.map((change) => change.text));
    await until('both writes announced', () => texts().includes(`users/${USER_COUNT + 1}`) && texts().includes(`toys/[${USER_COUNT + 1},"drum"]`));
  });

  it('answers a stale expectedRevision with CONFLICT, the record as it is now and the request', async () => {
    const { client } = await startHost();
    const now = (await client.call('records.get', { tree: 'users', key: 3 })).entry!;
    const error = await failure(
      client.call('records.perform', {
        requests: [
          { op: 'get', tree: 'users', key: 3 },
          { op: 'put', tree: 'users', key: 3, value: user('late'), expectedRevision: now.revision - 1 },
        ],
      }),
    );
    expect(error.payload).toMatchObject({ code: 'CONFLICT', request: 1, current: { text: 'users/3', revision: now.revision } });
  });

  it('names the request of a path that does not fit or does not lead on, and of a placeholder that looks ahead', async () => {
    const { client, sample } = await startHost();
    const invalid = await failure(client.call('records.perform', { requests: [{ op: 'get', tree: 'users', key: 1 }, { op: 'path', tree: 'pets', key: sample.rex, path: 'owner.name' }] }));
    expect(invalid.payload).toMatchObject({ code: 'INVALID_PATH', request: 1, pathProblem: { step: 2, text: 'name' } });
    const bad = await failure(client.call('records.perform', { requests: [{ op: 'path', tree: 'pets', key: sample.fido, path: 'friends[0]' }] }));
    expect(bad.payload).toMatchObject({ code: 'BAD_PATH', request: 0, pathProblem: { step: 2, record: `pets/"${sample.fido}"` } });
    const ahead = await failure(client.call('records.perform', { requests: [{ op: 'get', tree: 'users', key: { $key: 1 } }, { op: 'insert', tree: 'users', value: user('x') }] }));
    expect(ahead.payload).toMatchObject({ code: 'INVALID_QUERY', request: 0 });
  });

  it('answers reads in a read-only session and refuses any batch with a write, writing nothing', async () => {
    const { client } = await startHost();
    await client.call('session.setReadOnly', { readOnly: true });
    const before = await everything(client);
    const reads = await client.call('records.perform', {
      requests: [
        { op: 'get', tree: 'users', key: 1 },
        { op: 'path', tree: 'users', key: 1, path: '<-toys.owner->name' },
      ],
    });
    expect(reads.results.map((r) => r.op)).toEqual(['get', 'path']);
    const write = failure(client.call('records.perform', { requests: [{ op: 'get', tree: 'users', key: 1 }, { op: 'delete', tree: 'toys', key: [2, 'ball'] }] }));
    expect((await write).code).toBe('READ_ONLY_SESSION');
    expect(await everything(client)).toBe(before);
  });

  it('refuses batches past its bounds and requests of no known shape', async () => {
    const { client } = await startHost();
    const code = async (requests: unknown) => (await failure(client.call('records.perform', { requests } as never))).code;
    expect(await code([])).toBe('BAD_REQUEST');
    expect(await code(Array.from({ length: 1001 }, () => ({ op: 'get', tree: 'users', key: 1 })))).toBe('BAD_REQUEST');
    expect(await code([{ op: 'drop', tree: 'users', key: 1 }])).toBe('BAD_REQUEST');
    expect(await code([{ op: 'get', tree: 'users', key: { $key: 0, extra: 1 } }])).toBe('BAD_REQUEST');
    expect(await code([{ op: 'path', tree: 'users', key: 1, path: 'name', limit: 1001 }])).toBe('BAD_REQUEST');
    // The path requests' limits (100 each when absent) add up to at most 10,000 results.
    expect(await code(Array.from({ length: 101 }, () => ({ op: 'path', tree: 'users', key: 1, path: 'name' })))).toBe('BAD_REQUEST');
    const hundred = await client.call('records.perform', { requests: Array.from({ length: 100 }, () => ({ op: 'path' as const, tree: 'users', key: 1, path: 'name' })) });
    expect(hundred.results).toHaveLength(100);
  });
});
