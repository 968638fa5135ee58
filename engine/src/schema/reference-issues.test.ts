/**
 * A wrongly shaped reference is refused with one issue at the reference that
 * names the tree whose key was expected and what such a key is made of. It was
 * refused with JSON Schema's own words ("/st/2: schema is false", seen importing
 * cities that refer to states keyed by country and code).
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, composite, schema, t, tree, ValidationError } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const owners = tree('owners', { key: autoIncrement(), value: t.object({ name: t.string() }) });
const states = tree('states', { key: composite('country', 'code'), value: t.object({ country: t.string(), code: t.string() }) });
const cities = tree('cities', {
  key: autoIncrement(),
  value: t.object({
    state: t.ref(states),
    near: t.optional(t.refs(states)),
    owner: t.optional(t.ref(owners, { onDelete: 'setNull' })),
    place: t.optional(t.object({ state: t.ref(states) })),
    capital: t.optional(t.nullable(t.ref(states))),
  }),
});

const STATE = "must be a key of tree 'states': [string, string]";

describe.each(backends)('a wrongly shaped reference ($name)', (backend) => {
  async function issuesOf(value: unknown, face: 'typed' | 'opaque' = 'typed') {
    const db = await backend.open(schema(owners, states, cities));
    const state = await db.states.insert({ country: 'FR', code: 'IDF' });
    const valid = { state };
    const writing = face === 'typed' ? db.cities.insert({ ...valid, ...(value as object) } as never) : db.opaque.tree('cities').insert({ ...valid, ...(value as object) });
    const error = await writing.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    // Nothing was written.
    expect(db.cities.count()).toBe(0);
    return (error as ValidationError).issues;
  }

  it.each([
    ['one part short', ['FR'], `${STATE}; it must not have fewer than 2 items`],
    ['one part too many', ['FR', 'IDF', 'x'], `${STATE}; it must not have more than 2 items`],
    ['a part of the wrong type', ['FR', 2], `${STATE}; part 2 must be string`],
    ['not a list', 'FR', `${STATE}; it must be array`],
  ])('names the target and its key on %s', async (_, state, message) => {
    expect(await issuesOf({ state })).toEqual([{ path: '/state', message }]);
    expect(await issuesOf({ state }, 'opaque')).toEqual([{ path: '/state', message }]);
  });

  it('names the element of a list of references, and a reference inside an object', async () => {
    expect(await issuesOf({ near: [['FR', 'IDF'], ['FR']] })).toEqual([{ path: '/near/1', message: `${STATE}; it must not have fewer than 2 items` }]);
    expect(await issuesOf({ place: { state: ['FR', 'IDF', 'x'] } })).toEqual([{ path: '/place/state', message: `${STATE}; it must not have more than 2 items` }]);
  });

  it('says a nullable reference may also be null, and what an id is', async () => {
    expect(await issuesOf({ owner: 'ann' })).toEqual([{ path: '/owner', message: "must be a key of tree 'owners': integer ≥ 1, or null; it must be integer" }]);
    expect(await issuesOf({ capital: ['FR'] })).toEqual([{ path: '/capital', message: `${STATE}, or null; it must not have fewer than 2 items` }]);
  });
});
