/**
 * Benchmark plumbing: warm-up, then rounds in which the two sides take turns
 * in small steps. Nothing here knows about Trellis or lmdb.
 *
 * Why steps: on a shared machine other processes take the CPU at random
 * moments. Timing A for a whole round and then B for a whole round lets that
 * land on one side only (per-round ratios swung ±40% on a loaded 2-core VM);
 * alternating a few milliseconds of A with a few of B (A,B,B,A,A,B…, starting
 * with the other side in the next round) exposes both to the same load. The
 * ratio is then taken over the totals of all rounds (see `ratio`).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One side's run over one round, advanced a step at a time. */
export interface Run {
  /** Does up to `budget` operations; returns how many it did, 0 once the round's work is done. */
  step(budget: number): number | Promise<number>;
  /** Untimed: checks the work and releases what `start` opened. */
  finish?(): void | Promise<void>;
}

export interface Side {
  readonly name: string;
  /** Untimed: prepares one round (e.g. opens a fresh database). */
  start(): Run | Promise<Run>;
}

export interface Workload {
  readonly name: string;
  readonly a: Side;
  readonly b: Side;
  /** Operations per step. */
  readonly step: number;
  readonly warmupRounds: number;
  /** Sides to warm up with instead of `a` and `b` (e.g. the same work on less data). */
  readonly warmup?: { readonly a: Side; readonly b: Side } | undefined;
  readonly rounds: number;
  /** Ratio a/b must reach; undefined when the row is informational. */
  readonly aim?: number | undefined;
}

export interface Result {
  readonly workload: Workload;
  /** Wall-clock ops/s of every measured round, in run order. */
  readonly a: number[];
  readonly b: number[];
  /** The same rounds by this process's CPU time (all its threads): blind to time other processes took. */
  readonly cpuA: number[];
  readonly cpuB: number[];
  /** Totals over all measured rounds, for the ratio. */
  readonly total: { a: Totals; b: Totals };
}

export interface Totals {
  ops: number;
  wall: number;
  cpu: number;
}

// A forced collection before each round starts both sides from a clean heap.
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

async function round(a: Side, b: Side, budget: number, aFirst: boolean): Promise<[Clock, Clock]> {
  const runA = await a.start();
  const runB = await b.start();
  const clockA = new Clock(runA);
  const clockB = new Clock(runB);
  const order = aFirst ? [clockA, clockB] : [clockB, clockA];
  collect();
  while (!clockA.done || !clockB.done) {
    for (const clock of order) if (!clock.done) await clock.step(budget);
    order.reverse(); // A,B,B,A,A,B…: neither side always follows the other
  }
  await runA.finish?.();
  await runB.finish?.();
  for (const [side, clock] of [[a, clockA], [b, clockB]] as const) {
    if (!(clock.ops > 0)) throw new Error(`${side.name} did no work`);
  }
  return [clockA, clockB];
}

export async function measure(workload: Workload, log: (line: string) => void): Promise<Result> {
  const warm = workload.warmup ?? workload;
  for (let i = 0; i < workload.warmupRounds; i++) await round(warm.a, warm.b, workload.step, i % 2 === 0);
  const total = { a: { ops: 0, wall: 0, cpu: 0 }, b: { ops: 0, wall: 0, cpu: 0 } };
  const result: Result = { workload, a: [], b: [], cpuA: [], cpuB: [], total };
  for (let i = 0; i < workload.rounds; i++) {
    const [a, b] = await round(workload.a, workload.b, workload.step, i % 2 === 0);
    result.a.push(a.ops / a.wall);
    result.b.push(b.ops / b.wall);
    result.cpuA.push(a.ops / a.cpu);
    result.cpuB.push(b.ops / b.cpu);
    for (const [sum, clock] of [[total.a, a], [total.b, b]] as const) {
      sum.ops += clock.ops;
      sum.wall += clock.wall;
      sum.cpu += clock.cpu;
    }
  }
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const perRound = result.a.map((x, i) => x / result.b[i]!);
  log(
    `  ${workload.name}: ratio ${pct(ratio(result))} (by CPU time ${pct(ratio(result, 'cpu'))}; ` +
      `median of per-round ratios ${pct(median(perRound))}: ${perRound.map(pct).join(' ')})`,
  );
  return result;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A/B throughput over all measured rounds together: total work over total
 * time of each side. The sides took turns every few milliseconds, so both
 * totals span the same conditions; and unlike a median of short pieces, the
 * total keeps every garbage collection and slow moment each side caused.
 */
export function ratio(result: Result, clock: 'wall' | 'cpu' = 'wall'): number {
  const { a, b } = result.total;
  return a.ops / a[clock] / (b.ops / b[clock]);
}
