/**
 * Offset jumps and key positions through the checkpoints of ./positions.ts
 * must answer exactly what a walk over every key answers: forward and
 * reverse, on checkpoint boundaries and between them, after inserts and
 * deletes by this handle or another one, and inside a transaction.
 */
import { describe, expect, it, vi } from 'vitest';
import { composite, open, schema, t, tree } from '@trellis/engine';
import { backends, tempDir, afterThisTest } from '../testing/contract-backends.js';
import { POSITION_STRIDE, PositionIndex } from './positions.js';

const cells = tree('cells', { key: composite('row', 'col'), value: t.object({ row: t.integer(), col: t.string(), n: t.integer() }) });
const appSchema = schema(cells);

/** 3 strides and a bit, in two key parts so that checkpoints fall inside groups of a prefix. */
const ROWS = Math.ceil((3 * POSITION_STRIDE + 123) / 2);
const fill = (row: number) => [
  { row, col: 'a', n: row },
  { row, col: 'b', n: -row },
];

const deepOffsets = (count: number) => [
  0,
  POSITION_STRIDE - 1,
  POSITION_STRIDE,
  POSITION_STRIDE + 1,
  2 * POSITION_STRIDE + 17,
  3 * POSITION_STRIDE,
  count - POSITION_STRIDE,
  count - 2,
  count - 1,
  count,
  count + 5,
];

type Db = Awaited<ReturnType<typeof open<typeof appSchema>>>;

/** What the checkpoints must reproduce: the keys of a full walk, as text. */
function allKeys(db: Db): string[] {
  return [...db.cells.range({})].map((e) => JSON.stringify(e.key));
}

function expectJumpsMatchAWalk(db: Db): void {
  const keys = allKeys(db);
  for (const offset of deepOffsets(keys.length)) {
    const forward = [...db.cells.range({ offset, limit: 3 })].map((e) => JSON.stringify(e.key));
    expect(forward, `offset ${offset}`).toEqual(keys.slice(offset, offset + 3));
    const reverse = [...db.cells.range({ offset, limit: 3, reverse: true })].map((e) => JSON.stringify(e.key));
    expect(reverse, `reverse offset ${offset}`).toEqual(keys.slice().reverse().slice(offset, offset + 3));
  }
}

function expectPositionsMatchAWalk(db: Db): void {
  const keys = [...db.cells.range({})].map((e) => e.key);
  const probes = [0, 1, POSITION_STRIDE - 1, POSITION_STRIDE, 2 * POSITION_STRIDE + 5, keys.length - 1];
  for (const at of probes) {
    expect(db.cells.position(keys[at]!), `position of row ${at}`).toBe(at);
  }
  // Keys that are not there: before everything, between two, after everything.
  expect(db.cells.position(db.cells.key([-1000, 'z']))).toBe(0);
  expect(db.cells.position(db.cells.key([100, 'a0']))).toBe(keys.findIndex((k) => k[0] === 100) + 1);
  expect(db.cells.position(db.cells.key([ROWS + 10, 'a']))).toBe(keys.length);
  expect(db.cells.countRange({ start: keys[POSITION_STRIDE - 3]!, end: keys[2 * POSITION_STRIDE + 9]! })).toBe(POSITION_STRIDE + 12);
  expect(db.cells.countRange({ start: keys[50]!, end: keys[10]! })).toBe(0);
  expect(db.cells.countRange({ prefix: [777] })).toBe(2);
}

async function filled(open: () => Promise<Db>): Promise<Db> {
  const db = await open();
  await db.transaction((tx) => {
    for (let row = 0; row < ROWS; row++) for (const value of fill(row)) tx.cells.insert(value);
  });
  return db;
}

describe.each(backends)('row positions on $name', (backend) => {
  it('answers offsets and positions as a full walk does', async () => {
    const db = await filled(() => backend.open(appSchema));
    expect(db.cells.count()).toBeGreaterThanOrEqual(3 * POSITION_STRIDE);
    expectJumpsMatchAWalk(db);
    expectPositionsMatchAWalk(db);
  });

  it('follows inserts and deletes, and sees its own writes inside a transaction', async () => {
    const db = await filled(() => backend.open(appSchema));
    expectJumpsMatchAWalk(db); // builds the checkpoints
    await db.transaction((tx) => {
      tx.cells.insert({ row: -5, col: 'x', n: 0 }); // before every checkpoint: shifts them all
      tx.cells.delete(db.cells.key([POSITION_STRIDE, 'a']));
    });
    expectJumpsMatchAWalk(db);
    expectPositionsMatchAWalk(db);
    expectJumpsMatchAWalk(db);
    const inside = await db.transaction((tx) => {
      // As many records as before, but not the same rows: nothing committed says so yet.
      tx.cells.insert({ row: -6, col: 'x', n: 0 });
      tx.cells.delete(db.cells.key([ROWS - 1, 'b']));
      return { second: [...tx.cells.range({ offset: POSITION_STRIDE, limit: 1 })][0]!.key, position: tx.cells.position(db.cells.key([2, 'a'])) };
    });
    const keys = [...db.cells.range({})].map((e) => e.key);
    expect(inside.second).toEqual(keys[POSITION_STRIDE]);
    expect(inside.position).toBe(keys.findIndex((k) => k[0] === 2 && k[1] === 'a'));
  });

  it('is not rebuilt by updates, which move no row', async () => {
    const db = await filled(() => backend.open(appSchema));
    expectJumpsMatchAWalk(db);
    // The build is private; watching it is the only way to see that nothing was walked again.
    const build = vi.spyOn(PositionIndex.prototype as unknown as { build: () => unknown }, 'build');
    afterThisTest(() => build.mockRestore());
    await db.transaction((tx) => tx.cells.update(db.cells.key([3, 'a']), (v) => ({ ...v, n: 99 })));
    expectJumpsMatchAWalk(db);
    expect(build).not.toHaveBeenCalled();
    await db.transaction((tx) => tx.cells.insert({ row: ROWS + 1, col: 'a', n: 0 }));
    expectJumpsMatchAWalk(db);
    expect(build).toHaveBeenCalledTimes(1);
  });
});

describe('row positions with another writer', () => {
  it('sees inserts and deletes committed through another handle of the same files', async () => {
    const dir = tempDir();
    const reader = await filled(() => open(dir, appSchema));
    afterThisTest(() => reader.close());
    expectJumpsMatchAWalk(reader);
    const writer = await open(dir, appSchema);
    afterThisTest(() => writer.close());
    await writer.transaction((tx) => {
      tx.cells.insert({ row: -1, col: 'a', n: 0 });
      tx.cells.insert({ row: -2, col: 'a', n: 0 });
    });
    expect(reader.cells.count()).toBe(2 * ROWS + 2);
    expectJumpsMatchAWalk(reader);
    // Same count, different rows: the shape counter, not the count, tells.
    await writer.transaction((tx) => {
      tx.cells.delete(writer.cells.key([-1, 'a']));
      tx.cells.insert({ row: ROWS + 3, col: 'a', n: 0 });
    });
    expect(reader.cells.count()).toBe(2 * ROWS + 2);
    expectJumpsMatchAWalk(reader);
    expectPositionsMatchAWalk(reader);
  });
});
