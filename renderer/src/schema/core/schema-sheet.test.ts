import { describe, expect, it } from 'vitest';
import { cities, countries, e2eDatabase, geoDatabase, people, projects, states, tasks } from './catalogs.test-support.js';
import { constraintsOf, keySummary, schemaSheet, type FieldRow } from './schema-sheet.js';

const field = (rows: readonly FieldRow[], path: string): FieldRow => {
  const row = rows.find((r) => r.path === path);
  if (!row) throw new Error(`no field ${path} in ${rows.map((r) => r.path).join(', ')}`);
  return row;
};

describe('schemaSheet', () => {
  const sheet = schemaSheet(tasks, e2eDatabase);

  it('lists every field in declaration order, nested objects under their parent one level deeper', () => {
    expect(sheet.fields.map((f) => [f.path, f.depth])).toEqual([
      ['title', 0],
      ['owner', 0],
      ['watchers', 0],
      ['project', 0],
      ['status', 0],
      ['due', 0],
      ['details', 0],
      ['details.estimateHours', 1],
      ['details.tags', 1],
    ]);
  });

  it('describes types the way the editor does, enums with their values', () => {
    expect(field(sheet.fields, 'title').type).toBe('string');
    expect(field(sheet.fields, 'status').type).toBe('"todo" | "doing" | "done"');
    expect(field(sheet.fields, 'owner').type).toBe('key of people');
    expect(field(sheet.fields, 'watchers').type).toBe('list of key of people');
    expect(field(sheet.fields, 'details.tags').type).toBe('list of string');
    expect(field(sheet.fields, 'due').type).toBe('timestamp (ISO text)');
  });

  it('gives each reference field its target and onDelete rule, a list of references as many', () => {
    expect(field(sheet.fields, 'owner').reference).toEqual({ tree: 'people', path: 'owner', onDelete: 'restrict', many: false });
    expect(field(sheet.fields, 'watchers').reference).toEqual({ tree: 'people', path: 'watchers[]', onDelete: 'restrict', many: true });
    expect(field(sheet.fields, 'project').reference?.tree).toBe('projects');
    expect(field(sheet.fields, 'title').reference).toBeUndefined();
  });

  it('marks required and nullable fields and lists constraints; a timestamp format is no constraint', () => {
    expect(field(sheet.fields, 'title')).toMatchObject({ required: true, nullable: false, constraints: ['min length 1'] });
    expect(field(sheet.fields, 'details.estimateHours').constraints).toEqual(['≥ 0']);
    expect(field(sheet.fields, 'due').constraints).toEqual([]);
    const population = field(schemaSheet(cities, geoDatabase).fields, 'population');
    expect(population).toMatchObject({ required: false, nullable: true, constraints: ['≥ 0'], type: 'integer | null' });
  });

  it('names the indexes on each field and lists them with uniqueness', () => {
    expect(field(sheet.fields, 'status').indexes).toEqual(['byStatus']);
    expect(field(sheet.fields, 'title').indexes).toEqual([]);
    expect(schemaSheet(people, e2eDatabase).indexes).toEqual([
      { name: 'byEmail', fields: ['email'], unique: true },
      { name: 'byRole', fields: ['role'], unique: false },
    ]);
  });

  it('shows a computed index by the type of its values and its version, on no field', () => {
    const withComputed = { ...people, indexes: [...people.indexes, { name: 'byDomain', on: [], unique: false, computed: { schema: { type: 'string' }, version: 2 } }] };
    expect(schemaSheet(withComputed, e2eDatabase).indexes.at(-1)).toEqual({ name: 'byDomain', fields: [], unique: false, computed: { type: 'string', version: 2 } });
    expect(schemaSheet(withComputed, e2eDatabase).fields.flatMap((f) => f.indexes)).not.toContain('byDomain');
  });

  it('lists references out with their targets, and references in with the holder’s onDelete rule', () => {
    expect(sheet.referencesOut.map((r) => `${r.path} → ${r.tree} (${r.onDelete})`)).toEqual([
      'owner → people (restrict)',
      'watchers[] → people (restrict)',
      'project → projects (restrict)',
    ]);
    expect(schemaSheet(people, e2eDatabase).referencesIn).toEqual([
      { tree: 'tasks', path: 'owner', onDelete: 'restrict', many: false },
      { tree: 'tasks', path: 'watchers[]', onDelete: 'restrict', many: true },
    ]);
    expect(schemaSheet(countries, geoDatabase).referencesIn).toEqual([{ tree: 'states', path: 'country', onDelete: 'cascade', many: false }]);
  });

  it('describes each key strategy, a composite key with its fields marked in order', () => {
    expect(sheet.key).toEqual({ strategy: 'Auto-increment', detail: 'integer, given on insert', fields: [] });
    const projectSheet = schemaSheet(projects, e2eDatabase);
    expect(projectSheet.key).toEqual({ strategy: 'Composite', detail: '(team, code)', fields: ['team', 'code'] });
    expect(projectSheet.fields.map((f) => [f.name, f.keyPart])).toEqual([
      ['team', 1],
      ['code', 2],
      ['title', undefined],
    ]);
    expect(schemaSheet(countries, geoDatabase).key.strategy).toBe('Custom');
    expect(schemaSheet(countries, geoDatabase).key.detail).toContain('string');
    expect(keySummary(states)).toBe('composite (country, code)');
    expect(keySummary(cities)).toBe('auto-increment');
  });

  it('walks objects inside lists as `list[].field`, and never into a composite reference’s key', () => {
    const rows = schemaSheet(countries, geoDatabase).fields;
    expect(rows.map((r) => r.path)).toEqual(['iso', 'name', 'currency', 'timezones', 'timezones[].zoneName', 'timezones[].gmtOffsetName']);
    expect(field(rows, 'timezones[].zoneName')).toMatchObject({ name: 'zoneName', depth: 1, required: true });
    expect(schemaSheet(cities, geoDatabase).fields.map((r) => r.path)).toEqual(['name', 'state', 'population']);
  });

  it('carries the count', () => {
    expect(schemaSheet(cities, geoDatabase).count).toBe(148038);
  });
});

describe('constraintsOf', () => {
  it('phrases the restricting keywords and skips what is only a type', () => {
    expect(constraintsOf({ type: 'string', minLength: 2, maxLength: 2, pattern: '^[A-Z]+$' })).toEqual(['min length 2', 'max length 2', 'pattern ^[A-Z]+$']);
    expect(constraintsOf({ type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true })).toEqual(['min items 1', 'unique items']);
    expect(constraintsOf({ type: 'integer', exclusiveMinimum: 0, maximum: 10 })).toEqual(['> 0', '≤ 10']);
    expect(constraintsOf({ type: 'string' })).toEqual([]);
  });
});

describe('schemaSheet of a reference over existing fields', () => {
  const state = { path: 'state', target: 'states', onDelete: 'cascade' as const, many: false, fields: ['countryCode', 'stateCode'] };
  const fieldCities = {
    ...cities,
    value: { type: 'object', properties: { name: { type: 'string' }, countryCode: { type: 'string' }, stateCode: { type: 'string' } } },
    references: [state],
  };
  const database = { trees: [countries, { ...states, referencedFrom: [{ tree: 'cities', path: 'state' }] }, fieldCities] };

  it('lists it out and in with its fields, and marks each of its fields as part of it, not as a reference', () => {
    const sheet = schemaSheet(fieldCities, database);
    expect(sheet.referencesOut).toEqual([{ tree: 'states', path: 'state', onDelete: 'cascade', many: false, fields: ['countryCode', 'stateCode'] }]);
    expect(field(sheet.fields, 'stateCode').reference).toBeUndefined();
    expect(field(sheet.fields, 'stateCode').partOf.map((r) => r.path)).toEqual(['state']);
    expect(field(sheet.fields, 'countryCode').partOf.map((r) => r.tree)).toEqual(['states']);
    expect(field(sheet.fields, 'name').partOf).toEqual([]);
    expect(schemaSheet(database.trees[1]!, database).referencesIn).toEqual([{ tree: 'cities', path: 'state', onDelete: 'cascade', many: false, fields: ['countryCode', 'stateCode'] }]);
  });
});
