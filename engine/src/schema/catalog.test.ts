/**
 * checkCatalog: a catalog the engine wrote passes; each kind of damage another
 * tool or a bug could leave is refused, naming the place in dotted form and
 * what was expected there.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, composite, open, schema, t, tree } from '../index.js';
import { checkCatalog } from './catalog.js';

const users = tree('users', { key: autoIncrement(), value: t.object({ name: t.string() }) });
const tasks = tree('tasks', {
  key: composite('project', 'number'),
  value: t.object({ project: t.string(), number: t.number(), owner: t.ref('users', { onDelete: 'cascade' }), title: t.string() }),
  indexes: { byOwner: { on: 'owner' }, byTitle: { on: 'title', unique: true } },
});

type TreeEntry = Record<string, unknown> & { indexes: Record<string, unknown>[]; references: Record<string, unknown>[] };
type PlainCatalog = Record<string, unknown> & { trees: Record<string, TreeEntry> };

/** The catalog as the engine stores it, as plain JSON to damage. */
async function writtenCatalog(): Promise<PlainCatalog> {
  const db = await open('catalog-check', schema(users, tasks), { inMemory: true });
  try {
    return JSON.parse(JSON.stringify(db.catalog)) as PlainCatalog;
  } finally {
    await db.close();
  }
}

const tasksOf = (catalog: PlainCatalog): TreeEntry => catalog.trees['tasks']!;

const damages: [string, (catalog: PlainCatalog) => void, string][] = [
  ['an index over a field name instead of a list', (c) => (tasksOf(c).indexes[0]!['on'] = 'owner'), 'trees.tasks.indexes.byOwner.on: expected array'],
  ['an index whose uniqueness is a word', (c) => (tasksOf(c).indexes[1]!['unique'] = 'yes'), 'trees.tasks.indexes.byTitle.unique: expected boolean'],
  ['an index without a name', (c) => delete tasksOf(c).indexes[0]!['name'], "trees.tasks.indexes[0]: missing 'name'"],
  ['a tree without its indexes', (c) => delete (tasksOf(c) as Partial<TreeEntry>).indexes, "trees.tasks: missing 'indexes'"],
  ['indexes as an object', (c) => (tasksOf(c)['indexes'] = {} as never), 'trees.tasks.indexes: expected array'],
  [
    'an onDelete the engine does not know',
    (c) => (tasksOf(c).references[0]!['onDelete'] = 'explode'),
    'trees.tasks.references[0].onDelete: expected one of "restrict", "cascade", "setNull"',
  ],
  ['a reference whose many is a number', (c) => (tasksOf(c).references[0]!['many'] = 1), 'trees.tasks.references[0].many: expected boolean'],
  ['a composite key whose fields are text', (c) => (tasksOf(c)['key'] = { kind: 'composite', fields: 'project' }), 'trees.tasks.key.fields: expected array'],
  ['a composite key without fields', (c) => (tasksOf(c)['key'] = { kind: 'composite' }), "trees.tasks.key: missing 'fields'"],
  [
    'a key strategy of an unknown kind',
    (c) => (tasksOf(c)['key'] = { kind: 'sideways' }),
    'trees.tasks.key.kind: expected one of "auto", "composite", "uuid", "hash", "custom"',
  ],
  ['a value schema that is a list', (c) => (tasksOf(c)['value'] = []), 'trees.tasks.value: expected object'],
  ['a key schema that is null', (c) => (tasksOf(c)['keySchema'] = null), 'trees.tasks.keySchema: expected object'],
  ['a tree entry that is text', (c) => (c.trees['users'] = 'users' as never), 'trees.users: expected object'],
  ['a tree listed under another name', (c) => (c.trees['people'] = c.trees['users']!), 'trees.people.name: expected "people", the name it is listed under'],
  ['a schema version that is text', (c) => (c['schemaVersion'] = '3'), 'schemaVersion: expected integer'],
  ['a format version of 0', (c) => (c['formatVersion'] = 0), 'formatVersion: expected at least 1'],
  ['a label that is a field name instead of a list', (c) => (tasksOf(c)['label'] = 'title'), 'trees.tasks.label: expected array'],
  ['an empty label', (c) => (tasksOf(c)['label'] = []), 'trees.tasks.label: expected at least 1 item(s)'],
  ['a label naming no field', (c) => (tasksOf(c)['label'] = ['nope']), "trees.tasks.label[0]: 'nope' is not a field of the value"],
  [
    'a label on a reference',
    (c) => (tasksOf(c)['label'] = ['title', 'owner']),
    "trees.tasks.label[1]: 'owner' must be text, a number or a boolean to label a record (not a reference, timestamp, bytes, list or object)",
  ],
  ['trees that are null', (c) => (c['trees'] = null as never), 'trees: expected object'],
];

describe('checkCatalog', () => {
  it('passes a catalog written before labels existed (no label), and one with a declared label', async () => {
    const catalog = await writtenCatalog();
    expect(tasksOf(catalog)['label']).toBeUndefined();
    tasksOf(catalog)['label'] = ['title', 'number'];
    expect(checkCatalog(catalog).ok).toBe(true);
  });

  it('passes the catalog the engine wrote, and answers it as it is', async () => {
    const catalog = await writtenCatalog();
    expect(checkCatalog(catalog)).toEqual({ ok: true, catalog });
  });

  for (const [what, damage, problem] of damages) {
    it(`refuses ${what}, naming the place: ${problem}`, async () => {
      const catalog = await writtenCatalog();
      damage(catalog);
      expect(checkCatalog(catalog)).toEqual({ ok: false, problem });
    });
  }
});
