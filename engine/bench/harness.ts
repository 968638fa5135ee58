/**
 * Benchmark plumbing: warm-up, then rounds in which the systems take turns in
 * small steps. Nothing here knows about Trellis, lmdb or SQLite.
 *
 * Why steps: on a shared machine other processes take the CPU at random
 * moments. Timing A for a whole round and then B for a whole round lets that
 * land on one side only (per-round ratios swung ±40% on a loaded 2-core VM);
 * alternating a few milliseconds of each system (A,B,C,C,B,A,A,B,C…, starting
 * from another system in the next round) exposes all to the same load. Ratios
 * are taken over the totals of all rounds (see `ratio`).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One system's run over one round, advanced a step at a time. */
export interface Run {
  /** Does up to `budget` operations; returns how many it did, 0 once the round's work is done. */
  step(budget: number): number | Promise<number>;
  /** Untimed: checks the work and undoes or releases what the round set up. */
  finish?(): void | Promise<void>;
}

export interface Side {
  readonly name: string;
  /** Untimed: prepares one round. */
  start(): Run | Promise<Run>;
}

/** Aim: sides[0] / sides[against] throughput must reach `ratio`. */
export interface Aim {
  readonly against: number;
  readonly ratio: number;
}

export interface Workload {
  readonly name: string;
  /** What one operation is (e.g. 'reads', 'rows', 'pages'). */
  readonly unit: string;
  /** The system under test first, then the ones it is compared with. */
  readonly sides: readonly Side[];
  /** Operations per step. */
  readonly step: number;
  readonly warmupRounds: number;
  /** Sides to warm up with instead of `sides` (e.g. the same work on less data). */
  readonly warmup?: readonly Side[] | undefined;
  readonly rounds: number;
  readonly aims: readonly Aim[];
  /**
   * What the sides are: other systems doing the same work (the default), or routes through the engine
   * alone to the same result (e.g. one API against the same work written by hand), reported apart.
   */
  readonly compares?: 'systems' | 'routes' | undefined;
}

export interface Totals {
  ops: number;
  wall: number;
  cpu: number;
}

export interface Result {
  readonly workload: Workload;
  /** Per side: wall-clock ops/s of every measured round, in run order. */
  readonly perRound: number[][];
  /** Per side: totals over all measured rounds (wall and this process's CPU time). */
  readonly totals: Totals[];
}

// A forced collection before each round starts every side from a clean heap.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

class Clock {
  ops = 0;
  wall = 0;
  cpu = 0;
  done = false;

  constructor(private readonly run: Run) {}

  async step(budget: number): Promise<void> {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const stepped = this.run.step(budget);
    const ops = typeof stepped === 'number' ? stepped : await stepped; // no needless await in the timed window
    this.wall += Number(process.hrtime.bigint() - start) / 1e9;
    const usage = process.cpuUsage(cpuStart);
    this.cpu += (usage.user + usage.system) / 1e6;
    this.ops += ops;
    if (ops === 0) this.done = true;
  }
}

async function round(sides: readonly Side[], budget: number, first: number): Promise<Clock[]> {
  const runs: Run[] = [];
  for (const side of sides) runs.push(await side.start());
  const clocks = runs.map((run) => new Clock(run));
  const order = [...clocks.slice(first), ...clocks.slice(0, first)];
  collect();
  while (clocks.some((clock) => !clock.done)) {
    for (const clock of order) if (!clock.done) await clock.step(budget);
    order.reverse(); // A,B,C,C,B,A…: no side always follows the same other
  }
  for (const run of runs) await run.finish?.();
  clocks.forEach((clock, i) => {
    if (!(clock.ops > 0)) throw new Error(`${sides[i]!.name} did no work`);
  });
  return clocks;
}

export async function measure(workload: Workload, log: (line: string) => void): Promise<Result> {
  const n = workload.sides.length;
  const warm = workload.warmup ?? workload.sides;
  for (let i = 0; i < workload.warmupRounds; i++) await round(warm, workload.step, i % n);
  const result: Result = {
    workload,
    perRound: workload.sides.map(() => []),
    totals: workload.sides.map(() => ({ ops: 0, wall: 0, cpu: 0 })),
  };
  for (let i = 0; i < workload.rounds; i++) {
    const clocks = await round(workload.sides, workload.step, i % n);
    clocks.forEach((clock, s) => {
      result.perRound[s]!.push(clock.ops / clock.wall);
      const sum = result.totals[s]!;
      sum.ops += clock.ops;
      sum.wall += clock.wall;
      sum.cpu += clock.cpu;
    });
  }
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const ratios = workload.sides.slice(1).map((side, i) => `vs ${side.name} ${pct(ratio(result, i + 1))} (CPU ${pct(ratio(result, i + 1, 'cpu'))})`);
  log(`  ${workload.name}: ${ratios.join(', ')}`);
  return result;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Throughput of a side over all measured rounds together: total work over total time. */
export function throughput(result: Result, side: number, clock: 'wall' | 'cpu' = 'wall'): number {
  const t = result.totals[side]!;
  return t.ops / t[clock];
}

/**
 * sides[0] / sides[against] throughput over all measured rounds together. The
 * sides took turns every few milliseconds, so all totals span the same
 * conditions; and unlike a median of short pieces, a total keeps every garbage
 * collection and slow moment each side caused.
 */
export function ratio(result: Result, against: number, clock: 'wall' | 'cpu' = 'wall'): number {
  return throughput(result, 0, clock) / throughput(result, against, clock);
}
