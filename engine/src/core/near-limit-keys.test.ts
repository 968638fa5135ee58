/**
 * A record whose key is near MAX_KEY_BYTES: the key fits, but the bound of
 * the reverse-reference range for it ([tree, ...key, sentinel]) does not.
 * Deleting such a record (and asking who refers to it) failed with lmdb's own
 * "Key of size … was too large" (INTERNAL at the host): the record could never
 * be deleted. No reverse-reference entry can hold such a key, so it has no
 * holders. Found by the fuzz suite.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, custom, MAX_KEY_BYTES, schema, t, tree } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const codes = tree('codes', { key: custom(t.string(), (v: { code: string }) => v.code), value: t.object({ code: t.string() }) });
const uses = tree('uses', { key: autoIncrement(), value: t.object({ code: t.ref(codes, { onDelete: 'cascade' }) }) });
const appSchema = schema(codes, uses);

/** Keys whose encoding is MAX_KEY_BYTES and a few bytes under it, from one- and three-byte characters. */
const NEAR_LIMIT = ['k'.repeat(MAX_KEY_BYTES - 2), 'k'.repeat(MAX_KEY_BYTES - 8), '中'.repeat(Math.floor(MAX_KEY_BYTES / 3))];

describe.each(backends)('records with keys near the size limit ($name)', (backend) => {
  it('have no holders, and can be deleted (typed and opaque)', async () => {
    const db = await backend.open(appSchema);
    for (const code of NEAR_LIMIT) {
      const key = await db.codes.insert({ code });
      expect(db.codes.referencedBy(key)).toEqual([]);
      expect(db.opaque.tree('codes').referencedBy(code)).toEqual([]);
      expect(await db.codes.delete(key)).toBe(true);
      await db.codes.insert({ code });
      expect(await db.opaque.tree('codes').delete(code)).toBe(true);
    }
    expect(db.codes.count()).toBe(0);
    expect((await db.opaque.verify()).problems).toEqual([]);
  });
});
