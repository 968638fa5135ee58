/**
 * Property: an index on a path across a reference (`tasks` by `project->team`)
 * holds exactly what a recomputation from the records says, after any sequence
 * of writes to either tree — projects changing team, tasks changing project,
 * deletes that cascade or set null, refused writes, transactions of several —
 * on both backends. Also: the index's lookups, its declaration's checks, an
 * index added to a tree that already has records, and the integrity check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoIncrement, InvalidSchemaError, schema, t, tree, type Database, type KeyOf } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const projects = tree('projects', {
  key: autoIncrement(),
  value: t.object({ title: t.string(), team: t.optional(t.nullable(t.string())), tags: t.array(t.string()), due: t.optional(t.timestamp()) }),
});
const tasks = tree('tasks', {
  key: autoIncrement(),
  value: t.object({ title: t.string(), project: t.nullable(t.ref(projects, { onDelete: 'setNull' })), also: t.refs('projects', { onDelete: 'setNull' }) }),
  indexes: { byTeam: { on: 'project->team' }, byTag: { on: 'project->tags' }, byDue: { on: 'project->due' }, byAlsoTeam: { on: 'also->team' } },
});
/** A reference to its own tree: a folder indexed by its parent's name (a folder may be its own parent). */
const folders = tree('folders', {
  key: autoIncrement(),
  value: t.object({ name: t.string(), parent: t.optional(t.ref('folders', { onDelete: 'cascade' })) }),
  indexes: { byParentName: { on: 'parent->name' } },
});
const declared = schema(projects, tasks, folders);
type Db = Database<typeof declared>;

/** What each path index must hold, from the records alone: `indexed value → holder key` pairs, as text. */
function expected(db: Db): Record<string, string[]> {
  const project = new Map([...db.projects.range()].map((e) => [e.key as number, e.value]));
  const folder = new Map([...db.folders.range()].map((e) => [e.key as number, e.value]));
  const out: Record<string, string[]> = { byTeam: [], byTag: [], byDue: [], byAlsoTeam: [], byParentName: [] };
  for (const { key, value } of db.tasks.range()) {
    const p = value.project === null ? undefined : project.get(value.project as unknown as number);
    if (p?.team != null) out['byTeam']!.push(JSON.stringify([p.team, key]));
    for (const tag of new Set(p?.tags ?? [])) out['byTag']!.push(JSON.stringify([tag, key]));
    if (p?.due) out['byDue']!.push(JSON.stringify([p.due.toISOString(), key]));
    const teams = new Set(value.also.map((k) => project.get(k as unknown as number)?.team).filter((team) => team != null));
    for (const team of teams) out['byAlsoTeam']!.push(JSON.stringify([team, key]));
  }
  for (const { key, value } of db.folders.range()) {
    const parent = value.parent === undefined ? undefined : folder.get(value.parent as unknown as number);
    if (parent) out['byParentName']!.push(JSON.stringify([parent.name, key]));
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

function actual(db: Db): Record<string, string[]> {
  const text = (indexed: unknown, key: unknown) => JSON.stringify([indexed instanceof Date ? indexed.toISOString() : indexed, key]);
  const of = <I extends 'byTeam' | 'byTag' | 'byDue' | 'byAlsoTeam'>(name: I) => [...db.tasks.index(name).keys()].map((h) => text(h.indexed[0], h.key)).sort();
  return {
    byTeam: of('byTeam'),
    byTag: of('byTag'),
    byDue: of('byDue').map((line) => line.replace(/^\["?(-?\d+(\.\d+)?)"?/, (_, ms: string) => `["${new Date(Number(ms)).toISOString()}"`)),
    byAlsoTeam: of('byAlsoTeam'),
    byParentName: [...db.folders.index('byParentName').keys()].map((h) => text(h.indexed[0], h.key)).sort(),
  };
}

const TEAMS = ['red', 'blue', 'green'];
const write = fc.oneof(
  fc.record({ op: fc.constant('project' as const), id: fc.integer({ min: 1, max: 6 }), team: fc.option(fc.constantFrom(...TEAMS)), tags: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }), due: fc.option(fc.integer({ min: 0, max: 3 })) }),
  fc.record({ op: fc.constant('task' as const), id: fc.integer({ min: 1, max: 10 }), project: fc.option(fc.integer({ min: 1, max: 7 })), also: fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }) }),
  fc.record({ op: fc.constant('deleteProject' as const), id: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('deleteTask' as const), id: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ op: fc.constant('folder' as const), id: fc.integer({ min: 1, max: 5 }), name: fc.constantFrom('x', 'y', 'z'), parent: fc.option(fc.integer({ min: 1, max: 5 })) }),
  fc.record({ op: fc.constant('deleteFolder' as const), id: fc.integer({ min: 1, max: 5 }) }),
);
type Write = typeof write extends fc.Arbitrary<infer W> ? W : never;

/** Applies one write inside a transaction; writes the schema refuses (a missing project) throw and are skipped by the caller. */
function apply(trees: Parameters<Parameters<Db['transaction']>[0]>[0], w: Write): void {
  switch (w.op) {
    case 'project':
      trees.projects.put(trees.projects.key(w.id), { title: `p${w.id}`, tags: w.tags, ...(w.team === null ? {} : { team: w.team }), ...(w.due === null ? {} : { due: new Date(Date.UTC(2026, 0, 1 + w.due)) }) });
      return;
    case 'task':
      trees.tasks.put(trees.tasks.key(w.id), { title: `t${w.id}`, project: w.project === null ? null : (trees.projects.key(w.project) as KeyOf<typeof projects>), also: w.also.map((id) => trees.projects.key(id)) });
      return;
    case 'deleteProject':
      trees.projects.delete(trees.projects.key(w.id));
      return;
    case 'deleteTask':
      trees.tasks.delete(trees.tasks.key(w.id));
      return;
    case 'folder':
      trees.folders.put(trees.folders.key(w.id), { name: w.name, ...(w.parent === null ? {} : { parent: trees.folders.key(w.parent) }) });
      return;
    case 'deleteFolder':
      trees.folders.delete(trees.folders.key(w.id));
  }
}

describe.each(backends)('indexes on a path across a reference ($name)', (backend) => {
  it('equal a recomputation from the records after any sequence of writes to either tree', async () => {
    const db = await backend.open(declared);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(write, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }), async (transactions) => {
        for (const writes of transactions) {
          // A transaction of several writes, all or nothing: a refused one (missing project) rolls back the others.
          await db.transaction((trees) => writes.forEach((w) => apply(trees, w))).catch((error: Error) => {
            if (!['MISSING_REFERENCE'].includes((error as { code?: string }).code ?? '')) throw error;
          });
          expect(actual(db)).toEqual(expected(db));
        }
      }),
      { numRuns: 60 },
    );
    const report = await db.opaque.verify();
    expect(report.problems).toEqual([]);
  });

  it('answers lookups by the referenced field: equals, prefix, range and timestamps', async () => {
    const db = await backend.open(declared);
    const red = await db.projects.insert({ title: 'Red', team: 'red', tags: ['a'], due: new Date('2026-02-01T00:00:00Z') });
    const blue = await db.projects.insert({ title: 'Blue', team: 'blue', tags: [] });
    const one = await db.tasks.insert({ title: 'one', project: red, also: [] });
    const two = await db.tasks.insert({ title: 'two', project: blue, also: [red] });
    expect([...db.tasks.index('byTeam').records({ equals: 'red' })].map((e) => e.key)).toEqual([one]);
    expect([...db.tasks.index('byTeam').keys({ prefix: 'bl' })].map((h) => h.key)).toEqual([two]);
    expect([...db.tasks.index('byDue').keys({ start: new Date('2026-01-01T00:00:00Z') })].map((h) => h.key)).toEqual([one]);
    expect(db.opaque.tree('tasks').lookup('byDue', { equals: '2026-02-01T00:00:00.000Z' }).next().value?.key).toBe(one);
    await db.projects.update(red, { team: 'blue' }); // the other side moves the task
    expect([...db.tasks.index('byTeam').keys({ equals: 'blue' })].map((h) => h.key)).toEqual([one, two]);
    expect([...db.tasks.index('byAlsoTeam').keys({ equals: 'blue' })].map((h) => h.key)).toEqual([two]);
  });
});

describe('an index on a path added to a tree with records (LMDB: reopened)', () => {
  const lmdb = backends.find((b) => b.lmdb)!;
  it('is built for the records a tree already has when it is added, and checked by verify', async () => {
    const plain = tree('tasks', { key: autoIncrement(), value: tasks.value });
    const first = await lmdb.open(schema(projects, plain));
    const p = await first.projects.insert({ title: 'P', team: 'red', tags: [] });
    await first.tasks.insert({ title: 'T', project: p, also: [] });
    const path = first.path;
    await first.close();
    const { open } = await import('../index.js');
    const again = await open(path, schema(projects, tasks, folders));
    try {
      expect([...again.tasks.index('byTeam').keys({ equals: 'red' })]).toHaveLength(1);
      expect((await again.opaque.verify()).problems).toEqual([]);
    } finally {
      await again.close();
    }
  });
});

describe('declaring an index on a path', () => {
  const refused = (indexes: Record<string, { on: string; unique?: boolean }>) => async () => {
    const bad = tree('tasks', { key: autoIncrement(), value: tasks.value, indexes: indexes as never });
    await expect(backends[1]!.open(schema(projects, bad))).rejects.toThrow(InvalidSchemaError);
  };
  it('refuses a unique one', refused({ x: { on: 'project->team', unique: true } }));
  it('refuses a field the target does not have', refused({ x: { on: 'project->nope' } }));
  it('refuses a path from a field that is not a reference', refused({ x: { on: 'title->team' } }));
  it('refuses two hops', refused({ x: { on: 'project->team->x' } }));
});
