/**
 * An optional field set to undefined (`{ latitude: maybe }`, which TypeScript
 * allows) is stored as JSON says it: left out. It was stored as undefined, and
 * the host then refused every page holding such a record ("not plain JSON":
 * INTERNAL), seen importing real data (countries without coordinates). An
 * undefined item in a list is refused, as a hole is.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, schema, t, tree, ValidationError } from '../index.js';
import { backends, failure } from '../testing/contract-backends.js';

const places = tree('places', {
  key: autoIncrement(),
  value: t.object({
    name: t.string(),
    latitude: t.optional(t.number()),
    zones: t.array(t.object({ zone: t.string(), note: t.optional(t.string()) })),
    marks: t.optional(t.array(t.nullable(t.integer()))),
    when: t.optional(t.timestamp()),
  }),
  indexes: { byLatitude: { on: 'latitude' } },
});

/** What code compiled without exactOptionalPropertyTypes (or plain JavaScript) may pass: an optional field set to undefined. */
const loose = <T>(value: unknown): T => value as T;

describe.each(backends)('undefined in a value ($name)', (backend) => {
  it('a field set to undefined is left out, at any depth, and the record reads back without it', async () => {
    const db = await backend.open(schema(places));
    const when = new Date('2026-12-03T10:00:00Z');
    const key = await db.places.insert(loose({ name: 'Nowhere', latitude: undefined, zones: [{ zone: 'UTC', note: undefined }], when }));
    const stored = db.places.get(key)!;
    expect(Object.keys(stored)).toEqual(['name', 'zones', 'when']);
    expect(Object.keys(stored.zones[0]!)).toEqual(['zone']);
    expect(stored.when).toEqual(when);
    const page = [...db.opaque.tree('places').range({})];
    expect(JSON.stringify(page[0]!.value)).toBe('{"name":"Nowhere","zones":[{"zone":"UTC"}],"when":"2026-12-03T10:00:00.000Z"}');
    expect([...db.places.index('byLatitude').records({})]).toEqual([]);
    await db.places.update(key, (value) => ({ ...value, latitude: 1.5 }));
    await db.places.update(key, (value) => loose({ ...value, latitude: undefined }));
    expect('latitude' in db.places.get(key)!).toBe(false);
    expect([...db.places.index('byLatitude').records({})]).toEqual([]);
    expect((await db.opaque.verify()).problems).toEqual([]);
  });

  it('an undefined item in a list is refused, where null is kept', async () => {
    const db = await backend.open(schema(places));
    const refused = await failure(db.places.insert({ name: 'x', zones: [], marks: [1, undefined as unknown as null] }), ValidationError);
    expect(refused.issues).toEqual([{ path: '/marks/1', message: 'is undefined, which a list cannot hold (null can be, where the schema allows it)' }]);
    const key = await db.places.insert({ name: 'x', zones: [], marks: [1, null] });
    expect(db.places.get(key)!.marks).toEqual([1, null]);
    expect(db.places.count()).toBe(1);
  });
});
