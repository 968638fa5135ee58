/**
 * One benchmark run: for each size, the same records loaded into the Trellis
 * engine, raw lmdb and better-sqlite3, then every workload measured with the
 * systems taking turns; last, the engine against itself (a path, a batch, each
 * next to the same work by hand) on a database of its own. Used by `run.ts`
 * (the CLI) and `short.test.ts`.
 */
import { OWNERS, makeItems } from './data.js';
import { openEngine } from './engine-system.js';
import { measure } from './harness.js';
import { openLmdb } from './lmdb-system.js';
import { toRow, type Row } from './report.js';
import { openSqlite } from './sqlite-system.js';
import type { System } from './system.js';
import { insertWorkload, readWorkloads, removeTempDirs, tempDir, updateWorkload, type Plan } from './workloads.js';
import { migrationWorkload } from './migration-workload.js';
import { TaskDatabase, batchWorkload, pathWorkload } from './path-batch-workloads.js';
import { concurrentWritersWorkload, importWorkload, writerProcessesWorkload, type SharedDatabase, type SystemMaker } from './write-workloads.js';

/** Seconds in all: enough rounds for stable ratios at 100k and 1M records. */
export const FULL_PLAN: Plan = { reads: 100_000, pages: 1000, lookups: 1000, writes: 10_000, rounds: 7, slowRounds: 4, minScanRows: 200_000, writerMs: 2000, importRounds: 2, paths: 100_000, batches: 20 };
/** A smoke run that CI can afford: every workload, tiny. */
export const SHORT_PLAN: Plan = { reads: 10_000, pages: 200, lookups: 200, writes: 2000, rounds: 2, slowRounds: 2, minScanRows: 10_000, writerMs: 200, importRounds: 1, paths: 10_000, batches: 5 };

/** Transactions given at once in the batched-inserts workload. */
const IN_FLIGHT = 4;
/** Writers in one process, and writer processes, on the same database. */
const WRITERS = 4;
const WRITER_PROCESSES = 2;

/** `only`: run just the workloads whose names contain one of these strings (the data is loaded all the same). */
export async function runBench(sizes: readonly number[], plan: Plan, log: (line: string) => void, only?: readonly string[]): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    for (const size of sizes) {
      log(`${size.toLocaleString('en-US')} records:`);
      const data = makeItems(size);
      const dirs = { engine: tempDir('engine'), lmdb: tempDir('lmdb'), sqlite: tempDir('sqlite') };
      const systems: System[] = [await openEngine(dirs.engine), openLmdb(dirs.lmdb), openSqlite(dirs.sqlite)];
      const shared: SharedDatabase[] = [
        { system: systems[0]!, kind: 'engine', dir: dirs.engine },
        { system: systems[1]!, kind: 'lmdb', dir: dirs.lmdb },
        { system: systems[2]!, kind: 'sqlite', dir: dirs.sqlite },
      ];
      // The engine against itself (paths, batches): a tasks database of its own, loaded when first used.
      const tasks = new TaskDatabase(tempDir('engine-tasks'), size, log);
      const makers: SystemMaker[] = [
        { name: 'trellis', make: () => openEngine(tempDir('engine-import')) },
        { name: 'raw lmdb', make: () => Promise.resolve(openLmdb(tempDir('lmdb-import'))) },
        { name: 'better-sqlite3', make: () => Promise.resolve(openSqlite(tempDir('sqlite-import'))) },
      ];
      try {
        for (const system of systems) {
          const started = performance.now();
          await system.load(OWNERS, data);
          if (system.count() !== size) throw new Error(`${system.name} holds ${system.count()} records, expected ${size}`);
          log(`  loaded ${system.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
        // Writers in other processes go last: raw lmdb's own inserts keep their next id in memory.
        const workloads = [
          ...readWorkloads(systems, size, plan),
          // Before the writes: each round migrates a copy of the databases as loaded.
          migrationWorkload({ engine: dirs.engine, lmdb: dirs.lmdb }, size, plan.importRounds),
          insertWorkload(systems, plan),
          insertWorkload(systems, plan, IN_FLIGHT),
          updateWorkload(systems, size, plan),
          importWorkload(makers, size, plan.importRounds),
          concurrentWritersWorkload(systems, WRITERS, plan.writerMs, plan.slowRounds),
          writerProcessesWorkload(shared, WRITER_PROCESSES, plan.writerMs, plan.slowRounds),
          pathWorkload(tasks, plan),
          batchWorkload(tasks, plan),
        ].filter(
          (workload) => !only || only.some((part) => workload.name.includes(part)),
        );
        for (const workload of workloads) {
          const started = performance.now();
          rows.push(toRow(size, await measure(workload, log)));
          log(`    (${((performance.now() - started) / 1000).toFixed(1)} s)`);
        }
      } finally {
        for (const system of systems) await system.close();
        await tasks.close();
        removeTempDirs();
      }
    }
  } finally {
    removeTempDirs();
  }
  return rows;
}
