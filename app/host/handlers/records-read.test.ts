/**
 * Reading records through the host: keyset pages with an exact hasMore,
 * offset jumps, bounds and prefixes, single records, positions and holders.
 */
import { describe, expect, it } from 'vitest';
import { codeOf, startHost } from '../fixtures/host-harness.js';
import { JOINED, USER_COUNT } from '../fixtures/sample-database.js';

const names = (entries: readonly { value?: unknown }[]) => entries.map((e) => (e.value as { name: string }).name);

describe('records.page', () => {
  it('walks the whole tree with `after`, forward and reverse, with an exact hasMore', async () => {
    const { client } = await startHost();
    for (const reverse of [false, true]) {
      for (const limit of [1, 5, 7, USER_COUNT, 1000]) {
        const keys: unknown[] = [];
        let after: number | undefined;
        for (;;) {
          const page = await client.call('records.page', { tree: 'users', limit, reverse, ...(after === undefined ? {} : { after }) });
          expect(page.count).toBe(USER_COUNT);
          keys.push(...page.entries.map((e) => e.key));
          if (!page.hasMore) break;
          expect(page.entries).toHaveLength(limit);
          after = page.entries.at(-1)!.key as number;
        }
        const all = Array.from({ length: USER_COUNT }, (_, i) => i + 1);
        expect(keys).toEqual(reverse ? all.reverse() : all);
      }
    }
  });

  it('gives records in their wire form: key, text, revision, JSON value', async () => {
    const { client } = await startHost();
    const page = await client.call('records.page', { tree: 'users', limit: 1 });
    expect(page.entries).toEqual([{ key: 1, text: 'users/1', revision: expect.any(Number), schemaVersion: 1, value: { name: 'user01', email: 'one@example.com', joined: JOINED } }]);
    const toys = await client.call('records.page', { tree: 'toys', limit: 10 });
    expect(toys.entries.map((e) => [e.key, e.text])).toEqual([
      [[1, 'ball'], 'toys/[1,"ball"]'],
      [[1, 'bone'], 'toys/[1,"bone"]'],
      [[2, 'ball'], 'toys/[2,"ball"]'],
    ]);
  });

  it('jumps with offset (alone, after a cursor, in reverse) and counts the range it pages', async () => {
    const { client } = await startHost();
    const jump = await client.call('records.page', { tree: 'users', limit: 3, offset: 20 });
    expect(jump.entries.map((e) => e.key)).toEqual([21, 22, 23]);
    expect(jump.hasMore).toBe(true);
    const end = await client.call('records.page', { tree: 'users', limit: 3, offset: 22 });
    expect(end.entries.map((e) => e.key)).toEqual([23, 24, 25]);
    expect(end.hasMore).toBe(false);
    expect((await client.call('records.page', { tree: 'users', limit: 3, offset: 2, after: 10 })).entries.map((e) => e.key)).toEqual([13, 14, 15]);
    expect((await client.call('records.page', { tree: 'users', limit: 2, offset: 3, reverse: true })).entries.map((e) => e.key)).toEqual([22, 21]);
    const past = await client.call('records.page', { tree: 'users', limit: 3, offset: 100 });
    expect(past).toEqual({ entries: [], count: USER_COUNT, hasMore: false });
    // lmdb-js counts offsets in 32 bits: 2^32 used to wrap around to the first rows.
    for (const offset of [2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER]) {
      expect(await client.call('records.page', { tree: 'users', limit: 3, offset }), String(offset)).toEqual({ entries: [], count: USER_COUNT, hasMore: false });
      expect((await client.call('records.page', { tree: 'users', limit: 3, offset, start: 2 })).entries, String(offset)).toEqual([]);
    }
    // Past 2^53 an "integer" is not exact: refused by the contract, not wrapped or rounded.
    for (const offset of [2 ** 53, 1e300, -1, 1.5]) expect(await codeOf(client.call('records.page', { tree: 'users', limit: 3, offset })), String(offset)).toBe('BAD_REQUEST');
    const bounded = await client.call('records.page', { tree: 'users', limit: 2, start: 5, end: 10 });
    expect(bounded).toMatchObject({ count: 5, hasMore: true });
    expect(names(bounded.entries)).toEqual(['user05', 'user06']);
    const prefixed = await client.call('records.page', { tree: 'toys', limit: 1, prefix: [1] });
    expect(prefixed).toMatchObject({ count: 2, hasMore: true, entries: [{ key: [1, 'ball'] }] });
  });

  it('refuses a key of the wrong shape for the tree and an unknown tree', async () => {
    const { client } = await startHost();
    expect(await codeOf(client.call('records.page', { tree: 'users', limit: 1, after: 'text' }))).toBe('INVALID_KEY');
    expect(await codeOf(client.call('records.page', { tree: 'users', limit: 1, prefix: 'us' }))).toBe('INVALID_KEY');
    expect(await codeOf(client.call('records.page', { tree: 'nope', limit: 1 }))).toBe('UNKNOWN_TREE');
  });
});

describe('records.get and records.position', () => {
  it('gets a record or null, and counts the keys before a key', async () => {
    const { client, sample } = await startHost();
    expect((await client.call('records.get', { tree: 'users', key: 3 })).entry).toMatchObject({ key: 3, text: 'users/3', value: { name: 'user03' } });
    expect(await client.call('records.get', { tree: 'users', key: 999 })).toEqual({ entry: null });
    expect((await client.call('records.get', { tree: 'toys', key: [1, 'bone'] })).entry).toMatchObject({ value: { squeaks: false } });
    expect((await client.call('records.get', { tree: 'pets', key: sample.rex })).entry).toMatchObject({ value: { name: 'Rex', friends: [sample.fido] } });
    expect(await client.call('records.position', { tree: 'users', key: 1 })).toEqual({ position: 0, exists: true });
    expect(await client.call('records.position', { tree: 'users', key: 10 })).toEqual({ position: 9, exists: true });
    expect(await client.call('records.position', { tree: 'users', key: 500 })).toEqual({ position: USER_COUNT, exists: false });
    expect(await client.call('records.position', { tree: 'toys', key: [2, 'ball'] })).toEqual({ position: 2, exists: true });
    expect(await client.call('records.position', { tree: 'toys', key: [1, 'car'] })).toEqual({ position: 2, exists: false });
    expect(await codeOf(client.call('records.position', { tree: 'toys', key: 1 }))).toBe('INVALID_KEY');
  });
});

describe('records.referencedBy', () => {
  it('lists the holders with their key text, and says when the list was cut', async () => {
    const { client, sample } = await startHost();
    const all = await client.call('records.referencedBy', { tree: 'users', key: 1 });
    expect(all.truncated).toBe(false);
    expect(all.holders).toEqual(
      expect.arrayContaining([
        { tree: 'pets', key: sample.rex, text: `pets/"${sample.rex}"`, path: 'owner', label: 'Rex' },
        { tree: 'pets', key: sample.fido, text: `pets/"${sample.fido}"`, path: 'owner', label: 'Fido' },
        { tree: 'toys', key: [1, 'ball'], text: 'toys/[1,"ball"]', path: 'owner', label: 'ball' },
        { tree: 'toys', key: [1, 'bone'], text: 'toys/[1,"bone"]', path: 'owner', label: 'bone' },
      ]),
    );
    expect(all.holders).toHaveLength(4);
    const cut = await client.call('records.referencedBy', { tree: 'users', key: 1, limit: 3 });
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.holders).toHaveLength(3);
    expect(await client.call('records.referencedBy', { tree: 'pets', key: sample.fido })).toEqual({
      holders: [{ tree: 'pets', key: sample.rex, text: `pets/"${sample.rex}"`, path: 'friends[]', label: 'Rex' }],
      truncated: false,
    });
    expect(await client.call('records.referencedBy', { tree: 'users', key: 20 })).toEqual({ holders: [], truncated: false });
  });
});

describe('records.referenceGroups', () => {
  it('gives every tree and field that refers to a record its exact count and first holders, and pages one group', async () => {
    const { client } = await startHost();
    const { groups } = await client.call('records.referenceGroups', { tree: 'users', key: 1, limit: 1 });
    expect(groups.map(({ tree, path, count, hasMore }) => ({ tree, path, count, hasMore }))).toEqual([
      { tree: 'pets', path: 'owner', count: 2, hasMore: true },
      { tree: 'toys', path: 'owner', count: 2, hasMore: true },
    ]);
    expect(groups.map((group) => group.holders.length)).toEqual([1, 1]);
    const [first] = groups[1]!.holders;
    expect(first).toEqual({ tree: 'toys', key: [1, 'ball'], text: 'toys/[1,"ball"]', path: 'owner', label: 'ball' });
    // The rest of one group, after the holder shown: the other group's holders never come along.
    const rest = await client.call('records.referencedBy', { tree: 'users', key: 1, group: { tree: 'toys', path: 'owner', after: [1, 'ball'] } });
    expect(rest).toEqual({ holders: [{ tree: 'toys', key: [1, 'bone'], text: 'toys/[1,"bone"]', path: 'owner', label: 'bone' }], truncated: false });
    expect(await client.call('records.referenceGroups', { tree: 'users', key: 20 })).toEqual({ groups: [] });
  });

  it('refuses a group cursor that is no key of the group\'s tree', async () => {
    const { client } = await startHost();
    const call = client.call('records.referencedBy', { tree: 'users', key: 1, group: { tree: 'toys', path: 'owner', after: 'not-a-toy-key' } });
    await expect(call).rejects.toMatchObject({ code: 'INVALID_KEY' });
  });
});
