/**
 * -0 in a value (a native -0, or JSON text `-0`, which parses to it) is held
 * by index and reference entries as 0: lmdb's key encoding writes -0 as
 * garbage, and such an entry read back as other parts. The fuzz suite found
 * it (verify: a stale and a missing index entry after one insert).
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, composite, schema, t, tree, UniqueViolationError } from '../index.js';
import { backends, failure } from '../testing/contract-backends.js';

const points = tree('points', {
  key: autoIncrement(),
  value: t.object({ label: t.string(), x: t.number(), y: t.integer({ minimum: 0 }) }),
  indexes: { byX: { on: 'x' }, byLabelY: { on: ['label', 'y'], unique: true } },
});
const cells = tree('cells', {
  key: composite('row', 'col'),
  value: t.object({ row: t.integer(), col: t.number() }),
});
const marks = tree('marks', {
  key: autoIncrement(),
  value: t.object({ cell: t.ref(cells, { onDelete: 'cascade' }) }),
});
const appSchema = schema(points, cells, marks);

describe.each(backends)('-0 in indexed and referencing fields ($name)', (backend) => {
  it('is indexed as 0: found by lookups, unique against 0, and the integrity check is clean', async () => {
    const db = await backend.open(appSchema);
    const negative = JSON.parse('{"label":"a","x":-0,"y":-0}') as { label: string; x: number; y: number };
    expect(Object.is(negative.x, -0)).toBe(true);
    const key = await db.points.insert(negative);
    const viaText = await db.opaque.tree('points').insert(JSON.parse('{"label":"b","x":-0,"y":0}'));
    expect([...db.points.index('byX').keys({ equals: 0 })].map((h) => h.key)).toEqual([key, viaText.key]);
    expect([...db.points.index('byX').keys({ equals: -0 })].map((h) => h.key)).toEqual([key, viaText.key]);
    expect([...db.points.index('byLabelY').keys({ equals: ['a', 0] })].map((h) => h.key)).toEqual([key]);
    await failure(db.points.insert({ label: 'a', x: 1, y: 0 }), UniqueViolationError);
    expect((await db.opaque.verify()).problems).toEqual([]);
  });

  it('refers to the record whose key part is 0', async () => {
    const db = await backend.open(appSchema);
    const cell = await db.cells.insert({ row: 1, col: 0 });
    const mark = await db.marks.insert({ cell: JSON.parse('[1,-0]') as typeof cell });
    expect(db.cells.referencedBy(cell)).toEqual([{ tree: 'marks', path: 'cell', key: mark }]);
    expect((await db.opaque.verify()).problems).toEqual([]);
    await db.cells.delete(cell); // cascades through the reverse reference
    expect(db.marks.get(mark)).toBeUndefined();
    expect((await db.opaque.verify()).problems).toEqual([]);
  });
});
