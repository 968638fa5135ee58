/**
 * records.search: by label and by key, case and accents ignored, best kind of
 * match first, over the whole tree (composite keys too), and a long scan that
 * lets other calls through while it reads.
 */
import { join } from 'node:path';
import { autoIncrement, composite, open, schema, t, tree } from '@trellis/engine';
import { describe, expect, it } from 'vitest';
import { codeOf, onCleanup, startHost } from '../fixtures/host-harness.js';
import { createHost } from '../index.js';
import { inProcessTransport } from '../../transports/in-process.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

describe('records.search', () => {
  it('finds by label, label start before key start before a word before anywhere', async () => {
    const { client } = await startHost();
    const found = await client.call('records.search', { tree: 'users', text: 'USER1' });
    expect(found.hits.slice(0, 2)).toEqual([
      { key: 10, text: 'users/10', label: 'user10' },
      { key: 11, text: 'users/11', label: 'user11' },
    ]);
    expect(found.complete).toBe(true);
    // "5": the key of users/5 starts with it; the labels user15 and user25 only contain it.
    const five = await client.call('records.search', { tree: 'users', text: '5' });
    expect(five.hits.map((h) => [h.text, h.label])).toEqual([
      ['users/5', 'user05'],
      ['users/15', 'user15'],
      ['users/25', 'user25'],
    ]);
  });

  it('finds composite keys by a part of the key and by label', async () => {
    const { client } = await startHost();
    expect((await client.call('records.search', { tree: 'toys', text: 'bon' })).hits).toEqual([{ key: [1, 'bone'], text: 'toys/[1,"bone"]', label: 'bone' }]);
    expect((await client.call('records.search', { tree: 'toys', text: '2' })).hits.map((h) => h.text)).toEqual(['toys/[2,"ball"]']);
  });

  it('lists the first records in key order for empty text, and answers nothing when nothing matches', async () => {
    const { client } = await startHost();
    expect((await client.call('records.search', { tree: 'users', text: ' ', limit: 3 })).hits.map((h) => h.key)).toEqual([1, 2, 3]);
    expect(await client.call('records.search', { tree: 'users', text: 'zebra' })).toEqual({ hits: [], complete: true, scanned: USERS_READ });
  });

  it('refuses an unknown tree and a limit past its bound', async () => {
    const { client } = await startHost();
    expect(await codeOf(client.call('records.search', { tree: 'nope', text: 'a' }))).toBe('UNKNOWN_TREE');
    expect(await codeOf(client.call('records.search', { tree: 'users', text: 'a', limit: 101 }))).toBe('BAD_REQUEST');
  });
});

const USERS_READ = 25;

describe('records.search over a large tree', () => {
  it('reads every record (accents ignored, index prefixes in any case), and answers other calls meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-search-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const states = tree('states', { key: composite('country', 'code'), value: t.object({ country: t.string(), code: t.string(), name: t.string() }), indexes: { byName: { on: 'name' } } });
    const towns = tree('towns', { key: autoIncrement(), value: t.object({ name: t.string(), state: t.ref(states) }) });
    const path = join(dir, 'db');
    const db = await open(path, schema(states, towns));
    await db.transaction((tx) => {
      tx.states.insert({ country: 'FR', code: 'IDF', name: 'Île-de-France' });
      tx.states.insert({ country: 'FR', code: 'ARA', name: 'Auvergne-Rhône-Alpes' });
      for (let i = 0; i < 9_000; i++) tx.towns.insert({ name: `Town ${i}`, state: ['FR', 'ARA'] as never });
      tx.towns.insert({ name: 'Saint-Denis', state: ['FR', 'IDF'] as never });
    });
    await db.close();
    const host = await createHost({ path, log: () => undefined });
    onCleanup(() => host.close());
    const client = inProcessTransport(host);

    // The last record of the tree, by a word of its label typed without its capital.
    const search = client.call('records.search', { tree: 'towns', text: 'denis' });
    const other = client.call('records.get', { tree: 'states', key: ['FR', 'IDF'] });
    const order: string[] = [];
    await Promise.all([search.then(() => order.push('search')), other.then(() => order.push('get'))]);
    expect(order).toEqual(['get', 'search']);
    const found = await search;
    expect(found.hits).toEqual([{ key: 9001, text: 'towns/9001', label: 'Saint-Denis' }]);
    expect(found).toMatchObject({ complete: true, scanned: 9001 });

    // The next keystrokes search the rows that scan read; a write makes the next search read again.
    expect(await client.call('records.search', { tree: 'towns', text: 'saint-d' })).toMatchObject({ hits: [{ key: 9001, label: 'Saint-Denis' }], complete: true });
    await client.call('records.insert', { tree: 'towns', value: { name: 'Denisville', state: ['FR', 'IDF'] } });
    expect((await client.call('records.search', { tree: 'towns', text: 'denis' })).hits.map((h) => h.label)).toEqual(['Denisville', 'Saint-Denis']);

    // "ile" finds Île-de-France (accents folded), "FR" finds by the key's first part.
    expect((await client.call('records.search', { tree: 'states', text: 'ile' })).hits.map((h) => h.label)).toEqual(['Île-de-France']);
    expect((await client.call('records.search', { tree: 'states', text: 'fr' })).hits.map((h) => h.text)).toEqual(['states/["FR","ARA"]', 'states/["FR","IDF"]']);
    // A page of towns labels the state each refers to.
    expect((await client.call('records.page', { tree: 'towns', limit: 1, offset: 9000 })).labels).toEqual({ 'states/["FR","IDF"]': 'Île-de-France' });
  });
});
