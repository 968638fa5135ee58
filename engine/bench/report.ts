/**
 * What `npm run bench` prints around the measurements: the machine, how busy
 * it was, and the result table.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { median, ratio, type Result } from './harness.js';

export function fmtOps(ops: number): string {
  return Math.round(ops).toLocaleString('en-US');
}

export function machine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const gib = (totalmem() / 2 ** 30).toFixed(1);
  return `${model}, ${cpu.length} cores, ${gib} GiB RAM, ${platform()}/${arch()}, Node ${process.version}, lmdb ${lmdbVersion()}`;
}

/** Other processes compete for the cores: say how busy the machine was. */
export function loadAverage(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) on ${cpus().length} cores`;
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

/** Half the min–max range around the median, in percent: how much the rounds varied. */
function spread(values: readonly number[]): string {
  const m = median(values);
  return `±${((50 * (Math.max(...values) - Math.min(...values))) / m).toFixed(0)}%`;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function table(results: readonly Result[], names: { a: string; b: string }): string {
  const header = ['workload', `${names.a} ops/s`, `${names.b} ops/s`, 'ratio', 'aim', 'met?', 'ratio by CPU time'];
  const rows = results.map((result) => {
    const { workload, a, b } = result;
    const r = ratio(result);
    const aim = workload.aim;
    return [
      workload.name,
      `${fmtOps(median(a))} ${spread(a)}`,
      `${fmtOps(median(b))} ${spread(b)}`,
      pct(r),
      aim === undefined ? '— (info)' : `≥ ${Math.round(aim * 100)}%`,
      aim === undefined ? '—' : r >= aim ? 'yes' : 'NO',
      pct(ratio(result, 'cpu')),
    ];
  });
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
