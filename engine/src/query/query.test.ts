/**
 * Queries over one tree: every operator against a plain JavaScript filter of
 * the same records, through an index and by a scan (the same answers), sorts
 * by key and by fields with and without an index, bounded steps, and the
 * refusals of what cannot be run.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, composite, schema, t, tree, type RecordFilter, type RecordQuery } from '../index.js';
import { SORT_LIMIT } from '../common/record-query.js';
import { backends } from '../testing/contract-backends.js';

const teams = tree('teams', { key: composite('org', 'code'), value: t.object({ org: t.string(), code: t.string(), name: t.string() }) });
const cities = tree('cities', {
  key: autoIncrement(),
  value: t.object({
    name: t.string(),
    population: t.optional(t.integer()),
    area: t.number(),
    founded: t.timestamp(),
    kind: t.enum(['town', 'city', 'capital']),
    coastal: t.boolean(),
    team: t.ref(teams),
    twins: t.refs(teams),
    tags: t.array(t.string()),
    where: t.object({ region: t.string(), zip: t.optional(t.string()) }),
  }),
  indexes: { byPopulation: { on: 'population' }, byName: { on: 'name' }, byKind: { on: 'kind' } },
});
const appSchema = schema(teams, cities);
const COUNT = 300;
const KINDS = ['town', 'city', 'capital'] as const;
const NAMES = ['Paris', 'paris-ville', 'Lyon', 'Marseille', 'Lille', 'Nice', 'Nantes', 'Brest'];

function city(i: number) {
  return {
    name: `${NAMES[i % NAMES.length]}${i % 7 === 0 ? '' : ` ${i}`}`,
    ...(i % 10 === 3 ? {} : { population: (i * 7919) % 5000 }),
    area: ((i * 31) % 97) / 3,
    founded: new Date(Date.UTC(1000 + ((i * 13) % 900), i % 12, 1)),
    kind: KINDS[i % 3]!,
    coastal: i % 4 === 0,
    team: (i % 2 === 0 ? ['acme', 'red'] : ['acme', 'blue']) as [string, string],
    twins: i % 5 === 0 ? [['globex', 'red'] as [string, string]] : [],
    tags: i % 6 === 0 ? [] : [`t${i % 4}`, 'all'],
    where: { region: `R${i % 9}`, ...(i % 2 ? { zip: `${10000 + i}` } : {}) },
  };
}

type City = ReturnType<typeof city> & { key: number };

describe.each(backends)('queries ($name)', (backend) => {
  async function seeded() {
    const db = await backend.open(appSchema);
    await db.transaction((tx) => {
      for (const [org, code] of [['acme', 'red'], ['acme', 'blue'], ['globex', 'red']] as const) tx.teams.put([org, code] as never, { org, code, name: `${org} ${code}` });
      for (let i = 1; i <= COUNT; i++) tx.cities.insert(city(i) as never); // keys as plain tuples: the test compares them with plain data
    });
    const all: City[] = Array.from({ length: COUNT }, (_, i) => ({ ...city(i + 1), key: i + 1 }));
    return { db, tree: db.opaque.tree('cities'), all };
  }

  function runAll(run: { step(budget: number): { done: boolean }; keysAt(offset: number, limit: number): unknown[]; progress(): { matches: number } }) {
    for (let steps = 0; steps < 10_000 && !run.step(37).done; steps++);
    return run.keysAt(0, run.progress().matches);
  }

  const where = (...conditions: RecordFilter['conditions']): RecordFilter => ({ match: 'all', conditions });

  const cases: [string, RecordFilter, (c: City) => boolean][] = [
    ['contains ignores case', where({ field: 'name', op: 'contains', value: 'PARIS' }), (c) => c.name.toLowerCase().includes('paris')],
    ['startsWith keeps case', where({ field: 'name', op: 'startsWith', value: 'Paris' }), (c) => c.name.startsWith('Paris')],
    ['eq on text', where({ field: 'name', op: 'eq', value: 'Lyon' }), (c) => c.name === 'Lyon'],
    ['ne passes a missing value', where({ field: 'population', op: 'ne', value: 2919 }), (c) => c.population !== 2919],
    ['lt never passes a missing value', where({ field: 'population', op: 'lt', value: 1000 }), (c) => c.population !== undefined && c.population < 1000],
    ['le', where({ field: 'population', op: 'le', value: 1000 }), (c) => c.population !== undefined && c.population <= 1000],
    ['gt', where({ field: 'population', op: 'gt', value: 4000 }), (c) => c.population !== undefined && c.population > 4000],
    ['ge', where({ field: 'population', op: 'ge', value: 4000 }), (c) => c.population !== undefined && c.population >= 4000],
    ['between is inclusive', where({ field: 'population', op: 'between', value: 1000, to: 2000 }), (c) => c.population !== undefined && c.population >= 1000 && c.population <= 2000],
    ['numbers that are not integers', where({ field: 'area', op: 'gt', value: 20.5 }), (c) => c.area > 20.5],
    ['timestamps by ISO text', where({ field: 'founded', op: 'lt', value: '1300-01-01' }), (c) => c.founded.getTime() < Date.UTC(1300, 0, 1)],
    ['enum in a list', where({ field: 'kind', op: 'in', values: ['town', 'capital'] }), (c) => c.kind !== 'city'],
    ['boolean', where({ field: 'coastal', op: 'eq', value: true }), (c) => c.coastal],
    ['a composite reference', where({ field: 'team', op: 'eq', value: ['acme', 'red'] }), (c) => c.team[1] === 'red'],
    ['a list of references: any item', where({ field: 'twins', op: 'eq', value: ['globex', 'red'] }), (c) => c.twins.length > 0],
    ['a list: ne when no item equals', where({ field: 'tags', op: 'ne', value: 't1' }), (c) => !c.tags.includes('t1')],
    ['a list: empty', where({ field: 'tags', op: 'empty' }), (c) => c.tags.length === 0],
    ['nested field', where({ field: 'where.region', op: 'eq', value: 'R4' }), (c) => c.where.region === 'R4'],
    ['nested optional: notEmpty', where({ field: 'where.zip', op: 'notEmpty' }), (c) => c.where.zip !== undefined],
    ['all of two, one indexed', where({ field: 'kind', op: 'eq', value: 'city' }, { field: 'coastal', op: 'eq', value: false }), (c) => c.kind === 'city' && !c.coastal],
    [
      'any of, with a group',
      { match: 'any', conditions: [{ field: 'name', op: 'eq', value: 'Nice' }, { match: 'all', conditions: [{ field: 'kind', op: 'eq', value: 'capital' }, { field: 'coastal', op: 'eq', value: true }] }] },
      (c) => c.name === 'Nice' || (c.kind === 'capital' && c.coastal),
    ],
  ];

  it.each(cases)('%s: the same records as a plain filter, in key order by a scan', async (_name, filter, expected) => {
    const { tree, all } = await seeded();
    const wanted = all.filter(expected).map((c) => c.key);
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.length).toBeLessThan(COUNT);
    const run = tree.query({ where: filter, sort: {} });
    expect(runAll(run)).toEqual(wanted);
    expect(run.progress()).toMatchObject({ matches: wanted.length, done: true, truncated: false });
  });

  it('an index serves an indexed condition, reads only its range, and finds what a scan finds', async () => {
    const { tree, all } = await seeded();
    const between = where({ field: 'population', op: 'between', value: 1000, to: 2000 });
    const run = tree.query({ where: between });
    expect(run.plan).toMatchObject({ source: 'index', index: 'byPopulation', order: 'source' });
    const found = runAll(run);
    const wanted = all.filter((c) => c.population !== undefined && c.population >= 1000 && c.population <= 2000);
    expect(run.total).toBe(wanted.length); // the range, not the tree
    expect([...found].sort((a, b) => (a as number) - (b as number))).toEqual(wanted.map((c) => c.key));
    // In index order: by population, then key.
    const populations = found.map((key) => all[(key as number) - 1]!.population!);
    expect(populations).toEqual([...populations].sort((a, b) => a - b));
    // The same filter with the key order asked for: through the index, sorted after.
    const byKey = tree.query({ where: between, sort: {} });
    expect(byKey.plan).toMatchObject({ source: 'index', order: 'memory' });
    expect(runAll(byKey)).toEqual(wanted.map((c) => c.key));
  });

  it('sorts by an indexed field through its index, and by any field in memory, empty values last', async () => {
    const { tree, all } = await seeded();
    const byName = tree.query({ sort: { field: 'name', descending: true } });
    expect(byName.plan).toMatchObject({ source: 'index', index: 'byName', order: 'source' });
    const names = runAll(byName).map((key) => all[(key as number) - 1]!.name);
    expect(names).toEqual([...names].sort().reverse());

    // Some records have no population: the index does not hold them, so a small tree is sorted in memory to list them all.
    const byPopulation = tree.query({ sort: { field: 'population' } });
    expect(byPopulation.plan.order).toBe('memory');
    const keys = runAll(byPopulation);
    expect(keys).toHaveLength(COUNT);
    const populations = keys.map((key) => all[(key as number) - 1]!.population);
    const withValue = populations.filter((p) => p !== undefined);
    expect(withValue).toEqual([...withValue].sort((a, b) => a! - b!));
    expect(populations.slice(withValue.length).every((p) => p === undefined)).toBe(true);

    const byArea = tree.query({ where: where({ field: 'kind', op: 'eq', value: 'town' }), sort: { field: 'area', descending: true } });
    expect(byArea.plan).toMatchObject({ source: 'index', index: 'byKind', order: 'memory' });
    const areas = runAll(byArea).map((key) => all[(key as number) - 1]!.area);
    expect(areas).toEqual(all.filter((c) => c.kind === 'town').map((c) => c.area).sort((a, b) => b - a));
  });

  it('runs in bounded steps: each reads at most its budget, matches grow, pages wait for a sort in memory', async () => {
    const { tree } = await seeded();
    const run = tree.query({ where: where({ field: 'coastal', op: 'eq', value: true }) });
    expect(run.plan.source).toBe('scan');
    const first = run.step(50);
    expect(first).toMatchObject({ scanned: 50, total: COUNT, done: false });
    expect(first.matches).toBe(12); // 4, 8, … 48
    expect(run.keysAt(0, 3)).toEqual([4, 8, 12]);
    const sorted = tree.query({ where: where({ field: 'coastal', op: 'eq', value: true }), sort: { field: 'area' } });
    sorted.step(50);
    expect(sorted.keysAt(0, 3)).toEqual([]);
    expect(sorted.ordered).toBe(false);
    runAll(sorted);
    expect(sorted.ordered).toBe(true);
  });

  it('refuses what it cannot run, naming the field and what would work', async () => {
    const { tree } = await seeded();
    const refused = (query: RecordQuery) => {
      try {
        tree.query(query);
      } catch (error) {
        return error as { code: string; message: string };
      }
      throw new Error('accepted');
    };
    expect(refused({ where: where({ field: 'nope', op: 'eq', value: 1 }) })).toMatchObject({ code: 'INVALID_QUERY', message: expect.stringContaining("no field 'nope'") });
    expect(refused({ where: where({ field: 'coastal', op: 'contains', value: 'x' }) }).message).toContain("'contains' does not apply to 'coastal'");
    expect(refused({ where: where({ field: 'population', op: 'gt', value: '12' }) }).message).toContain('needs value to be a number');
    expect(refused({ where: where({ field: 'kind', op: 'eq', value: 'village' }) }).message).toContain('one of ["town","city","capital"]');
    expect(refused({ where: where({ field: 'founded', op: 'lt', value: 'yesterday' }) }).message).toContain('a date and time');
    expect(refused({ where: where({ field: 'team', op: 'eq', value: { org: 'acme' } }) }).message).toContain('a key of teams is a list of 2 parts (string, string)');
    expect(refused({ where: where({ field: 'team', op: 'eq', value: ['acme'] }) }).message).toContain('a list of 2 parts');
    expect(refused({ where: where({ field: 'name', op: 'in' }) }).message).toContain('needs a list of values');
    expect(refused({ sort: { field: 'tags' } }).message).toContain('is a list');
    expect(refused({ sort: { field: 'nope' } }).code).toBe('INVALID_QUERY');
  });
});

describe('a sort in memory is bounded', () => {
  it(`refuses to sort more than ${SORT_LIMIT} records by a field no index serves`, async () => {
    const [memory] = backends.filter((b) => !b.lmdb);
    const db = await memory!.open(schema(tree('points', { key: autoIncrement(), value: t.object({ x: t.integer() }) })));
    await db.transaction((tx) => {
      for (let i = 0; i <= SORT_LIMIT; i++) tx.points.insert({ x: i % 1000 });
    });
    const points = db.opaque.tree('points');
    expect(() => points.query({ sort: { field: 'x' } })).toThrow(/needs an index on it, or a filter that leaves at most 100,000 records \(the tree has 100,001\)/);
    // With a filter that still leaves too many, the run stops when it finds out.
    const run = points.query({ where: { match: 'all', conditions: [{ field: 'x', op: 'ge', value: 0 }] }, sort: { field: 'x' } });
    expect(() => {
      for (let steps = 0; steps < 1000; steps++) run.step(10_000);
    }).toThrow(/more than 100,000 records match/);
  });
});
