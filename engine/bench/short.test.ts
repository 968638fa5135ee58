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
];
const SYSTEMS = ['trellis', 'raw lmdb', 'better-sqlite3'];

describe('engine benchmark, short mode', () => {
  it('measures every workload on every system', { timeout: 60_000 }, async () => {
    const rows = await runBench([2000], { ...SHORT_PLAN, rounds: 1, slowRounds: 1 }, () => undefined);
    expect(rows.map((row) => WORKLOADS.findIndex((w) => row.workload.startsWith(w)))).toEqual(WORKLOADS.map((_, i) => i));
    for (const row of rows) {
      expect(row.size).toBe(2000);
      // The migration is compared with raw lmdb only (the reference: a copy written by hand).
      expect(row.systems.map((s) => s.system)).toEqual(row.workload.startsWith('migration') ? SYSTEMS.slice(0, 2) : SYSTEMS);
      for (const figure of row.systems) {
        for (const n of [figure.opsPerSec, figure.cpuOpsPerSec]) expect(Number.isFinite(n) && n > 0, `${row.workload}, ${figure.system}: ${n}`).toBe(true);
      }
      for (const c of row.comparisons) expect(Number.isFinite(c.ratio) && c.ratio > 0, `${row.workload} vs ${c.against}`).toBe(true);
    }
    expect(table(rows).split('\n')).toHaveLength(2 + WORKLOADS.length);
  });
});
