/**
 * The stored catalog across reopens: the same schema costs nothing, compatible
 * changes are applied on open (and counted in schemaVersion), incompatible ones
 * are refused naming the tree and the field, and leave the catalog as it was.
 * Auto-increment counters survive reopening.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autoIncrement,
  composite,
  IncompatibleSchemaError,
  open,
  openDatabase,
  schema,
  t,
  tree,
  TrellisError,
  UniqueViolationError,
  uuid,
  type Catalog,
  type Schema,
} from '@trellis/engine';
import { openEngine } from './open.js';
import { indexStoreName } from './tree-model.js';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-catalog-'));
  path = join(dir, 'db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each declaration is made anew by a function: reopening compares stored data, not objects.
const users = () =>
  tree('users', {
    key: autoIncrement(),
    value: t.object({ name: t.string(), city: t.string(), joined: t.timestamp() }),
  });
const usersIndexed = () =>
  tree('users', {
    key: autoIncrement(),
    value: t.object({ name: t.string(), city: t.string(), joined: t.timestamp() }),
    indexes: { byCity: { on: 'city' }, byName: { on: 'name', unique: true }, byCityJoined: { on: ['city', 'joined'] } },
  });
const pets = (onDelete: 'restrict' | 'cascade' | 'setNull' = 'restrict') =>
  tree('pets', {
    key: autoIncrement(),
    value: t.object({ name: t.string(), owner: t.ref('users', { onDelete }) }),
  });

const cities = ['Oslo', 'Lima', 'Pune'];
const joined = (i: number) => new Date(Date.UTC(2020, 0, 1 + i));

async function seed(count = 30): Promise<void> {
  const db = await open(path, schema(users(), pets()));
  await db.transaction((trees) => {
    for (let i = 0; i < count; i++) {
      const owner = trees.users.insert({ name: `user${i}`, city: cities[i % 3]!, joined: joined(i) });
      trees.pets.insert({ name: `pet${i}`, owner });
    }
  });
  await db.close();
}

async function storedCatalog(): Promise<Catalog> {
  const db = await openDatabase(path, { readOnly: true });
  try {
    return structuredClone(db.catalog);
  } finally {
    await db.close();
  }
}

async function storedRevision(): Promise<number> {
  const db = await openDatabase(path, { readOnly: true });
  try {
    return db.revision();
  } finally {
    await db.close();
  }
}

const dataHash = () => createHash('sha256').update(readFileSync(join(path, 'data.mdb'))).digest('hex');

/** Entries of a store, read beneath both faces (to see that a dropped index's entries are gone). */
async function storeCount(name: string): Promise<number> {
  const engine = await openEngine(path, undefined, { readOnly: true });
  try {
    return engine.store(name).count();
  } finally {
    await engine.close();
  }
}

async function openFails(declared: Schema): Promise<TrellisError> {
  try {
    const db = await open(path, declared);
    await db.close();
  } catch (error) {
    expect(error).toBeInstanceOf(TrellisError);
    return error as TrellisError;
  }
  throw new Error('expected the open to be refused');
}

describe('reopening with the same schema', () => {
  it('is free: schemaVersion and revision unchanged, nothing written', async () => {
    await seed();
    const catalog = await storedCatalog();
    const revision = await storedRevision();
    expect(catalog.schemaVersion).toBe(1);
    expect(revision).toBe(60);
    const before = dataHash();
    for (let i = 0; i < 3; i++) {
      const db = await open(path, schema(users(), pets()));
      expect(db.catalog).toEqual(catalog);
      expect(db.revision()).toBe(revision);
      expect(db.users.count()).toBe(30);
      await db.close();
    }
    expect(dataHash()).toBe(before);
    expect(await storedCatalog()).toEqual(catalog);
  });

  it('is free whatever order the trees are declared in', async () => {
    await seed();
    const catalog = await storedCatalog();
    const before = dataHash();
    const db = await open(path, schema(pets(), users()));
    expect(db.catalog.schemaVersion).toBe(1);
    await db.close();
    expect(dataHash()).toBe(before);
    expect(await storedCatalog()).toEqual(catalog);
  });
});

describe('compatible changes, applied on open', () => {
  it('adds a new tree', async () => {
    await seed();
    const tags = tree('tags', { key: composite('user', 'label'), value: t.object({ user: t.ref('users'), label: t.string() }) });
    const db = await open(path, schema(users(), pets(), tags));
    expect(db.catalog.schemaVersion).toBe(2);
    expect(Object.keys(db.catalog.trees).sort()).toEqual(['pets', 'tags', 'users']);
    expect(db.users.count()).toBe(30);
    const key = await db.tags.insert({ user: db.users.key(1), label: 'admin' });
    expect(key).toEqual([1, 'admin']);
    expect(db.users.referencedBy(db.users.key(1)).map((h) => h.tree).sort()).toEqual(['pets', 'tags']);
    await db.close();
    expect((await storedCatalog()).trees['tags']?.key).toEqual({ kind: 'composite', fields: ['user', 'label'] });
  });

  it('adds a new optional field: old records stay valid, new ones may have it', async () => {
    await seed();
    const withEmail = tree('users', {
      key: autoIncrement(),
      value: t.object({ name: t.string(), city: t.string(), joined: t.timestamp(), email: t.optional(t.string()) }),
    });
    const db = await open(path, schema(withEmail, pets()));
    expect(db.catalog.schemaVersion).toBe(2);
    expect(db.users.get(db.users.key(1))).toEqual({ name: 'user0', city: 'Oslo', joined: joined(0) });
    const key = await db.users.insert({ name: 'new', city: 'Oslo', joined: joined(99), email: 'new@example.com' });
    expect(db.users.get(key)?.email).toBe('new@example.com');
    await db.users.update(db.users.key(2), { email: 'two@example.com' });
    expect(db.opaque.tree('users').validate({ name: 'x', city: 'y', joined: '2024-01-01T00:00:00.000Z' })).toEqual([]);
    const stored = db.catalog.trees['users']!.value;
    expect(stored['required']).not.toContain('email');
    expect((stored['properties'] as Record<string, unknown>)['email']).toEqual({ type: 'string' });
    await db.close();
  });

  it('builds a new index over the records already there', async () => {
    await seed();
    const revision = await storedRevision();
    const db = await open(path, schema(usersIndexed(), pets()));
    expect(db.catalog.schemaVersion).toBe(2);
    expect(db.revision()).toBe(revision); // building an index changes no record
    const inOslo = [...db.users.index('byCity').records({ equals: 'Oslo' })].map((e) => e.value.name);
    expect(inOslo).toEqual(Array.from({ length: 10 }, (_, i) => `user${i * 3}`));
    expect(db.users.index('byName').get('user7')?.key).toBe(8);
    const compound = [...db.users.index('byCityJoined').keys({ equals: ['Lima', joined(4)] })].map((hit) => hit.key);
    expect(compound).toEqual([5]);
    // Leading fields of a compound index (the typed face asks for the whole tuple).
    expect([...db.users.index('byCityJoined').keys({ equals: 'Pune' as never })]).toHaveLength(10);
    // The new index is kept from now on, and the unique one is enforced.
    await db.users.update(db.users.key(1), { city: 'Lima' });
    expect([...db.users.index('byCity').keys({ equals: 'Oslo' })]).toHaveLength(9);
    await expect(db.users.insert({ name: 'user3', city: 'Oslo', joined: joined(0) })).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
    await db.close();
  });

  it('drops a removed index, emptying it; adding it back rebuilds it from the records', async () => {
    await seed();
    let db = await open(path, schema(usersIndexed(), pets()));
    await db.close();
    expect(await storeCount(indexStoreName('users', 'byCity'))).toBe(30);

    const noCityIndex = tree('users', {
      key: autoIncrement(),
      value: t.object({ name: t.string(), city: t.string(), joined: t.timestamp() }),
      indexes: { byName: { on: 'name', unique: true }, byCityJoined: { on: ['city', 'joined'] } },
    });
    const dropped = await open(path, schema(noCityIndex, pets()));
    expect(dropped.catalog.schemaVersion).toBe(3);
    expect(dropped.catalog.trees['users']!.indexes.map((i) => i.name)).toEqual(['byName', 'byCityJoined']);
    expect(() => dropped.users.index('byCity' as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_INDEX' }));
    // Records change while the index is gone.
    await dropped.users.update(dropped.users.key(1), { city: 'Rome' });
    await dropped.transaction((trees) => {
      trees.pets.delete(trees.pets.key(30));
      trees.users.delete(trees.users.key(30));
    });
    await dropped.close();
    expect(await storeCount(indexStoreName('users', 'byCity'))).toBe(0);

    db = await open(path, schema(usersIndexed(), pets()));
    expect(db.catalog.schemaVersion).toBe(4);
    expect([...db.users.index('byCity').keys({ equals: 'Rome' })].map((h) => h.key)).toEqual([1]);
    expect([...db.users.index('byCity').keys({ equals: 'Oslo' })]).toHaveLength(9);
    expect([...db.users.index('byCity').keys()]).toHaveLength(29);
    await db.close();
  });

  it('changes what deleting a referenced record does (onDelete)', async () => {
    await seed(3);
    let db = await open(path, schema(users(), pets('restrict')));
    await expect(db.users.delete(db.users.key(1))).rejects.toMatchObject({ code: 'REFERENCED' });
    await db.close();

    db = await open(path, schema(users(), pets('cascade')));
    expect(db.catalog.schemaVersion).toBe(2);
    expect(db.catalog.trees['pets']!.references).toEqual([{ path: 'owner', target: 'users', onDelete: 'cascade', many: false }]);
    await db.users.delete(db.users.key(1));
    expect(db.pets.has(db.pets.key(1))).toBe(false);
    expect(db.pets.count()).toBe(2);
    await db.close();

    const nulling = await open(path, schema(users(), pets('setNull')));
    expect(nulling.catalog.schemaVersion).toBe(3);
    await nulling.users.delete(nulling.users.key(2));
    expect(nulling.pets.get(nulling.pets.key(2))).toEqual({ name: 'pet1', owner: null });
    await nulling.close();

    // Back from setNull: the reference would stop admitting the null a record now holds.
    const catalog = await storedCatalog();
    const error = (await openFails(schema(users(), pets('restrict')))) as IncompatibleSchemaError;
    expect(error.code).toBe('INCOMPATIBLE_SCHEMA');
    expect([error.tree, error.field]).toEqual(['pets', 'owner']);
    expect(error.message).toMatch(/no longer be null/);
    expect(await storedCatalog()).toEqual(catalog);
  });

  it('counts several changes made in one open as one schema version', async () => {
    await seed();
    const labels = tree('labels', { key: uuid(), value: t.object({ text: t.string() }) });
    const db = await open(path, schema(usersIndexed(), pets('cascade'), labels));
    expect(db.catalog.schemaVersion).toBe(2);
    await db.close();
    const again = await open(path, schema(usersIndexed(), pets('cascade'), labels));
    expect(again.catalog.schemaVersion).toBe(2);
    await again.close();
  });
});

describe('incompatible changes', () => {
  const cases: [string, () => Schema, string, RegExp][] = [
    [
      'a new required field',
      () =>
        schema(
          tree('users', { key: autoIncrement(), value: t.object({ name: t.string(), city: t.string(), joined: t.timestamp(), email: t.string() }) }),
          pets(),
        ),
      'email',
      /new field must be optional/,
    ],
    [
      'an optional field made required',
      () => schema(users(), tree('pets', { key: autoIncrement(), value: t.object({ name: t.string(), owner: t.ref('users'), age: t.integer() }) })),
      'age',
      /optional field became required/,
    ],
    [
      'a removed field',
      () => schema(tree('users', { key: autoIncrement(), value: t.object({ name: t.string(), joined: t.timestamp() }) }), pets()),
      'city',
      /removed/,
    ],
    [
      'a field whose type changed',
      () => schema(tree('users', { key: autoIncrement(), value: t.object({ name: t.string(), city: t.integer(), joined: t.timestamp() }) }), pets()),
      'city',
      /changed type/,
    ],
    [
      'a changed key strategy',
      () => schema(tree('users', { key: uuid(), value: t.object({ name: t.string(), city: t.string(), joined: t.timestamp() }) }), pets()),
      '(key)',
      /key changed/,
    ],
  ];

  for (const [what, declared, field, reason] of cases) {
    it(`refuses ${what}, naming the tree and the field, and leaves the catalog as it was`, async () => {
      await seed(5);
      if (what === 'an optional field made required') {
        // First make `age` an optional field of pets, so that requiring it is the change under test.
        const withAge = tree('pets', { key: autoIncrement(), value: t.object({ name: t.string(), owner: t.ref('users'), age: t.optional(t.integer()) }) });
        await (await open(path, schema(users(), withAge))).close();
      }
      const treeName = what === 'an optional field made required' ? 'pets' : 'users';
      const catalog = await storedCatalog();
      const before = dataHash();
      const error = await openFails(declared());
      expect(error).toBeInstanceOf(IncompatibleSchemaError);
      expect(error.code).toBe('INCOMPATIBLE_SCHEMA');
      expect((error as IncompatibleSchemaError).tree).toBe(treeName);
      expect((error as IncompatibleSchemaError).field).toBe(field);
      expect(error.message).toContain(`'${treeName}'`);
      expect(error.message).toContain(field);
      expect(error.message).toMatch(reason);
      expect(await storedCatalog()).toEqual(catalog);
      expect(dataHash()).toBe(before);
      // The database still opens with the schema it has.
      const db = await openDatabase(path);
      expect(db.tree('users').count()).toBe(5);
      await db.close();
    });
  }

  it('names a nested field by its dotted path', async () => {
    const people = (city: ReturnType<typeof t.string> | ReturnType<typeof t.integer>) =>
      tree('people', { key: autoIncrement(), value: t.object({ address: t.object({ street: t.string(), city }) }) });
    await (await open(path, schema(people(t.string())))).close();
    const error = (await openFails(schema(people(t.integer())))) as IncompatibleSchemaError;
    expect(error.code).toBe('INCOMPATIBLE_SCHEMA');
    expect(error.tree).toBe('people');
    expect(error.field).toBe('address.city');
  });

  it('refuses a new unique index over values that are already duplicated, writing nothing', async () => {
    await seed(); // ten users per city
    const catalog = await storedCatalog();
    const revision = await storedRevision();
    const before = dataHash();
    const uniqueCity = tree('users', {
      key: autoIncrement(),
      value: t.object({ name: t.string(), city: t.string(), joined: t.timestamp() }),
      indexes: { byName: { on: 'name' }, byCity: { on: 'city', unique: true } },
    });
    const error = await openFails(schema(uniqueCity, pets()));
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect(error.code).toBe('UNIQUE_VIOLATION');
    expect(error.message).toContain('users.byCity');
    expect(error.message).toContain('"Oslo"');
    expect(await storedCatalog()).toEqual(catalog);
    expect(await storedRevision()).toBe(revision);
    expect(await storeCount(indexStoreName('users', 'byName'))).toBe(0);
    expect(await storeCount(indexStoreName('users', 'byCity'))).toBe(0);
    expect(dataHash()).toBe(before);
    // Still usable with the schema it has.
    const db = await open(path, schema(users(), pets()));
    expect(db.catalog.schemaVersion).toBe(1);
    expect(db.users.count()).toBe(30);
    await db.close();
  });
});

describe('auto-increment across reopening', () => {
  const items = () => tree('items', { key: autoIncrement(), value: t.object({ n: t.integer() }) });

  it('never reuses an id, even after the highest records are deleted', async () => {
    const issued = new Set<number>();
    const remember = (key: number) => {
      expect(issued.has(key), `id ${key} issued twice`).toBe(false);
      issued.add(key);
    };
    let db = await open(path, schema(items()));
    for (let i = 0; i < 300; i++) remember(await db.items.insert({ n: i }));
    expect(Math.max(...issued)).toBe(300);
    await db.close();

    db = await open(path, schema(items()));
    await db.transaction((trees) => {
      for (let id = 251; id <= 300; id++) trees.items.delete(trees.items.key(id));
    });
    expect(db.items.count()).toBe(250);
    await db.close();

    db = await open(path, schema(items()));
    const fresh: number[] = [await db.items.insert({ n: 1 }), await db.items.insert({ n: 2 })];
    fresh.push((await db.opaque.tree('items').insert({ n: 3 })).key as number);
    fresh.push(...(await db.transaction((trees) => [trees.items.insert({ n: 4 }), trees.items.insert({ n: 5 })])));
    for (const key of fresh) remember(key);
    expect(fresh).toEqual([301, 302, 303, 304, 305]);
    await db.close();

    db = await open(path, schema(items()));
    remember(await db.items.insert({ n: 6 }));
    expect(Math.max(...issued)).toBe(306);
    await db.close();
  });

  it('continues past an explicit id beyond 65,535, across reopening', async () => {
    let db = await open(path, schema(items()));
    await db.items.insert({ n: 1 });
    await db.items.put(db.items.key(70_000), { n: 2 });
    expect(await db.items.insert({ n: 3 })).toBe(70_001);
    await db.close();

    db = await open(path, schema(items()));
    expect(await db.items.insert({ n: 4 })).toBe(70_002);
    // Ids past 2^32 and an explicit id below the counter do not move it back.
    await db.items.put(db.items.key(5_000_000_000), { n: 5 });
    await db.items.put(db.items.key(2), { n: 6 });
    await db.close();

    db = await open(path, schema(items()));
    expect(await db.items.insert({ n: 7 })).toBe(5_000_000_001);
    expect([...db.items.range()].map((e) => e.key)).toEqual([1, 2, 70_000, 70_001, 70_002, 5_000_000_000, 5_000_000_001]);
    await db.close();
  });
});

describe('the stored catalog', () => {
  it('holds, per tree, its JSON Schema, key strategy, indexes and references, as plain JSON', async () => {
    const toys = tree('toys', {
      key: composite('pet', 'name'),
      value: t.object({ pet: t.ref('pets', { onDelete: 'cascade' }), name: t.string(), colours: t.array(t.enum(['red', 'blue'])) }),
      indexes: { byColour: { on: 'colours' } },
    });
    const db = await open(path, schema(usersIndexed(), pets('cascade'), toys));
    const catalog = await storedCatalog();
    expect(catalog).toEqual(db.catalog);
    await db.close();

    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
    expect(catalog).toMatchObject({ format: 'trellis', formatVersion: 2, schemaVersion: 1 });
    expect(Object.keys(catalog.trees).sort()).toEqual(['pets', 'toys', 'users']);

    const storedUsers = catalog.trees['users']!;
    expect(storedUsers.name).toBe('users');
    expect(storedUsers.key).toEqual({ kind: 'auto' });
    expect(storedUsers.keySchema).toMatchObject({ type: 'integer', minimum: 1 });
    expect(storedUsers.value).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['name', 'city', 'joined'],
      properties: {
        name: { type: 'string' },
        city: { type: 'string' },
        joined: { type: 'string', format: 'date-time', 'x-trellis': 'timestamp' },
      },
    });
    expect(storedUsers.indexes).toEqual([
      { name: 'byCity', on: ['city'], unique: false },
      { name: 'byName', on: ['name'], unique: true },
      { name: 'byCityJoined', on: ['city', 'joined'], unique: false },
    ]);
    expect(storedUsers.references).toEqual([]);

    const storedPets = catalog.trees['pets']!;
    expect(storedPets.references).toEqual([{ path: 'owner', target: 'users', onDelete: 'cascade', many: false }]);
    // A reference is stored as its target's key schema, so the JSON Schema checks it by itself.
    expect((storedPets.value['properties'] as Record<string, unknown>)['owner']).toMatchObject({
      type: 'integer',
      'x-trellis': 'ref',
      'x-ref': 'users',
      'x-on-delete': 'cascade',
    });

    const storedToys = catalog.trees['toys']!;
    expect(storedToys.key).toEqual({ kind: 'composite', fields: ['pet', 'name'] });
    expect(storedToys.keySchema).toMatchObject({ type: 'array', minItems: 2, maxItems: 2, prefixItems: [{ type: 'integer' }, { type: 'string' }] });
    expect(storedToys.indexes).toEqual([{ name: 'byColour', on: ['colours'], unique: false }]);
    expect(storedToys.references).toEqual([{ path: 'pet', target: 'pets', onDelete: 'cascade', many: false }]);
    expect((storedToys.value['properties'] as Record<string, unknown>)['colours']).toEqual({
      type: 'array',
      items: { type: 'string', enum: ['red', 'blue'] },
    });

    // The opaque face describes the same trees.
    const opaque = await openDatabase(path);
    expect(opaque.trees().map(({ count: _count, ...info }) => info)).toEqual(Object.values(catalog.trees));
    await opaque.close();
  });
});
