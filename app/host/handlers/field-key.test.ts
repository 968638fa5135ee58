/**
 * Keys the browser can derive: a tree declared with fieldKey stores its key
 * derivation in the catalog, so through the host (the opaque face) a new
 * record gets the key its value implies, and a key that disagrees with the
 * value ("XQ" with iso: "XT", the defect found on real data) is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldKey, open, schema, t, tree } from '@trellis/engine';
import { inProcessTransport } from '../../transports/in-process.js';
import { createHost } from '../index.js';
import { codeOf, onCleanup } from '../fixtures/host-harness.js';

const countries = tree('countries', { key: fieldKey('iso', t.string({ minLength: 2, maxLength: 2 })), value: t.object({ iso: t.string(), name: t.string() }) });

async function hostOnCountries() {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-field-key-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const db = await open(join(dir, 'db'), schema(countries));
  await db.countries.insert({ iso: 'AD', name: 'Andorra' });
  await db.close();
  const host = await createHost({ path: join(dir, 'db'), log: () => undefined });
  onCleanup(() => host.close());
  return inProcessTransport(host);
}

describe('a tree keyed by one of its fields (fieldKey)', () => {
  it('tells the browser which field the key is, and derives the key of a new record', async () => {
    const client = await hostOnCountries();
    const info = await client.call('database.info', {});
    expect(info.trees[0]?.key).toEqual({ kind: 'custom', schema: { type: 'string', minLength: 2, maxLength: 2 }, field: 'iso' });
    const { entry } = await client.call('records.insert', { tree: 'countries', value: { iso: 'XT', name: 'Testland' } });
    expect(entry.text).toBe('countries/"XT"');
  });

  it('refuses a key that disagrees with the value', async () => {
    const client = await hostOnCountries();
    expect(await codeOf(client.call('records.put', { tree: 'countries', key: 'XQ', value: { iso: 'XT', name: 'Testland' }, create: true }))).toBe('INVALID_KEY');
    expect(await codeOf(client.call('records.put', { tree: 'countries', key: 'AD', value: { iso: 'XT', name: 'Andorra' } }))).toBe('INVALID_KEY');
    expect((await client.call('records.get', { tree: 'countries', key: 'XQ' })).entry).toBeNull();
  });
});
