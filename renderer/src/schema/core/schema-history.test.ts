import { describe, expect, it } from 'vitest';
import type { DatabaseInfo } from '../../../../app/contract/index.js';
import { durationText, historyRows, touchesTree, whenText } from './schema-history.js';

type History = Pick<DatabaseInfo, 'history' | 'migrations' | 'schemaVersion'>;

/** As the engine records it: created, an index added on open, then a migration of people (and a new tree, addresses). */
const migrated: History = {
  schemaVersion: 3,
  history: [
    { version: 1, after: 0, at: '2026-12-04T09:15:02.120Z', trees: { people: 'p1', posts: 'q1', tags: 't1' } },
    { version: 2, after: 300, at: '2026-12-04T10:00:00.000Z', trees: { people: 'p1', posts: 'q2', tags: 't1' } },
    { version: 3, after: 950, at: '2026-12-05T08:30:59.999Z', trees: { people: 'p3', posts: 'q2', addresses: 'a3' }, migration: 'people-v2' },
  ],
  migrations: [{ id: 'people-v2', description: 'people: name → fullName', outcome: 'applied', at: '2026-12-05T08:30:59.999Z', version: 3, records: 1250, ms: 2480 }],
};

describe('historyRows', () => {
  const rows = historyRows(migrated);

  it('lists every version newest first, the current one marked, with its time in UTC', () => {
    expect(rows.map((r) => [r.version, r.current, r.when])).toEqual([
      [3, true, '2026-12-05 08:30 UTC'],
      [2, false, '2026-12-04 10:00 UTC'],
      [1, false, '2026-12-04 09:15 UTC'],
    ]);
  });

  it('says where each version came from: the migration with its outcome and facts, a change on open, the creation', () => {
    expect(rows[0]!.origin).toEqual({ kind: 'migration', migration: { id: 'people-v2', description: 'people: name → fullName', outcome: 'applied', facts: '1,250 records · 2.5 s', records: 1250 } });
    expect(rows[1]!.origin).toEqual({ kind: 'change' });
    expect(rows[2]!.origin).toEqual({ kind: 'created' });
  });

  it('names the trees each version added, changed or removed, from the hashes of their definitions', () => {
    expect(rows.map((r) => r.trees)).toEqual([
      { added: ['addresses'], changed: ['people'], removed: ['tags'] },
      { added: [], changed: ['posts'], removed: [] },
      { added: ['people', 'posts', 'tags'], changed: [], removed: [] },
    ]);
    expect(rows.map((r) => touchesTree(r, 'posts'))).toEqual([false, true, true]);
    expect(rows.map((r) => touchesTree(r, 'tags'))).toEqual([true, false, true]);
  });

  it('is empty for a database written before the history was kept', () => {
    expect(historyRows({ schemaVersion: 4, history: [], migrations: [] })).toEqual([]);
  });

  it('does not guess the trees of the first version recorded when earlier ones were not', () => {
    const [row] = historyRows({ schemaVersion: 5, history: [{ version: 5, after: 40, at: '2026-12-01T00:00:00.000Z', trees: { people: 'p5' } }], migrations: [] });
    expect(row).toMatchObject({ version: 5, origin: { kind: 'change' }, current: true });
    expect(row!.trees).toBeUndefined();
    expect(touchesTree(row!, 'people')).toBe(false);
  });

  it('puts the migrations a new database did not need under the version it was created with', () => {
    const rows = historyRows({
      schemaVersion: 1,
      history: [{ version: 1, after: 0, at: '2026-12-01T00:00:00.000Z', trees: { people: 'p' } }],
      migrations: [
        { id: 'a', description: 'first', outcome: 'not needed', at: '2026-12-01T00:00:00.000Z', version: 1 },
        { id: 'b', description: 'second', outcome: 'not needed', at: '2026-12-01T00:00:00.000Z', version: 1 },
      ],
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.origin).toEqual({ kind: 'created' });
    expect(rows[0]!.notNeeded).toEqual([
      { id: 'a', description: 'first', outcome: 'not needed', facts: '' },
      { id: 'b', description: 'second', outcome: 'not needed', facts: '' },
    ]);
  });

  it('keeps a migration whose version the history does not list, and a tree named like an Object member', () => {
    const rows = historyRows({
      schemaVersion: 2,
      history: [
        { version: 1, after: 0, at: '2026-12-01T00:00:00.000Z', trees: { people: 'p' } },
        { version: 2, after: 0, at: '2026-12-02T00:00:00.000Z', trees: { people: 'p', constructor: 'c' } },
      ],
      migrations: [{ id: 'lost', description: 'x', outcome: 'applied', at: '2026-12-03T00:00:00.000Z', version: 7, records: 1, ms: 0.4 }],
    });
    expect(rows.map((r) => [r.version, r.origin.kind])).toEqual([
      [7, 'migration'],
      [2, 'change'],
      [1, 'created'],
    ]);
    expect(rows[0]!.origin).toMatchObject({ migration: { facts: '1 record · under 1 ms' } });
    expect(rows[1]!.trees).toEqual({ added: ['constructor'], changed: [], removed: [] });
  });
});

describe('texts', () => {
  it('formats durations from milliseconds to hours', () => {
    expect([0, 14.2, 999, 1000, 2480, 59_949, 59_960, 185_000, 3_725_000].map(durationText)).toEqual(['under 1 ms', '14 ms', '999 ms', '1.0 s', '2.5 s', '59.9 s', '1 min 0 s', '3 min 5 s', '1 h 2 min']);
  });

  it('formats times in UTC to the minute, and leaves text that is not a time as it is', () => {
    expect(whenText('2026-12-04T23:59:59.999+01:00')).toBe('2026-12-04 22:59 UTC');
    expect(whenText('yesterday')).toBe('yesterday');
  });
});
