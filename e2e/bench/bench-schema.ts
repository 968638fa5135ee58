/**
 * The browser benchmark's database: `items`, a tree of small records (the one
 * that grows to 1M), each referring to one of `owners` (1,000 records), so a
 * row has a reference link to click.
 */
import { autoIncrement, open, schema, t, tree } from '@trellis/engine';

export const OWNER_COUNT = 1_000;

export const owners = tree('owners', {
  key: autoIncrement(),
  value: t.object({ name: t.string({ minLength: 1 }) }),
});

export const items = tree('items', {
  key: autoIncrement(),
  value: t.object({ n: t.integer(), label: t.string(), owner: t.ref(owners) }),
});

export const benchSchema = schema(owners, items);

/** The owner item `n` (1-based) refers to. */
export function ownerOf(n: number): number {
  return ((n * 7919) % OWNER_COUNT) + 1;
}

/** Items are written in batches: one commit per batch bounds time and memory (a transaction holds its batch). */
const BATCH = 25_000;

/** Creates the database at `path` with `count` items; returns how long it took in ms. */
export async function createBenchDatabase(path: string, count: number, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  const db = await open(path, benchSchema);
  try {
    const ownerKeys = await db.transaction((tx) =>
      Array.from({ length: OWNER_COUNT }, (_, i) => tx.owners.insert({ name: `owner ${i + 1}` })),
    );
    for (let start = 1; start <= count; start += BATCH) {
      await db.transaction((tx) => {
        for (let n = start; n < start + BATCH && n <= count; n++) {
          tx.items.insert({ n, label: `item ${n}`, owner: ownerKeys[ownerOf(n) - 1]! });
        }
      });
      if ((start - 1) % 200_000 === 0 && start > 1) log(`  ${start - 1} items, ${Math.round(performance.now() - started)} ms`);
    }
  } finally {
    await db.close();
  }
  return performance.now() - started;
}
