/**
 * Property (issue 8, item 2): any JavaScript string, lone surrogates included,
 * is either refused with VALIDATION (exactly when it is not well-formed
 * Unicode) or stored exactly: read back equal as a value, found by a unique
 * index and a list index under itself, and usable as a composite key part. A
 * string already stored is a unique violation, never a second record. On both
 * backends and both faces; `verify` is clean at the end.
 *
 * The oracle below pairs surrogates by hand, independently of the engine's check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composite, isTrellisError, schema, t, tree, uuid, ValidationError, verifyDatabase, type KeyOf } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const texts = tree('texts', {
  key: uuid(),
  value: t.object({ text: t.string(), tags: t.array(t.string()) }),
  indexes: { byText: { on: 'text', unique: true }, byTag: { on: 'tags' } },
});
const parts = tree('parts', { key: composite('text', 'n'), value: t.object({ text: t.string(), n: t.integer() }) });
const propertySchema = schema(texts, parts);

/** True when every surrogate in `s` is half of a pair (high then low). */
function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/**
 * Strings of any UTF-16 units (fast-check's 'binary' unit yields whole code
 * points only, never a lone surrogate), some made mostly of surrogate halves
 * and edge characters, some long (ordered-binary writes 64+ units another way).
 */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const anyText = fc.oneof(
  fc.string({ unit: anyUnit }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '😀', '\u{10FFFF}', '\uffff', '\u0000', 'a') }),
  fc.string({ unit: anyUnit, minLength: 60, maxLength: 90 }),
  fc.string({ unit: 'binary', minLength: 60, maxLength: 90 }),
);

for (const backend of backends) {
  describe(`any string on ${backend.name}`, () => {
    it('is refused with VALIDATION or stored exactly as value, index entry and key part', async () => {
      const db = await backend.open(propertySchema);
      /** What is stored: text → its record's key. */
      const stored = new Map<string, KeyOf<typeof texts>>();
      let n = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(anyText, fc.boolean(), async (text, opaque) => {
          const value = { text, tags: [text, `#${text}`] };
          const write = opaque ? db.opaque.tree('texts').insert(value).then((e) => e.key as KeyOf<typeof texts>) : db.texts.insert(value);
          let key: KeyOf<typeof texts> | undefined;
          let refusal: unknown;
          try {
            key = await write;
          } catch (error) {
            refusal = error;
          }
          if (!wellFormed(text)) {
            refused++;
            expect(refusal).toBeInstanceOf(ValidationError);
            expect((refusal as ValidationError).issues.map((i) => i.path)).toEqual(['/text', '/tags/0', '/tags/1']);
            await expect(db.parts.insert({ text, n: ++n })).rejects.toBeInstanceOf(ValidationError);
            return;
          }
          if (stored.has(text)) {
            expect(isTrellisError(refusal) && refusal.code).toBe('UNIQUE_VIOLATION');
            return;
          }
          expect(refusal).toBeUndefined();
          stored.set(text, key!);
          expect(db.texts.get(key!)).toEqual(value);
          expect(db.opaque.tree('texts').get(key)?.value).toEqual(value);
          expect(db.texts.index('byText').get(text)?.key).toBe(key);
          expect([...db.texts.index('byTag').keys({ equals: `#${text}` })].map((hit) => [hit.key, hit.indexed])).toEqual([[key, [`#${text}`]]]);
          const partKey = await db.parts.insert({ text, n: ++n });
          expect(partKey).toEqual([text, n]);
          expect(db.parts.get(db.parts.key([text, n]))).toEqual({ text, n });
        }),
        { numRuns: 150 },
      );
      // Both outcomes were tried, so neither half of the property held vacuously.
      expect(refused).toBeGreaterThan(10);
      expect(stored.size).toBeGreaterThan(10);
      expect([...db.texts.range()].map((e) => e.value.text).sort()).toEqual([...stored.keys()].sort());
      const report = await verifyDatabase(db.opaque);
      expect(report.problems).toEqual([]);
    }, 60_000);
  });
}
