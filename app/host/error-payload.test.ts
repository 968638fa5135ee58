/**
 * Error answers stay small: a VALIDATION error for a value with thousands of
 * bad elements lists at most MAX_ISSUES issues, and its message only the first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { open as openLmdb } from 'lmdb';
import { autoIncrement, open, schema, t, tree } from '@trellis/engine';
import { HostError, MAX_ISSUES } from '../contract/index.js';
import { onCleanup, startHost } from './fixtures/host-harness.js';

describe('VALIDATION answers', () => {
  it('list at most MAX_ISSUES issues for a value with 5,000 bad elements', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-host-issues-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'db');
    const db = await open(path, schema(tree('blobs', { key: autoIncrement(), value: t.object({ parts: t.array(t.bytes()) }) })));
    await db.close();
    const { client } = await startHost({ path });
    // Each passes the schema's base64 pattern and fails only the conversion: one issue per element.
    const value = { parts: Array.from({ length: 5000 }, () => 'abc') };
    const error = await client.call('records.insert', { tree: 'blobs', value }).then(
      () => expect.fail('expected VALIDATION'),
      (caught: unknown) => caught as HostError,
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.payload.issues).toHaveLength(MAX_ISSUES);
    expect(error.payload.issues![0]).toEqual({ path: '/parts/0', message: expect.stringMatching(/base64/) as string });
    expect(error.message).toMatch(/… and 4980 more$/);
    expect(JSON.stringify(error.payload).length).toBeLessThan(20_000);
  });
});

describe('damaged stored data', () => {
  it('a record whose bytes do not decode answers CORRUPT saying so, and the rest of the tree is still read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-host-damaged-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'db');
    const db = await open(path, schema(tree('notes', { key: autoIncrement(), value: t.object({ text: t.string() }) })));
    await db.transaction((tx) => ['one', 'two', 'three'].forEach((text) => tx.notes.insert({ text })));
    await db.close();
    // Bytes msgpack never starts a value with, under note 2's key (a number key encodes the same in lmdb-js's default).
    const raw = openLmdb({ path, maxDbs: 10_000 });
    raw.openDB('t/notes', { encoding: 'binary', useVersions: true }).putSync(2, Uint8Array.of(0xc1, 0xc1, 0xc1), 99);
    await raw.close();

    const { client } = await startHost({ path });
    const error = await client.call('records.page', { tree: 'notes', limit: 10 }).then(
      () => expect.fail('expected CORRUPT'),
      (caught: unknown) => caught as HostError,
    );
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toMatch(/^The database is damaged where records\.page read it: a stored value does not decode \(.+\)\. Run npm run verify/);
    expect(await client.call('records.get', { tree: 'notes', key: 3 })).toMatchObject({ entry: { value: { text: 'three' } } });
  });
});

