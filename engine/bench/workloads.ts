/**
 * The workloads: each the same operations, in the same order, on every system
 * (the engine first, then the systems it is compared with). Read workloads
 * check that every system read the same values (equal checksums per round).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GROUPS, OWNERS, groupName, makeItems, random, randomInts, type Item } from './data.js';
import type { Aim, Run, Side, Workload } from './harness.js';
import { BATCH, PAGE, type GroupChange, type System } from './system.js';

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

/** How much work a round does and how many rounds there are. */
export interface Plan {
  readonly reads: number;
  readonly pages: number;
  readonly lookups: number;
  readonly writes: number;
  readonly rounds: number;
  /** Rounds for full scans and writes, which take longer. */
  readonly slowRounds: number;
  readonly minScanRows: number;
  /** How long each round of the many-writers workloads writes. */
  readonly writerMs: number;
  /** Rounds of the bulk import (each a whole import per system). */
  readonly importRounds: number;
  /** Paths across records resolved per round (path workload). */
  readonly paths: number;
  /** Batches of requests per round (batch workload); the single-call side commits ¾ of each one's requests one by one. */
  readonly batches: number;
}

/** Comparison targets by position in the systems list: [trellis, raw lmdb, better-sqlite3]. */
const LMDB = 1;
const SQLITE = 2;

/** Sides that walk `total` operations with `op(i)`; every side's checksum must agree each round. */
export function counted<S extends { readonly name: string }>(systems: readonly S[], total: number, op: (system: S, i: number) => number): Side[] {
  const sums: number[][] = systems.map(() => []);
  return systems.map((system, s) => ({
    name: system.name,
    start(): Run {
      let i = 0;
      let sum = 0;
      return {
        step(budget) {
          const end = Math.min(total, i + budget);
          const from = i;
          for (; i < end; i++) sum += op(system, i);
          return end - from;
        },
        finish() {
          if (i !== total || !(sum > 0)) throw new Error(`${system.name}: ${i} of ${total} operations, checksum ${sum}`);
          const round = sums[s]!.push(sum) - 1;
          const first = sums[0]![round];
          if (first !== undefined && first !== sum) throw new Error(`${system.name} read checksum ${sum}, ${systems[0]!.name} ${first}`);
        },
      };
    },
  }));
}

function reads(name: string, unit: string, systems: readonly System[], plan: Plan, step: number, total: number, op: (system: System, i: number) => number, aims: Aim[]): Workload {
  return { name, unit, sides: counted(systems, total, op), step, warmupRounds: 2, rounds: plan.rounds, aims };
}

export function readWorkloads(systems: readonly System[], n: number, plan: Plan): Workload[] {
  const ids = randomInts(1, n, plan.reads, 7);
  const starts = randomInts(1, Math.max(1, n - PAGE), plan.pages, 8);
  const groups = randomInts(0, GROUPS, plan.lookups, 9).map(groupName);
  const owners = randomInts(1, OWNERS, plan.lookups, 10);
  const passes = Math.ceil(plan.minScanRows / n);
  return [
    reads('point reads', 'reads', systems, plan, 5000, ids.length, (sys, i) => sys.get(ids[i]!), [
      { against: SQLITE, ratio: 2 },
      { against: LMDB, ratio: 0.9 },
    ]),
    { ...scanWorkload(systems, n, passes), rounds: plan.slowRounds, warmupRounds: 1 },
    reads(`range scans, pages of ${PAGE}`, 'pages', systems, plan, 50, starts.length, (sys, i) => sys.page(starts[i]!), [{ against: SQLITE, ratio: 2 }]),
    reads(`index lookups (≤ ${PAGE} records)`, 'lookups', systems, plan, 50, groups.length, (sys, i) => sys.byGroup(groups[i]!), []),
    reads(`back-references (≤ ${PAGE} keys)`, 'lookups', systems, plan, 200, owners.length, (sys, i) => sys.referrers(owners[i]!), [{ against: SQLITE, ratio: 1 }]),
  ];
}

/** `passes` full scans per round, reading every record as an object; cursors stay open across steps. */
function scanWorkload(systems: readonly System[], n: number, passes: number): Omit<Workload, 'rounds' | 'warmupRounds'> {
  const sides = systems.map(
    (system): Side => ({
      name: system.name,
      start(): Run {
        let pass = 0;
        let seen = 0;
        let next: (() => Item | undefined) | undefined;
        return {
          step(budget) {
            let done = 0;
            while (done < budget && pass < passes) {
              next ??= system.scan();
              const item = next();
              if (item === undefined) {
                next = undefined;
                pass++;
                continue;
              }
              seen += item.visits > 0 ? 1 : 0;
              done++;
            }
            return done;
          },
          finish() {
            if (seen !== n * passes) throw new Error(`${system.name}: a scan saw ${seen} records, expected ${n * passes}`);
          },
        };
      },
    }),
  );
  return { name: 'range scans, full', unit: 'rows', sides, step: 5000, aims: [{ against: SQLITE, ratio: 2 }, { against: LMDB, ratio: 0.9 }] };
}

/**
 * Batched inserts into the loaded database (so the cost at this size shows):
 * BATCH per transaction, each with its owner checked and its index and
 * reverse-reference entries written. The records are deleted again after the
 * round (untimed), so every round starts from the same size.
 */
export function insertWorkload(systems: readonly System[], plan: Plan, inFlight = 1): Workload {
  const data = makeItems(plan.writes, 99);
  const batches: Item[][] = [];
  for (let from = 0; from < data.length; from += BATCH) batches.push(data.slice(from, from + BATCH));
  const sides = systems.map(
    (system): Side => ({
      name: system.name,
      start(): Run {
        let next = 0;
        const ids: number[] = [];
        return {
          async step() {
            // `inFlight` transactions given at once, as concurrent callers would: lmdb-js runs them
            // in shared commits; better-sqlite3's are synchronous, so they run one after another.
            const given = batches.slice(next, next + inFlight);
            next += given.length;
            if (given.length === 0) return 0;
            for (const keys of await Promise.all(given.map((batch) => system.insert(batch)))) ids.push(...keys);
            return given.reduce((sum, batch) => sum + batch.length, 0);
          },
          async finish() {
            if (ids.length !== data.length) throw new Error(`${system.name} inserted ${ids.length} of ${data.length}`);
            for (let from = 0; from < ids.length; from += BATCH) await system.remove(ids.slice(from, from + BATCH));
          },
        };
      },
    }),
  );
  const name = inFlight === 1 ? `indexed inserts (${BATCH}/txn, 1 index, 1 reference)` : `indexed inserts (${BATCH}/txn, ${inFlight} txns at once)`;
  // The aim is for transactions given together (what lmdb-js batches); one at a time is reported beside it.
  const aims = inFlight === 1 ? [] : [{ against: SQLITE, ratio: 1.5 }];
  return { name, unit: 'records', sides, step: BATCH, warmupRounds: 1, rounds: plan.slowRounds, aims };
}

/** Updates of random records that move them to another group (the indexed field), BATCH per transaction; a new sequence each round. */
export function updateWorkload(systems: readonly System[], n: number, plan: Plan): Workload {
  const sides = systems.map((system): Side => {
    let round = 0;
    return {
      name: system.name,
      start(): Run {
        const rnd = random(1000 + round++);
        const changes: GroupChange[] = [];
        for (let i = 0; i < plan.writes; i++) changes.push({ id: 1 + Math.floor(rnd() * n), group: groupName(Math.floor(rnd() * GROUPS)) });
        let from = 0;
        return {
          async step() {
            if (from >= changes.length) return 0;
            const batch = changes.slice(from, from + BATCH);
            from += BATCH;
            await system.update(batch);
            return batch.length;
          },
        };
      },
    };
  });
  return { name: `updates of the indexed field (${BATCH}/txn)`, unit: 'records', sides, step: BATCH, warmupRounds: 1, rounds: plan.slowRounds, aims: [{ against: SQLITE, ratio: 1 }] };
}
