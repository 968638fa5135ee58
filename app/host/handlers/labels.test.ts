/**
 * Labels through the host: a page, a record and an index lookup carry the
 * labels of the records they refer to (one map per answer, each target once),
 * and holders in "Referenced by" carry their own label.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autoIncrement, open, schema, t, tree } from '@trellis/engine';
import { describe, expect, it } from 'vitest';
import { onCleanup, startHost } from '../fixtures/host-harness.js';
import { createHost } from '../index.js';
import { inProcessTransport } from '../../transports/in-process.js';

describe('labels of references', () => {
  it('come with a page: every target its rows refer to, by key text, once', async () => {
    const { client, sample } = await startHost();
    const toys = await client.call('records.page', { tree: 'toys', limit: 10 });
    expect(toys.labels).toEqual({ 'users/1': 'user01', 'users/2': 'user02' });
    const pets = await client.call('records.page', { tree: 'pets', limit: 10 });
    // A single reference and a list of them, the list's targets in another tree's page too.
    expect(pets.labels).toEqual({ 'users/1': 'user01', [`pets/${JSON.stringify(sample.fido)}`]: 'Fido' });
  });

  it('come with a single record, and are left out where nothing is referred to', async () => {
    const { client } = await startHost();
    expect((await client.call('records.get', { tree: 'toys', key: [2, 'ball'] })).labels).toEqual({ 'users/2': 'user02' });
    expect(await client.call('records.page', { tree: 'users', limit: 5 })).not.toHaveProperty('labels');
    expect(await client.call('records.get', { tree: 'users', key: 999 })).toEqual({ entry: null });
  });

  it('come with an index lookup', async () => {
    const { client } = await startHost();
    const found = await client.call('index.lookup', { tree: 'pets', index: 'byOwner', equals: 1, limit: 10 });
    expect(found.labels?.['users/1']).toBe('user01');
  });

  it('follow an edit: the next page reads the new label', async () => {
    const { client } = await startHost();
    const user = (await client.call('records.get', { tree: 'users', key: 2 })).entry!;
    await client.call('records.put', { tree: 'users', key: 2, value: { ...(user.value as object), name: 'Grace Hopper' } });
    expect((await client.call('records.page', { tree: 'toys', limit: 10 })).labels?.['users/2']).toBe('Grace Hopper');
  });
});

describe('holders carry their label', () => {
  it('in records.referenceGroups and records.referencedBy', async () => {
    const { client } = await startHost();
    const { groups } = await client.call('records.referenceGroups', { tree: 'users', key: 1 });
    const pets = groups.find((g) => g.tree === 'pets' && g.path === 'owner')!;
    expect(pets.holders.map((h) => h.label).sort()).toEqual(['Fido', 'Rex']);
    const toys = await client.call('records.referencedBy', { tree: 'users', key: 1, group: { tree: 'toys', path: 'owner' } });
    expect(toys.holders.map((h) => [h.text, h.label])).toEqual([
      ['toys/[1,"ball"]', 'ball'],
      ['toys/[1,"bone"]', 'bone'],
    ]);
  });
});

describe('a declared label', () => {
  it('is in database.info, and labels references instead of the heuristic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-labels-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const cities = tree('cities', { key: autoIncrement(), value: t.object({ name: t.string(), code: t.string() }), label: 'code' });
    const spots = tree('spots', { key: autoIncrement(), value: t.object({ name: t.string(), city: t.ref(cities) }) });
    const path = join(dir, 'db');
    const db = await open(path, schema(cities, spots));
    const paris = await db.cities.insert({ name: 'Paris', code: 'PAR' });
    await db.spots.insert({ name: 'Louvre', city: paris });
    await db.close();
    const host = await createHost({ path, log: () => undefined });
    onCleanup(() => host.close());
    const client = inProcessTransport(host);
    const info = await client.call('database.info', {});
    expect(info.trees.find((t) => t.name === 'cities')?.label).toEqual(['code']);
    expect(info.trees.find((t) => t.name === 'spots')).not.toHaveProperty('label');
    expect((await client.call('records.page', { tree: 'spots', limit: 5 })).labels).toEqual({ 'cities/1': 'PAR' });
  });
});
