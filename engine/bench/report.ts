/**
 * What the benchmark reports: the machine, how busy it was, and per size and
 * workload each system's throughput and the engine's ratios against the others.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { median, ratio, throughput, type Result } from './harness.js';

export interface SystemFigure {
  readonly system: string;
  /** Total operations over total wall time of all measured rounds. */
  readonly opsPerSec: number;
  /** The same by this process's CPU time. */
  readonly cpuOpsPerSec: number;
  /** Half the min–max range of the per-round figures around their median, in percent. */
  readonly spreadPct: number;
}

export interface Comparison {
  readonly against: string;
  readonly ratio: number;
  readonly cpuRatio: number;
  readonly aim?: number | undefined;
  readonly met?: boolean | undefined;
}

export interface Row {
  readonly size: number;
  readonly workload: string;
  readonly unit: string;
  /** Other systems (the main table), or routes through the engine alone (a table of their own). */
  readonly compares: 'systems' | 'routes';
  readonly systems: SystemFigure[];
  readonly comparisons: Comparison[];
}

export function toRow(size: number, result: Result): Row {
  const { workload } = result;
  const systems = workload.sides.map((side, s) => {
    const rounds = result.perRound[s]!;
    const m = median(rounds);
    return {
      system: side.name,
      opsPerSec: throughput(result, s),
      cpuOpsPerSec: throughput(result, s, 'cpu'),
      spreadPct: (50 * (Math.max(...rounds) - Math.min(...rounds))) / m,
    };
  });
  const comparisons = workload.sides.slice(1).map((side, i) => {
    const r = ratio(result, i + 1);
    const aim = workload.aims.find((a) => a.against === i + 1)?.ratio;
    return { against: side.name, ratio: r, cpuRatio: ratio(result, i + 1, 'cpu'), aim, met: aim === undefined ? undefined : r >= aim };
  });
  return { size, workload: workload.name, unit: workload.unit, compares: workload.compares ?? 'systems', systems, comparisons };
}

export function machine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const gib = (totalmem() / 2 ** 30).toFixed(1);
  return `${model}, ${cpu.length} cores, ${gib} GiB RAM, ${platform()}/${arch()}, Node ${process.version}, lmdb ${version('lmdb')}, better-sqlite3 ${version('better-sqlite3')}`;
}

/** Other processes compete for the cores: say how busy the machine was. */
export function loadAverage(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) on ${cpus().length} cores`;
}

function version(name: string): string {
  try {
    // Some packages' "exports" hide package.json; walk up from the entry point instead.
    let dir = dirname(createRequire(import.meta.url).resolve(name));
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? '?';
      } catch {
        // not here; keep walking up
      }
    }
  } catch {
    // fall through
  }
  return '?';
}

const fmtOps = (ops: number) => Math.round(ops).toLocaleString('en-US');
const times = (x: number) => `${x.toFixed(2)}×`;

function comparisonCell(c: Comparison): string {
  if (c.aim === undefined) return times(c.ratio);
  return `${times(c.ratio)} (aim ≥ ${times(c.aim)}: ${c.met ? 'met' : `missed by ${(100 * (1 - c.ratio / c.aim)).toFixed(0)}%`})`;
}

/**
 * Markdown: the systems table (one row per size and workload; a workload that leaves a system out
 * shows "—" there), then, if any, the routes table (one line per route, each against the first).
 */
export function table(rows: readonly Row[]): string {
  const systemRows = rows.filter((row) => row.compares === 'systems');
  const routeRows = rows.filter((row) => row.compares === 'routes');
  if (routeRows.length === 0) return systemsTable(systemRows);
  const routes = [
    'The engine against itself: the same work by other routes through it; the ratio is the first route’s throughput over',
    'this one’s (> 1× = the first route faster).',
    '',
    routesTable(routeRows),
  ].join('\n');
  return systemRows.length === 0 ? routes : `${systemsTable(systemRows)}\n\n${routes}`;
}

function systemsTable(rows: readonly Row[]): string {
  if (rows.length === 0) return '(no results)';
  // The columns of the row comparing the most systems (a migration is compared with raw lmdb alone).
  const widest = rows.reduce((a, b) => (b.systems.length > a.systems.length ? b : a));
  const systems = widest.systems.map((s) => s.system);
  const against = widest.comparisons.map((c) => c.against);
  const header = [
    'records',
    'workload',
    ...systems.map((name) => `${name} ops/s`),
    ...against.map((name) => `${systems[0]!} / ${name}`),
    ...against.map((name) => `by CPU time / ${name}`),
  ];
  const body = rows.map((row) => {
    const system = (name: string) => row.systems.find((s) => s.system === name);
    const comparison = (name: string) => row.comparisons.find((c) => c.against === name);
    return [
      row.size.toLocaleString('en-US'),
      `${row.workload} (${row.unit})`,
      ...systems.map((name) => {
        const s = system(name);
        return s ? figure(s) : '—';
      }),
      ...against.map((name) => {
        const c = comparison(name);
        return c ? comparisonCell(c) : '—';
      }),
      ...against.map((name) => {
        const c = comparison(name);
        return c ? times(c.cpuRatio) : '—';
      }),
    ];
  });
  return markdown(header, body, new Set([1]));
}

/** One line per route of each workload: its throughput, and the first route's over it (the first route's own line has none). */
function routesTable(rows: readonly Row[]): string {
  const header = ['records', 'workload', 'route', 'ops/s', 'first / this', 'by CPU time'];
  const body = rows.flatMap((row) =>
    row.systems.map((s, i) => {
      const c = i === 0 ? undefined : row.comparisons[i - 1];
      return [row.size.toLocaleString('en-US'), `${row.workload} (${row.unit})`, s.system, figure(s), c ? comparisonCell(c) : '—', c ? times(c.cpuRatio) : '—'];
    }),
  );
  return markdown(header, body, new Set([1, 2]));
}

const figure = (s: SystemFigure) => `${fmtOps(s.opsPerSec)} ±${s.spreadPct.toFixed(0)}%`;

/** A padded markdown table; the `left` columns are aligned left, the others (figures) right. */
function markdown(header: string[], body: string[][], left: ReadonlySet<number>): string {
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (left.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (left.has(i) ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

export function missedAims(rows: readonly Row[]): string[] {
  return rows.flatMap((row) =>
    row.comparisons
      .filter((c) => c.met === false)
      .map((c) => `${row.size.toLocaleString('en-US')} records, ${row.workload}: ${times(c.ratio)} of ${c.against}, aim ${times(c.aim!)}`),
  );
}
