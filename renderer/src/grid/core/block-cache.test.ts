import { describe, expect, it } from 'vitest';
import type { RecordEntry } from '../../../../app/contract/index.js';
import { BlockCache, type PageSource } from './block-cache.js';

/** An in-memory ordered "tree" that records how each block was asked for. */
function fakeSource(size: number, addressable = true) {
  let keys = Array.from({ length: size }, (_, i) => i + 1);
  const calls: string[] = [];
  const entry = (key: number): RecordEntry => ({ key, text: `t/${key}`, revision: 1, value: { n: key } });
  const source: PageSource<number> = {
    addressable,
    async load(_block, limit, after) {
      let start: number;
      if (after !== undefined) {
        start = keys.findIndex((k) => k > after);
        if (start < 0) start = keys.length;
        calls.push(`after ${after}`);
      } else {
        start = addressable ? _block * limit : 0;
        calls.push(`offset ${start}`);
      }
      const rows = keys.slice(start, start + limit).map(entry);
      const hasMore = start + limit < keys.length;
      return { rows, hasMore, end: rows.at(-1)?.key as number | undefined, ...(addressable ? { count: keys.length } : {}) };
    },
  };
  return { source, calls, setKeys: (next: number[]) => (keys = next) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('BlockCache', () => {
  it('jumps by offset, continues by cursor, and learns the count', async () => {
    const { source, calls } = fakeSource(1_000_000);
    const cache = new BlockCache(source, { blockSize: 100 });
    cache.ensure(500_000, 500_050);
    await settle();
    expect(calls).toEqual(['offset 500000']);
    expect(cache.rowCount).toBe(1_000_000);
    expect(cache.row(500_010)?.key).toBe(500_011);
    cache.ensure(500_050, 500_150);
    await settle();
    expect(calls).toEqual(['offset 500000', 'after 500100']);
    expect(cache.row(500_150)?.key).toBe(500_151);
    expect(cache.indexOf('t/500151')).toBe(500_150);
  });

  it('keeps memory bounded, never dropping visible blocks', async () => {
    const { source } = fakeSource(100_000);
    const cache = new BlockCache(source, { blockSize: 10, maxBlocks: 5 });
    for (let first = 0; first < 2000; first += 100) {
      cache.ensure(first, first + 25);
      await settle();
    }
    const held = Array.from({ length: 10_000 }, (_, i) => cache.row(i)).filter(Boolean).length;
    expect(held).toBeLessThanOrEqual(50);
    expect(cache.row(1925)?.key).toBe(1926);
  });

  it('reloads visible blocks on invalidate, keeping old rows until then', async () => {
    const { source, calls, setKeys } = fakeSource(300);
    const cache = new BlockCache(source, { blockSize: 100 });
    cache.ensure(150, 250);
    // Both blocks of the view are asked for at once, neither waiting for the other.
    expect(calls).toEqual(['offset 100', 'offset 200']);
    await settle();
    setKeys(Array.from({ length: 301 }, (_, i) => i));
    cache.invalidate();
    expect(cache.row(150)?.key).toBe(151); // still the old row
    await settle();
    await settle();
    expect(calls.slice(2)).toEqual(['offset 100', 'offset 200']);
    expect(cache.row(250)?.key).toBe(250);
    expect(cache.row(150)?.key).toBe(150);
    expect(cache.rowCount).toBe(301);
  });

  it('loads a cursor-only source in order and grows as it goes', async () => {
    const { source, calls } = fakeSource(250, false);
    const cache = new BlockCache(source, { blockSize: 100 });
    cache.ensure(0, 20);
    await settle();
    expect(cache.rowCount).toBe(200);
    expect(cache.exact).toBe(false);
    cache.ensure(230, 240);
    for (let i = 0; i < 5; i++) await settle();
    expect(calls).toEqual(['offset 0', 'after 100', 'after 200']);
    expect(cache.rowCount).toBe(250);
    expect(cache.exact).toBe(true);
    expect(cache.row(249)?.key).toBe(250);
  });

  it('reports a failing load and tries again later', async () => {
    let fail = true;
    const cache = new BlockCache<number>({
      addressable: true,
      load: async () => {
        if (fail) throw new Error('host down');
        return { rows: [{ key: 1, text: 't/1', revision: 1 }], hasMore: false, end: 1, count: 1 };
      },
    });
    cache.ensure(0, 10);
    await settle();
    expect(cache.error).toBe('host down');
    fail = false;
    cache.ensure(0, 10);
    await settle();
    expect(cache.error).toBeUndefined();
    expect(cache.rowCount).toBe(1);
  });
  it('collects rows beyond what it keeps for a copy, in order, and stops at the end', async () => {
    const { source } = fakeSource(1_000);
    const cache = new BlockCache(source, { blockSize: 10, maxBlocks: 3 });
    cache.ensure(0, 5);
    await settle();
    const rows = await cache.rowsBetween(5, 94);
    expect(rows.map((row) => row.key)).toEqual(Array.from({ length: 90 }, (_, i) => i + 6));
    expect(cache.row(0)?.key).toBe(1); // the visible block stays
    expect((await cache.rowsBetween(995, 2_000)).map((row) => row.key)).toEqual([996, 997, 998, 999, 1000]);
  });

  it('collects a cursor-only source in order too', async () => {
    const { source } = fakeSource(50, false);
    const cache = new BlockCache(source, { blockSize: 10, maxBlocks: 2 });
    expect((await cache.rowsBetween(18, 31)).map((row) => row.key)).toEqual(Array.from({ length: 14 }, (_, i) => i + 19));
  });
});
