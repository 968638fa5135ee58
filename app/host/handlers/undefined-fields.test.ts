/**
 * A record stored with a field set to undefined (the engine stored such fields
 * until it left them out; see engine/src/schema/undefined-fields.test.ts) is
 * sent without that field, as JSON carries it: every page holding one was
 * INTERNAL ("not plain JSON"), so a table of real data never loaded.
 */
import { describe, expect, it } from 'vitest';
import { withRawStores } from '../../../engine/src/integrity/fixtures/raw-stores.js';
import { createHost } from '../index.js';
import { inProcessTransport } from '../../transports/in-process.js';
import { onCleanup } from '../fixtures/host-harness.js';
import { makeSampleDatabase } from '../fixtures/sample-database.js';

describe('records stored with undefined fields', () => {
  it('records.page and records.get send them without the field', async () => {
    const sample = await makeSampleDatabase();
    onCleanup(() => sample.remove());
    await withRawStores(sample.path, (raw) => {
      const store = raw.records('users');
      const entry = store.getEntry(2);
      store.putSync(2, { ...(entry!.value as object), email: undefined, nested: { gone: undefined } }, entry!.version!);
    });
    const logged: string[] = [];
    const host = await createHost({ path: sample.path, log: (message) => logged.push(message) });
    onCleanup(() => host.close());
    const client = inProcessTransport(host);
    const page = await client.call('records.page', { tree: 'users', limit: 100 });
    const stored = page.entries.find((e) => e.key === 2)!.value as Record<string, unknown>;
    expect(Object.keys(stored)).not.toContain('email');
    expect(stored['nested']).toEqual({});
    expect(Object.keys(stored['nested'] as object)).toEqual([]);
    const one = await client.call('records.get', { tree: 'users', key: 2 });
    expect(Object.keys(one.entry!.value as object)).not.toContain('email');
    expect(logged).toEqual([]);
  });
});
