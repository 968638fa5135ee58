/**
 * Every bad input is refused with a typed error whose `code` says what kind of
 * problem it is and whose message names it, and it writes nothing: record
 * counts, records, revisions, indexes and back-references are the same
 * afterwards. Both faces are covered: the typed one (called with casts, as
 * JavaScript or a stale build would call it) and the opaque one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as openLmdb } from 'lmdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autoIncrement,
  composite,
  custom,
  KeyTooLargeError,
  MAX_KEY_BYTES,
  MAX_VALUE_CHARS,
  open,
  openDatabase,
  OpaqueKeyParseError,
  parseOpaqueKey,
  schema,
  t,
  tree,
  TrellisError,
  ValidationError,
  type Database,
  type OpaqueDatabase,
  type TrellisErrorCode,
} from '@trellis/engine';

const people = tree('people', {
  key: autoIncrement(),
  value: t.object({
    name: t.string({ minLength: 1 }),
    age: t.integer({ minimum: 0 }),
    tags: t.array(t.string()),
    role: t.enum(['admin', 'member']),
    born: t.optional(t.timestamp()),
    photo: t.optional(t.bytes()),
    nick: t.optional(t.string()),
  }),
  indexes: { byName: { on: 'name' }, byNick: { on: 'nick', unique: true }, byTag: { on: 'tags' } },
});

/** Keys made by the application's function: the key is the code. */
const codes = tree('codes', {
  key: custom(t.string(), (value: { code: string }) => value.code),
  value: t.object({ code: t.string(), label: t.optional(t.string()) }),
});

const pairs = tree('pairs', {
  key: composite('a', 'b'),
  value: t.object({ a: t.string(), b: t.number() }),
});

const notes = tree('notes', {
  key: autoIncrement(),
  value: t.object({ person: t.ref(people), text: t.string() }),
  indexes: { byPerson: { on: 'person' } },
});

const appSchema = schema(people, codes, pairs, notes);
type Db = Database<typeof appSchema>;

const alice = { name: 'Alice', age: 30, tags: ['a', 'b'], role: 'admin', born: new Date('1994-05-01T10:00:00.000Z'), nick: 'al' } as const;
const valid = { name: 'Carol', age: 41, tags: [] as string[], role: 'member' as const };
const validJson = { name: 'Carol', age: 41, tags: [], role: 'member' };

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-bad-input-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A database with a little of everything, so "nothing changed" has something to compare. */
async function seeded(): Promise<Db> {
  const db = await open(join(dir, 'db'), appSchema);
  const a = await db.people.insert({ ...alice, tags: [...alice.tags] });
  await db.people.insert({ name: 'Bob', age: 25, tags: ['b'], role: 'member', photo: Uint8Array.of(1, 2, 3) });
  await db.codes.insert({ code: 'c1', label: 'first' });
  await db.pairs.insert({ a: 'x', b: 1 });
  await db.notes.insert({ person: a, text: 'hello' });
  return db;
}

/** Everything a write could touch, read through the opaque face. */
function snapshot(db: OpaqueDatabase) {
  return {
    revision: db.revision(),
    trees: Object.fromEntries(
      db.trees().map((info) => {
        const tree = db.tree(info.name);
        const records = [...tree.range()];
        return [
          info.name,
          {
            count: info.count,
            records,
            indexes: Object.fromEntries(info.indexes.map((index) => [index.name, [...tree.lookup(index.name)].map((hit) => [hit.indexed, hit.key])])),
            referencedBy: records.map((record) => tree.referencedBy(record.key)),
          },
        ];
      }),
    ),
  };
}

async function caught(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** Runs `action`, expects a TrellisError with `code` (or one of them) whose message contains `mentions`, and that nothing changed. */
async function expectRefused(
  db: OpaqueDatabase,
  code: TrellisErrorCode | readonly TrellisErrorCode[],
  action: () => unknown,
  mentions: readonly (string | RegExp)[] = [],
): Promise<TrellisError> {
  const before = snapshot(db);
  const error = await caught(action);
  expect(error, String(error)).toBeInstanceOf(TrellisError);
  const trellisError = error as TrellisError;
  expect(typeof code === 'string' ? [code] : code, trellisError.message).toContain(trellisError.code);
  for (const mention of mentions) expect(trellisError.message).toMatch(mention);
  expect(snapshot(db)).toEqual(before);
  return trellisError;
}

/** The issues of a ValidationError, as path → message. */
function issuesOf(error: TrellisError): Map<string, string> {
  expect(error).toBeInstanceOf(ValidationError);
  const { issues } = error as ValidationError;
  return new Map(issues.map((issue) => [issue.path, issue.message]));
}

describe('invalid values', () => {
  it('lists every offending path with its reason, several at once (typed face)', async () => {
    const db = await seeded();
    const bad = { name: '', age: -1, tags: ['ok', 3], role: 'boss' };
    for (const write of [() => db.people.insert(bad as never), () => db.people.put(db.people.key(1), bad as never)]) {
      const error = await expectRefused(db.opaque, 'VALIDATION', write, ['people', '/name', '/age', '/tags/1', '/role']);
      const issues = issuesOf(error);
      expect([...issues.keys()].sort()).toEqual(['/age', '/name', '/role', '/tags/1']);
      expect(issues.get('/name')).toMatch(/fewer than 1 character/);
      expect(issues.get('/age')).toMatch(/>= 0/);
      expect(issues.get('/tags/1')).toMatch(/string/);
      expect(issues.get('/role')).toMatch(/"admin", "member"/);
      expect((error as ValidationError).tree).toBe('people');
    }
    // An update whose result is invalid leaves the record as it was.
    const error = await expectRefused(db.opaque, 'VALIDATION', () => db.people.update(db.people.key(1), { age: 1.5, tags: [7] } as never), ['/age', '/tags/0']);
    expect([...issuesOf(error).keys()].sort()).toEqual(['/age', '/tags/0']);
    await db.close();
  });

  it('lists every offending path with its reason, several at once (opaque face)', async () => {
    const db = await seeded();
    const people = db.opaque.tree('people');
    const bad = { name: '', age: 'old', tags: ['ok', 3], role: 'boss', born: 'yesterday' };
    for (const write of [() => people.insert(bad), () => people.put(1, bad), () => people.update(1, (current) => ({ ...(current as object), ...bad }))]) {
      const error = await expectRefused(db.opaque, 'VALIDATION', write, ['/name', '/age', '/tags/1', '/role', '/born']);
      const issues = issuesOf(error);
      expect([...issues.keys()].sort()).toEqual(['/age', '/born', '/name', '/role', '/tags/1']);
      expect(issues.get('/age')).toMatch(/integer/);
      expect(issues.get('/born')).toMatch(/date-time/);
    }
    // validate() reports the same issues without writing.
    expect(people.validate(bad).map((issue) => issue.path).sort()).toEqual(['/age', '/born', '/name', '/role', '/tags/1']);
    await db.close();
  });

  it('refuses an unknown field, naming it', async () => {
    const db = await seeded();
    const withExtra = { ...validJson, extra: 1, colour: 'red' };
    for (const write of [() => db.people.insert(withExtra as never), () => db.opaque.tree('people').insert(withExtra)]) {
      const error = await expectRefused(db.opaque, 'VALIDATION', write, ["'extra'", "'colour'", /unknown field/]);
      expect((error as ValidationError).issues).toHaveLength(1);
    }
    // A typo in a nested place is reported at its path too: here a required field went missing.
    const error = await expectRefused(db.opaque, 'VALIDATION', () => db.opaque.tree('people').insert({ nme: 'Carol', age: 1, tags: [], role: 'member' }), [
      "'nme'",
      "'name'",
    ]);
    expect((error as ValidationError).issues.map((i) => i.message).join(' ')).toMatch(/missing required field 'name'/);
    await db.close();
  });

  it('refuses a value outside an enum, listing the allowed ones', async () => {
    const db = await seeded();
    for (const write of [() => db.people.insert({ ...valid, role: 'owner' } as never), () => db.opaque.tree('people').insert({ ...validJson, role: 'owner' })]) {
      const issues = issuesOf(await expectRefused(db.opaque, 'VALIDATION', write, ['/role']));
      expect(issues.get('/role')).toBe('must be one of "admin", "member"');
    }
    await db.close();
  });

  it('refuses timestamp text that is not a real UTC date and time (opaque face)', async () => {
    const db = await seeded();
    const people = db.opaque.tree('people');
    for (const born of ['2024-02-30T00:00:00Z', '2024-02-30T00:00:00.000Z', '2023-13-01T00:00:00Z', 'yesterday', '2024-02-10 10:00']) {
      const issues = issuesOf(await expectRefused(db.opaque, 'VALIDATION', () => people.insert({ ...validJson, born }), ['/born']));
      expect([...issues.keys()]).toEqual(['/born']);
      expect(issues.get('/born')).toMatch(/date-time|date and time|timestamp/);
    }
    // Valid date-time text with an offset is not the one UTC form the engine stores.
    const issues = issuesOf(await expectRefused(db.opaque, 'VALIDATION', () => people.insert({ ...validJson, born: '2024-02-10T10:00:00+02:00' }), ['/born']));
    expect(issues.get('/born')).toMatch(/UTC/);
    await db.close();
  });

  it('refuses text that is not canonical base64 for bytes (opaque face)', async () => {
    const db = await seeded();
    const people = db.opaque.tree('people');
    const cases: [string, RegExp][] = [
      ['not base64!', /pattern/],
      ['abc', /base64.*multiple of 4/],
      ['QR==', /not valid base64/], // decodes, but is not the canonical text of any bytes
      ['QQ=A', /pattern/],
    ];
    for (const [photo, reason] of cases) {
      const issues = issuesOf(await expectRefused(db.opaque, 'VALIDATION', () => people.insert({ ...validJson, photo }), ['/photo']));
      expect(issues.get('/photo'), photo).toMatch(reason);
    }
    await db.close();
  });

  it('refuses an Invalid Date and values of the wrong native type (typed face)', async () => {
    const db = await seeded();
    let issues = issuesOf(await expectRefused(db.opaque, 'VALIDATION', () => db.people.insert({ ...valid, born: new Date('not a date') }), ['/born', 'Invalid Date']));
    expect([...issues.keys()]).toEqual(['/born']);
    issues = issuesOf(await expectRefused(db.opaque, 'VALIDATION', () => db.people.insert({ ...valid, born: '2024-01-01T00:00:00.000Z' } as never), ['/born']));
    expect(issues.get('/born')).toBe('must be a Date');
    issues = issuesOf(await expectRefused(db.opaque, 'VALIDATION', () => db.people.insert({ ...valid, photo: 'AQID' } as never), ['/photo']));
    expect(issues.get('/photo')).toBe('must be a Uint8Array');
    issues = issuesOf(await expectRefused(db.opaque, 'VALIDATION', () => db.people.insert({ ...valid, born: new Date(Date.UTC(10_000, 0, 1)) }), ['/born']));
    expect(issues.get('/born')).toMatch(/years 0000 and 9999/);
    await db.close();
  });

  it('refuses a reference to a record that does not exist, or a reference of the wrong shape', async () => {
    const db = await seeded();
    await expectRefused(db.opaque, 'MISSING_REFERENCE', () => db.notes.insert({ person: 99 as never, text: 'x' }), ['notes.person', 'people/99']);
    const issues = issuesOf(await expectRefused(db.opaque, 'VALIDATION', () => db.opaque.tree('notes').insert({ person: 'alice', text: 'x' }), ['/person']));
    expect(issues.get('/person')).toMatch(/integer/);
    await db.close();
  });
});

describe('unknown trees and indexes', () => {
  it('refuses a tree that is not in the catalog, by name', async () => {
    const db = await seeded();
    await expectRefused(db.opaque, 'UNKNOWN_TREE', () => db.opaque.tree('peeple'), ["'peeple'"]);
    // Inside a transaction: the earlier, valid write is rolled back with it.
    await expectRefused(
      db.opaque,
      'UNKNOWN_TREE',
      () =>
        db.opaque.transaction((tx) => {
          tx.insert('people', validJson);
          tx.insert('peeple', validJson);
        }),
      ["'peeple'"],
    );
    await expectRefused(db.opaque, 'UNKNOWN_TREE', () => db.opaque.transaction((tx) => tx.get('nope', 1)), ["'nope'"]);
    await db.close();
  });

  it('refuses an index that the tree does not have, on both faces', async () => {
    const db = await seeded();
    await expectRefused(db.opaque, 'UNKNOWN_INDEX', () => db.people.index('byAge' as never), ["'people'", "'byAge'"]);
    await expectRefused(db.opaque, 'UNKNOWN_INDEX', () => db.opaque.tree('people').lookup('byAge', { equals: 3 }), ["'people'", "'byAge'"]);
    await expectRefused(db.opaque, 'UNKNOWN_INDEX', () => db.opaque.tree('codes').lookup('byName'), ["'codes'", "'byName'"]);
    await db.close();
  });
});

describe('keys of the wrong shape', () => {
  it('refuses a key that does not fit an auto-increment tree (typed face)', async () => {
    const db = await seeded();
    const cases: [unknown, string][] = [
      ['1', '"1"'],
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [-Infinity, '-Infinity'],
      [0, '0'],
      [-3, '-3'],
      [1.5, '1.5'],
      [[1], '[1]'],
      [null, 'null'],
    ];
    for (const [key, shown] of cases) {
      const k = key as never;
      for (const call of [
        () => db.people.get(k),
        () => db.people.has(k),
        () => db.people.getEntry(k),
        () => db.people.put(k, { ...valid }),
        () => db.people.update(k, { age: 1 }),
        () => db.people.delete(k),
        () => db.people.referencedBy(k),
        () => [...db.people.range({ start: k })],
        () => db.people.key(key),
      ]) {
        const error = await expectRefused(db.opaque, 'INVALID_KEY', call, ["'people'", shown, 'positive integer']);
        expect(error.message, `the key is shown as itself: ${shown}`).toContain(`: ${shown}: `);
      }
    }
    await db.close();
  });

  it('refuses a key that does not fit an auto-increment tree (opaque face)', async () => {
    const db = await seeded();
    const people = db.opaque.tree('people');
    for (const [key, shown] of [['1', '"1"'], [NaN, 'NaN'], [Infinity, 'Infinity'], [0, '0']] as const) {
      for (const call of [
        () => people.get(key),
        () => people.has(key),
        () => people.put(key, validJson),
        () => people.update(key, (current) => current),
        () => people.delete(key),
        () => people.checkKey(key),
        () => db.opaque.transaction((tx) => tx.put('people', key, validJson)),
      ]) {
        await expectRefused(db.opaque, 'INVALID_KEY', call, ["'people'", shown]);
      }
    }
    await db.close();
  });

  it('refuses composite keys of the wrong arity or with non-finite numbers', async () => {
    const db = await seeded();
    const opaquePairs = db.opaque.tree('pairs');
    const cases: [unknown, string, RegExp][] = [
      [['x'], '["x"]', /fewer than 2 items/],
      [['x', 1, 2], '["x",1,2]', /more than 2 items/],
      ['x', '"x"', /array/],
      [[1, 'x'], '[1,"x"]', /string/],
      [['x', NaN], '["x",NaN]', /NaN|finite|number/],
      [['x', Infinity], '["x",Infinity]', /finite|number/],
      [['x', -Infinity], '["x",-Infinity]', /finite|number/],
    ];
    for (const [key, shown, reason] of cases) {
      for (const call of [
        () => db.pairs.get(key as never),
        () => db.pairs.put(key as never, { a: 'x', b: 2 }),
        () => db.pairs.delete(key as never),
        () => opaquePairs.get(key),
        () => opaquePairs.put(key, { a: 'x', b: 2 }),
        () => opaquePairs.delete(key),
      ]) {
        const error = await expectRefused(db.opaque, 'INVALID_KEY', call, ["'pairs'", shown]);
        expect(error.message).toMatch(reason);
      }
    }
    // A number in a value may not be infinite either (JSON has no form for it), and a
    // composite key made of it never reaches storage.
    const issues = issuesOf(await expectRefused(db.opaque, 'VALIDATION', () => db.pairs.insert({ a: 'x', b: Infinity }), ['/b']));
    expect(issues.get('/b')).toMatch(/number/);
    // A key that disagrees with the value it is written with.
    await expectRefused(db.opaque, 'INVALID_KEY', () => db.pairs.put(['x', 1] as never, { a: 'y', b: 1 }), ['["y",1]']);
    await db.close();
  });

  it('refuses a key over LMDB’s size limit (a 3000-character custom key)', async () => {
    const db = await seeded();
    const code = 'k'.repeat(3000);
    for (const write of [
      () => db.codes.put(code as never, { code }),
      () => db.codes.insert({ code }),
      () => db.opaque.tree('codes').put(code, { code }),
      () => db.opaque.tree('codes').insert({ code }),
      () => db.codes.get(code as never),
    ]) {
      const error = await expectRefused(db.opaque, 'KEY_TOO_LARGE', write, ["'codes'", String(MAX_KEY_BYTES)]);
      expect(error).toBeInstanceOf(KeyTooLargeError);
      expect((error as KeyTooLargeError).bytes).toBeGreaterThan(MAX_KEY_BYTES);
      expect((error as KeyTooLargeError).limit).toBe(MAX_KEY_BYTES);
    }
    // Just under the limit is fine.
    const fits = 'k'.repeat(MAX_KEY_BYTES - 10);
    await db.codes.insert({ code: fits });
    expect(db.codes.get(fits as never)).toEqual({ code: fits });
    await db.close();
  });

  it('refuses an indexed field value too long for an index entry', async () => {
    const db = await seeded();
    const long = 'n'.repeat(3000);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...validJson, name: long }, 'people.byName'],
      [{ ...validJson, nick: long }, 'people.byNick'], // a unique index
      [{ ...validJson, tags: ['fine', long] }, 'people.byTag'], // one element of a list
    ];
    for (const [value, index] of cases) {
      await expectRefused(db.opaque, 'KEY_TOO_LARGE', () => db.people.insert(value as never), [`'${index}'`]);
      await expectRefused(db.opaque, 'KEY_TOO_LARGE', () => db.opaque.tree('people').insert(value), [`'${index}'`]);
      await expectRefused(db.opaque, 'KEY_TOO_LARGE', () => db.people.update(db.people.key(2), value as never), [`'${index}'`]);
    }
    await db.close();
  });
});

describe('values that cannot be encoded', () => {
  it('refuses circular objects, BigInts and values over MAX_VALUE_CHARS with a clear message', async () => {
    const db = await seeded();
    const circular: Record<string, unknown> = { ...validJson };
    circular['self'] = circular;
    const nested: Record<string, unknown> = { ...validJson };
    nested['tags'] = [nested];
    const cases: [() => unknown, RegExp][] = [
      [() => db.people.insert(circular as never), /circular/],
      [() => db.people.insert(nested as never), /circular/],
      [() => db.people.insert({ ...valid, age: 3n } as never), /BigInt/],
      [() => db.people.insert({ ...valid, name: 'x'.repeat(MAX_VALUE_CHARS + 1) }), new RegExp(`too large.*${MAX_VALUE_CHARS}`)],
      [() => db.opaque.tree('people').insert(circular), /'self'/],
      [() => db.opaque.tree('people').insert({ ...validJson, age: 3n }), /\/age/],
      [() => db.opaque.tree('people').insert({ ...validJson, name: 'x'.repeat(MAX_VALUE_CHARS + 1) }), new RegExp(`too large.*${MAX_VALUE_CHARS}`)],
    ];
    for (const [write, reason] of cases) await expectRefused(db.opaque, ['VALIDATION', 'UNENCODABLE_VALUE'], write, [reason]);
    expect(db.people.count()).toBe(2);
    expect(db.revision()).toBe(5);
    await db.close();
  });

  it('writes nothing of a transaction that fails part-way, on both faces', async () => {
    const db = await seeded();
    await expectRefused(
      db.opaque,
      'VALIDATION',
      () =>
        db.transaction((trees) => {
          const key = trees.people.insert({ ...valid });
          trees.notes.insert({ person: key, text: 'new' });
          trees.people.update(trees.people.key(1), { name: 'Alicia' });
          trees.people.insert({ ...valid, role: 'boss' } as never);
        }),
      ['/role'],
    );
    await expectRefused(
      db.opaque,
      'KEY_TOO_LARGE',
      () =>
        db.opaque.transaction((tx) => {
          tx.insert('codes', { code: 'c2' });
          tx.delete('pairs', ['x', 1]);
          tx.put('codes', 'z'.repeat(3000), { code: 'z'.repeat(3000) });
        }),
      ["'codes'"],
    );
    // Failed writes consumed no auto-increment ids and no revisions.
    const key = await db.people.insert({ ...valid });
    expect(key).toBe(3);
    expect(db.people.getEntry(key)?.revision).toBe(6);
    await db.close();
  });
});

/** Names of every file under `root`, with the SHA-256 of each (LMDB's lock file: name only, see below). */
function fingerprint(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string, name: string) => {
    if (statSync(path).isDirectory()) {
      out[`${name}/`] = 'dir';
      for (const entry of readdirSync(path)) walk(join(path, entry), `${name}/${entry}`);
    } else {
      // LMDB records its readers in lock.mdb whenever anyone opens the environment, even
      // read-only; it holds no data. Everything else must be byte-for-byte the same.
      out[name] = name.endsWith('/lock.mdb') ? 'present' : createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root, '.');
  return out;
}

describe('paths that are not a Trellis database', () => {
  async function makeForeignLmdb(path: string, withFakeMeta: boolean): Promise<void> {
    const env = openLmdb({ path });
    await env.put('greeting', { hello: 'world' });
    const sub = env.openDB('inventory', {});
    await sub.put(['apples', 1], 42);
    if (withFakeMeta) await env.openDB('__meta', {}).put('catalog', { format: 'something-else', trees: {} });
    await env.close();
  }

  const cases: [string, (path: string) => Promise<void> | void][] = [
    ['a plain file', (path) => writeFileSync(path, 'just some text\n')],
    [
      'a folder with other files',
      (path) => {
        mkdirSync(path);
        writeFileSync(join(path, 'notes.txt'), 'mine');
        mkdirSync(join(path, 'photos'));
        writeFileSync(join(path, 'photos', 'cat.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
      },
    ],
    [
      'a folder with a garbage data.mdb',
      (path) => {
        mkdirSync(path);
        writeFileSync(join(path, 'data.mdb'), Buffer.alloc(20_000, 7));
      },
    ],
    [
      'a folder with a text file called data.mdb',
      (path) => {
        mkdirSync(path);
        writeFileSync(join(path, 'data.mdb'), 'this is not a database\n');
      },
    ],
    [
      'a folder with an empty data.mdb',
      (path) => {
        mkdirSync(path);
        writeFileSync(join(path, 'data.mdb'), '');
      },
    ],
    ['an LMDB environment of another program', (path) => makeForeignLmdb(path, false)],
    ['an LMDB environment with a __meta store that is not a Trellis catalog', (path) => makeForeignLmdb(path, true)],
  ];

  for (const [what, make] of cases) {
    it(`refuses ${what}, leaving it untouched`, async () => {
      const path = join(dir, 'target');
      await make(path);
      const before = fingerprint(dir);
      const attempts: (() => Promise<unknown>)[] = [
        () => open(path, appSchema),
        () => open(path, appSchema, { readOnly: true }),
        () => openDatabase(path),
        () => openDatabase(path, { readOnly: true }),
      ];
      for (const attempt of attempts) {
        const error = await caught(attempt);
        expect(error, String(error)).toBeInstanceOf(TrellisError);
        expect((error as TrellisError).code).toBe('NOT_A_DATABASE');
        expect((error as Error).message).toContain(path);
        expect((error as Error).message).toMatch(/not a Trellis database: \S/);
      }
      expect(fingerprint(dir)).toEqual(before);
    });
  }

  it('refuses a missing path without creating anything (unless opening with a schema to write)', async () => {
    const path = join(dir, 'missing', 'db');
    for (const attempt of [() => openDatabase(path), () => openDatabase(path, { readOnly: true }), () => open(path, appSchema, { readOnly: true })]) {
      const error = await caught(attempt);
      expect((error as TrellisError).code).toBe('NOT_A_DATABASE');
      expect((error as Error).message).toMatch(/nothing at this path/);
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an empty folder without creating files in it (unless opening with a schema to write)', async () => {
    const path = join(dir, 'empty');
    mkdirSync(path);
    for (const attempt of [() => openDatabase(path), () => openDatabase(path, { readOnly: true }), () => open(path, appSchema, { readOnly: true })]) {
      const error = await caught(attempt);
      expect((error as TrellisError).code).toBe('NOT_A_DATABASE');
      expect(readdirSync(path)).toEqual([]);
    }
    const db = await open(path, appSchema);
    expect(db.catalog.schemaVersion).toBe(1);
    await db.close();
  });
});

describe('read-only databases', () => {
  it('refuse every write, typed and opaque, and change nothing', async () => {
    const path = join(dir, 'db');
    const writable = await seeded();
    const expected = snapshot(writable.opaque);
    await writable.close();
    const dataFile = () => createHash('sha256').update(readFileSync(join(path, 'data.mdb'))).digest('hex');
    const before = dataFile();

    const db = await open(path, appSchema, { readOnly: true });
    expect(snapshot(db.opaque)).toEqual(expected);
    const opaque = await openDatabase(path, { readOnly: true });
    expect(opaque.readOnly).toBe(true);
    const writes: [OpaqueDatabase, () => unknown][] = [
      [db.opaque, () => db.people.insert({ ...valid })],
      [db.opaque, () => db.people.put(db.people.key(1), { ...valid })],
      [db.opaque, () => db.people.update(db.people.key(1), { age: 31 })],
      [db.opaque, () => db.people.delete(db.people.key(1))],
      [db.opaque, () => db.people.delete(db.people.key(99))],
      [db.opaque, () => db.transaction((trees) => trees.codes.insert({ code: 'c9' }))],
      [db.opaque, () => db.opaque.tree('people').insert(validJson)],
      [opaque, () => opaque.tree('people').insert(validJson)],
      [opaque, () => opaque.tree('people').put(1, validJson)],
      [opaque, () => opaque.tree('people').update(1, (current) => ({ ...(current as object), age: 31 }))],
      [opaque, () => opaque.tree('notes').delete(1)],
      [opaque, () => opaque.transaction((tx) => tx.insert('pairs', { a: 'y', b: 2 }))],
    ];
    for (const [face, write] of writes) await expectRefused(face, 'READ_ONLY', write, [path, /read-only/]);
    expect(snapshot(opaque)).toEqual(expected);
    await db.close();
    await opaque.close();
    expect(dataFile()).toBe(before);
  });

  it('read a tree that was never written as empty', async () => {
    const path = join(dir, 'db');
    const writable = await open(path, appSchema);
    await writable.people.insert({ ...valid });
    await writable.close();
    const db = await open(path, appSchema, { readOnly: true });
    expect(db.pairs.count()).toBe(0);
    expect(db.pairs.get(['x', 1] as never)).toBeUndefined();
    expect([...db.notes.range()]).toEqual([]);
    expect(db.opaque.trees().map((info) => [info.name, info.count])).toEqual([
      ['people', 1],
      ['codes', 0],
      ['pairs', 0],
      ['notes', 0],
    ]);
    await expectRefused(db.opaque, 'READ_ONLY', () => db.pairs.insert({ a: 'x', b: 1 }));
    await db.close();
  });

  it('refuse a schema change', async () => {
    const path = join(dir, 'db');
    await (await open(path, schema(people))).close();
    const error = await caught(() => open(path, appSchema, { readOnly: true }));
    expect((error as TrellisError).code).toBe('READ_ONLY');
    const opaque = await openDatabase(path);
    expect(Object.keys(opaque.catalog.trees)).toEqual(['people']);
    await opaque.close();
  });
});

describe('a closed database', () => {
  it('refuses every operation with CLOSED, on both faces, and nothing is written', async () => {
    const path = join(dir, 'db');
    const db = await seeded();
    const expected = snapshot(db.opaque);
    const peopleTree = db.opaque.tree('people');
    await db.close();
    await db.close(); // closing twice is harmless
    const key = 1 as never;
    const calls: (() => unknown)[] = [
      () => db.people.get(key),
      () => db.people.getEntry(key),
      () => db.people.has(key),
      () => db.people.count(),
      () => db.people.range(),
      () => db.people.page({ limit: 1 }),
      () => db.people.index('byName'),
      () => db.people.referencedBy(key),
      () => db.people.insert({ ...valid }),
      () => db.people.put(key, { ...valid }),
      () => db.people.update(key, { age: 1 }),
      () => db.people.delete(key),
      () => db.transaction(() => undefined),
      () => db.revision(),
      () => db.watch(() => undefined),
      () => db.opaque.tree('people'),
      () => db.opaque.trees(),
      () => db.opaque.revision(),
      () => db.opaque.transaction(() => undefined),
      () => peopleTree.get(1),
      () => peopleTree.has(1),
      () => peopleTree.count(),
      () => [...peopleTree.range()],
      () => peopleTree.lookup('byName'),
      () => peopleTree.referencedBy(1),
      () => peopleTree.insert(validJson),
      () => peopleTree.put(1, validJson),
      () => peopleTree.update(1, (current) => current),
      () => peopleTree.delete(1),
    ];
    for (const call of calls) {
      const error = await caught(call);
      expect(error, `${call.toString()}: ${String(error)}`).toBeInstanceOf(TrellisError);
      expect((error as TrellisError).code, call.toString()).toBe('CLOSED');
      expect((error as Error).message).toContain(path);
    }
    const reopened = await openDatabase(path);
    expect(snapshot(reopened)).toEqual(expected);
    await reopened.close();
  });
});

describe('opaque key text', () => {
  it('refuses malformed text with an OpaqueKeyParseError that quotes it', () => {
    const cases: [string, RegExp][] = [
      ['people', /expected tree\/key/],
      ['/42', /expected tree\/key/],
      ['', /expected tree\/key/],
      ['people/', /not JSON/],
      ['people/{oops', /not JSON/],
      ['people/42x', /not JSON/],
      ['people/null', /string, number, boolean or a list/],
      ['people/[]', /string, number, boolean or a list/],
      ['people/{"a":1}', /string, number, boolean or a list/],
      ['people/[1,[2]]', /string, number, boolean or a list/],
      ['people/[1,null]', /string, number, boolean or a list/],
    ];
    for (const [text, reason] of cases) {
      let error: unknown;
      try {
        parseOpaqueKey(text);
      } catch (thrown) {
        error = thrown;
      }
      expect(error, text).toBeInstanceOf(OpaqueKeyParseError);
      expect((error as Error).name).toBe('OpaqueKeyParseError');
      expect((error as Error).message).toContain(`'${text}'`);
      expect((error as Error).message, text).toMatch(reason);
    }
    // Well-formed text parses; whether the key fits the tree is the tree's check.
    expect(parseOpaqueKey("pairs/['x', 1]")).toEqual({ tree: 'pairs', key: ['x', 1] });
  });
});
