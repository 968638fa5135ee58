/**
 * engine/README.md's quick start, run as written by engine/examples/quick-start.test.ts.
 * Users, pets that belong to a user, and toys keyed by (pet, name).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autoIncrement, composite, open, schema, t, tree } from '@trellis/engine';

const users = tree('users', {
  key: autoIncrement(),
  value: t.object({
    name: t.string({ minLength: 1 }),
    email: t.optional(t.string()),
    joined: t.timestamp(),
  }),
  indexes: { byName: { on: 'name' }, byEmail: { on: 'email', unique: true } },
});

const pets = tree('pets', {
  key: autoIncrement(),
  value: t.object({
    name: t.string(),
    species: t.enum(['cat', 'dog', 'parrot']),
    owner: t.ref(users, { onDelete: 'cascade' }),
  }),
  indexes: { byOwner: { on: 'owner' } },
});

const toys = tree('toys', {
  key: composite('pet', 'name'),
  value: t.object({ pet: t.ref(pets, { onDelete: 'cascade' }), name: t.string(), squeaks: t.boolean() }),
});

export const appSchema = schema(users, pets, toys);

export async function main(path = join(mkdtempSync(join(tmpdir(), 'trellis-')), 'pets-db')) {
  const db = await open(path, appSchema);

  const alice = await db.users.insert({ name: 'Alice', email: 'alice@example.com', joined: new Date() });
  const rex = await db.pets.insert({ name: 'Rex', species: 'dog', owner: alice });
  const ball = await db.toys.insert({ pet: rex, name: 'ball', squeaks: true });

  const found = db.users.index('byName').get('Alice'); // { key, value, revision }
  const alicesPets = [...db.pets.index('byOwner').records({ equals: alice })].map((e) => e.value.name);
  const whoPointsAtRex = db.pets.referencedBy(rex); // [{ tree: 'toys', path: 'pet', key: [rex, 'ball'] }]

  // db.pets.get(alice);  // compile error: a users key is not a pets key

  await db.users.delete(alice); // cascades to Rex and to Rex's ball, in one transaction
  const afterDelete = { pets: db.pets.count(), toys: db.toys.has(ball) };

  await db.close();
  return { alice, rex, ball, found, alicesPets, whoPointsAtRex, afterDelete };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await main());
