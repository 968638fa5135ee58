/**
 * index.lookup through the host: equals, prefix, ranges, reverse, cursors and
 * an exact hasMore, on a plain and a unique index.
 */
import { describe, expect, it } from 'vitest';
import { codeOf, startHost } from '../fixtures/host-harness.js';

describe('index.lookup', () => {
  it('finds records by equals and prefix, in index order, with cursors that continue', async () => {
    const { client, sample } = await startHost();
    const one = await client.call('index.lookup', { tree: 'users', index: 'byName', limit: 10, equals: 'user07' });
    expect(one).toEqual({ hits: [{ indexed: ['user07'], cursor: ['user07', 7], entry: expect.objectContaining({ key: 7, text: 'users/7' }) }], hasMore: false });

    const first = await client.call('index.lookup', { tree: 'users', index: 'byName', limit: 4, prefix: 'user1' });
    expect(first.hits.map((h) => h.entry.key)).toEqual([10, 11, 12, 13]);
    expect(first.hasMore).toBe(true);
    const rest = await client.call('index.lookup', { tree: 'users', index: 'byName', limit: 10, prefix: 'user1', after: first.hits.at(-1)!.cursor });
    expect(rest.hits.map((h) => h.entry.key)).toEqual([14, 15, 16, 17, 18, 19]);
    expect(rest.hasMore).toBe(false);

    const reversed = await client.call('index.lookup', { tree: 'users', index: 'byName', limit: 2, start: 'user03', end: 'user06', reverse: true });
    expect(reversed.hits.map((h) => h.entry.key)).toEqual([5, 4]);
    expect(reversed.hasMore).toBe(true);

    const unique = await client.call('index.lookup', { tree: 'users', index: 'byEmail', limit: 5, equals: 'one@example.com' });
    expect(unique.hits.map((h) => h.entry.key)).toEqual([1]);
    const owned = await client.call('index.lookup', { tree: 'pets', index: 'byOwner', limit: 5, equals: 1 });
    expect(owned.hits.map((h) => h.entry.key).sort()).toEqual([sample.rex, sample.fido].sort());
  });

  it('refuses an unknown index, bounds that are not key parts, and bounds too large for a key', async () => {
    const { client } = await startHost();
    expect(await codeOf(client.call('index.lookup', { tree: 'users', index: 'nope', limit: 1 }))).toBe('UNKNOWN_INDEX');
    expect(await codeOf(client.call('index.lookup', { tree: 'users', index: 'byName', limit: 1, equals: { a: 1 } }))).toBe('INVALID_KEY');
    expect(await codeOf(client.call('index.lookup', { tree: 'users', index: 'byName', limit: 1, after: [{}] }))).toBe('INVALID_KEY');
    expect(await codeOf(client.call('index.lookup', { tree: 'users', index: 'byName', limit: 1, prefix: 'x'.repeat(4000) }))).toBe('KEY_TOO_LARGE');
    expect(await codeOf(client.call('index.lookup', { tree: 'users', index: 'byName', limit: 1, equals: 'x'.repeat(3000) }))).toBe('KEY_TOO_LARGE');
  });
});
