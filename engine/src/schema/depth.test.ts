/**
 * One nesting limit, MAX_VALUE_DEPTH: schemas past it are refused where trees
 * are declared and where a stored catalog is read, values past it are a
 * validation issue (not a stack overflow), and a schema within it stays far
 * below the host's JSON depth limit, whatever keywords it is made of.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Type from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { autoIncrement, custom, InvalidSchemaError, open, openDatabase, schema, t, tree, ValidationError } from '../index.js';
import { withRawStores } from '../integrity/fixtures/raw-stores.js';
import { MAX_VALUE_DEPTH, schemaDepthProblem, valueDepthIssue } from './depth.js';
import type { TSchema } from 'typebox';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function tempDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'trellis-depth-'));
  folders.push(folder);
  return folder;
}

/** `levels` objects around a leaf: values nest `levels` deep inside the record. */
function nested(levels: number, leaf: TSchema = t.string()): TSchema {
  let schema = leaf;
  for (let i = 0; i < levels; i++) schema = t.object({ a: schema });
  return schema;
}
/** The record's own schema: a field `a` that nests `levels - 1` more objects. */
const recordSchema = (levels: number, leaf?: TSchema) => nested(levels, leaf) as ReturnType<typeof t.object>;

function nestedValue(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function jsonDepth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(jsonDepth));
}

describe('schema depth', () => {
  it('refuses a schema nested 150 levels where the tree is declared, naming the tree and the path', () => {
    const declare = () => tree('deep', { key: autoIncrement(), value: recordSchema(150) });
    expect(declare).toThrow(InvalidSchemaError);
    expect(declare).toThrow(new RegExp(`tree 'deep': the value schema nests deeper than ${MAX_VALUE_DEPTH} levels at '(a\\.){${MAX_VALUE_DEPTH}}a'`));
  });

  it('accepts a schema exactly at the limit and refuses one level more, for objects, lists and unions alike', () => {
    expect(() => tree('atLimit', { key: autoIncrement(), value: recordSchema(MAX_VALUE_DEPTH) })).not.toThrow();
    expect(() => tree('past', { key: autoIncrement(), value: recordSchema(MAX_VALUE_DEPTH + 1) })).toThrow(InvalidSchemaError);
    let list: TSchema = t.string();
    for (let i = 0; i < MAX_VALUE_DEPTH; i++) list = t.array(list);
    expect(() => tree('lists', { key: autoIncrement(), value: t.object({ l: list }) })).toThrow(/at 'l(\[\]){64}'/);
    // A union adds a level of its own: nullable objects nest twice as fast.
    let union: TSchema = t.string();
    for (let i = 0; i < 40; i++) union = t.nullable(t.object({ a: union }));
    expect(() => tree('unions', { key: autoIncrement(), value: t.object({ a: union }) })).toThrow(InvalidSchemaError);
    // A custom key schema counts as well.
    expect(() => tree('keys', { key: custom(nested(MAX_VALUE_DEPTH + 1), () => nestedValue(MAX_VALUE_DEPTH + 1) as never) as never, value: t.object({}) })).toThrow(/the key schema nests/);
  });

  it('refuses a schema that only becomes too deep once a reference takes its target’s key schema, creating nothing', async () => {
    const targets = tree('targets', { key: custom(nested(MAX_VALUE_DEPTH - 1), (v: { k: never }) => v.k) as never, value: t.object({ k: nested(MAX_VALUE_DEPTH - 1) as never }) });
    const holders = tree('holders', { key: autoIncrement(), value: t.object({ x: t.object({ y: t.ref(targets) }) }) });
    const path = join(tempDir(), 'db');
    await expect(open(path, schema(targets, holders))).rejects.toThrow(/tree 'holders': the value schema nests deeper than 64 levels at 'x\.y(\.a){63}'/);
    expect(existsSync(path)).toBe(false);
  });

  it('a schema within the limit is at most 2 × (limit + 1) levels of JSON, whatever it is made of (property)', () => {
    const limit = 4;
    const leaf = fc.constantFrom<object>({ type: 'string' }, { type: 'string', enum: ['a', 'b'] }, { const: { a: [1, { b: 2 }] } }, { type: 'integer', default: 3 });
    const { node } = fc.letrec<{ node: object }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.dictionary(fc.constantFrom('a', 'b'), tie('node'), { maxKeys: 2 }).map((properties) => ({ type: 'object', properties, required: Object.keys(properties) })),
        tie('node').map((items) => ({ type: 'array', items })),
        fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((anyOf) => ({ anyOf })),
        fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((prefixItems) => ({ type: 'array', prefixItems })),
        tie('node').map((not) => ({ not, default: [[{ x: [1] }]] })),
      ),
    })) as { node: fc.Arbitrary<object> };
    let within = 0;
    fc.assert(
      fc.property(node, (schema) => {
        if (schemaDepthProblem(schema, limit) !== undefined) return;
        within++;
        expect(jsonDepth(schema)).toBeLessThanOrEqual(2 * (limit + 1));
      }),
      { numRuns: 2000, seed: 7 },
    );
    expect(within).toBeGreaterThan(100);
  });

  it('worst case at the real limit: 130 levels of JSON, 133 inside database.info, below the host’s 200', () => {
    // Every level as deep in JSON as a level can be (a schema node and its `properties`), and an `enum` list at the bottom.
    const worst = recordSchema(MAX_VALUE_DEPTH, t.enum(['x']));
    expect(schemaDepthProblem(worst)).toBeUndefined();
    expect(jsonDepth(worst)).toBe(2 * (MAX_VALUE_DEPTH + 1));
    // database.info: { trees: [ { value: <schema> } ] } and a custom key's schema at { trees: [ { key: { schema } } ] }.
    expect(jsonDepth({ trees: [{ value: worst, key: { kind: 'custom', schema: worst } }] })).toBe(2 * (MAX_VALUE_DEPTH + 1) + 4);
    expect(2 * (MAX_VALUE_DEPTH + 1) + 4).toBeLessThan(200);
  });

  it('refuses a stored catalog whose schema is too deep (another tool, or an engine before the limit) with INVALID_SCHEMA', async () => {
    const path = tempDir();
    const shallow = tree('deep', { key: autoIncrement(), value: t.object({ a: t.string() }) });
    const db = await open(path, schema(shallow));
    await db.deep.insert({ a: 'x' });
    await db.close();
    await withRawStores(path, (raw) => {
      const meta = raw.plain('__meta');
      const catalog = meta.get('catalog') as { trees: Record<string, { value: unknown }> };
      catalog.trees['deep']!.value = nested(150);
      meta.putSync('catalog', catalog);
    });
    await expect(openDatabase(path)).rejects.toThrow(InvalidSchemaError);
    await expect(openDatabase(path)).rejects.toThrow(/tree 'deep': the value schema nests deeper than 64 levels/);
  });
});

describe('value depth', () => {
  const free = tree('free', { key: autoIncrement(), value: t.object({ data: Type.Unknown() }) });

  it('refuses a value nested past the limit as a VALIDATION issue at the first level too deep, on both faces', async () => {
    const db = await open(tempDir(), schema(free));
    const atLimit = { data: nestedValue(MAX_VALUE_DEPTH - 1) };
    await db.free.insert(atLimit);
    for (const levels of [MAX_VALUE_DEPTH, 100_000]) {
      const value = { data: nestedValue(levels) };
      for (const write of [() => db.free.insert(value), () => db.opaque.tree('free').insert(value)]) {
        const error = await write().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ValidationError);
        const [issue] = (error as ValidationError).issues;
        expect(issue?.path).toBe(`/data${'/a'.repeat(MAX_VALUE_DEPTH - 1)}`);
        expect(issue?.message).toMatch(/nests deeper than 64 levels/);
      }
      expect(db.opaque.tree('free').validate(value)).toHaveLength(1);
    }
    expect(db.free.count()).toBe(1);
    await db.close();
  });

  it('walks only plain objects and lists (a Date or bytes is a leaf), and names the path with JSON Pointer escapes', () => {
    expect(valueDepthIssue({ when: new Date(0), bytes: new Uint8Array(10) }, 1)).toBeUndefined();
    expect(valueDepthIssue({ 'a/b': [{ '~': {} }] }, 3)).toEqual({ path: '/a~1b/0/~0', message: 'nests deeper than 3 levels of objects and lists' });
    expect(valueDepthIssue([[[]]], 3)).toBeUndefined();
  });
});
