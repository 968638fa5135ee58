/**
 * A key prefix as long as a key may be: the range it names ends one part past
 * it ([...prefix, sentinel]), and that bound went to LMDB unchecked, which
 * failed with its own "Key of size … was too large" (INTERNAL at the host).
 * It is KEY_TOO_LARGE, as any other oversize bound. Found by the fuzz suite.
 */
import { describe, expect, it } from 'vitest';
import { composite, KeyTooLargeError, MAX_KEY_BYTES, schema, t, tree } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const pairs = tree('pairs', { key: composite('a', 'b'), value: t.object({ a: t.string(), b: t.integer() }) });

describe.each(backends)('a key prefix at the size limit ($name)', (backend) => {
  it('is refused with KEY_TOO_LARGE by ranges and counts, on both faces; a shorter one reads', async () => {
    const db = await backend.open(schema(pairs));
    await db.pairs.insert({ a: 'k', b: 1 });
    const long = ['k'.repeat(MAX_KEY_BYTES)]; // fits as a part of a key; the range's end, two bytes more, does not
    expect(() => [...db.pairs.range({ prefix: long as never })]).toThrow(KeyTooLargeError);
    expect(() => db.pairs.countRange({ prefix: long as never })).toThrow(KeyTooLargeError);
    expect(() => [...db.opaque.tree('pairs').range({ prefix: long })]).toThrow(KeyTooLargeError);
    expect(() => db.opaque.tree('pairs').countRange({ prefix: long })).toThrow(KeyTooLargeError);
    expect([...db.pairs.range({ prefix: ['k'] as never })].map((e) => e.key)).toEqual([['k', 1]]);
  });
});
