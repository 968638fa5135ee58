/**
 * One benchmark run: for each size, the same records loaded into the Trellis
 * engine, raw lmdb and better-sqlite3, then every workload measured with the
 * systems taking turns. Used by `run.ts` (the CLI) and `short.test.ts`.
 */
import { OWNERS, makeItems } from './data.js';
import { openEngine } from './engine-system.js';
import { measure } from './harness.js';
import { openLmdb } from './lmdb-system.js';
import { toRow, type Row } from './report.js';
import { openSqlite } from './sqlite-system.js';
import type { System } from './system.js';
import { insertWorkload, readWorkloads, removeTempDirs, tempDir, updateWorkload, type Plan } from './workloads.js';

/** Seconds in all: enough rounds for stable ratios at 100k and 1M records. */
export const FULL_PLAN: Plan = { reads: 100_000, pages: 1000, lookups: 1000, writes: 10_000, rounds: 7, slowRounds: 4, minScanRows: 200_000 };
/** A smoke run that CI can afford: every workload, tiny. */
export const SHORT_PLAN: Plan = { reads: 10_000, pages: 200, lookups: 200, writes: 2000, rounds: 2, slowRounds: 2, minScanRows: 10_000 };

/** `only`: run just the workloads whose names contain one of these strings (the data is loaded all the same). */
export async function runBench(sizes: readonly number[], plan: Plan, log: (line: string) => void, only?: readonly string[]): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    for (const size of sizes) {
      log(`${size.toLocaleString('en-US')} records:`);
      const data = makeItems(size);
      const systems: System[] = [await openEngine(tempDir('engine')), openLmdb(tempDir('lmdb')), openSqlite(tempDir('sqlite'))];
      try {
        for (const system of systems) {
          const started = performance.now();
          await system.load(OWNERS, data);
          if (system.count() !== size) throw new Error(`${system.name} holds ${system.count()} records, expected ${size}`);
          log(`  loaded ${system.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
        const workloads = [...readWorkloads(systems, size, plan), insertWorkload(systems, plan), updateWorkload(systems, size, plan)].filter(
          (workload) => !only || only.some((part) => workload.name.includes(part)),
        );
        for (const workload of workloads) {
          const started = performance.now();
          rows.push(toRow(size, await measure(workload, log)));
          log(`    (${((performance.now() - started) / 1000).toFixed(1)} s)`);
        }
      } finally {
        for (const system of systems) await system.close();
        removeTempDirs();
      }
    }
  } finally {
    removeTempDirs();
  }
  return rows;
}
