/**
 * Index and reverse-reference entries past LMDB's key size: every kind of
 * entry is refused with KEY_TOO_LARGE naming the tree and the index (or the
 * reference) before anything is written, on both backends and both faces,
 * and `validate` reports the same value as an issue at the field.
 */
import { describe, expect, it } from 'vitest';
import {
  autoIncrement,
  composite,
  custom,
  KeyTooLargeError,
  MAX_KEY_BYTES,
  schema,
  t,
  tree,
  type Database,
} from '@trellis/engine';
import { backends, failure } from '../testing/contract-backends.js';

const users = tree('users', {
  key: autoIncrement(),
  value: t.object({ email: t.string(), name: t.string(), tags: t.array(t.string()), first: t.string(), last: t.string() }),
  indexes: {
    byEmail: { on: 'email', unique: true },
    byName: { on: 'name' },
    byTag: { on: 'tags' },
    byFullName: { on: ['first', 'last'] },
  },
});
/** Keys the application makes from the value: the code itself, as long as a key may be. */
const codes = tree('codes', {
  key: custom(t.string(), (value: { code: string }) => value.code),
  value: t.object({ code: t.string() }),
});
const uses = tree('uses', {
  key: autoIncrement(),
  value: t.object({ code: t.ref(codes), codes: t.refs(codes) }),
});
const pairs = tree('pairs', {
  key: composite('a', 'b'),
  value: t.object({ a: t.string(), b: t.string(), note: t.string() }),
  indexes: { byNote: { on: 'note' } },
});
const declared = schema(users, codes, uses, pairs);

const fine = { email: 'a@x', name: 'A', tags: ['t'], first: 'Ann', last: 'Lee' };
const long = 'x'.repeat(5000);
/** A key that fits by itself (just under the limit), but not inside a reverse-reference entry. */
const longCode = 'c'.repeat(MAX_KEY_BYTES - 6);

/** Everything a failed write could have touched. */
function snapshot(db: Database<typeof declared>) {
  return {
    revision: db.opaque.revision(),
    users: [...db.opaque.tree('users').range()],
    usesCount: db.uses.count(),
    byEmail: [...db.users.index('byEmail').keys()].map((hit) => hit.indexed),
    byName: [...db.users.index('byName').keys()].map((hit) => hit.indexed),
    byTag: [...db.users.index('byTag').keys()].map((hit) => hit.indexed),
    byFullName: [...db.users.index('byFullName').keys()].map((hit) => hit.indexed),
    referencedBy: db.codes.referencedBy(db.codes.key(longCode)),
  };
}

describe.each(backends)('index and reference entries past the key size ($name)', (backend) => {
  async function seeded(): Promise<Database<typeof declared>> {
    const db = await backend.open(declared);
    await db.users.insert(fine);
    await db.codes.insert({ code: longCode });
    await db.codes.insert({ code: 'short' });
    return db;
  }

  const cases: [what: string, value: Record<string, unknown>, index: string, path: string][] = [
    ['a 5,000-character value under a unique index', { ...fine, email: long }, 'byEmail', '/email'],
    ['a non-unique index', { ...fine, name: long }, 'byName', '/name'],
    ['one element of a list-field index', { ...fine, tags: ['ok', long] }, 'byTag', '/tags'],
    ['a composite index whose parts fit alone but not together', { ...fine, first: 'f'.repeat(1000), last: 'l'.repeat(1200) }, 'byFullName', '/last'],
  ];

  it.each(cases)('refuses %s with KEY_TOO_LARGE naming tree and index, writing nothing', async (_what, value, index) => {
    const db = await seeded();
    const before = snapshot(db);
    const key = db.users.key(1);
    for (const write of [
      () => db.users.insert(value as never),
      () => db.opaque.tree('users').insert(value),
      () => db.users.update(key, () => value as never),
      () => db.opaque.tree('users').put(1, value),
    ]) {
      const error = await failure(write(), KeyTooLargeError);
      expect(error.code).toBe('KEY_TOO_LARGE');
      expect([error.tree, error.index, error.reference]).toEqual(['users', index, undefined]);
      expect(error.bytes).toBeGreaterThan(MAX_KEY_BYTES);
      expect(error.message).toContain(`'users.${index}'`);
      expect(snapshot(db)).toEqual(before);
    }
  });

  it('writes nothing of the refused record when the transaction catches the error and commits the rest', async () => {
    const db = await seeded();
    await db.transaction((tx) => {
      expect(() => tx.users.insert({ ...fine, email: 'b@x', name: long })).toThrow(KeyTooLargeError);
      tx.users.insert({ ...fine, email: 'c@x' });
    });
    expect(db.users.count()).toBe(2);
    expect([...db.users.index('byEmail').keys()].map((hit) => hit.indexed)).toEqual([['a@x'], ['c@x']]);
    expect([...db.users.index('byName').keys()]).toHaveLength(2);
    if (backend.lmdb) expect((await db.opaque.verify()).ok).toBe(true);
  });

  it('refuses a reference to a key too long for the reverse-reference entry, naming the reference', async () => {
    const db = await seeded();
    const before = snapshot(db);
    const target = db.codes.key(longCode);
    const short = db.codes.key('short');
    for (const [value, reference] of [
      [{ code: target, codes: [] }, 'code'],
      [{ code: short, codes: [short, target] }, 'codes[]'],
    ] as [{ code: typeof target; codes: (typeof target)[] }, string][]) {
      const error = await failure(db.uses.insert(value), KeyTooLargeError);
      expect([error.tree, error.index, error.reference]).toEqual(['uses', undefined, reference]);
      expect(error.message).toContain(`'uses.${reference}'`);
      const opaque = await failure(db.opaque.tree('uses').insert(value), KeyTooLargeError);
      expect(opaque.reference).toBe(reference);
      expect(snapshot(db)).toEqual(before);
    }
  });

  it('validate reports what a write would refuse, at the field, and nothing for a value that fits', async () => {
    const db = await seeded();
    const validate = (tree: string, value: unknown) => db.opaque.tree(tree).validate(value);
    for (const [, value, index, path] of cases) {
      const issues = validate('users', value);
      expect(issues).toHaveLength(1);
      expect(issues[0]!.path).toBe(path);
      expect(issues[0]!.message).toContain(`index '${index}'`);
      expect(issues[0]!.message).toContain(String(MAX_KEY_BYTES));
    }
    expect(validate('users', fine)).toEqual([]);
    expect(validate('uses', { code: longCode, codes: [] })).toEqual([{ path: '/code', message: expect.stringMatching(/too long to be referenced/) as string }]);
    expect(validate('uses', { code: 'short', codes: ['short', longCode] })).toEqual([{ path: '/codes', message: expect.stringMatching(/too long to be referenced/) as string }]);
    expect(validate('uses', { code: 'short', codes: ['short'] })).toEqual([]);
    // A composite key the value implies, too long as a key; and a non-unique entry, which ends with that key.
    expect(validate('pairs', { a: 'a'.repeat(900), b: 'b'.repeat(1200), note: '' })).toEqual([{ path: '/b', message: expect.stringMatching(/key of \d+ bytes/) as string }]);
    expect(validate('pairs', { a: 'a'.repeat(900), b: 'b', note: 'n'.repeat(1100) })).toEqual([{ path: '/note', message: expect.stringMatching(/index 'byNote'/) as string }]);
    await failure(db.pairs.insert({ a: 'a'.repeat(900), b: 'b', note: 'n'.repeat(1100) }), KeyTooLargeError);
  });
});
