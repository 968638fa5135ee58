/**
 * References over existing fields: `(countryCode, stateCode) → states` without a duplicated
 * array field. Checked writes, reverse lookups, cascades and refusals on both backends; the
 * declaration refused at open with the field and what was expected; adding one to a database
 * with records builds it (LMDB, reopened).
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, composite, fieldKey, IncompatibleSchemaError, InvalidSchemaError, MissingReferenceError, open, ReferencedError, schema, t, tree } from '../index.js';
import { backends, failure, tempDir } from '../testing/contract-backends.js';

const countries = tree('countries', { key: fieldKey('isoCode', t.string()), value: t.object({ isoCode: t.string(), name: t.string() }) });
const states = tree('states', { key: composite('countryCode', 'isoCode'), value: t.object({ countryCode: t.ref(countries), isoCode: t.string(), name: t.string() }) });
const cityValue = t.object({ name: t.string(), countryCode: t.string(), stateCode: t.optional(t.nullable(t.string())) });
const cities = tree('cities', {
  key: autoIncrement(),
  value: cityValue,
  references: { state: { fields: ['countryCode', 'stateCode'], target: states, onDelete: 'cascade' } },
});
const airports = tree('airports', {
  key: fieldKey('code', t.string()),
  value: t.object({ code: t.string(), country: t.string(), region: t.string() }),
  references: { state: { fields: ['country', 'region'], target: 'states' } }, // restrict, by name
});
const geo = schema(countries, states, cities, airports);

for (const backend of backends) {
  describe(`references over existing fields (${backend.name})`, () => {
    async function seeded() {
      const db = await backend.open(geo);
      const fr = await db.countries.insert({ isoCode: 'FR', name: 'France' });
      const idf = await db.states.insert({ countryCode: fr, isoCode: 'IDF', name: 'Île-de-France' });
      const ara = await db.states.insert({ countryCode: fr, isoCode: 'ARA', name: 'Auvergne-Rhône-Alpes' });
      return { db, idf, ara };
    }

    it('checks the key the fields make on every write, and answers who refers to a state', async () => {
      const { db, idf } = await seeded();
      const paris = await db.cities.insert({ name: 'Paris', countryCode: 'FR', stateCode: 'IDF' });
      expect(db.states.referencedBy(idf)).toEqual([{ tree: 'cities', path: 'state', key: paris }]);
      expect(db.states.referenceGroups(idf)).toEqual([{ tree: 'cities', path: 'state', count: 1 }]);
      const revision = db.revision();
      const missing = await failure(db.cities.insert({ name: 'Nowhere', countryCode: 'FR', stateCode: 'XX' }), MissingReferenceError);
      expect(missing.message).toBe('cities.state (countryCode, stateCode) refers to states/["FR","XX"], which does not exist');
      expect(missing.fields).toEqual(['countryCode', 'stateCode']);
      await expect(db.opaque.tree('cities').insert({ name: 'Nowhere', countryCode: 'DE', stateCode: 'BY' })).rejects.toMatchObject({ code: 'MISSING_REFERENCE' });
      expect(db.revision()).toBe(revision);
      // A field absent or null: the record refers to nothing.
      const somewhere = await db.cities.insert({ name: 'Somewhere', countryCode: 'FR', stateCode: null });
      await db.cities.insert({ name: 'Elsewhere', countryCode: 'FR' });
      expect(db.states.referencedBy(idf).map((h) => h.key)).toEqual([paris]);
      expect(db.cities.get(somewhere)?.stateCode).toBeNull();
      expect((await db.opaque.verify()).problems).toEqual([]);
    });

    it('moves the reverse entry when an update changes a field, and cascades or refuses a delete as declared', async () => {
      const { db, idf, ara } = await seeded();
      const lyon = await db.cities.insert({ name: 'Lyon', countryCode: 'FR', stateCode: 'IDF' });
      await db.cities.update(lyon, { stateCode: 'ARA' });
      expect(db.states.referencedBy(idf)).toEqual([]);
      expect(db.states.referencedBy(ara).map((h) => h.key)).toEqual([lyon]);
      await db.airports.insert({ code: 'LYS', country: 'FR', region: 'ARA' });
      const refused = await failure(db.states.delete(ara), ReferencedError);
      expect(refused.holders).toEqual([{ tree: 'airports', path: 'state', key: 'LYS' }]);
      expect(db.cities.has(lyon)).toBe(true);
      await db.airports.delete(db.airports.key('LYS'));
      await db.states.delete(ara); // cascade: Lyon goes with its state
      expect(db.cities.has(lyon)).toBe(false);
      await db.states.delete(idf);
      expect((await db.opaque.verify()).problems).toEqual([]);
    });
  });
}

describe('a reference over existing fields, declared wrong', () => {
  const refusal = async (references: Record<string, unknown>) =>
    (await failure(open(tempDir(), schema(countries, states, tree('towns', { key: autoIncrement(), value: cityValue, references: references as never }))), InvalidSchemaError)).message;

  it('is refused at open, naming the field and what was expected', async () => {
    expect(await refusal({ state: { fields: ['countryCode', 'name', 'stateCode'], target: states } })).toContain(
      "tree 'towns': reference 'state' over (countryCode, name, stateCode): states's key is [string, string], 2 part(s); give as many fields, in its order",
    );
    const numbered = tree('zones', { key: composite('country', 'number'), value: t.object({ country: t.string(), number: t.integer() }) });
    const message = (await failure(open(tempDir(), schema(numbered, tree('towns', { key: autoIncrement(), value: cityValue, references: { zone: { fields: ['countryCode', 'stateCode'], target: numbered } } }))), InvalidSchemaError)).message;
    expect(message).toContain("reference 'zone' over (countryCode, stateCode): zones's key is [string, integer]; field 'stateCode' (part 2) is string, expected integer");
    expect(await refusal({ state: { fields: ['countryCode', 'province'], target: states } })).toContain("'province' is not a top-level field of the value");
    expect(await refusal({ name: { fields: ['countryCode', 'stateCode'], target: states } })).toContain("'name' is already a field of the value");
    expect(await refusal({ state: { fields: ['countryCode', 'stateCode'], target: states, onDelete: 'setNull' } })).toContain("onDelete must be 'restrict' or 'cascade'");
    expect(await refusal({ state: { fields: ['stateCode'], target: states } })).toContain("a reference over one field is t.ref('states') on that field");
    expect(await refusal({ state: { fields: ['countryCode', 'stateCode'], target: 'regions' } })).toContain("refers to 'regions', which is not declared");
  });

  it('does not compile with a field the value does not have', () => {
    const declare = () =>
      tree('towns', {
        key: autoIncrement(),
        value: cityValue,
        // @ts-expect-error 'province' is not a field of the value
        references: { state: { fields: ['countryCode', 'province'], target: states } },
      });
    expect(typeof declare).toBe('function');
  });
});

describe('a reference over existing fields added to a database with records (lmdb, reopened)', () => {
  const plainCities = tree('cities', { key: autoIncrement(), value: cityValue });

  async function withCities(stateCodes: readonly string[]): Promise<string> {
    const path = tempDir();
    const db = await open(path, schema(countries, states, plainCities, airports));
    const fr = await db.countries.insert({ isoCode: 'FR', name: 'France' });
    await db.states.insert({ countryCode: fr, isoCode: 'IDF', name: 'Île-de-France' });
    for (const [i, stateCode] of stateCodes.entries()) await db.cities.insert({ name: `City ${i}`, countryCode: 'FR', stateCode });
    await db.close();
    return path;
  }

  it('builds its reverse entries when opened, and drops them when removed', async () => {
    const path = await withCities(['IDF', 'IDF']);
    const db = await open(path, geo);
    const idf = db.states.key(['FR', 'IDF']);
    expect(db.states.referencedBy(idf).map((h) => h.key)).toEqual([1, 2]);
    expect((await db.opaque.verify()).problems).toEqual([]);
    await db.close();
    // Code without the reference that is not an older definition (the one before it would be read as older code, which keeps it).
    const citiesByName = tree('cities', { key: autoIncrement(), value: cityValue, indexes: { byName: { on: 'name' } } });
    const again = await open(path, schema(countries, states, citiesByName, airports));
    expect(again.catalog.trees['cities']?.references).toEqual([]);
    expect(again.states.referencedBy(idf)).toEqual([]);
    await again.states.delete(idf); // nothing refers to it any more
    expect((await again.opaque.verify()).problems).toEqual([]);
    await again.close();
  });

  it('is refused when a stored record refers to nothing, naming it, and changes nothing', async () => {
    const path = await withCities(['IDF', 'XX']);
    const refused = await failure(open(path, geo), IncompatibleSchemaError);
    expect(refused.message).toContain('cities 2 (countryCode, stateCode) refers to states ["FR","XX"], which does not exist; the reference cannot be added');
    const db = await open(path, schema(countries, states, plainCities, airports));
    expect(db.catalog.trees['cities']?.references).toEqual([]);
    expect(db.catalog.schemaVersion).toBe(1);
    await db.close();
  });
});
