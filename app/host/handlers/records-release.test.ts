/**
 * Released records through the host, on a database that ran a migration: the
 * tree summary says a tree is versioned, entries carry their release state,
 * records.release / setLifecycle / newVersion answer the record, a released
 * record's put and delete answer RELEASED (nothing written), a stale revision
 * answers CONFLICT, and a read-only session refuses all three writes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Transport } from '../../contract/index.js';
import { inProcessTransport } from '../../transports/in-process.js';
import { createHost, type HostOptions } from '../index.js';
import { codeOf, collect, failure, onCleanup, until } from '../fixtures/host-harness.js';
import { DRAFT_PART, makeReleasedDatabase, RELEASED_PART } from '../fixtures/released-database.js';

async function releasedHost(options: Partial<HostOptions> = {}): Promise<{ client: Transport; path: string; releasedAt: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-host-released-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'db');
  const { releasedAt } = await makeReleasedDatabase(path);
  const host = await createHost({ path, log: () => {}, ...options });
  onCleanup(() => host.close());
  return { client: inProcessTransport(host), path, releasedAt };
}

const part = (key: readonly number[]) => ({ tree: 'parts', key: [...key] });

describe('versioned trees through the host', () => {
  it('says which trees are versioned, and entries of those carry their release state', async () => {
    const { client, releasedAt } = await releasedHost();
    const info = await client.call('database.info', {});
    expect(Object.fromEntries(info.trees.map((t) => [t.name, t.versioned ?? false]))).toEqual({ parts: true, suppliers: false });
    expect(info.migrations.map((m) => m.id)).toEqual(['suppliers-company']);
    const { entries } = await client.call('records.page', { tree: 'parts', limit: 10 });
    expect(entries.map((e) => [e.text, e.release])).toEqual([
      ['parts/[1,1]', { released: true, releasedAt, lifecycle: 0, revision: releasedAt }],
      ['parts/[2,1]', { released: false, lifecycle: 0 }],
    ]);
    expect((await client.call('records.get', { tree: 'suppliers', key: 1 })).entry).not.toHaveProperty('release');
  });

  it('refuses to change or delete a released record with RELEASED, writing nothing', async () => {
    const { client, releasedAt } = await releasedHost();
    const before = (await client.call('records.get', part(RELEASED_PART.key))).entry!;
    const put = await failure(client.call('records.put', { ...part(RELEASED_PART.key), value: { ...RELEASED_PART.value, grams: 13 }, expectedRevision: before.revision }));
    expect(put.payload).toMatchObject({ code: 'RELEASED', message: expect.stringContaining(`was released at revision ${releasedAt}`) as string });
    expect(await codeOf(client.call('records.delete', part(RELEASED_PART.key)))).toBe('RELEASED');
    expect(await codeOf(client.call('records.applyWrites', { writes: [{ ...part(RELEASED_PART.key), value: { ...RELEASED_PART.value, grams: 1 } }] }))).toBe('RELEASED');
    expect((await client.call('records.get', part(RELEASED_PART.key))).entry).toEqual(before);
  });

  it('releases a draft (then RELEASED for its writes), and a stale revision is a CONFLICT with the record as it is', async () => {
    const { client } = await releasedHost();
    const changes = collect(client, 'changes');
    const draft = (await client.call('records.get', part(DRAFT_PART.key))).entry!;
    const stale = await failure(client.call('records.release', { ...part(DRAFT_PART.key), expectedRevision: draft.revision + 100 }));
    expect(stale.payload).toMatchObject({ code: 'CONFLICT', current: draft });
    const { entry } = await client.call('records.release', { ...part(DRAFT_PART.key), expectedRevision: draft.revision });
    expect(entry).toMatchObject({ text: 'parts/[2,1]', revision: draft.revision, value: DRAFT_PART.value, release: { released: true, lifecycle: 0 } });
    expect(entry.release!.releasedAt).toBeGreaterThan(draft.revision);
    expect(await codeOf(client.call('records.put', { ...part(DRAFT_PART.key), value: DRAFT_PART.value }))).toBe('RELEASED');
    await until('the release event', () => changes.some((c) => c.changes.some((change) => change.kind === 'release' && change.text === 'parts/[2,1]')));
    // Releasing again changes nothing; a tree that is not versioned cannot release.
    expect((await client.call('records.release', part(DRAFT_PART.key))).entry).toEqual(entry);
    expect(await codeOf(client.call('records.release', { tree: 'suppliers', key: 1 }))).toBe('INVALID_KEY');
    expect(await codeOf(client.call('records.release', part([9, 1])))).toBe('NOT_FOUND');
  });

  it('sets the lifecycle number of a released record, its value and revision untouched', async () => {
    const { client, releasedAt } = await releasedHost();
    const changes = collect(client, 'changes');
    const before = (await client.call('records.get', part(RELEASED_PART.key))).entry!;
    const { entry } = await client.call('records.setLifecycle', { ...part(RELEASED_PART.key), lifecycle: 3, expectedRevision: before.revision });
    expect(entry).toMatchObject({ revision: before.revision, value: before.value, release: { released: true, releasedAt, lifecycle: 3 } });
    expect(entry.release!.revision).toBeGreaterThan(releasedAt);
    expect((await client.call('records.get', part(RELEASED_PART.key))).entry).toEqual(entry);
    await until('the lifecycle event', () => changes.some((c) => c.changes.some((change) => change.kind === 'lifecycle' && change.text === 'parts/[1,1]')));
    expect(await codeOf(client.call('records.setLifecycle', { ...part(RELEASED_PART.key), lifecycle: -1 }))).toBe('BAD_REQUEST');
    expect(await codeOf(client.call('records.setLifecycle', { ...part(RELEASED_PART.key), lifecycle: 1.5 }))).toBe('BAD_REQUEST');
    expect(await codeOf(client.call('records.setLifecycle', { ...part(RELEASED_PART.key), lifecycle: 4, expectedRevision: before.revision + 100 }))).toBe('CONFLICT');
  });

  it('makes a new version as an editable draft copy, the released one unchanged', async () => {
    const { client } = await releasedHost();
    const released = (await client.call('records.get', part(RELEASED_PART.key))).entry!;
    const { entry } = await client.call('records.newVersion', part(RELEASED_PART.key));
    expect(entry).toMatchObject({ key: [1, 2], text: 'parts/[1,2]', value: RELEASED_PART.value, release: { released: false, lifecycle: 0 } });
    const saved = await client.call('records.put', { ...part([1, 2]), value: { ...RELEASED_PART.value, grams: 11 }, expectedRevision: entry.revision });
    expect(saved.entry.value).toMatchObject({ grams: 11 });
    // The next one follows the newest, whichever version it is made from.
    expect((await client.call('records.newVersion', part(RELEASED_PART.key))).entry.key).toEqual([1, 3]);
    expect((await client.call('records.get', part(RELEASED_PART.key))).entry).toEqual(released);
  });

  it('refuses release, lifecycle and new version while the session is read-only, and for a host started read-only', async () => {
    const { client } = await releasedHost();
    await client.call('session.setReadOnly', { readOnly: true });
    const writes = (c: Transport) => [
      codeOf(c.call('records.release', part(DRAFT_PART.key))),
      codeOf(c.call('records.setLifecycle', { ...part(RELEASED_PART.key), lifecycle: 2 })),
      codeOf(c.call('records.newVersion', part(RELEASED_PART.key))),
    ];
    const revision = (await client.call('database.info', {})).revision;
    expect(await Promise.all(writes(client))).toEqual(['READ_ONLY_SESSION', 'READ_ONLY_SESSION', 'READ_ONLY_SESSION']);
    expect((await client.call('database.info', {})).revision).toBe(revision);
    expect((await client.call('records.page', { tree: 'parts', limit: 10 })).entries.map((e) => [e.text, e.release?.released])).toEqual([
      ['parts/[1,1]', true],
      ['parts/[2,1]', false],
    ]);

    const started = await releasedHost({ readOnly: true });
    expect(await Promise.all(writes(started.client))).toEqual(['READ_ONLY', 'READ_ONLY', 'READ_ONLY']);
  });
});

