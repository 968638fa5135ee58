/**
 * Catalog format 1 kept every reverse reference in one store (`__refs`, keys
 * `[target, ...targetKey, holder tree, path, ...holderKey]`); format 2 gives each
 * reference its own (`r/<tree>/<path>`, keys `[...targetKey, ...holderKey]`).
 * A format 1 database opened read-only is read as it is; opened writable, it is
 * upgraded before anything else reads it. The format 1 database here is made
 * from a format 2 one by moving its entries back, as the old engine kept them.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, composite, open, openDatabase, ReferencedError, schema, t, tree, verifyDatabase } from '../index.js';
import { openLmdbBackend } from '../storage/lmdb-backend.js';
import { failure, tempDir } from '../testing/contract-backends.js';
import { CATALOG_KEY, META_STORE, REFS_STORE } from './meta.js';
import { referenceStoreName } from './tree-model.js';

const countries = tree('countries', { key: autoIncrement(), value: t.object({ name: t.string() }) });
const states = tree('states', {
  key: composite('country', 'code'),
  value: t.object({ country: t.ref(countries), code: t.string(), name: t.string() }),
});
const cities = tree('cities', {
  key: autoIncrement(),
  value: t.object({ name: t.string(), country: t.ref(countries), twins: t.refs(countries, { onDelete: 'setNull' }) }),
});
const geo = schema(countries, states, cities);
/** Every reference of the schema: [holder tree, path, target tree]. */
const REFERENCES = [
  ['states', 'country', 'countries'],
  ['cities', 'country', 'countries'],
  ['cities', 'twins[]', 'countries'],
] as const;

async function formatOneDatabase(): Promise<{ path: string; fr: number; de: number }> {
  const path = tempDir();
  const db = await open(path, geo);
  const fr = await db.countries.insert({ name: 'France' });
  const de = await db.countries.insert({ name: 'Germany' });
  await db.states.insert({ country: fr, code: 'IDF', name: 'Île-de-France' });
  await db.states.insert({ country: de, code: 'BY', name: 'Bavaria' });
  await db.cities.insertMany([
    { name: 'Paris', country: fr, twins: [de] },
    { name: 'Lyon', country: fr, twins: [] },
    { name: 'Munich', country: de, twins: [fr, de] },
  ]);
  await db.close();
  const backend = openLmdbBackend(path);
  await backend.transaction(() => {
    const shared = backend.store(REFS_STORE, { kind: 'plain' });
    for (const [holder, field, target] of REFERENCES) {
      const store = backend.store(referenceStoreName(holder, field), { kind: 'plain' });
      const targetArity = 1; // countries: one auto-increment part
      for (const key of [...store.keys({})] as unknown[][]) {
        shared.put([target, ...key.slice(0, targetArity), holder, field, ...key.slice(targetArity)] as never, null);
        store.remove(key as never);
      }
    }
    const meta = backend.store(META_STORE, { kind: 'plain' });
    meta.put(CATALOG_KEY, { ...(meta.get(CATALOG_KEY) as object), formatVersion: 1 });
  });
  await backend.close();
  return { path, fr, de };
}

/** What the holders of France and Germany are, as a reader sees them. */
async function holders(path: string, readOnly: boolean) {
  const db = await openDatabase(path, { readOnly });
  try {
    const tree = db.tree('countries');
    return {
      fr: tree.referencedBy(1),
      de: tree.referencedBy(2),
      groups: tree.referenceGroups(2),
      page: tree.referencedBy(2, { group: { tree: 'cities', path: 'twins[]', after: 3 } }),
      limited: tree.referencedBy(1, { limit: 2 }),
    };
  } finally {
    await db.close();
  }
}

const EXPECTED = {
  fr: [
    { tree: 'cities', path: 'country', key: 1 },
    { tree: 'cities', path: 'country', key: 2 },
    { tree: 'cities', path: 'twins[]', key: 3 },
    { tree: 'states', path: 'country', key: [1, 'IDF'] },
  ],
  de: [
    { tree: 'cities', path: 'country', key: 3 },
    { tree: 'cities', path: 'twins[]', key: 1 },
    { tree: 'cities', path: 'twins[]', key: 3 },
    { tree: 'states', path: 'country', key: [2, 'BY'] },
  ],
  groups: [
    { tree: 'cities', path: 'country', count: 1 },
    { tree: 'cities', path: 'twins[]', count: 2 },
    { tree: 'states', path: 'country', count: 1 },
  ],
  page: [],
  limited: [
    { tree: 'cities', path: 'country', key: 1 },
    { tree: 'cities', path: 'country', key: 2 },
  ],
};

describe('reverse references of catalog format 1 (lmdb)', () => {
  it('opened writable, holders are listed as format 1 listed them, now from a store per reference', async () => {
    const { path } = await formatOneDatabase();
    // Upgraded here: the answers below must equal format 1's, read before the upgrade.
    expect(await holders(path, false)).toEqual(EXPECTED);
  });

  it('read-only, a format 1 database is read as it is, checked clean, and left unchanged', async () => {
    const { path } = await formatOneDatabase();
    expect(await holders(path, true)).toEqual(EXPECTED);
    const report = await verifyDatabase(path);
    expect(report.problems).toEqual([]);
    expect(report.checked.references).toBe(8);
    const backend = openLmdbBackend(path, { readOnly: true });
    try {
      expect(backend.store(REFS_STORE, { kind: 'plain' }).countRange({})).toBe(8);
      expect((backend.store(META_STORE, { kind: 'plain' }).get(CATALOG_KEY) as { formatVersion: number }).formatVersion).toBe(1);
    } finally {
      await backend.close();
    }
  });

  it('opened writable, it is upgraded: each reference its own store, the shared one emptied, format 2, and writes keep them', async () => {
    const { path, fr, de } = await formatOneDatabase();
    const db = await open(path, geo);
    try {
      expect(db.catalog.formatVersion).toBe(2);
      expect(db.countries.referencedBy(db.countries.key(de))).toEqual(EXPECTED.de);
      // Restrict still sees every holder; setNull and new references write the new stores.
      await failure(db.countries.delete(db.countries.key(fr)), ReferencedError);
      const berlin = await db.cities.insert({ name: 'Berlin', country: db.countries.key(de), twins: [] });
      expect(db.countries.referenceGroups(db.countries.key(de))).toContainEqual({ tree: 'cities', path: 'country', count: 2 });
      await db.cities.delete(berlin);
    } finally {
      await db.close();
    }
    expect((await verifyDatabase(path)).problems).toEqual([]);
    const backend = openLmdbBackend(path, { readOnly: true });
    try {
      expect(backend.store(REFS_STORE, { kind: 'plain' }).countRange({})).toBe(0);
      const counts = REFERENCES.map(([holder, field]) => backend.store(referenceStoreName(holder, field), { kind: 'plain' }).countRange({}));
      expect(counts).toEqual([2, 3, 3]);
    } finally {
      await backend.close();
    }
  });
});
