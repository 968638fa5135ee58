/**
 * The schema history in DatabaseInfo is the stored catalog's, not a copy of
 * it: the same schemas, the same static types, and so the same closed sets.
 */
import { type Catalog, MigrationRecord, SchemaVersionEntry } from '@trellis/engine/common/catalog';
import { Compile } from 'typebox/compile';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DatabaseInfo } from './methods.js';

const info: DatabaseInfo = {
  path: '/db',
  readOnly: false,
  lockedReadOnly: false,
  startedReadOnly: false,
  revision: 120,
  schemaVersion: 2,
  trees: [],
  history: [
    { version: 1, after: 0, at: '2026-12-01T10:00:00.000Z', trees: { people: 'a1' } },
    { version: 2, after: 120, at: '2026-12-02T10:00:00.000Z', trees: { people: 'b2' }, migration: 'people-full-name' },
  ],
  migrations: [{ id: 'people-full-name', description: 'people: name → fullName', outcome: 'applied', at: '2026-12-02T10:00:00.000Z', version: 2, records: 40, ms: 12.5 }],
};

describe('DatabaseInfo', () => {
  it('holds the history and the migrations as the catalog schemas themselves', () => {
    expect(DatabaseInfo.properties.history.items).toBe(SchemaVersionEntry);
    expect(DatabaseInfo.properties.migrations.items).toBe(MigrationRecord);
    expectTypeOf<DatabaseInfo['history'][number]>().toEqualTypeOf<NonNullable<Catalog['history']>[number]>();
    expectTypeOf<DatabaseInfo['migrations'][number]>().toEqualTypeOf<NonNullable<Catalog['migrations']>[number]>();
  });

  it('refuses what the catalog refuses: an outcome outside its set, a version below 1, a negative count', () => {
    const check = Compile(DatabaseInfo);
    expect(check.Check(info)).toBe(true);
    expect(check.Check({ ...info, history: [], migrations: [] })).toBe(true);
    expect(check.Check({ ...info, migrations: [{ ...info.migrations[0], outcome: 'skipped' }] })).toBe(false);
    expect(check.Check({ ...info, history: [{ ...info.history[0], version: 0 }] })).toBe(false);
    expect(check.Check({ ...info, migrations: [{ ...info.migrations[0], records: -1 }] })).toBe(false);
    const { history: _history, ...withoutHistory } = info;
    expect(check.Check(withoutHistory)).toBe(false);
  });
});
