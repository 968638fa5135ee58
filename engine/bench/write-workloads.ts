/**
 * Write workloads beyond batched inserts: a bulk import into a new database,
 * and many writers at once (in one process, and in two processes on the same
 * database), each system doing the same work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { OWNERS, makeItems } from './data.js';
import type { Run, Side, Workload } from './harness.js';
import { ndjsonChunks } from './import-lines.js';
import type { System } from './system.js';

const SQLITE = 2;

/** How to make a system on a new database (for imports). */
export interface SystemMaker {
  readonly name: string;
  make(): Promise<System>;
}

/**
 * `count` items as NDJSON into a new database holding only the owners: every line
 * parsed and written with its owner checked, index and back-reference entries,
 * 10,000 rows per transaction (the engine: `db.import`, which also checks every
 * line before it writes any). One step is the whole import.
 */
export function importWorkload(makers: readonly SystemMaker[], count: number, rounds: number): Workload {
  const chunks = ndjsonChunks(makeItems(count, 77));
  const warmChunks = ndjsonChunks(makeItems(Math.min(count, 20_000), 78));
  const sides = (input: readonly string[], records: number): Side[] =>
    makers.map((maker) => ({
      name: maker.name,
      async start(): Promise<Run> {
        const system = await maker.make();
        await system.load(OWNERS, []);
        let done = false;
        return {
          async step() {
            if (done) return 0;
            done = true;
            const written = await system.importLines(input);
            if (written !== records) throw new Error(`${maker.name} imported ${written} of ${records}`);
            return written;
          },
          async finish() {
            if (system.count() !== records) throw new Error(`${maker.name} holds ${system.count()} after importing ${records}`);
            await system.close();
          },
        };
      },
    }));
  return {
    name: `bulk import, NDJSON (${count.toLocaleString('en-US')} records)`,
    unit: 'records',
    sides: sides(chunks, count),
    warmup: sides(warmChunks, Math.min(count, 20_000)),
    step: count,
    warmupRounds: 1,
    rounds,
    aims: [{ against: SQLITE, ratio: 2 }],
  };
}

/** Transactions of one inserted item, `writers` loops at once in this process, for `ms`. */
export function concurrentWritersWorkload(systems: readonly System[], writers: number, ms: number, rounds: number): Workload {
  const items = makeItems(50_000, 55);
  const sides = systems.map(
    (system): Side => ({
      name: system.name,
      start(): Run {
        let done = false;
        return {
          async step() {
            if (done) return 0;
            done = true;
            const until = performance.now() + ms;
            let next = 0;
            const loop = async () => {
              let count = 0;
              while (performance.now() < until) {
                await system.writeOne(items[next++ % items.length]!);
                count++;
              }
              return count;
            };
            const counts = await Promise.all(Array.from({ length: writers }, loop));
            return counts.reduce((a, b) => a + b, 0);
          },
        };
      },
    }),
  );
  return { name: `${writers} writers in one process (1 insert/txn)`, unit: 'txns', sides, step: 1, warmupRounds: 1, rounds, aims: [] };
}

/** Where each system's database is, for writer processes to open. */
export interface SharedDatabase {
  readonly system: System;
  readonly kind: 'engine' | 'lmdb' | 'sqlite';
  readonly dir: string;
}

const WRITER = fileURLToPath(new URL('./writer-process.ts', import.meta.url));

/** `processes` processes writing the same database at once (each one loop of one-insert transactions), for `ms`. */
export function writerProcessesWorkload(databases: readonly SharedDatabase[], processes: number, ms: number, rounds: number): Workload {
  const sides = databases.map(
    ({ system, kind, dir }): Side => ({
      name: system.name,
      async start(): Promise<Run> {
        // Untimed: the processes start and open the database, then wait for the word.
        const children = await Promise.all(Array.from({ length: processes }, (_, i) => startWriter(kind, dir, i)));
        let done = false;
        return {
          async step() {
            if (done) return 0;
            done = true;
            const counts = await Promise.all(children.map((child) => child.run(ms)));
            return counts.reduce((a, b) => a + b, 0);
          },
          finish: () => Promise.all(children.map((child) => child.stop())).then(() => undefined),
        };
      },
    }),
  );
  // No warm-up round: every round starts new processes anyway (their start is not timed).
  return { name: `${processes} writer processes (1 insert/txn)`, unit: 'txns', sides, step: 1, warmupRounds: 0, rounds, aims: [] };
}

interface WriterChild {
  run(ms: number): Promise<number>;
  stop(): Promise<void>;
}

async function startWriter(kind: string, dir: string, seed: number): Promise<WriterChild> {
  // The writers run the engine as this process does: its source under vitest (the smoke run) or
  // `tsx --conditions=source`, its compiled build under `npm run bench`.
  const fromSource = process.env['VITEST'] !== undefined || process.execArgv.includes('--conditions=source');
  const args = [...(fromSource ? ['--conditions=source'] : []), '--import', 'tsx', WRITER, kind, dir, String(seed)];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, number>> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`the ${kind} writer process ended early`);
    return JSON.parse(value as string) as Record<string, number>;
  };
  await next(); // {"ready":1}
  return {
    async run(ms) {
      child.stdin!.write(`${ms}\n`);
      return (await next())['count']!;
    },
    async stop() {
      child.stdin!.end();
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

