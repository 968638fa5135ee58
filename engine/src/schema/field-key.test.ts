/**
 * fieldKey: a key that is one field of the value, stored in the catalog as
 * data, so a tool without the application's code (the opaque face: the
 * browser, the CLI) derives new keys and refuses a key that disagrees with the
 * value, as the application would. A plain `custom` function is not stored:
 * the opaque face cannot tell a wrong key from a right one there (the browser
 * warns instead), and cannot insert without a key.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { custom, fieldKey, InvalidKeyError, InvalidSchemaError, open, openDatabase, schema, t, tree } from '../index.js';
import { afterThisTest, tempDir } from '../testing/contract-backends.js';

const country = t.object({ iso: t.string({ minLength: 2, maxLength: 2 }), name: t.string() });
const byField = tree('countries', { key: fieldKey('iso', t.string({ minLength: 2, maxLength: 2 })), value: country });
const byFunction = tree('regions', { key: custom(t.string(), (v: { iso: string; name: string }) => v.iso), value: country });

async function database(): Promise<string> {
  const path = join(tempDir(), 'db');
  const db = await open(path, schema(byField, byFunction));
  expect(await db.countries.insert({ iso: 'FR', name: 'France' })).toBe('FR');
  await db.close();
  return path;
}

describe('fieldKey', () => {
  it('is stored in the catalog, so the opaque face derives the key from the value', async () => {
    const db = await openDatabase(await database());
    afterThisTest(() => db.close());
    expect(db.trees().find((t) => t.name === 'countries')?.key).toEqual({ kind: 'custom', schema: { type: 'string', minLength: 2, maxLength: 2 }, field: 'iso' });
    expect((await db.tree('countries').insert({ iso: 'XT', name: 'Testland' })).key).toBe('XT');
  });

  it('makes the opaque face refuse a key that disagrees with the value (the browser’s "XQ" with iso "XT")', async () => {
    const db = await openDatabase(await database());
    afterThisTest(() => db.close());
    await expect(db.tree('countries').put('XQ', { iso: 'XT', name: 'Testland' }, { create: true })).rejects.toThrow(InvalidKeyError);
    await expect(db.tree('countries').put('FR', { iso: 'FX', name: 'France' })).rejects.toThrow(/implies the key "FX"/);
    expect(db.tree('countries').get('XQ')).toBeUndefined();
  });

  it('leaves a plain custom function to the application: the opaque face cannot insert without a key, nor check one', async () => {
    const db = await openDatabase(await database());
    afterThisTest(() => db.close());
    expect(db.trees().find((t) => t.name === 'regions')?.key).toEqual({ kind: 'custom', schema: { type: 'string' } });
    await expect(db.tree('regions').insert({ iso: 'XT', name: 'Testland' })).rejects.toThrow(/give the key explicitly/);
    // The documented limit: nothing here can run the application's function.
    expect((await db.tree('regions').put('XQ', { iso: 'XT', name: 'Testland' })).key).toBe('XQ');
  });

  it('must name a required field of the value', () => {
    expect(() => tree('bad', { key: fieldKey('code', t.string()), value: t.object({ code: t.optional(t.string()) }) as never })).toThrow(InvalidSchemaError);
  });
});
