/**
 * index.lookup through the host: equals, prefix, ranges, reverse, cursors and
 * an exact hasMore, on a plain and a unique index.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoIncrement, open, schema, t, tree } from '@trellis/engine';
import { codeOf, onCleanup, startHost } from '../fixtures/host-harness.js';

/** A database with a compound index (the sample has none). */
async function withCompoundIndex(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-host-compound-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'db');
  const people = tree('people', { key: autoIncrement(), value: t.object({ city: t.string(), name: t.string() }), indexes: { byCityName: { on: ['city', 'name'] } } });
  const db = await open(path, schema(people));
  await db.people.insert({ city: 'Oslo', name: 'Ann' });
  await db.people.insert({ city: 'Oslo', name: 'Bo' });
  await db.close();
  return path;
}

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

  it('refuses more values than a compound index has fields (INVALID_KEY) instead of answering nothing', async () => {
    const { client } = await startHost({ path: await withCompoundIndex() });
    const lookup = (query: Record<string, unknown>) => client.call('index.lookup', { tree: 'people', index: 'byCityName', limit: 10, ...query });
    expect((await lookup({ equals: ['Oslo', 'Bo'] })).hits.map((h) => h.entry.key)).toEqual([2]);
    expect((await lookup({ equals: ['Oslo'] })).hits.map((h) => h.entry.key)).toEqual([1, 2]);
    for (const query of [{ equals: ['Oslo', 'Bo', 'x', 'y'] }, { equals: ['Oslo', 'Bo', 2] }, { equals: [] }, { start: ['Oslo', 'Ann', 1] }, { end: ['Oslo', 'Bo', 9] }]) {
      expect(await codeOf(lookup(query)), JSON.stringify(query)).toBe('INVALID_KEY');
    }
  });
});
