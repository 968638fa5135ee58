/**
 * A stored catalog that claims Trellis's format but does not match its schema
 * (another tool, a bug, hand editing) is refused on open by every face, with
 * INVALID_SCHEMA naming the database and the place, and the file is left as it
 * was: nothing is built from it, and no open with a schema rewrites it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autoIncrement, InvalidSchemaError, open, openDatabase, schema, t, tree, verifyDatabase } from '../index.js';
import { fileState, withRawStores } from '../integrity/fixtures/raw-stores.js';

const users = tree('users', { key: autoIncrement(), value: t.object({ name: t.string() }) });
const tasks = tree('tasks', {
  key: autoIncrement(),
  value: t.object({ owner: t.ref('users'), title: t.string() }),
  indexes: { byOwner: { on: 'owner' } },
});
const appSchema = schema(users, tasks);

let dir: string;
let path: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-damaged-catalog-'));
  path = join(dir, 'db');
  const db = await open(path, appSchema);
  const owner = await db.users.insert({ name: 'Ada' });
  await db.tasks.insert({ owner, title: 'write' });
  await db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type TreeEntry = Record<string, unknown> & { indexes: Record<string, unknown>[]; references: Record<string, unknown>[] };

async function damageCatalog(damage: (tasksEntry: TreeEntry) => void): Promise<void> {
  await withRawStores(path, (raw) => {
    const meta = raw.plain('__meta');
    const catalog = structuredClone(meta.get('catalog')) as { trees: Record<string, TreeEntry> };
    damage(catalog.trees['tasks']!);
    meta.putSync('catalog', catalog);
  });
}

const damages: [string, (entry: TreeEntry) => void, string][] = [
  ['an index over text instead of a list of fields', (entry) => (entry.indexes[0]!['on'] = 'owner'), 'trees.tasks.indexes.byOwner.on: expected array'],
  ['an index whose uniqueness is a word', (entry) => (entry.indexes[0]!['unique'] = 'yes'), 'trees.tasks.indexes.byOwner.unique: expected boolean'],
  ['a reference with an unknown onDelete', (entry) => (entry.references[0]!['onDelete'] = 'explode'), 'trees.tasks.references[0].onDelete: expected one of'],
  ['a tree without its references', (entry) => delete (entry as Partial<TreeEntry>).references, "trees.tasks: missing 'references'"],
  ['a key strategy of an unknown kind', (entry) => (entry['key'] = { kind: 'sideways' }), 'trees.tasks.key.kind: expected one of'],
];

describe('a damaged stored catalog', () => {
  for (const [what, damage, place] of damages) {
    it(`with ${what} is refused by every open, naming ${place}, and the file is untouched`, async () => {
      await damageCatalog(damage);
      const before = fileState(path);
      const opens: [string, () => Promise<unknown>][] = [
        ['open with the schema', () => open(path, appSchema)],
        ['open with the schema, read-only', () => open(path, appSchema, { readOnly: true })],
        ['openDatabase', () => openDatabase(path)],
        ['openDatabase, read-only', () => openDatabase(path, { readOnly: true })],
        ['verifyDatabase', () => verifyDatabase(path)],
        ['verifyDatabase with repair', () => verifyDatabase(path, { repair: true })],
      ];
      for (const [how, attempt] of opens) {
        const error = await attempt().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error, how).toBeInstanceOf(InvalidSchemaError);
        expect((error as InvalidSchemaError).code, how).toBe('INVALID_SCHEMA');
        expect((error as Error).message, how).toContain(`the catalog stored in ${path} is damaged at ${place}`);
      }
      expect(fileState(path)).toEqual(before);
    });
  }

  it('once mended, opens again with everything in it', async () => {
    await damageCatalog((entry) => (entry.indexes[0]!['unique'] = 'yes'));
    await expect(openDatabase(path)).rejects.toThrow(InvalidSchemaError);
    await damageCatalog((entry) => (entry.indexes[0]!['unique'] = false));
    const db = await open(path, appSchema);
    expect(db.tasks.count()).toBe(1);
    expect((await db.opaque.verify()).ok).toBe(true);
    await db.close();
  });
});
