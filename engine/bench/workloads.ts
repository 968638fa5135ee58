/**
 * The three workloads, each as the same work done by the Trellis engine (A)
 * and by raw lmdb-js (B) over the same records and the same key order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as openRaw, type Database as RawDatabase, type RootDatabase } from 'lmdb';
import { open, type Database, type KeyOf } from '@trellis/engine';
import { benchSchema, type Item, type items } from './data.js';
import type { Run, Side, Workload } from './harness.js';

type BenchDb = Database<typeof benchSchema>;
type RawDb = RootDatabase<Item, number>;
type ItemKey = KeyOf<typeof items>;

/** Records per write transaction. */
export const BATCH = 1000;
/** Reads per step: a few milliseconds, so the two sides alternate often. */
const READ_STEP = 5000;

/** Every temp dir made here, so a failed run still cleans up. */
const dirs = new Set<string>();

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `trellis-bench-${label}-`));
  dirs.add(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

/** lmdb-js the way a careful user opens it: msgpack values with shared structures. */
export function openRawDb(path: string): RawDb {
  return openRaw<Item, number>({ path, sharedStructuresKey: Symbol.for('structures') });
}

export function openEngineDb(path: string): Promise<BenchDb> {
  return open(join(path, 'db'), benchSchema);
}

/** Loads the same records, in the same batches, into both; returns the engine's keys (1..N). */
export async function load(db: BenchDb, raw: RawDb, data: readonly Item[]): Promise<ItemKey[]> {
  const keys: ItemKey[] = [];
  for (let from = 0; from < data.length; from += BATCH) {
    const batch = data.slice(from, from + BATCH);
    keys.push(...(await db.transaction((tx) => batch.map((item) => tx.items.insert(item)))));
    await raw.transaction(() => {
      for (let i = 0; i < batch.length; i++) raw.put(from + i + 1, batch[i]!);
    });
  }
  keys.forEach((key, i) => {
    if ((key as number) !== i + 1) throw new Error(`engine key ${String(key)} is not ${i + 1}: the two stores would differ`);
  });
  return keys;
}

/** A side whose round walks `total` operations with `op(i)`, which returns a number to sum (so nothing is optimised away). */
function counted(name: string, total: number, op: (i: number) => number): Side {
  return {
    name,
    start(): Run {
      let i = 0;
      let sum = 0;
      return {
        step(budget) {
          const end = Math.min(total, i + budget);
          const from = i;
          for (; i < end; i++) sum += op(i);
          return end - from;
        },
        finish() {
          if (i !== total || !(sum > 0)) throw new Error(`${name}: ${i} of ${total} operations, checksum ${sum}`);
        },
      };
    },
  };
}

/** Random point reads: the same sequence of existing keys for both. */
export function pointReads(db: BenchDb, raw: RawDb, sequence: readonly ItemKey[], rounds: number): Workload {
  return {
    name: `point reads (get, ${sequence.length.toLocaleString('en-US')}/round)`,
    step: READ_STEP,
    warmupRounds: 2,
    rounds,
    aim: 0.85,
    a: counted('trellis', sequence.length, (i) => db.items.get(sequence[i]!)!.visits + 1),
    b: counted('raw lmdb', sequence.length, (i) => raw.get(sequence[i] as number)!.visits + 1),
  };
}

/** A side whose round is `passes` full forward scans, reading key and value of every entry. */
function scanning(name: string, count: number, passes: number, scan: () => Iterator<{ key: unknown; value: Item }>): Side {
  return {
    name,
    start(): Run {
      let pass = 0;
      let seen = 0;
      let sum = 0;
      let it: Iterator<{ key: unknown; value: Item }> | undefined;
      return {
        step(budget) {
          let done = 0;
          while (done < budget && pass < passes) {
            it ??= scan();
            const next = it.next();
            if (next.done) {
              it = undefined;
              pass++;
              continue;
            }
            sum += (next.value.key as number) + next.value.value.visits;
            seen++;
            done++;
          }
          return done;
        },
        finish() {
          if (seen !== count * passes || !(sum > 0)) throw new Error(`${name}: a scan saw ${seen} entries, expected ${count * passes}`);
        },
      };
    },
  };
}

/** Full range scans; the two sides' cursors stay open side by side and take turns. */
export function scans(db: BenchDb, raw: RawDb, count: number, passes: number, rounds: number): Workload {
  return {
    name: `range scans (${(count * passes).toLocaleString('en-US')} entries/round)`,
    step: READ_STEP,
    warmupRounds: 2,
    rounds,
    aim: 0.8,
    a: scanning('trellis', count, passes, () => db.items.range()[Symbol.iterator]()),
    b: scanning('raw lmdb', count, passes, () => raw.getRange()[Symbol.iterator]()),
  };
}

/**
 * Batched inserts into an empty tree with one secondary index, a fresh
 * database per round (opening and closing are not timed); a step is one
 * transaction. Raw lmdb does the same work by hand: the record under the next
 * id and an index entry `[group, id]` in a second sub-database, in one
 * `transaction` per batch. Warm-up inserts the first `warmupCount` records
 * only: the JIT needs iterations, not a full-size database.
 */
export function indexedInserts(data: readonly Item[], rounds: number, warmupCount: number): Workload {
  return {
    name: `indexed inserts (${BATCH}/txn, ${data.length.toLocaleString('en-US')}/round)`,
    step: BATCH,
    warmupRounds: 2,
    warmup: insertSides(data.slice(0, warmupCount)),
    rounds,
    ...insertSides(data),
  };
}

function insertSides(data: readonly Item[]): { a: Side; b: Side } {
  const batches: Item[][] = [];
  for (let from = 0; from < data.length; from += BATCH) batches.push(data.slice(from, from + BATCH));
  const a: Side = {
    name: 'trellis',
    async start(): Promise<Run> {
      const dir = tempDir('insert');
      const db = await openEngineDb(dir);
      let next = 0;
      return {
        async step() {
          const batch = batches[next++];
          if (!batch) return 0;
          await db.transaction((tx) => {
            for (let i = 0; i < batch.length; i++) tx.items.insert(batch[i]!);
          });
          return batch.length;
        },
        async finish() {
          const count = db.items.count();
          await db.close();
          rmSync(dir, { recursive: true, force: true });
          if (count !== data.length) throw new Error(`trellis holds ${count} records, expected ${data.length}`);
        },
      };
    },
  };
  const b: Side = {
    name: 'raw lmdb',
    start(): Run {
      const dir = tempDir('insert-raw');
      const root = openRawDb(dir);
      const index: RawDatabase<null, [string, number]> = root.openDB<null, [string, number]>('byGroup', {});
      let next = 0;
      let id = 0;
      return {
        async step() {
          const batch = batches[next++];
          if (!batch) return 0;
          await root.transaction(() => {
            for (let i = 0; i < batch.length; i++) {
              const item = batch[i]!;
              root.put(++id, item);
              index.put([item.group, id], null);
            }
          });
          return batch.length;
        },
        async finish() {
          const count = index.getKeysCount();
          await root.close();
          rmSync(dir, { recursive: true, force: true });
          if (count !== data.length) throw new Error(`raw lmdb holds ${count} index entries, expected ${data.length}`);
        },
      };
    },
  };
  return { a, b };
}
