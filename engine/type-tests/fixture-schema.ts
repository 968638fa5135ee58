/**
 * The trees the type tests check: one per key strategy, and a value of every
 * kind `t` offers. Type-checked only, never run.
 */
import Type from 'typebox';
import { autoIncrement, composite, contentHash, custom, schema, t, tree, uuid, type Database } from '@trellis/engine';

export const users = tree('users', {
  key: autoIncrement(),
  value: t.object({
    name: t.string({ minLength: 1 }),
    email: t.optional(t.string()),
    joined: t.timestamp(),
    avatar: t.bytes(),
    role: t.enum(['admin', 'member']),
    level: t.enum([1, 2, 3]),
    kind: t.literal('person'),
    age: t.integer(),
    score: t.number(),
    active: t.boolean(),
    nickname: t.nullable(t.string()),
    tags: t.array(t.string()),
    address: t.optional(t.object({ city: t.string(), zip: t.nullable(t.string()) })),
  }),
  indexes: {
    byName: { on: 'name' },
    byEmail: { on: 'email', unique: true },
    byJoined: { on: 'joined' },
    byTag: { on: 'tags' },
    byCity: { on: 'address.city' },
    byCityAge: { on: ['address.city', 'age'] },
    byRole: { on: 'role' },
  },
});

export const pets = tree('pets', {
  key: autoIncrement(),
  value: t.object({
    name: t.string(),
    owner: t.ref(users, { onDelete: 'cascade' }),
    sitter: t.ref(users, { onDelete: 'setNull' }),
    vet: t.ref('users'), // by name, restrict
    friends: t.refs('pets', { onDelete: 'setNull' }), // a list: setNull drops elements, never holds null
  }),
  indexes: { byOwner: { on: 'owner' }, bySitter: { on: 'sitter' }, byFriend: { on: 'friends' }, byOwnerName: { on: ['owner', 'name'], unique: true } },
});

export const toys = tree('toys', {
  key: composite('pet', 'name'),
  value: t.object({ pet: t.ref(pets, { onDelete: 'cascade' }), name: t.string(), squeaks: t.boolean() }),
});

export const events = tree('events', { key: uuid(), value: t.object({ at: t.timestamp() }) });

export const blobs = tree('blobs', { key: contentHash(), value: t.object({ data: t.bytes() }) });

/** A custom key's function needs its parameter annotated (see key-value-types.ts). */
export const slugs = tree('slugs', {
  key: custom(t.string({ pattern: '^[a-z-]+$' }), (v: { slug: string; title: string }) => v.slug),
  value: t.object({ slug: t.string(), title: t.string() }),
});

export const grid = tree('grid', {
  key: custom(Type.Tuple([t.integer(), t.integer()]), (v: { x: number; y: number }) => [v.x, v.y] as [number, number]),
  value: t.object({ x: t.integer(), y: t.integer() }),
});

export const appSchema = schema(users, pets, toys, events, blobs, slugs, grid);
export type Db = Database<typeof appSchema>;
