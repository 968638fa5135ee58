/**
 * Computed indexes: values a function of the application computes from each
 * record (none, one or several), kept in the record's transaction like field
 * indexes. A write without the function (the opaque face, older code) marks the
 * index stale: its lookups are refused, never answered from old entries, until
 * the application opens the database and rebuilds it. A property test checks
 * the entries against recomputation after random writes, on both backends.
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { autoIncrement, IndexStaleError, open, openDatabase, schema, t, tree, UniqueViolationError, ValidationError, verifyDatabase, type Database } from './index.js';
import { afterThisTest, backends, failure, tempDir } from './testing/contract-backends.js';

const domainOf = (email: string) => email.slice(email.indexOf('@') + 1).toLowerCase();

const people = tree('people', {
  key: autoIncrement(),
  value: t.object({ email: t.string(), tags: t.array(t.string()), score: t.optional(t.integer()) }),
  computedIndexes: (index) => ({
    byDomain: index(t.string(), (person) => domainOf(person.email)),
    byTagLength: index(t.integer(), (person) => person.tags.map((tag) => tag.length)),
    byLowerEmail: index(t.string(), (person) => person.email.toLowerCase(), { unique: true }),
    byScoreBand: index(t.integer(), (person) => (person.score === undefined ? undefined : Math.floor(person.score / 10))),
  }),
});
const app = schema(people);
const withoutComputed = schema(tree('people', { key: autoIncrement(), value: t.object({ email: t.string(), tags: t.array(t.string()), score: t.optional(t.integer()) }) }));

const keysOf = (hits: Iterable<{ key: unknown }>) => [...hits].map((h) => h.key);

describe('a computed index', () => {
  it('is kept by every write and looked up like a field index, one or many values per record', async () => {
    const db = await backends[0]!.open(app);
    const ada = await db.people.insert({ email: 'Ada@Example.org', tags: ['math', 'poetry'], score: 42 });
    const bob = await db.people.insert({ email: 'bob@other.net', tags: ['math'] });
    expectTypeOf(db.people.index('byDomain').get).parameter(0).toEqualTypeOf<string>();
    expect(db.people.index('byDomain').get('example.org')?.key).toBe(ada);
    expect(keysOf(db.people.index('byTagLength').keys({ equals: 4 }))).toEqual([ada, bob]);
    expect(keysOf(db.people.index('byTagLength').keys({ equals: 6 }))).toEqual([ada]);
    expect(keysOf(db.people.index('byScoreBand').keys({}))).toEqual([ada]); // undefined: no entry
    await db.people.update(ada, { email: 'ada@new.io', tags: [] });
    expect(db.people.index('byDomain').get('example.org')).toBeUndefined();
    expect(db.people.index('byDomain').get('new.io')?.key).toBe(ada);
    expect(keysOf(db.people.index('byTagLength').keys({ equals: 4 }))).toEqual([bob]);
    await db.people.delete(bob);
    expect(keysOf(db.people.index('byTagLength').keys({}))).toEqual([]);
    expect(keysOf(db.people.index('byDomain').keys({ prefix: 'new' }))).toEqual([ada]);
  });

  it('refuses a value its function computes wrongly, or a duplicate in a unique one, and writes nothing', async () => {
    const wrong = schema(tree('people', { key: autoIncrement(), value: t.object({ email: t.string() }), computedIndexes: (index) => ({ byLength: index(t.string(), (p) => p.email.length as unknown as string) }) }));
    const db = await backends[0]!.open(wrong);
    const refused = await failure(db.people.insert({ email: 'a@b.c' }), ValidationError);
    expect(refused.message).toContain('index people.byLength: the function computed 5, which must be a string');
    expect(db.people.count()).toBe(0);
    const other = await backends[0]!.open(app);
    await other.people.insert({ email: 'x@y.z', tags: [] });
    await failure(other.people.insert({ email: 'X@Y.Z', tags: [] }), UniqueViolationError);
    expect(other.people.count()).toBe(1);
  });

  it('is refused as stale after a write without its function, and rebuilt when the application opens the database', async () => {
    const path = tempDir();
    const first = await open(path, app);
    await first.people.insert({ email: 'ada@example.org', tags: [] });
    await first.close();

    const tool = await openDatabase(path);
    await tool.tree('people').insert({ email: 'eve@example.org', tags: ['x'] });
    const stale = await failure(Promise.resolve().then(() => [...tool.tree('people').lookup('byDomain', { equals: 'example.org' })]), IndexStaleError);
    expect(stale.message).toMatch(/index people.byDomain is computed by the application's code and is stale since revision 2/);
    // The check without the function cannot judge it, does not call it damaged, and says it did not check it.
    await tool.close();
    const unjudged = await verifyDatabase(path);
    expect(unjudged.ok).toBe(true);
    const notHere = 'computed by the application’s code, which this check does not have';
    expect(unjudged.unchecked).toEqual(['byDomain', 'byTagLength', 'byLowerEmail', 'byScoreBand'].map((index) => ({ tree: 'people', index, reason: notHere })));

    // Older code without the index marks it stale too.
    const older = await open(path, withoutComputed);
    await older.people.insert({ email: 'old@example.org', tags: [] });
    await older.close();

    const db = await open(path, app);
    afterThisTest(() => db.close());
    expect(keysOf(db.people.index('byDomain').keys({ equals: 'example.org' }))).toEqual([1, 2, 3]);
    expect(db.people.index('byLowerEmail').get('eve@example.org')?.key).toBe(2);
    const report = await db.opaque.verify();
    expect(report.problems).toEqual([]);
    expect(report.unchecked).toBeUndefined();
  });

  it('is rebuilt when its function gets a new version', async () => {
    const path = tempDir();
    const first = await open(path, app);
    await first.people.insert({ email: 'ada@example.org', tags: [] });
    await first.close();
    const v2 = schema(tree('people', { key: autoIncrement(), value: t.object({ email: t.string(), tags: t.array(t.string()), score: t.optional(t.integer()) }), computedIndexes: (index) => ({ byDomain: index(t.string(), (p) => p.email.slice(0, 3), { version: 2 }) }) }));
    const db = await open(path, v2);
    afterThisTest(() => db.close());
    expect(db.people.index('byDomain').get('ada')?.key).toBe(1);
    expect(db.people.index('byDomain').get('example.org')).toBeUndefined();
  });
});

describe.each(backends)('a computed index under random writes ($name)', (backend) => {
  const email = fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('x.org', 'Y.org', 'z.net')).map(([name, domain]) => `${name}@${domain}`);
  const tags = fc.array(fc.constantFrom('', 'a', 'bb', 'ccc'), { maxLength: 3 });
  const op = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), email, tags, score: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }) }, { requiredKeys: ['kind', 'email', 'tags'] }),
    fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), email, tags }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  );

  it('holds exactly what recomputation from the records says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const db: Database<typeof app> = await backend.open(app);
        for (const o of ops) {
          const keys = keysOf(db.people.range());
          const pick = keys.length === 0 ? undefined : db.people.key(keys[('pick' in o ? o.pick : 0) % keys.length]!);
          // Refusals (a duplicate lower-cased email) write nothing; the property holds either way.
          await (o.kind === 'insert'
            ? db.people.insert({ email: o.email, tags: o.tags, ...(o.score === undefined ? {} : { score: o.score }) })
            : o.kind === 'update' && pick !== undefined
              ? db.people.update(pick, { email: o.email, tags: o.tags })
              : pick !== undefined
                ? db.people.delete(pick)
                : Promise.resolve()
          ).catch((error: unknown) => expect(error).toBeInstanceOf(UniqueViolationError));
        }
        const records = [...db.people.range()];
        const expected = (compute: (v: (typeof records)[number]['value']) => unknown) =>
          records
            .flatMap((r) => [...new Set([compute(r.value)].flat().filter((v) => v !== undefined))].map((v) => JSON.stringify([v, r.key])))
            .sort();
        const actual = (name: 'byDomain' | 'byTagLength' | 'byLowerEmail' | 'byScoreBand') =>
          [...db.people.index(name).keys({})].map((hit) => JSON.stringify([hit.indexed[0], hit.key])).sort();
        expect(actual('byDomain')).toEqual(expected((v) => domainOf(v.email)));
        expect(actual('byTagLength')).toEqual(expected((v) => v.tags.map((tag) => tag.length)));
        expect(actual('byLowerEmail')).toEqual(expected((v) => v.email.toLowerCase()));
        expect(actual('byScoreBand')).toEqual(expected((v) => (v.score === undefined ? undefined : Math.floor(v.score / 10))));
        await db.close();
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
