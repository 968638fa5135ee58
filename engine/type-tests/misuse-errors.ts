/**
 * Mistakes that must not compile. Each `@ts-expect-error` is checked by tsc:
 * if the line after it compiled, tsc would report the directive as unused. Each
 * statement is kept to one line with one mistake, so the error is the one named.
 */
import { autoIncrement, composite, custom, t, tree, type KeyOf, type ValueOf } from '@trellis/engine';
import type { Db, events, pets, toys, users } from './fixture-schema.js';

declare const db: Db;
declare const userKey: KeyOf<typeof users>;
declare const petKey: KeyOf<typeof pets>;
declare const toyKey: KeyOf<typeof toys>;
declare const eventKey: KeyOf<typeof events>;
declare const joined: Date;

const person: ValueOf<typeof users> = { name: 'Ann', joined, avatar: new Uint8Array(), role: 'member', level: 2, kind: 'person', age: 3, score: 1, active: true, nickname: null, tags: [] };
const pet: ValueOf<typeof pets> = { name: 'Rex', owner: userKey, sitter: null, vet: userKey, friends: [] };

export async function keysBelongToTheirTree(): Promise<void> {
  // The right key compiles (so each error below is about the key alone).
  db.pets.get(petKey);
  await db.pets.put(petKey, pet);
  db.toys.get(toyKey);

  // @ts-expect-error a users key is not a pets key
  db.pets.get(userKey);
  // @ts-expect-error a users key is not a pets key
  await db.pets.put(userKey, pet);
  // @ts-expect-error a users key is not a pets key
  await db.pets.update(userKey, { name: 'Max' });
  // @ts-expect-error a users key is not a pets key
  await db.pets.delete(userKey);
  // @ts-expect-error a toys key is not a users key
  db.users.has(toyKey);
  // @ts-expect-error a users key is not a pets key
  db.pets.getEntry(userKey);
  // @ts-expect-error a users key is not a pets key
  db.pets.referencedBy(userKey);
  // @ts-expect-error a users key is not a pets key, not even as a range bound
  db.pets.range({ start: userKey });
  // @ts-expect-error an events key (a string) is not a pets key
  db.pets.get(eventKey);
  // @ts-expect-error a bare number is not a key: it has no tree (use db.users.key(42))
  db.users.get(42);
  // @ts-expect-error a bare tuple is not a toys key
  db.toys.get([petKey, 'ball']);
  // @ts-expect-error a bare string is not an events key
  db.events.delete('0190a0b0-0000-7000-8000-000000000000');

  await db.transaction((tx) => {
    tx.pets.delete(petKey);
    // @ts-expect-error inside a transaction too
    tx.pets.delete(userKey);
    // @ts-expect-error inside a transaction too
    tx.users.put(petKey, person);
  });
}

export async function valuesHaveTheirShape(): Promise<void> {
  // The right value compiles.
  await db.users.insert(person);
  await db.pets.insert(pet);

  // @ts-expect-error a required field is missing
  await db.users.insert({ joined, avatar: new Uint8Array(), role: 'member', level: 2, kind: 'person', age: 3, score: 1, active: true, nickname: null, tags: [] });
  // @ts-expect-error a field that is not declared
  await db.users.insert({ ...person, nick: 'A' });
  // @ts-expect-error a string where a number is declared
  await db.users.insert({ ...person, age: '3' });
  // @ts-expect-error a timestamp is a Date, not text
  await db.users.insert({ ...person, joined: '2024-01-01T00:00:00.000Z' });
  // @ts-expect-error bytes are a Uint8Array, not a list of numbers
  await db.users.insert({ ...person, avatar: [1, 2, 3] });
  // @ts-expect-error not one of the enum's values
  await db.users.insert({ ...person, role: 'owner' });
  // @ts-expect-error not one of the numeric enum's values
  await db.users.insert({ ...person, level: 4 });
  // @ts-expect-error not the literal
  await db.users.insert({ ...person, kind: 'robot' });
  // @ts-expect-error an optional field is absent or a string, never undefined (exactOptionalPropertyTypes)
  await db.users.insert({ ...person, email: undefined });
  // @ts-expect-error a nested field of the wrong type
  await db.users.insert({ ...person, address: { city: 1, zip: null } });
  // @ts-expect-error a restrict reference cannot be null (only setNull references can)
  await db.pets.insert({ ...pet, owner: null });
  // @ts-expect-error a reference to users takes a users key, not a pets key
  await db.pets.insert({ ...pet, owner: petKey });
  // @ts-expect-error a list of references to pets takes pets keys
  await db.pets.insert({ ...pet, friends: [userKey] });
  // @ts-expect-error a list of references never holds null, even with setNull
  await db.pets.insert({ ...pet, friends: [null] });
  // @ts-expect-error a patch field of the wrong type
  await db.users.update(userKey, { age: '4' });
  // @ts-expect-error an update function must return a whole value
  await db.users.update(userKey, (current) => ({ name: current.name }));
  // @ts-expect-error put takes a whole value, not a patch
  await db.users.put(userKey, { name: 'Ann' });
}

export function indexLookupsTakeTheIndexedType(): void {
  // The right lookups compile.
  db.users.index('byName').get('Ann');
  db.users.index('byCityAge').get(['Oslo', 30]);
  db.pets.index('bySitter').get(userKey);

  // @ts-expect-error byName holds strings
  db.users.index('byName').get(42);
  // @ts-expect-error byName holds strings
  db.users.index('byName').records({ equals: 42 });
  // @ts-expect-error byName holds strings, so do its range bounds
  db.users.index('byName').keys({ start: 1, end: 9 });
  // @ts-expect-error byCityAge is [city, age], in that order
  db.users.index('byCityAge').get([30, 'Oslo']);
  // @ts-expect-error byJoined holds timestamps: look them up by Date
  db.users.index('byJoined').get('2024-01-01T00:00:00.000Z');
  // @ts-expect-error byRole holds the enum's values
  db.users.index('byRole').get('owner');
  // @ts-expect-error absent values are not indexed; undefined would mean no condition at all
  db.users.index('byEmail').get(undefined);
  // @ts-expect-error a null reference is not indexed
  db.pets.index('bySitter').get(null);
  // @ts-expect-error byOwner holds users keys, not pets keys
  db.pets.index('byOwner').records({ equals: petKey });
  // @ts-expect-error no index of that name
  db.users.index('byNickname');
}

const value = t.object({ name: t.string(), email: t.optional(t.string()), joined: t.timestamp(), avatar: t.bytes(), address: t.optional(t.object({ city: t.string() })), owner: t.ref('users', { onDelete: 'setNull' }) });

export const declarationMistakes = [
  // The right declarations compile.
  tree('okComposite', { key: composite('name'), value }),
  tree('okIndexes', { key: autoIncrement(), value, indexes: { a: { on: 'name' }, b: { on: 'address.city' }, c: { on: ['name', 'joined'], unique: true } } }),

  // @ts-expect-error a composite key of a field the value does not have
  tree('a', { key: composite('nmae'), value }),
  // @ts-expect-error a composite key of a field the value does not have, after a good one
  tree('b', { key: composite('name', 'nmae'), value }),
  // @ts-expect-error a composite key field must not be optional
  tree('c', { key: composite('email'), value }),
  // @ts-expect-error a composite key field cannot be a timestamp
  tree('d', { key: composite('joined'), value }),
  // @ts-expect-error a composite key field cannot be nullable (a setNull reference)
  tree('e', { key: composite('owner'), value }),
  // @ts-expect-error an index on a field the value does not have
  tree('f', { key: autoIncrement(), value, indexes: { byNope: { on: 'nope' } } }),
  // @ts-expect-error an index on a nested field the value does not have
  tree('g', { key: autoIncrement(), value, indexes: { byZip: { on: 'address.zip' } } }),
  // @ts-expect-error a compound index with one field the value does not have
  tree('h', { key: autoIncrement(), value, indexes: { byBoth: { on: ['name', 'nope'] } } }),
  // @ts-expect-error bytes cannot be indexed
  tree('i', { key: autoIncrement(), value, indexes: { byAvatar: { on: 'avatar' } } }),
  // @ts-expect-error nor can a property of the Uint8Array holding them
  tree('j', { key: autoIncrement(), value, indexes: { bySize: { on: 'avatar.byteLength' } } }),
  // @ts-expect-error an object field is not indexable as a whole
  tree('k', { key: autoIncrement(), value, indexes: { byAddress: { on: 'address' } } }),
  // A label names fields of the value, like an index does.
  tree('okLabel', { key: autoIncrement(), value, label: ['name', 'address.city'] }),
  // @ts-expect-error a label on a field the value does not have
  tree('o', { key: autoIncrement(), value, label: 'nmae' }),

  // A custom key's function: its parameter is annotated with the value type.
  tree('okCustom', { key: custom(t.string(), (v: { name: string }) => v.name), value: t.object({ name: t.string() }) }),
  // @ts-expect-error the function must return the key schema's type (a string here)
  tree('l', { key: custom(t.string(), (v: { n: number }) => v.n), value: t.object({ n: t.number() }) }),
  // @ts-expect-error the annotated parameter must be the tree's value type
  tree('m', { key: custom(t.string(), (v: { name: number }) => String(v.name)), value: t.object({ name: t.string() }) }),
  // @ts-expect-error unannotated, the parameter is `never` (not `any`): a compile error, never an unchecked function
  tree('n', { key: custom(t.string(), (v) => v.name), value: t.object({ name: t.string() }) }),
];
