/**
 * Deep schemas through the host: a tree whose schema nests as deep as the
 * engine allows (MAX_VALUE_DEPTH) is described by database.info and paged by
 * records.page within the host's plain-JSON depth limit, and a stored catalog
 * deeper than that is refused with INVALID_SCHEMA instead of answering INTERNAL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as openLmdb } from 'lmdb';
import { describe, expect, it } from 'vitest';
import { autoIncrement, MAX_VALUE_DEPTH, open, schema, t, tree } from '@trellis/engine';
import type { TSchema } from 'typebox';
import { codeOf, onCleanup, startHost } from './fixtures/host-harness.js';
import { MAX_JSON_DEPTH } from './plain-json.js';

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-host-deep-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'db');
}

/** `levels` objects around an enum: as deep in JSON as a schema at that depth can be. */
function nestedSchema(levels: number): TSchema {
  let schema: TSchema = t.enum(['x', 'y']);
  for (let i = 0; i < levels; i++) schema = t.object({ a: schema });
  return schema;
}
function nestedValue(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}
function jsonDepth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(jsonDepth));
}

describe('a schema at the depth limit', () => {
  it('is described by database.info and its deepest records are paged, validated and written', async () => {
    const path = tempPath();
    const deep = tree('deep', { key: autoIncrement(), value: nestedSchema(MAX_VALUE_DEPTH) as ReturnType<typeof t.object> });
    const db = await open(path, schema(deep));
    await db.opaque.tree('deep').insert(nestedValue(MAX_VALUE_DEPTH));
    await db.close();

    const { client, logged } = await startHost({ path });
    const info = await client.call('database.info', {});
    const summary = info.trees.find((t) => t.name === 'deep')!;
    expect(summary.value).toEqual(JSON.parse(JSON.stringify(deep.value)));
    // The whole answer, as it crosses the wire, and what room is left under the host's limit.
    expect(jsonDepth(info)).toBe(2 * (MAX_VALUE_DEPTH + 1) + 3);
    expect(jsonDepth(info)).toBeLessThan(MAX_JSON_DEPTH);

    const page = await client.call('records.page', { tree: 'deep', limit: 10 });
    expect(page.entries.map((e) => e.value)).toEqual([nestedValue(MAX_VALUE_DEPTH)]);
    expect(await client.call('records.validate', { tree: 'deep', value: nestedValue(MAX_VALUE_DEPTH) })).toMatchObject({ issues: [] });
    expect((await client.call('records.insert', { tree: 'deep', value: nestedValue(MAX_VALUE_DEPTH) })).entry.key).toBe(2);
    // One level more is a validation issue, not INTERNAL.
    expect(await codeOf(client.call('records.insert', { tree: 'deep', value: nestedValue(MAX_VALUE_DEPTH + 1) }))).toBe('VALIDATION');
    expect(logged).toEqual([]);
  });

  it('a stored catalog nested 150 levels (written before the limit) is refused with INVALID_SCHEMA', async () => {
    const path = tempPath();
    const db = await open(path, schema(tree('deep', { key: autoIncrement(), value: t.object({ a: t.string() }) })));
    await db.close();
    // What an engine without the limit stored: the same catalog, 150 levels deep.
    const env = openLmdb({ path });
    const meta = env.openDB('__meta', { useVersions: true });
    const catalog = meta.get('catalog') as { trees: Record<string, { value: unknown }> };
    catalog.trees['deep']!.value = JSON.parse(JSON.stringify(nestedSchema(150)));
    await meta.put('catalog', catalog);
    await env.close();

    const { client } = await startHost();
    expect(await codeOf(client.call('database.open', { path }))).toBe('INVALID_SCHEMA');
    // The database that was open stays open.
    expect((await client.call('database.info', {})).trees.map((t) => t.name).sort()).toEqual(['pets', 'toys', 'users']);
  });
});
