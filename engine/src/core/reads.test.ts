/**
 * Range and index-lookup arguments at and past their bounds: offsets past the
 * end (lmdb-js takes them modulo 2^32), offsets that are not whole numbers, and
 * index lookups with more values than the index has fields. Both backends must
 * give the same answers.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, InvalidKeyError, schema, t, tree } from '@trellis/engine';
import { backends } from '../testing/contract-backends.js';

const users = tree('users', {
  key: autoIncrement(),
  value: t.object({ city: t.string(), name: t.string() }),
  indexes: { byCityName: { on: ['city', 'name'] }, byName: { on: 'name' } },
});
const declared = schema(users);

describe.each(backends)('reads at and past their bounds ($name)', (backend) => {
  async function seeded() {
    const db = await backend.open(declared);
    for (const [city, name] of [['Oslo', 'Ann'], ['Oslo', 'Bo'], ['Rome', 'Cy']] as const) await db.users.insert({ city, name });
    return db;
  }

  it('an offset past the end gives no rows, however large (2^32 does not wrap around to the start)', async () => {
    const db = await seeded();
    const keys = (offset: number, reverse = false) => [...db.opaque.tree('users').range({ offset, reverse })].map((e) => e.key);
    expect(keys(2)).toEqual([3]);
    expect(keys(2, true)).toEqual([1]);
    for (const offset of [3, 4, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1]) {
      expect(keys(offset), String(offset)).toEqual([]);
      expect(keys(offset, true), String(offset)).toEqual([]);
      expect(db.users.page({ offset, limit: 2 })).toEqual({ entries: [] });
    }
    expect([...db.users.range({ offset: 2 ** 32, start: db.users.key(1) })]).toEqual([]);
  });

  it('refuses an offset that is not a whole number from 0 to 2^53 - 1 with INVALID_KEY', async () => {
    const db = await seeded();
    for (const offset of [-1, 1.5, 1e300, 2 ** 53, Infinity, NaN]) {
      expect(() => [...db.opaque.tree('users').range({ offset })], String(offset)).toThrow(InvalidKeyError);
      expect(() => db.users.page({ offset, limit: 1 }), String(offset)).toThrow(/offset is a whole number/);
    }
  });

  it('refuses an index lookup with more values than the index has fields (or none), on equals, start and end', async () => {
    const db = await seeded();
    const lookup = (query: Record<string, unknown>) => [...db.opaque.tree('users').lookup('byCityName', query)].map((hit) => hit.key);
    expect(lookup({ equals: ['Oslo', 'Bo'] })).toEqual([2]);
    expect(lookup({ equals: ['Oslo'] })).toEqual([1, 2]);
    expect(lookup({ equals: 'Oslo' })).toEqual([1, 2]);
    expect(lookup({ start: ['Oslo', 'Bo'], end: ['Rome'] })).toEqual([2]);
    for (const query of [{ equals: ['Oslo', 'Bo', 'x', 'y'] }, { equals: ['Oslo', 'Bo', 2] }, { equals: [] }, { start: ['Oslo', 'Bo', 1] }, { end: ['Rome', 'Cy', 3] }]) {
      const error = (() => {
        try {
          lookup(query);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error, JSON.stringify(query)).toBeInstanceOf(InvalidKeyError);
      expect((error as InvalidKeyError).message).toMatch(/'byCityName' is on 2 fields \(city, name\): give 1 to 2 values/);
    }
    expect(() => [...db.users.index('byCityName').keys({ equals: ['Oslo', 'Bo', 'x'] as never })]).toThrow(InvalidKeyError);
    // One field: a list is not a value of it.
    expect(() => [...db.opaque.tree('users').lookup('byName', { equals: ['Ann', 'Bo'] })]).toThrow(InvalidKeyError);
  });
});
