/**
 * import.check and import.write through the in-process transport: problems
 * named by record and path, references to later pages settled by `awaited`,
 * previous values for an undo, and read-only sessions refused.
 */
import { describe, expect, it } from 'vitest';
import { startHost } from '../fixtures/host-harness.js';
import { JOINED } from '../fixtures/sample-database.js';

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code ?? String(error));

describe('import through the host', () => {
  it('checks a page without writing: bad values and missing targets named by index and path', async () => {
    const { client } = await startHost();
    const { problems, truncated } = await client.call('import.check', {
      tree: 'toys',
      records: [
        { key: [1, 'kite'], value: { owner: 1, name: 'kite', squeaks: 'loud' } },
        { key: [99, 'ball'], value: { owner: 99, name: 'ball', squeaks: true } },
        { value: { owner: 2, name: 'yoyo', squeaks: false } },
      ],
    });
    expect(truncated).toBe(false);
    expect(problems).toEqual([
      { index: 0, path: '/value/squeaks', message: expect.any(String) },
      { index: 1, path: '/value/owner', message: 'refers to users/99, which is neither in the database nor in the file', target: 'users/99' },
    ]);
    expect((await client.call('records.get', { tree: 'toys', key: [1, 'kite'] })).entry).toBeNull();
  });

  it('writes a page in one transaction, with the values it replaced; a reference to a later page waits for it', async () => {
    const { client } = await startHost();
    const user = (name: string) => ({ name, joined: JOINED });
    const first = await client.call('import.write', { tree: 'users', records: [{ key: 1, value: user('renamed') }, { key: 40, value: user('new') }] });
    expect(first.written).toEqual([
      { key: 1, text: 'users/1', previous: { name: 'user01', email: 'one@example.com', joined: JOINED } },
      { key: 40, text: 'users/40' },
    ]);
    const early = { tree: 'toys', records: [{ key: [41, 'kite'], value: { owner: 41, name: 'kite', squeaks: true } }] };
    expect(await codeOf(client.call('import.write', early))).toBe('MISSING_REFERENCE');
    await client.call('import.write', { ...early, awaited: ['users/41'] });
    await client.call('import.write', { tree: 'users', records: [{ key: 41, value: user('later') }] });
    expect((await client.call('records.get', { tree: 'toys', key: [41, 'kite'] })).entry?.value).toEqual({ owner: 41, name: 'kite', squeaks: true });
  });

  it('is refused in a read-only session, and writes nothing', async () => {
    const { client } = await startHost({ readOnly: true });
    const records = [{ key: 1, value: { name: 'intruder', joined: JOINED } }];
    expect(await codeOf(client.call('import.write', { tree: 'users', records }))).toMatch(/READ_ONLY/);
    expect((await client.call('import.check', { tree: 'users', records })).problems).toEqual([]);
    expect((await client.call('records.get', { tree: 'users', key: 1 })).entry?.value).toMatchObject({ name: 'user01' });
  });
});
