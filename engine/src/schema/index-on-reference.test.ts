/**
 * An index on a reference field: fine when the target's keys are one value
 * (an auto-increment number, a custom string), refused in words when they are
 * composite. The refusal said the field "must be a string, number, integer,
 * boolean, timestamp or reference", though it was a reference (seen importing
 * cities that refer to states keyed by country and code). Where the target is
 * named by its declaration, the type checker refuses it first: what tsc accepts opens.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, composite, custom, InvalidSchemaError, schema, t, tree } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const countries = tree('countries', { key: custom(t.string(), (v: { iso: string }) => v.iso), value: t.object({ iso: t.string() }) });
const states = tree('states', { key: composite('country', 'code'), value: t.object({ country: t.ref(countries), code: t.string() }), indexes: { byCountry: { on: 'country' } } });

describe.each(backends)('an index on a reference ($name)', (backend) => {
  it('finds the holders of a reference to a custom-key record', async () => {
    const db = await backend.open(schema(countries, states));
    const france = await db.countries.insert({ iso: 'FR' });
    const germany = await db.countries.insert({ iso: 'DE' });
    await db.states.insert({ country: france, code: 'IDF' });
    await db.states.insert({ country: germany, code: 'BY' });
    expect([...db.states.index('byCountry').records({ equals: france })].map((e) => e.value.code)).toEqual(['IDF']);
  });

  it('is refused by the type checker on a reference to a composite-key record named by its declaration', () => {
    // @ts-expect-error -- a reference to states is a key of two parts, which an index would take for two values
    tree('cities', { key: autoIncrement(), value: t.object({ state: t.ref(states) }), indexes: { byState: { on: 'state' } } });
    // @ts-expect-error -- the same for a list of them
    tree('cities', { key: autoIncrement(), value: t.object({ state: t.refs(states) }), indexes: { byState: { on: 'state' } } });
    // @ts-expect-error -- nor can such a reference be part of a composite key
    tree('cities', { key: composite('state', 'name'), value: t.object({ state: t.ref(states), name: t.string() }) });
  });

  // A target named by a string (a forward or self reference) has no key type to check: the open refuses.
  it.each([
    ['a reference', () => t.ref('states')],
    ['a list of references', () => t.refs('states')],
  ])('is refused in words on %s to a composite-key record', async (_, field) => {
    const cities = tree('cities', { key: autoIncrement(), value: t.object({ state: field() }), indexes: { byState: { on: 'state' } } });
    const opening = backend.open(schema(countries, states, cities));
    await expect(opening).rejects.toThrow(InvalidSchemaError);
    await expect(backend.open(schema(countries, states, cities))).rejects.toThrow(
      "index cities.byState: 'state' refers to tree 'states', whose keys are composite; an index on a reference to a composite key is not supported yet",
    );
  });
});
