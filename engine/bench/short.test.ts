/**
 * The benchmark's smoke test: the short plan on a tiny data set must measure
 * every workload on every system and give finite, positive figures. `npm test`
 * runs it so a broken benchmark fails CI; the numbers themselves are not judged.
 */
import { describe, expect, it } from 'vitest';
import { SHORT_PLAN, runBench } from './bench.js';
import { table } from './report.js';

const WORKLOADS = [
  'point reads',
  'range scans, full',
  'range scans, pages of',
  'index lookups',
  'back-references',
  'migration: rename + type change',
  'indexed inserts (1000/txn, 1 index',
  'indexed inserts (1000/txn, 4 txns at once',
  'updates of the indexed field',
  'bulk import, NDJSON',
  '4 writers in one process',
  '2 writer processes',
  'path 3 hops',
  'batch 100',
];
const SYSTEMS = ['trellis', 'raw lmdb', 'better-sqlite3'];
/** The engine against itself: each workload's routes, the API measured first. */
const ROUTES: Readonly<Record<string, number>> = { 'path 3 hops': 3, 'batch 100': 3 };

describe('engine benchmark, short mode', () => {
  it('measures every workload on every system', { timeout: 60_000 }, async () => {
    const rows = await runBench([2000], { ...SHORT_PLAN, rounds: 1, slowRounds: 1 }, () => undefined);
    expect(rows.map((row) => WORKLOADS.findIndex((w) => row.workload.startsWith(w)))).toEqual(WORKLOADS.map((_, i) => i));
    for (const row of rows) {
      expect(row.size).toBe(2000);
      const routes = Object.entries(ROUTES).find(([name]) => row.workload.startsWith(name))?.[1];
      if (routes !== undefined) {
        expect(row.compares).toBe('routes');
        expect(row.systems).toHaveLength(routes);
      } else {
        // The migration is compared with raw lmdb only (the reference: a copy written by hand).
        expect(row.systems.map((s) => s.system)).toEqual(row.workload.startsWith('migration') ? SYSTEMS.slice(0, 2) : SYSTEMS);
      }
      for (const figure of row.systems) {
        for (const n of [figure.opsPerSec, figure.cpuOpsPerSec]) expect(Number.isFinite(n) && n > 0, `${row.workload}, ${figure.system}: ${n}`).toBe(true);
      }
      for (const c of row.comparisons) expect(Number.isFinite(c.ratio) && c.ratio > 0, `${row.workload} vs ${c.against}`).toBe(true);
    }
    // The systems table (a header, a rule, a line per workload), then the routes table: two lines of
    // explanation, a blank, a header, a rule and a line per route (with a blank line between the tables).
    const routeLines = Object.values(ROUTES).reduce((a, b) => a + b, 0);
    const systemWorkloads = WORKLOADS.length - Object.keys(ROUTES).length;
    expect(table(rows).split('\n')).toHaveLength(2 + systemWorkloads + 1 + 3 + 2 + routeLines);
  });
});
