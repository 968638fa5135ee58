/**
 * Declared labels: stored in the catalog as field paths, checked when declared
 * (a field that cannot label is refused by name), and a compatible change on
 * reopen (added to a database written without it, which then still opens).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autoIncrement, InvalidSchemaError, labelFieldsOf, open, openDatabase, schema, t, tree } from '@trellis/engine';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'trellis-labels-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const value = t.object({ code: t.string(), name: t.string(), info: t.object({ short: t.string() }), seen: t.timestamp() });
const cities = (label?: 'code' | readonly ['code', 'info.short']) => tree('cities', { key: autoIncrement(), value, ...(label ? { label } : {}) });

describe('declared labels', () => {
  it('are stored as a list of field paths, and win over the heuristic', async () => {
    const db = await open(join(dir, 'a'), schema(cities(['code', 'info.short'])));
    try {
      const stored = db.catalog.trees['cities']!;
      expect(stored.label).toEqual(['code', 'info.short']);
      expect(labelFieldsOf(stored)).toEqual(['code', 'info.short']);
    } finally {
      await db.close();
    }
  });

  it('are absent from the catalog when not declared (the heuristic picks `name`)', async () => {
    const db = await open(join(dir, 'b'), schema(cities()));
    try {
      expect('label' in db.catalog.trees['cities']!).toBe(false);
      expect(labelFieldsOf(db.catalog.trees['cities']!)).toEqual(['name']);
    } finally {
      await db.close();
    }
  });

  it('refuse a field that is not there or cannot label, naming it', async () => {
    const bad = (label: string) => tree('cities', { key: autoIncrement(), value, label: label as 'code' });
    await expect(open(join(dir, 'c'), schema(bad('nope')))).rejects.toThrow(InvalidSchemaError);
    await expect(open(join(dir, 'c'), schema(bad('seen')))).rejects.toThrow(/'seen' must be text, a number or a boolean/);
    await expect(open(join(dir, 'c'), schema(bad('info')))).rejects.toThrow(/'info' must be text/);
  });

  it('can be added to a database written without one, which stays readable by tools', async () => {
    const path = join(dir, 'd');
    await (await open(path, schema(cities()))).close();
    const relabelled = await open(path, schema(cities('code')));
    const version = relabelled.catalog.schemaVersion;
    await relabelled.close();
    const opaque = await openDatabase(path);
    try {
      expect(opaque.catalog.trees['cities']!.label).toEqual(['code']);
      expect(version).toBe(2);
    } finally {
      await opaque.close();
    }
  });
});
