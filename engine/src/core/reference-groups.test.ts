/**
 * Holders of a record come in groups — each tree and field that refers to it —
 * and every group has its exact count and pages of its own. A flat list cut at
 * a limit lost whole groups (a country showed its cities, never its states).
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, composite, schema, t, tree } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const countries = tree('countries', { key: autoIncrement(), value: t.object({ name: t.string() }) });
const states = tree('states', {
  key: composite('country', 'code'),
  value: t.object({ country: t.ref(countries), code: t.string(), name: t.string() }),
});
const cities = tree('cities', {
  key: autoIncrement(),
  value: t.object({ name: t.string(), country: t.ref(countries), twinnedWith: t.refs(countries) }),
});
const appSchema = schema(countries, states, cities);
const CITIES = 250;

describe.each(backends)('reference groups ($name)', (backend) => {
  async function seeded() {
    const db = await backend.open(appSchema);
    const france = await db.countries.insert({ name: 'France' });
    const spain = await db.countries.insert({ name: 'Spain' });
    await db.transaction((tx) => {
      for (let i = 0; i < CITIES; i++) tx.cities.insert({ name: `city ${i}`, country: france, twinnedWith: i % 50 === 0 ? [spain, france] : [] });
    });
    await db.states.insert({ country: france, code: 'IDF', name: 'Île-de-France' });
    await db.states.insert({ country: france, code: 'OCC', name: 'Occitanie' });
    return { db, france, spain };
  }

  it('counts every group exactly, however many holders come before it', async () => {
    const { db, france, spain } = await seeded();
    expect(db.countries.referenceGroups(france)).toEqual([
      { tree: 'cities', path: 'country', count: CITIES },
      { tree: 'cities', path: 'twinnedWith[]', count: 5 },
      { tree: 'states', path: 'country', count: 2 },
    ]);
    expect(db.countries.referenceGroups(spain)).toEqual([{ tree: 'cities', path: 'twinnedWith[]', count: 5 }]);
    // The flat list cut at 200 never reaches the states: the groups do.
    expect(db.countries.referencedBy(france, { limit: 200 }).some((holder) => holder.tree === 'states')).toBe(false);
    expect(db.countries.referencedBy(france, { group: { tree: 'states', path: 'country' } }).map((holder) => holder.key)).toEqual([
      [france, 'IDF'],
      [france, 'OCC'],
    ]);
  });

  it('pages through one group after a holder, to its end, and nothing of another group', async () => {
    const { db, france } = await seeded();
    const group = { tree: 'cities', path: 'country' };
    const seen: unknown[] = [];
    let after: unknown;
    for (let page = 0; page < 10; page++) {
      const holders = db.countries.referencedBy(france, { limit: 100, group: { ...group, ...(after === undefined ? {} : { after }) } });
      expect(holders.every((holder) => holder.tree === 'cities' && holder.path === 'country')).toBe(true);
      seen.push(...holders.map((holder) => holder.key));
      if (holders.length < 100) break;
      after = holders.at(-1)?.key;
    }
    expect(seen).toHaveLength(CITIES);
    expect(new Set(seen).size).toBe(CITIES);
  });

  it('answers the same on the opaque face, with keys in text form', async () => {
    const { db, france } = await seeded();
    const opaque = db.opaque.tree('countries');
    expect(opaque.referenceGroups(france)).toEqual(db.countries.referenceGroups(france));
    expect(opaque.referencedBy(france, { group: { tree: 'states', path: 'country', after: [france, 'IDF'] } })).toEqual([
      { tree: 'states', path: 'country', key: [france, 'OCC'] },
    ]);
  });

  it('has no groups for a record nobody refers to, nor for a tree that does not exist', async () => {
    const { db } = await seeded();
    const lonely = await db.countries.insert({ name: 'Nowhere' });
    expect(db.countries.referenceGroups(lonely)).toEqual([]);
    expect(db.opaque.tree('countries').referencedBy(1, { group: { tree: 'no-such-tree', path: 'country' } })).toEqual([]);
  });

  it('refuses a cursor longer than any holder entry, as a bad key', async () => {
    const { db, france } = await seeded();
    const long = 'x'.repeat(1960); // fits as a states key alone (1,970 of 1,978 bytes), not after the target's key (1,980)
    const call = () => db.opaque.tree('countries').referencedBy(france, { group: { tree: 'states', path: 'country', after: [france, long] } });
    expect(call).toThrow(/invalid key for tree 'states'.*no holder key is that long/);
  });

  it('follows deletes: a group shrinks, and goes when its last holder does', async () => {
    const { db, france } = await seeded();
    await db.states.delete(db.states.key([france, 'IDF']));
    await db.states.delete(db.states.key([france, 'OCC']));
    expect(db.countries.referenceGroups(france).map((group) => `${group.tree}.${group.path}=${group.count}`)).toEqual([
      `cities.country=${CITIES}`,
      'cities.twinnedWith[]=5',
    ]);
  });
});
