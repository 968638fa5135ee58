/**
 * Issue 8, item 2: text with a lone UTF-16 surrogate is refused wherever the
 * engine stores or indexes text, on both faces and both backends. msgpack
 * stored such text as U+FFFD while index keys kept it, so `"\ud800xyz"` and
 * `"\udbffxyz"` were both accepted under a unique index as one stored value
 * and `verify` found the index wrong. Values answer VALIDATION at the
 * string's JSON Pointer, keys and lookups INVALID_KEY, and nothing is written;
 * well-formed text (astral characters, U+FFFF, NUL) still round-trips exactly.
 */
import { describe, expect, it } from 'vitest';
import {
  autoIncrement,
  composite,
  custom,
  InvalidKeyError,
  InvalidSchemaError,
  open,
  OpaqueKeyParseError,
  parseOpaqueKey,
  schema,
  t,
  tree,
  ValidationError,
  verifyDatabase,
  type Database,
} from '../index.js';
import { loneSurrogateProblem } from './well-formed-text.js';
import { afterThisTest, backends, failure, tempDir } from '../testing/contract-backends.js';

/** A field name of astral characters and the last code point: well-formed, so it can be a field. */
const ASTRAL_FIELD = '😀\u{10FFFF}';

const users = tree('users', {
  key: autoIncrement(),
  value: t.object({ name: t.string(), email: t.optional(t.string()), tags: t.array(t.string()), note: t.optional(t.object({ text: t.string(), [ASTRAL_FIELD]: t.optional(t.number()) })) }),
  indexes: { byEmail: { on: 'email', unique: true }, byTag: { on: 'tags' } },
});

const pairs = tree('pairs', {
  key: composite('a', 'b'),
  value: t.object({ a: t.string(), b: t.number() }),
});

const codes = tree('codes', {
  key: custom(t.string(), (value: { code: string }) => value.code),
  value: t.object({ code: t.string() }),
});

const appSchema = schema(users, pairs, codes);
type Db = Database<typeof appSchema>;

const LONE = /text holds a lone UTF-16 surrogate \(U\+D[89A-F][0-9A-F]{2} at position \d+\); only well-formed Unicode can be stored/;
/** Well-formed text at the edges: astral characters (pairs), the last code point, U+FFFF, NUL, and one 64+ units long. */
const WELL_FORMED = ['😀', '\u{10FFFF}', 'a\uffffb', 'x\u0000y', '\u{1F600}'.repeat(40) + '\u0000'];

/** A key as JavaScript would pass it, unchecked (the typed face's keys are branded). */
const raw = (key: unknown) => key as never;

async function refusedValue(write: Promise<unknown>, path: string, unit = 'D800'): Promise<void> {
  const error = await failure(write, ValidationError);
  expect(error.code).toBe('VALIDATION');
  const issue = error.issues.find((i) => i.path === path);
  expect(issue?.message, JSON.stringify(error.issues)).toMatch(LONE);
  expect(issue?.message).toContain(`U+${unit}`);
}

async function refusedKey(call: Promise<unknown> | (() => unknown)): Promise<InvalidKeyError> {
  const error = await failure(typeof call === 'function' ? Promise.resolve().then(call) : call, InvalidKeyError);
  expect(error.code).toBe('INVALID_KEY');
  expect(error.message).toMatch(LONE);
  return error;
}

async function expectClean(db: Db): Promise<void> {
  const report = await verifyDatabase(db.opaque);
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
}

for (const backend of backends) {
  describe(`lone surrogates (${backend.name})`, () => {
    it('refuses the issue’s two emails under a unique index on both faces, writing nothing', async () => {
      const db = await backend.open(appSchema);
      const kept = await db.users.insert({ name: 'Kept', email: 'kept@example.com', tags: [] });
      const revision = db.revision();
      for (const [email, unit] of [['\ud800xyz', 'D800'], ['\udbffxyz', 'DBFF']] as const) {
        await refusedValue(db.users.insert({ name: 'A', email, tags: [] }), '/email', unit);
        await refusedValue(db.users.put(db.users.key(7), { name: 'A', email, tags: [] }), '/email', unit);
        await refusedValue(db.users.update(kept, (v) => ({ ...v, email })), '/email', unit);
        const opaque = db.opaque.tree('users');
        await refusedValue(opaque.insert({ name: 'A', email, tags: [] }), '/email', unit);
        await refusedValue(opaque.put(7, { name: 'A', email, tags: [] }), '/email', unit);
        await refusedValue(opaque.update(kept, (v) => ({ ...(v as object), email })), '/email', unit);
        expect(opaque.validate({ name: 'A', email, tags: [] })).toEqual([{ path: '/email', message: expect.stringMatching(LONE) as unknown }]);
      }
      expect(db.users.count()).toBe(1);
      expect(db.users.get(kept)?.email).toBe('kept@example.com');
      expect(db.revision()).toBe(revision);
      await expectClean(db);
    });

    it('finds a lone surrogate at any depth, in list elements and after other text, and in a field name', async () => {
      const db = await backend.open(appSchema);
      await refusedValue(db.users.insert({ name: 'A', tags: ['ok', 'b\udc00'] }), '/tags/1', 'DC00');
      await refusedValue(db.users.insert({ name: 'A', tags: [], note: { text: '😀\ud83d' } }), '/note/text', 'D83D');
      await refusedValue(db.opaque.tree('users').insert({ name: 'A', tags: [], note: { text: '\ude00😀' } }), '/note/text', 'DE00');
      // An object of a class is stored as its fields, so it is walked as well.
      class Note {
        text = 'x\udbff';
      }
      await refusedValue(db.users.insert({ name: 'A', tags: [], note: new Note() }), '/note/text', 'DBFF');
      const named = { name: 'A', tags: [], note: { text: 'x', ['bad\ud800']: 1 } };
      await refusedValue(db.opaque.tree('users').insert(named), '/note');
      await refusedValue(db.users.insert(named as never), '/note');
      expect(db.opaque.tree('users').validate(named)).toContainEqual({ path: '/note', message: expect.stringContaining('field name "bad\\ud800"') as unknown });
      expect(db.users.count()).toBe(0);
      await expectClean(db);
    });

    it('refuses a composite key or a custom key holding a lone surrogate', async () => {
      const db = await backend.open(appSchema);
      await refusedValue(db.pairs.insert({ a: '\ud800xyz', b: 1 }), '/a');
      await refusedValue(db.opaque.tree('pairs').insert({ a: '\ud800xyz', b: 1 }), '/a');
      await refusedKey(db.pairs.put(raw(['\ud800xyz', 1]), { a: '\ud800xyz', b: 1 }));
      await refusedKey(db.opaque.tree('pairs').put(['\ud800xyz', 1], { a: 'ok', b: 1 }));
      await refusedKey(db.codes.put(raw('\udfff'), { code: 'ok' }));
      await refusedKey(db.opaque.tree('codes').put('\udfff', { code: 'ok' }));
      await refusedValue(db.codes.insert({ code: 'a\udfff' }), '/code', 'DFFF');
      expect([db.pairs.count(), db.codes.count()]).toEqual([0, 0]);
      await expectClean(db);
    });

    it('answers INVALID_KEY to reads, deletes, bounds and index lookups with a lone surrogate', async () => {
      const db = await backend.open(appSchema);
      await db.codes.insert({ code: 'a' });
      await db.users.insert({ name: 'A', email: 'a@example.com', tags: ['t'] });
      const codesTree = db.opaque.tree('codes');
      const reads: (() => unknown)[] = [
        () => db.codes.get(raw('\ud800')),
        () => db.codes.has(raw('\ud800')),
        () => db.codes.position(raw('\ud800')),
        () => [...db.codes.range({ start: raw('\ud800') })],
        () => [...db.codes.range({ end: raw('a\udc00') })],
        () => [...db.codes.range({ after: raw('\ud800') })],
        () => [...db.codes.range({ prefix: 'a\ud800' })],
        () => db.codes.countRange({ prefix: '\ud800' }),
        () => [...db.pairs.range({ prefix: ['\ud800'] })],
        () => db.pairs.get(raw(['\ud800', 1])),
        () => codesTree.get('\ud800'),
        () => codesTree.referencedBy('\ud800'),
        () => db.users.index('byEmail').get('\ud800xyz'),
        () => [...db.users.index('byEmail').keys({ prefix: '\udbff' })],
        () => [...db.users.index('byTag').records({ start: 't\ud800' })],
        () => [...db.opaque.tree('users').lookup('byEmail', { equals: '\ud800xyz' })],
        () => [...db.opaque.tree('users').lookup('byTag', { end: '\udfff' })],
      ];
      for (const read of reads) await refusedKey(read);
      await refusedKey(db.codes.delete(raw('\ud800')));
      await refusedKey(codesTree.delete('\ud800'));
      expect(db.codes.count()).toBe(1);
      await expectClean(db);
    });

    it('stores well-formed edge text exactly, as values, field names, index values and key parts', async () => {
      const db = await backend.open(appSchema);
      const opaque = db.opaque.tree('users');
      for (const [i, text] of WELL_FORMED.entries()) {
        const key = await db.users.insert({ name: text, email: `${text}@${i}`, tags: [text], note: { text } });
        expect(db.users.get(key)).toEqual({ name: text, email: `${text}@${i}`, tags: [text], note: { text } });
        expect(db.users.index('byEmail').get(`${text}@${i}`)?.key).toBe(key);
        const json = { name: text, email: `${text}#${i}`, tags: [text], note: { [ASTRAL_FIELD]: i, text } };
        const entry = await opaque.insert(json);
        expect(opaque.get(entry.key)?.value).toEqual(json);
        expect([...opaque.lookup('byEmail', { equals: `${text}#${i}` })].map((hit) => [hit.key, hit.indexed])).toEqual([[entry.key, [`${text}#${i}`]]]);
        expect([...db.users.index('byTag').keys({ equals: text })].map((hit) => hit.key)).toEqual([key, entry.key]);
        await db.pairs.insert({ a: text, b: i });
        await db.codes.insert({ code: text });
        expect(db.pairs.get(db.pairs.key([text, i]))).toEqual({ a: text, b: i });
        expect(db.codes.get(db.codes.key(text))).toEqual({ code: text });
        expect([...db.codes.range({ prefix: text })].map((e) => e.key)).toContain(text);
      }
      expect([...db.codes.range()].map((e) => e.key).sort()).toEqual([...WELL_FORMED].sort());
      await expectClean(db);
      if (!backend.lmdb) return;
      // Read back from the file by a new environment, under the same declaration (its astral field name included).
      await db.close();
      const again = await open(db.path, appSchema);
      afterThisTest(() => again.close());
      expect([...again.codes.range()].map((e) => e.key).sort()).toEqual([...WELL_FORMED].sort());
      expect([...again.opaque.tree('users').range()].filter((e) => (e.value as { note: Record<string, unknown> }).note[ASTRAL_FIELD] !== undefined)).toHaveLength(WELL_FORMED.length);
      await expectClean(again);
    });
  });
}

describe('lone surrogates in declarations', () => {
  it('refuses a field name, an index name or a constant holding one: the catalog is stored too', async () => {
    const declarations = [
      tree('fields', { key: autoIncrement(), value: t.object({ ['f\udc00']: t.string() }) }),
      tree('constants', { key: autoIncrement(), value: t.object({ kind: t.enum(['x\ud800']) }) }),
      tree('literals', { key: autoIncrement(), value: t.object({ kind: t.literal('\udbff') }) }),
      tree('indexNames', { key: autoIncrement(), value: t.object({ a: t.string() }), indexes: { ['by\ud800']: { on: 'a' } } }),
      tree('keySchemas', { key: custom(t.string({ pattern: '^\udfff' }), (v: { a: string }) => v.a), value: t.object({ a: t.string() }) }),
    ];
    for (const declaration of declarations) {
      const error = await failure(open(tempDir(), schema(declaration)), InvalidSchemaError);
      expect(error.message).toMatch(LONE);
      expect(error.message).toContain(`tree '${declaration.name}'`);
    }
  });
});

describe('lone surrogates in opaque key text', () => {
  it('parseOpaqueKey refuses them, quoting the key as JSON', () => {
    for (const text of ['codes/"\\ud800"', 'codes/"\ud800"', 'pairs/["a\\udfff", 1]', "pairs/['😀\\ud83d', 1]"]) {
      let error: unknown;
      try {
        parseOpaqueKey(text);
      } catch (thrown) {
        error = thrown;
      }
      expect(error, text).toBeInstanceOf(OpaqueKeyParseError);
      expect((error as Error).message, text).toMatch(LONE);
      expect(loneSurrogateProblem((error as Error).message), text).toBeUndefined();
    }
    expect(parseOpaqueKey('pairs/["😀\\u0000",1]').key).toEqual(['😀\u0000', 1]);
  });
});
