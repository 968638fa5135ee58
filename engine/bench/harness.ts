/**
 * Benchmark plumbing: interleaved timed rounds, medians, the machine line and
 * the result table. Nothing here knows about Trellis or lmdb.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, platform, arch, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One side of a comparison: does `ops` operations per call, synchronously or not. */
export interface Side {
  readonly name: string;
  /** Runs one round; resolves to the number of operations it did. */
  run(): number | Promise<number>;
  /** Untimed work before each round (e.g. opening a fresh database). */
  before?(): void | Promise<void>;
  /** Untimed work after each round (e.g. closing and deleting it). */
  after?(): void | Promise<void>;
}

export interface Workload {
  readonly name: string;
  readonly a: Side;
  readonly b: Side;
  readonly warmupRounds: number;
  readonly rounds: number;
  /** Ratio a/b must reach; undefined when the row is informational. */
  readonly aim?: number | undefined;
}

export interface Result {
  readonly workload: Workload;
  /** ops/s of every measured round, in run order. */
  readonly a: number[];
  readonly b: number[];
}

// A forced collection between rounds keeps one side's garbage from being
// collected on the other side's clock.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

async function timed(side: Side): Promise<number> {
  await side.before?.();
  collect();
  const start = process.hrtime.bigint();
  const ops = await side.run();
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  await side.after?.();
  if (!(ops > 0)) throw new Error(`${side.name} did no work`);
  return ops / elapsed;
}

/**
 * Warm-up rounds, then measured rounds in the order A,B / B,A / A,B / …:
 * both sides see the same drift (thermal, page cache, JIT), and neither always
 * runs second.
 */
export async function measure(workload: Workload, log: (line: string) => void): Promise<Result> {
  for (let i = 0; i < workload.warmupRounds; i++) {
    await timed(workload.a);
    await timed(workload.b);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < workload.rounds; round++) {
    if (round % 2 === 0) {
      a.push(await timed(workload.a));
      b.push(await timed(workload.b));
    } else {
      b.push(await timed(workload.b));
      a.push(await timed(workload.a));
    }
  }
  const result = { workload, a, b };
  log(`  ${workload.name}: ${workload.a.name} ${fmtOps(median(a))} ops/s, ${workload.b.name} ${fmtOps(median(b))} ops/s (${workload.rounds} rounds)`);
  return result;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Half the min–max range around the median, in percent: how noisy the rounds were. */
function spread(values: readonly number[]): string {
  const m = median(values);
  return `±${((50 * (Math.max(...values) - Math.min(...values))) / m).toFixed(1)}%`;
}

export function fmtOps(ops: number): string {
  return Math.round(ops).toLocaleString('en-US');
}

export function machine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const gib = (totalmem() / 2 ** 30).toFixed(1);
  return `${model}, ${cpu.length} cores, ${gib} GiB RAM, ${platform()}/${arch()}, Node ${process.version}, lmdb ${lmdbVersion()}`;
}

function lmdbVersion(): string {
  try {
    // lmdb's "exports" hide package.json; walk up from its entry point instead.
    let dir = dirname(createRequire(import.meta.url).resolve('lmdb'));
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'lmdb') return pkg.version ?? '?';
      } catch {
        // not here; keep walking up
      }
    }
  } catch {
    // fall through
  }
  return '?';
}

export function table(results: readonly Result[], names: { a: string; b: string }): string {
  const header = ['workload', `${names.a} ops/s`, `${names.b} ops/s`, 'ratio', 'aim', 'met?'];
  const rows = results.map(({ workload, a, b }) => {
    const ratio = median(a) / median(b);
    const aim = workload.aim;
    return [
      workload.name,
      `${fmtOps(median(a))} ${spread(a)}`,
      `${fmtOps(median(b))} ${spread(b)}`,
      `${(ratio * 100).toFixed(1)}%`,
      aim === undefined ? '— (info)' : `≥ ${Math.round(aim * 100)}%`,
      aim === undefined ? '—' : ratio >= aim ? 'yes' : 'NO',
    ];
  });
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
