/**
 * The browser benchmark's database: `items`, a tree of small records (the one
 * that grows to 1M and 10M), each referring to one of `owners` (1,000
 * records), so a row has a reference link to click, and in one of 1,000
 * buckets, an indexed field to filter by.
 */
import { autoIncrement, open, schema, t, tree } from '@trellis/engine';

export const OWNER_COUNT = 1_000;

export const owners = tree('owners', {
  key: autoIncrement(),
  value: t.object({ name: t.string({ minLength: 1 }) }),
});

export const items = tree('items', {
  key: autoIncrement(),
  value: t.object({ n: t.integer(), label: t.string(), bucket: t.integer(), owner: t.ref(owners) }),
  indexes: { byBucket: { on: 'bucket' } },
});

export const BUCKETS = 1_000;

export const benchSchema = schema(owners, items);

/** The owner item `n` (1-based) refers to. */
export function ownerOf(n: number): number {
  return ((n * 7919) % OWNER_COUNT) + 1;
}

/** Items are written in batches: one commit per batch bounds time and memory (a transaction holds its batch). */
const BATCH = 25_000;

/**
 * Creates the database at `path` with `count` items, or as many as fit in `budgetMs`
 * (a 10M-record build is bounded: the report says how many it holds); returns the time
 * taken and the items written.
 */
export async function createBenchDatabase(path: string, count: number, log: (line: string) => void, budgetMs = Infinity): Promise<{ ms: number; count: number }> {
  const started = performance.now();
  const db = await open(path, benchSchema);
  try {
    const ownerKeys = await db.transaction((tx) =>
      Array.from({ length: OWNER_COUNT }, (_, i) => tx.owners.insert({ name: `owner ${i + 1}` })),
    );
    let written = 0;
    for (let start = 1; start <= count; start += BATCH) {
      if (performance.now() - started > budgetMs) {
        log(`  stopped at ${written} items: the ${Math.round(budgetMs / 60_000)}-minute budget is spent`);
        break;
      }
      await db.transaction((tx) => {
        for (let n = start; n < start + BATCH && n <= count; n++) {
          tx.items.insert({ n, label: `item ${n}`, bucket: n % BUCKETS, owner: ownerKeys[ownerOf(n) - 1]! });
        }
      });
      written = Math.min(count, start + BATCH - 1);
      if ((start - 1) % 1_000_000 === 0 && start > 1) log(`  ${start - 1} items, ${Math.round(performance.now() - started)} ms`);
    }
    return { ms: performance.now() - started, count: written };
  } finally {
    await db.close();
  }
}
