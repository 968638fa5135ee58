/**
 * Contract suite, part 2: secondary indexes and references (foreign keys).
 * Every test runs against both backends (LMDB in a fresh temp folder, and the
 * in-memory backend), which must behave identically.
 */
import { describe, expect, it } from 'vitest';
import {
  autoIncrement,
  composite,
  InvalidKeyError,
  KeyTooLargeError,
  MissingReferenceError,
  ReferencedError,
  schema,
  t,
  tree,
  UniqueViolationError,
  type Database,
} from '@trellis/engine';
import { backends, failure } from './testing/contract-backends.js';

const people = tree('people', {
  key: autoIncrement(),
  value: t.object({
    name: t.string(),
    email: t.optional(t.string()),
    city: t.string(),
    age: t.integer(),
    tags: t.array(t.string()),
    joined: t.timestamp(),
  }),
  indexes: {
    byName: { on: 'name' },
    byEmail: { on: 'email', unique: true },
    byAge: { on: 'age' },
    byCityAge: { on: ['city', 'age'] },
    byTag: { on: 'tags' },
    byJoined: { on: 'joined' },
  },
});
const pets = tree('pets', {
  key: autoIncrement(),
  value: t.object({
    name: t.string(),
    owner: t.ref(people, { onDelete: 'cascade' }),
    sitter: t.ref(people, { onDelete: 'setNull' }),
  }),
  indexes: { byOwner: { on: 'owner' } },
});
const toys = tree('toys', {
  key: composite('pet', 'name'),
  value: t.object({ pet: t.ref(pets, { onDelete: 'cascade' }), name: t.string() }),
});
const clubs = tree('clubs', {
  key: autoIncrement(),
  value: t.object({
    title: t.string(),
    president: t.optional(t.ref(people)), // restrict, the default
    members: t.refs(people, { onDelete: 'setNull' }),
    mascot: t.optional(t.ref(pets)),
  }),
  indexes: { byMember: { on: 'members' } },
});
const nodes = tree('nodes', {
  key: autoIncrement(),
  value: t.object({ label: t.string(), parent: t.nullable(t.ref('nodes', { onDelete: 'cascade' })) }),
});
const appSchema = schema(people, pets, toys, clubs, nodes);
type Db = Database<typeof appSchema>;

// ---- backends: engine/src/testing/contract-backends.ts ----------------------

const day = (n: number) => new Date(Date.UTC(2024, 0, n));
const person = (name: string, age: number, more: { email?: string; city?: string; tags?: string[]; joined?: Date } = {}) => ({
  name,
  age,
  city: more.city ?? 'Oslo',
  tags: more.tags ?? [],
  joined: more.joined ?? day(1),
  ...(more.email === undefined ? {} : { email: more.email }),
});

const keys = <K>(hits: Iterable<{ key: K }>): K[] => [...hits].map((h) => h.key);

/** Everything the database holds, for "nothing was written" checks. */
function snapshot(db: Db) {
  const all = <E extends { key: unknown; value: unknown; revision: number }>(entries: Iterable<E>) => [...entries];
  return {
    revision: db.revision(),
    people: all(db.people.range()),
    pets: all(db.pets.range()),
    toys: all(db.toys.range()),
    clubs: all(db.clubs.range()),
    nodes: all(db.nodes.range()),
    indexes: (['byName', 'byEmail', 'byAge', 'byCityAge', 'byTag', 'byJoined'] as const).map((i) => [...db.people.index(i).keys()]),
    owners: [...db.pets.index('byOwner').keys()],
    members: [...db.clubs.index('byMember').keys()],
    referrers: [...db.people.range()].map((p) => db.people.referencedBy(p.key)),
  };
}

describe.each(backends)('contract: indexes and references ($name)', (backend) => {
  describe('secondary indexes', () => {
    async function seed(db: Db) {
      return db.transaction((tx) => [
        tx.people.insert(person('Ann', 30, { email: 'ann@x', city: 'Oslo', tags: ['a', 'b', 'a'], joined: day(5) })), // 1
        tx.people.insert(person('Bob', 25, { email: 'bob@x', city: 'Bergen', tags: ['b'], joined: day(2) })), // 2
        tx.people.insert(person('Anna', 41, { city: 'Oslo', tags: [], joined: day(9) })), // 3
        tx.people.insert(person('Ann', 19, { city: 'Bergen', tags: ['c'], joined: day(2) })), // 4
        tx.people.insert(person('andrew', 30, { city: 'Oslo', joined: day(7) })), // 5
      ]);
    }
    it('equals, text prefix, range and reverse; keys and records in index order', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      const byName = db.people.index('byName');
      expect(keys(byName.keys({ equals: 'Ann' }))).toEqual([1, 4]);
      expect(keys(byName.keys({ equals: 'Ann', reverse: true }))).toEqual([4, 1]);
      expect(keys(byName.keys({ equals: 'Nobody' }))).toEqual([]);
      expect([...byName.keys({ prefix: 'Ann' })].map((h) => [h.indexed, h.key])).toEqual([[['Ann'], 1], [['Ann'], 4], [['Anna'], 3]]);
      expect(keys(byName.keys({ prefix: 'An' }))).toEqual([1, 4, 3]); // not 'andrew': prefixes are case-sensitive
      expect(keys(byName.keys())).toEqual([1, 4, 3, 2, 5]); // Ann, Ann, Anna, Bob, andrew
      expect(keys(byName.keys({ reverse: true }))).toEqual([5, 2, 3, 4, 1]);
      expect(keys(byName.keys({ limit: 2 }))).toEqual([1, 4]);
      const byAge = db.people.index('byAge');
      expect(keys(byAge.keys({ start: 25, end: 41 }))).toEqual([2, 1, 5]); // [25, 41)
      expect(keys(byAge.keys({ start: 25, end: 41, reverse: true }))).toEqual([5, 1, 2]);
      expect(keys(byAge.keys({ start: 30 }))).toEqual([1, 5, 3]);
      expect(keys(byAge.keys({ end: 30 }))).toEqual([4, 2]);
      const records = [...byAge.records({ start: 20, end: 35 })];
      expect(records.map((r) => [r.key, r.value.name, r.value.age])).toEqual([[2, 'Bob', 25], [1, 'Ann', 30], [5, 'andrew', 30]]);
      expect(records[0]).toEqual({ key: 2, value: person('Bob', 25, { email: 'bob@x', city: 'Bergen', tags: ['b'], joined: day(2) }), revision: expect.any(Number) });
      expect(byAge.get(30)?.key).toBe(1);
      expect(byAge.get(99)).toBeUndefined();
      // Paging with the cursor continues where the last hit stopped.
      const first = [...byAge.keys({ limit: 2 })];
      expect(keys(byAge.keys({ after: first.at(-1)!.cursor }))).toEqual([1, 5, 3]);
      const last = [...byAge.keys({ reverse: true, limit: 2 })];
      expect(keys(byAge.keys({ reverse: true, after: last.at(-1)!.cursor }))).toEqual([1, 2, 4]);
      const unique = [...db.people.index('byEmail').keys({ limit: 1 })];
      expect(keys(db.people.index('byEmail').keys({ after: unique[0]!.cursor }))).toEqual([2]);
    });

    it('compound index: equals on the whole tuple, and ranges inside a leading field', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      const index = db.people.index('byCityAge');
      expect(keys(index.keys({ equals: ['Oslo', 30] }))).toEqual([1, 5]);
      expect(keys(index.keys({ equals: ['Bergen', 30] }))).toEqual([]);
      expect(keys(index.keys({ start: ['Oslo', 0], end: ['Oslo', 40] }))).toEqual([1, 5]);
      expect(keys(index.keys())).toEqual([4, 2, 1, 5, 3]); // Bergen 19, Bergen 25, Oslo 30, Oslo 30, Oslo 41
      expect([...index.keys({ reverse: true, limit: 1 })].map((h) => h.indexed)).toEqual([['Oslo', 41]]);
      expect(keys(db.opaque.tree('people').lookup('byCityAge', { equals: ['Bergen'] }))).toEqual([4, 2]); // leading fields only
    });

    it('lookup bounds too large for a key, or not made of key parts, are refused the same way on both backends', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      const opaque = db.opaque.tree('people');
      const long = 'x'.repeat(3000);
      for (const query of [{ prefix: long }, { equals: long }, { start: long }, { end: long }, { after: [long, 1] }]) {
        expect(() => [...opaque.lookup('byName', query)], JSON.stringify(query).slice(0, 40)).toThrow(KeyTooLargeError);
      }
      for (const query of [{ equals: { a: 1 } }, { equals: Number.NaN }, { start: null }, { after: [{}] }]) {
        expect(() => [...opaque.lookup('byName', query as never)], JSON.stringify(query)).toThrow(InvalidKeyError);
      }
      expect(() => [...db.opaque.tree('toys').range({ prefix: [long] })]).toThrow(KeyTooLargeError);
    });

    it('an updated or deleted record leaves no stale entry', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      await db.people.update(db.people.key(1), { name: 'Zed', age: 50, tags: ['z'], email: 'zed@x', city: 'Bergen', joined: day(20) });
      expect(keys(db.people.index('byName').keys({ equals: 'Ann' }))).toEqual([4]);
      expect(keys(db.people.index('byName').keys({ equals: 'Zed' }))).toEqual([1]);
      expect(keys(db.people.index('byAge').keys({ equals: 30 }))).toEqual([5]);
      expect(keys(db.people.index('byCityAge').keys({ equals: ['Oslo', 30] }))).toEqual([5]);
      expect(keys(db.people.index('byTag').keys({ equals: 'a' }))).toEqual([]);
      expect(db.people.index('byEmail').get('ann@x')).toBeUndefined();
      expect(keys(db.people.index('byJoined').keys({ equals: day(5) }))).toEqual([]);
      await db.people.update(db.people.key(2), (v) => {
        const { email: _dropped, ...rest } = v;
        return rest;
      });
      expect(db.people.index('byEmail').get('bob@x')).toBeUndefined(); // an absent field has no entry
      await db.people.delete(db.people.key(4));
      expect(keys(db.people.index('byName').keys({ equals: 'Ann' }))).toEqual([]);
      // One entry per record in single-field indexes: nothing left over anywhere.
      for (const name of ['byName', 'byAge', 'byCityAge', 'byJoined'] as const) {
        expect(keys(db.people.index(name).keys()).sort()).toEqual([1, 2, 3, 5]);
      }
      expect(keys(db.people.index('byEmail').keys())).toEqual([1]);
    });

    it('a unique violation is a UniqueViolationError and writes nothing', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      const before = snapshot(db);
      const error = await failure(db.people.insert(person('Other', 1, { email: 'ann@x' })), UniqueViolationError);
      expect(error).toMatchObject({ code: 'UNIQUE_VIOLATION', tree: 'people', index: 'byEmail', value: 'ann@x', holder: 1 });
      await expect(db.people.update(db.people.key(2), { email: 'ann@x' })).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
      await expect(db.people.put(db.people.key(77), person('P', 1, { email: 'bob@x' }))).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
      expect(snapshot(db)).toEqual(before);
      // Rewriting one's own value, and values without the field, are fine; a freed value is free.
      await db.people.update(db.people.key(1), { age: 31 });
      await db.people.insert(person('NoMail', 1));
      await db.people.delete(db.people.key(2));
      const bob2 = await db.people.insert(person('Bob2', 2, { email: 'bob@x' }));
      expect(db.people.index('byEmail').get('bob@x')?.key).toBe(bob2);
    });

    it('an index on a list field has one entry per distinct element', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      const byTag = db.people.index('byTag');
      expect([...byTag.keys()].map((h) => [h.indexed[0], h.key])).toEqual([['a', 1], ['b', 1], ['b', 2], ['c', 4]]);
      expect(keys(byTag.records({ equals: 'b' })).sort()).toEqual([1, 2]);
      await db.people.update(db.people.key(1), { tags: ['c', 'd'] });
      expect([...byTag.keys()].map((h) => [h.indexed[0], h.key])).toEqual([['b', 2], ['c', 1], ['c', 4], ['d', 1]]);
      const clubKey = await db.clubs.insert({ title: 'chess', members: [db.people.key(1), db.people.key(3)] });
      expect(keys(db.clubs.index('byMember').keys({ equals: db.people.key(3) }))).toEqual([clubKey]);
    });

    it('an index on a timestamp field orders and finds by Date', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      const byJoined = db.people.index('byJoined');
      expect(keys(byJoined.keys())).toEqual([2, 4, 1, 5, 3]); // days 2, 2, 5, 7, 9
      expect(keys(byJoined.keys({ equals: day(2) }))).toEqual([2, 4]);
      expect(keys(byJoined.keys({ start: day(3), end: day(9) }))).toEqual([1, 5]);
      expect(keys(byJoined.keys({ start: day(3), reverse: true }))).toEqual([3, 5, 1]);
      const found = byJoined.get(day(7))!;
      expect(found.key).toBe(5);
      expect(found.value.joined).toBeInstanceOf(Date);
      expect(found.value.joined.getTime()).toBe(day(7).getTime());
    });

    it('a timestamp index takes ISO text through the opaque face and refuses bounds of the wrong sort, or a text prefix, by name', async () => {
      const db = await backend.open(appSchema);
      await seed(db);
      const opaque = db.opaque.tree('people');
      const hits = (query: object) => [...opaque.lookup('byJoined', query)].map((h) => h.key);
      expect(hits({ start: day(3).toISOString(), end: day(9).toISOString() })).toEqual([1, 5]);
      // A bound need not be a stored value's exact form: a date alone reads as its midnight UTC.
      expect(hits({ start: day(3).toISOString().slice(0, 10) })).toEqual([1, 5, 3]);
      for (const query of [{ start: 5 }, { equals: 'not a date' }, { end: { at: 1 } }, { equals: true }]) {
        expect(() => hits(query), JSON.stringify(query)).toThrow(/index 'byJoined' on 'joined': must be a timestamp/);
      }
      expect(() => [...db.people.index('byJoined').keys({ equals: 'yesterday' as never })]).toThrow(InvalidKeyError);
      expect(() => hits({ prefix: '2024-03' })).toThrow(/prefix lookup needs a text field first, and 'joined' is not text/);
    });
  });

  describe('references', () => {
    async function family(db: Db) {
      return db.transaction((tx) => {
        const ann = tx.people.insert(person('Ann', 30));
        const bob = tx.people.insert(person('Bob', 40));
        const rex = tx.pets.insert({ name: 'Rex', owner: ann, sitter: bob });
        const tom = tx.pets.insert({ name: 'Tom', owner: ann, sitter: null });
        const ball = tx.toys.insert({ pet: rex, name: 'ball' });
        const bone = tx.toys.insert({ pet: rex, name: 'bone' });
        const mouse = tx.toys.insert({ pet: tom, name: 'mouse' });
        return { ann, bob, rex, tom, ball, bone, mouse };
      });
    }

    it('a reference to a missing record is a MissingReferenceError and writes nothing', async () => {
      const db = await backend.open(appSchema);
      const { ann, rex } = await family(db);
      const before = snapshot(db);
      const missing = db.people.key(99);
      const error = await failure(db.pets.insert({ name: 'Ghost', owner: missing, sitter: null }), MissingReferenceError);
      expect(error).toMatchObject({ code: 'MISSING_REFERENCE', tree: 'pets', target: 'people', targetKey: 99 });
      await expect(db.pets.update(rex, { sitter: missing })).rejects.toMatchObject({ code: 'MISSING_REFERENCE' });
      await expect(db.toys.insert({ pet: db.pets.key(42), name: 'x' })).rejects.toMatchObject({ code: 'MISSING_REFERENCE' });
      await expect(db.clubs.insert({ title: 'c', members: [ann, missing] })).rejects.toMatchObject({ code: 'MISSING_REFERENCE' });
      await expect(db.transaction((tx) => tx.pets.insert({ name: 'G', owner: tx.people.insert(person('Z', 1)), sitter: missing }))).rejects.toMatchObject({ code: 'MISSING_REFERENCE' });
      expect(snapshot(db)).toEqual(before);
    });

    it('deleting a referenced record is refused by default, listing the holders, and writes nothing', async () => {
      const db = await backend.open(appSchema);
      const { ann, bob, rex } = await family(db);
      const club = await db.clubs.insert({ title: 'c', president: bob, members: [], mascot: rex });
      const before = snapshot(db);
      const error = await failure(db.people.delete(bob), ReferencedError);
      expect(error.code).toBe('REFERENCED');
      expect(error.holders).toEqual([{ tree: 'clubs', path: 'president', key: club }]); // the setNull sitter is not refused
      // A refusal deep inside a cascade (ann → rex, the club's mascot) undoes the whole cascade.
      const deep = await failure(db.people.delete(ann), ReferencedError);
      expect(deep.holders).toEqual([{ tree: 'clubs', path: 'mascot', key: club }]);
      expect(snapshot(db)).toEqual(before);
      await db.clubs.update(club, (v) => ({ title: v.title, members: v.members }));
      expect(await db.people.delete(bob)).toBe(true);
    });

    it('cascade deletes through several levels: person → pets → toys', async () => {
      const db = await backend.open(appSchema);
      const { ann, bob } = await family(db);
      const other = await db.pets.insert({ name: 'Kit', owner: bob, sitter: null });
      await db.toys.insert({ pet: other, name: 'yarn' });
      expect(await db.people.delete(ann)).toBe(true);
      expect([...db.pets.range()].map((e) => e.value.name)).toEqual(['Kit']);
      expect([...db.toys.range()].map((e) => e.key)).toEqual([[other, 'yarn']]);
      expect(db.people.referencedBy(bob)).toEqual([{ tree: 'pets', path: 'owner', key: other }]); // Rex's sitter link went with Rex
      expect(keys(db.pets.index('byOwner').keys())).toEqual([other]);
    });

    it('setNull: a single reference becomes null, a list of references drops the element', async () => {
      const db = await backend.open(appSchema);
      const { ann, bob, rex } = await family(db);
      const carl = await db.people.insert(person('Carl', 5));
      const club = await db.clubs.insert({ title: 'c', members: [ann, carl, bob, carl] });
      const rexRevision = db.pets.getEntry(rex)!.revision;
      expect(await db.people.delete(bob)).toBe(true);
      expect(db.pets.get(rex)).toEqual({ name: 'Rex', owner: ann, sitter: null });
      expect(db.pets.getEntry(rex)!.revision).toBeGreaterThan(rexRevision); // the unlink is a write
      expect(db.clubs.get(club)!.members).toEqual([ann, carl, carl]);
      await db.people.delete(carl);
      expect(db.clubs.get(club)!.members).toEqual([ann]);
      expect(keys(db.clubs.index('byMember').keys())).toEqual([club]);
      expect(db.people.referencedBy(ann).map((h) => h.tree).sort()).toEqual(['clubs', 'pets', 'pets']);
    });

    it('referencedBy lists holders grouped by tree and path, and follows updates', async () => {
      const db = await backend.open(appSchema);
      const { ann, bob, rex, tom } = await family(db);
      const club = await db.clubs.insert({ title: 'c', president: ann, members: [bob, ann] });
      await db.pets.update(tom, { sitter: ann });
      expect(db.people.referencedBy(ann)).toEqual([
        { tree: 'clubs', path: 'members[]', key: club },
        { tree: 'clubs', path: 'president', key: club },
        { tree: 'pets', path: 'owner', key: rex },
        { tree: 'pets', path: 'owner', key: tom },
        { tree: 'pets', path: 'sitter', key: tom },
      ]);
      expect(db.people.referencedBy(ann, { limit: 2 })).toHaveLength(2);
      expect(db.pets.referencedBy(rex)).toEqual([
        { tree: 'toys', path: 'pet', key: [rex, 'ball'] },
        { tree: 'toys', path: 'pet', key: [rex, 'bone'] },
      ]);
      await db.pets.update(tom, { owner: bob, sitter: null });
      expect(db.people.referencedBy(ann).filter((h) => h.tree === 'pets')).toEqual([{ tree: 'pets', path: 'owner', key: rex }]);
      expect(db.people.referencedBy(bob)).toEqual([
        { tree: 'clubs', path: 'members[]', key: club },
        { tree: 'pets', path: 'owner', key: tom },
        { tree: 'pets', path: 'sitter', key: rex },
      ]);
      expect(db.opaque.tree('people').referencedBy(bob)).toEqual(db.people.referencedBy(bob));
    });

    it('self-references: a record may refer to itself, and cascades down its own tree', async () => {
      const db = await backend.open(appSchema);
      const root = await db.nodes.put(db.nodes.key(1), { label: 'root', parent: db.nodes.key(1) }); // refers to itself
      const child = await db.nodes.insert({ label: 'child', parent: root });
      const grandchild = await db.nodes.insert({ label: 'grandchild', parent: child });
      const loner = await db.nodes.insert({ label: 'loner', parent: null });
      await expect(db.nodes.insert({ label: 'orphan', parent: db.nodes.key(50) })).rejects.toMatchObject({ code: 'MISSING_REFERENCE' });
      expect(db.nodes.referencedBy(root)).toEqual([
        { tree: 'nodes', path: 'parent', key: root },
        { tree: 'nodes', path: 'parent', key: child },
      ]);
      expect(db.nodes.referencedBy(child)).toEqual([{ tree: 'nodes', path: 'parent', key: grandchild }]);
      expect(await db.nodes.delete(root)).toBe(true);
      expect([...db.nodes.range()].map((e) => e.key)).toEqual([loner]);
      // A cycle of cascades ends: each record is deleted once.
      const a = await db.nodes.insert({ label: 'a', parent: null });
      const b = await db.nodes.insert({ label: 'b', parent: a });
      await db.nodes.update(a, { parent: b });
      expect(await db.nodes.delete(b)).toBe(true);
      expect([...db.nodes.range()].map((e) => e.key)).toEqual([loner]);
      expect(db.nodes.referencedBy(a)).toEqual([]);
    });
  });
});
