/**
 * References over existing fields through the host (a real LMDB in a temp folder):
 * database.info carries their fields, pages and records carry the labels of the
 * states their fields name, and records.validate reports a missing state at the
 * last field before the engine would refuse the write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFieldReferenceDatabase } from './fixtures/field-reference-database.js';
import { codeOf, onCleanup } from './fixtures/host-harness.js';
import { createHost } from './index.js';
import { inProcessTransport } from '../transports/in-process.js';

async function startGeoHost() {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-field-refs-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'db');
  await makeFieldReferenceDatabase(path);
  const host = await createHost({ path, log: () => undefined });
  onCleanup(() => host.close());
  return inProcessTransport(host);
}

describe('a reference over existing fields', () => {
  it('is in database.info with its fields, and the target lists it as referenced from', async () => {
    const client = await startGeoHost();
    const { trees } = await client.call('database.info', {});
    const cities = trees.find((t) => t.name === 'cities')!;
    expect(cities.references).toEqual([{ path: 'state', target: 'states', onDelete: 'cascade', many: false, fields: ['countryCode', 'stateCode'] }]);
    // A path reference carries no `fields`.
    expect(trees.find((t) => t.name === 'states')!.references).toEqual([{ path: 'country', target: 'countries', onDelete: 'restrict', many: false }]);
    expect(trees.find((t) => t.name === 'states')!.referencedFrom).toEqual([{ tree: 'cities', path: 'state' }]);
  });

  it('labels the states a page and a record refer to, composed from the fields; a city without a stateCode names none', async () => {
    const client = await startGeoHost();
    const page = await client.call('records.page', { tree: 'cities', limit: 10 });
    expect(page.labels).toEqual({
      'states/["FR","IDF"]': 'Île-de-France',
      'states/["FR","ARA"]': 'Auvergne-Rhône-Alpes',
      'states/["US","CA"]': 'California',
    });
    expect((await client.call('records.get', { tree: 'cities', key: 3 })).labels).toEqual({ 'states/["US","CA"]': 'California' });
    expect(await client.call('records.get', { tree: 'cities', key: 4 })).not.toHaveProperty('labels');
    const holders = await client.call('records.referenceGroups', { tree: 'states', key: ['FR', 'IDF'] });
    expect(holders.groups.map((g) => [g.tree, g.path, g.count, g.holders.map((h) => h.label)])).toEqual([['cities', 'state', 1, ['Paris']]]);
  });

  it('is checked before saving: a missing state is an issue at the last field, naming the reference and its fields', async () => {
    const client = await startGeoHost();
    const missing = await client.call('records.validate', { tree: 'cities', value: { name: 'Paris', countryCode: 'FR', stateCode: 'XX' } });
    expect(missing).toEqual({
      issues: [{ path: '/stateCode', message: 'no record states/["FR","XX"] for the reference state (countryCode, stateCode)' }],
      total: 1,
      truncated: false,
    });
    // Existing, or not made (a field null or absent): nothing to report.
    for (const value of [{ name: 'Paris', countryCode: 'FR', stateCode: 'IDF' }, { name: 'Bordeaux', countryCode: 'FR', stateCode: null }, { name: 'Bordeaux', countryCode: 'FR' }]) {
      expect((await client.call('records.validate', { tree: 'cities', value })).issues).toEqual([]);
    }
    // A field of the wrong type is the schema's issue alone, not a missing state too.
    const wrongType = await client.call('records.validate', { tree: 'cities', value: { name: 'Paris', countryCode: 7, stateCode: 'IDF' } });
    expect(wrongType.issues.map((issue) => issue.path)).toEqual(['/countryCode']);
    // What the check foresaw, the engine refuses.
    expect(await codeOf(client.call('records.put', { tree: 'cities', key: 1, value: { name: 'Paris', countryCode: 'FR', stateCode: 'XX' } }))).toBe('MISSING_REFERENCE');
  });
});
