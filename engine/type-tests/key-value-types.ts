/**
 * What the declarations in fixture-schema.ts infer, exactly: key types per
 * strategy, value types per field kind, index lookup values, and what the tree
 * handles take and return.
 */
import { autoIncrement, composite, t, tree } from '@trellis/engine';
import type { Change, Database, Entry, IdentityOf, IndexValueOf, Key, KeyOf, KeyPart, Page, ReferenceHolder, ReleaseState, Schema, TransactionTrees, ValueOf } from '@trellis/engine';
import type { Equal, Expect } from './expect.js';
import type { appSchema, blobs, Db, events, grid, pets, slugs, toys, users } from './fixture-schema.js';

type Users = typeof users;
type Pets = typeof pets;
type Toys = typeof toys;

// ---------------------------------------------------------------------------
// Keys: exact per strategy, branded with the tree's name.

export type KeyTypes = [
  Expect<Equal<KeyOf<Users>, Key<'users', number>>>, // autoIncrement
  Expect<Equal<KeyOf<Pets>, Key<'pets', number>>>,
  // composite: a readonly tuple of the fields' types, in the declared order; a reference field is that tree's key.
  Expect<Equal<KeyOf<Toys>, Key<'toys', readonly [Key<'pets'>, string]>>>,
  Expect<Equal<KeyOf<typeof events>, Key<'events', string>>>, // uuid
  Expect<Equal<KeyOf<typeof blobs>, Key<'blobs', string>>>, // contentHash
  Expect<Equal<KeyOf<typeof slugs>, Key<'slugs', string>>>, // custom: its schema's static type
  Expect<Equal<KeyOf<typeof grid>, Key<'grid', [number, number]>>>,
  // The brand is the tree's name, so keys of different trees are different types.
  Expect<Equal<Key<'users', number>, number & { readonly '~tree': 'users' }>>,
];

// ---------------------------------------------------------------------------
// Values: optional fields are `?:` (not `| undefined`), timestamps Date, bytes
// Uint8Array, references the target's key, setNull references nullable, enums
// and literals as literal types.

export type ValueTypes = [
  Expect<
    Equal<
      ValueOf<Users>,
      {
        name: string;
        email?: string;
        joined: Date;
        avatar: Uint8Array;
        role: 'admin' | 'member';
        level: 1 | 2 | 3;
        kind: 'person';
        age: number;
        score: number;
        active: boolean;
        nickname: string | null;
        tags: string[];
        address?: { city: string; zip: string | null };
      }
    >
  >,
  Expect<Equal<ValueOf<Pets>, { name: string; owner: Key<'users'>; sitter: Key<'users'> | null; vet: Key<'users'>; friends: Key<'pets'>[] }>>,
  Expect<Equal<ValueOf<Toys>, { pet: Key<'pets'>; name: string; squeaks: boolean }>>,
  Expect<Equal<ValueOf<typeof events>, { at: Date }>>,
  Expect<Equal<ValueOf<typeof blobs>, { data: Uint8Array }>>,
];

// ---------------------------------------------------------------------------
// Index lookup values: the field's type; a list field's element; a tuple for a
// compound index; never null or undefined (absent values are not indexed).

export type IndexValueTypes = [
  Expect<Equal<IndexValueOf<Users, 'byName'>, string>>,
  Expect<Equal<IndexValueOf<Users, 'byEmail'>, string>>,
  Expect<Equal<IndexValueOf<Users, 'byJoined'>, Date>>,
  Expect<Equal<IndexValueOf<Users, 'byTag'>, string>>,
  Expect<Equal<IndexValueOf<Users, 'byCity'>, string>>,
  Expect<Equal<IndexValueOf<Users, 'byCityAge'>, readonly [string, number]>>,
  Expect<Equal<IndexValueOf<Users, 'byRole'>, 'admin' | 'member'>>,
  Expect<Equal<IndexValueOf<Pets, 'byOwner'>, Key<'users'>>>,
  Expect<Equal<IndexValueOf<Pets, 'bySitter'>, Key<'users'>>>,
  Expect<Equal<IndexValueOf<Pets, 'byFriend'>, Key<'pets'>>>,
  Expect<Equal<IndexValueOf<Pets, 'byOwnerName'>, readonly [Key<'users'>, string]>>,
];

// ---------------------------------------------------------------------------
// Tree handles: what they take and return.

type UsersHandle = Db['users'];
type ToysHandle = Db['toys'];
type Tx = TransactionTrees<typeof appSchema>;

export type HandleTypes = [
  Expect<Equal<Parameters<UsersHandle['insert']>, [value: ValueOf<Users>]>>,
  Expect<Equal<ReturnType<UsersHandle['insert']>, Promise<KeyOf<Users>>>>,
  Expect<Equal<ReturnType<ToysHandle['insert']>, Promise<Key<'toys', readonly [Key<'pets'>, string]>>>>,
  Expect<Equal<ReturnType<UsersHandle['put']>, Promise<KeyOf<Users>>>>,
  Expect<Equal<Parameters<UsersHandle['update']>[1], Change<ValueOf<Users>>>>,
  Expect<Equal<ReturnType<UsersHandle['update']>, Promise<ValueOf<Users>>>>,
  Expect<Equal<ReturnType<UsersHandle['delete']>, Promise<boolean>>>,
  Expect<Equal<ReturnType<UsersHandle['get']>, ValueOf<Users> | undefined>>,
  Expect<Equal<ReturnType<UsersHandle['getEntry']>, Entry<Users> | undefined>>,
  Expect<Equal<ReturnType<UsersHandle['key']>, KeyOf<Users>>>,
  Expect<Equal<ReturnType<UsersHandle['page']>, Page<Users>>>,
  Expect<Equal<ReturnType<UsersHandle['referencedBy']>, ReferenceHolder[]>>,
  Expect<Equal<UsersHandle['name'], 'users'>>,
  // Inside a transaction the same writes return at once.
  Expect<Equal<ReturnType<Tx['users']['insert']>, KeyOf<Users>>>,
  Expect<Equal<ReturnType<Tx['toys']['put']>, KeyOf<Toys>>>,
  Expect<Equal<ReturnType<Tx['users']['update']>, ValueOf<Users>>>,
];

declare const db: Db;

// Entries carry the exact key and value types.
for (const _entry of db.users.range()) {
  type _Checks = [Expect<Equal<typeof _entry.key, KeyOf<Users>>>, Expect<Equal<typeof _entry.value, ValueOf<Users>>>, Expect<Equal<typeof _entry.revision, number>>];
}
for (const _hit of db.pets.index('byOwner').keys()) {
  type _Checks = [Expect<Equal<typeof _hit.key, KeyOf<Pets>>>, Expect<Equal<typeof _hit.indexed, readonly KeyPart[]>>];
}
const _owner = db.pets.index('byOwnerName').get([db.users.key(1), 'Rex'])?.value.owner;
export type OwnerCheck = Expect<Equal<typeof _owner, Key<'users'> | undefined>>;

export async function keysFlowBetweenTrees(): Promise<void> {
  const alice = await db.users.insert({
    name: 'Alice',
    joined: new Date(),
    avatar: new Uint8Array(),
    role: 'admin',
    level: 1,
    kind: 'person',
    age: 30,
    score: 1.5,
    active: true,
    nickname: null,
    tags: [],
  });
  // A key of a tree is a reference to it, and a reference is accepted back by the tree it names.
  const rex = await db.pets.insert({ name: 'Rex', owner: alice, sitter: null, vet: alice, friends: [] });
  const ball = await db.toys.insert({ pet: rex, name: 'ball', squeaks: true });
  type _Checks = [Expect<Equal<typeof alice, KeyOf<Users>>>, Expect<Equal<typeof rex, KeyOf<Pets>>>, Expect<Equal<typeof ball, KeyOf<Toys>>>];
  const pet = db.pets.get(ball[0]);
  if (pet) db.users.get(pet.owner);
  await db.slugs.insert({ slug: 'hello', title: 'Hello' });
  await db.grid.put(db.grid.key([1, 2]), { x: 1, y: 2 });
  await db.users.update(alice, (current) => ({ ...current, tags: [...current.tags, 'x'] }));
  await db.users.update(alice, { email: 'a@example.com' });
  const firstOwned = db.pets.index('byOwner').records({ equals: alice }).next().value;
  db.users.index('byJoined').get(new Date());
  db.users.index('byCityAge').keys({ equals: ['Oslo', 30], reverse: true });
  db.toys.range({ prefix: [rex] });
  void firstOwned;
}

// Versioned trees: the key is the declared key's parts and a version; references to them name one version.
export const drawings = tree('drawings', { key: autoIncrement(), versioned: true, value: t.object({ title: t.string() }) });
export const sheets = tree('sheets', { key: composite('book', 'page'), versioned: true, value: t.object({ book: t.string(), page: t.integer() }) });
export const kits = tree('kits', { key: autoIncrement(), value: t.object({ drawing: t.ref(drawings) }) });
export type VersionedKeyChecks = [
  Expect<Equal<KeyOf<typeof drawings>, Key<'drawings', readonly [number, number]>>>,
  Expect<Equal<KeyOf<typeof sheets>, Key<'sheets', readonly [string, number, number]>>>,
  Expect<Equal<IdentityOf<typeof drawings>, number>>,
  Expect<Equal<ValueOf<typeof kits>['drawing'], Key<'drawings', readonly unknown[]>>>,
];
export async function versionedUsage(db: Database<Schema<readonly [typeof drawings, typeof kits]>>): Promise<void> {
  const plan = await db.drawings.insert({ title: 'plan' });
  const state: ReleaseState = await db.drawings.release(plan);
  const next: KeyOf<typeof drawings> = await db.drawings.newVersion(plan);
  await db.drawings.setLifecycle(next, state.lifecycle + 1);
  const all: KeyOf<typeof drawings>[] = db.drawings.versions(plan[0]);
  await db.kits.insert({ drawing: plan });
  // @ts-expect-error kits is not versioned: no release
  await db.kits.release(db.kits.key(1));
  // @ts-expect-error the identity of a drawing is a number, not its versioned key
  db.drawings.versions(plan);
  void all;
}
