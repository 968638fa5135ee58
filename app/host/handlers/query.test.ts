/**
 * Queries through the host: a scan of a large tree runs in slices (other
 * calls are answered while it runs), reports progress as events, pages its
 * matches by offset, can be cancelled keeping what it found, and refuses
 * what cannot run with a code the UI can show.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoIncrement, open, schema, t, tree } from '@trellis/engine';
import { collect, codeOf, onCleanup, startHost, until } from '../fixtures/host-harness.js';
import { inProcessTransport } from '../../transports/in-process.js';
import { createHost } from '../index.js';

const readings = tree('readings', {
  key: autoIncrement(),
  value: t.object({ n: t.integer(), label: t.string(), site: t.string() }),
  indexes: { bySite: { on: 'site' } },
});
const COUNT = 120_000;

async function bigHost() {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-query-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const db = await open(dir, schema(readings));
  await db.transaction((tx) => {
    for (let i = 1; i <= COUNT; i++) tx.readings.insert({ n: i, label: `reading ${i}`, site: `site${i % 4}` });
  });
  await db.close();
  const host = await createHost({ path: dir, log: () => undefined });
  onCleanup(() => host.close());
  return inProcessTransport(host);
}

const divisibleBy = (k: number) => ({ match: 'all' as const, conditions: [{ field: 'label', op: 'contains' as const, value: '000' }, { field: 'n', op: 'ge' as const, value: k }] });


describe('query.* over a large tree', () => {
  it('scans in slices: other calls are answered while it runs, then every match pages by offset', async () => {
    const client = await bigHost();
    const events = collect(client, 'query');
    const opened = await client.call('query.open', { tree: 'readings', query: { where: divisibleBy(1) } });
    expect(opened.plan).toMatchObject({ source: 'scan', order: 'source' });
    expect(opened.progress.total).toBe(COUNT);
    // Answered between two slices of the scan.
    expect((await client.call('records.get', { tree: 'readings', key: 7 })).entry?.key).toBe(7);
    const meanwhile = await client.call('query.page', { id: opened.id, offset: 0, limit: 3 });
    expect(meanwhile.progress.done).toBe(false);
    expect(meanwhile.progress.scanned).toBeLessThan(COUNT);
    const wanted = Array.from({ length: COUNT }, (_, i) => i + 1).filter((n) => `reading ${n}`.includes('000'));
    // The matches found so far page already, in key order.
    expect(meanwhile.entries.map((e) => e.key)).toEqual(wanted.slice(0, Math.min(3, meanwhile.progress.matches)));

    await until('the scan to end', () => events.some((e) => e.id === opened.id && e.progress.done));
    const last = events.filter((e) => e.id === opened.id).at(-1)!.progress;
    expect(last).toMatchObject({ scanned: COUNT, total: COUNT, matches: wanted.length, done: true, ordered: true, cancelled: false });
    // Progress came more than once, and never went back.
    const scanned = events.filter((e) => e.id === opened.id).map((e) => e.progress.scanned);
    expect(scanned.length).toBeGreaterThan(1);
    expect(scanned).toEqual([...scanned].sort((a, b) => a - b));
    const tail = await client.call('query.page', { id: opened.id, offset: wanted.length - 2, limit: 10 });
    expect(tail.entries.map((e) => e.key)).toEqual(wanted.slice(-2));
  });

  it('cancel stops reading and keeps what was found', async () => {
    const client = await bigHost();
    const opened = await client.call('query.open', { tree: 'readings', query: { where: divisibleBy(1) } });
    const { progress } = await client.call('query.cancel', { id: opened.id });
    expect(progress).toMatchObject({ done: true, cancelled: true });
    expect(progress.scanned).toBeLessThan(COUNT);
    const page = await client.call('query.page', { id: opened.id, offset: 0, limit: 1000 });
    expect(page.entries).toHaveLength(progress.matches);
    expect(page.progress.scanned).toBe(progress.scanned); // nothing read after the cancel
  });

  it('an indexed condition is served by its index with its exact total at once', async () => {
    const client = await bigHost();
    const opened = await client.call('query.open', { tree: 'readings', query: { where: { match: 'all', conditions: [{ field: 'site', op: 'eq', value: 'site2' }] } } });
    expect(opened.plan).toMatchObject({ source: 'index', index: 'bySite' });
    expect(opened.progress.total).toBe(COUNT / 4);
    const first = await client.call('query.page', { id: opened.id, offset: 0, limit: 2 });
    expect(first.entries.map((e) => e.key)).toEqual([2, 6]);
  });

  it('a sort in memory that finds too many matches fails on the way, and says why', async () => {
    const client = await bigHost();
    const events = collect(client, 'query');
    const opened = await client.call('query.open', { tree: 'readings', query: { where: { match: 'all', conditions: [{ field: 'n', op: 'ge', value: 0 }] }, sort: { field: 'n', descending: true } } });
    await until('the run to fail', () => events.some((e) => e.id === opened.id && e.progress.error !== undefined));
    expect(events.find((e) => e.progress.error)!.progress.error).toMatchObject({ code: 'INVALID_QUERY', message: expect.stringContaining('more than 100,000 records match') });
    expect(await codeOf(client.call('query.page', { id: opened.id, offset: 0, limit: 1 }))).toBe('INVALID_QUERY');
  });
});

describe('query.* refusals', () => {
  it('refuses a bad filter, an unknown tree, an ended query', async () => {
    const { client } = await startHost();
    expect(await codeOf(client.call('query.open', { tree: 'users', query: { where: { match: 'all', conditions: [{ field: 'nope', op: 'eq', value: 1 }] } } }))).toBe('INVALID_QUERY');
    expect(await codeOf(client.call('query.open', { tree: 'nope', query: {} }))).toBe('UNKNOWN_TREE');
    expect(await codeOf(client.call('query.open', { tree: 'users', query: { where: { match: 'all', conditions: [{ field: 'name', op: 'like' }] } } } as never))).toBe('BAD_REQUEST');
    expect(await codeOf(client.call('query.page', { id: 'q999', offset: 0, limit: 1 }))).toBe('NOT_FOUND');
    const opened = await client.call('query.open', { tree: 'users', query: { sort: { field: 'name', descending: true } } });
    expect((await client.call('query.page', { id: opened.id, offset: 0, limit: 1 })).entries[0]?.value).toMatchObject({ name: 'user25' });
    expect(await client.call('query.close', { id: opened.id })).toEqual({ closed: true });
    expect(await codeOf(client.call('query.page', { id: opened.id, offset: 0, limit: 1 }))).toBe('NOT_FOUND');
    expect(await client.call('query.close', { id: opened.id })).toEqual({ closed: false });
  });

  it('pages come with the labels of what their rows refer to, as records.page does', async () => {
    const { client } = await startHost();
    const opened = await client.call('query.open', { tree: 'pets', query: { where: { match: 'all', conditions: [{ field: 'name', op: 'eq', value: 'Rex' }] } } });
    const page = await client.call('query.page', { id: opened.id, offset: 0, limit: 10 });
    expect(page.entries.map((e) => (e.value as { name: string }).name)).toEqual(['Rex']);
    expect(page.labels).toMatchObject({ 'users/1': 'user01', [`pets/${JSON.stringify((page.entries[0]!.value as { friends: string[] }).friends[0])}`]: 'Fido' });
  });

  it('opening another database ends the queries of the last one', async () => {
    const { client, sample } = await startHost();
    const opened = await client.call('query.open', { tree: 'users', query: {} });
    await client.call('database.open', { path: sample.path, readOnly: true });
    expect(await codeOf(client.call('query.page', { id: opened.id, offset: 0, limit: 1 }))).toBe('NOT_FOUND');
  });
});
