/**
 * `npm run bench`: the Trellis engine's typed throughput next to raw lmdb-js
 * doing the same work, in one process, on the same data, rounds interleaved.
 *
 *   BENCH_N=250000 npm run bench     records (default 100,000)
 *   npm run bench -- --short         10,000 records, a quick smoke run (or BENCH_SHORT=1)
 *   BENCH_ROUNDS=31 npm run bench    measured rounds of reads and scans (default 21)
 *   BENCH_INSERT_ROUNDS=3 npm run bench  measured rounds of inserts (default 5)
 */
import { makeItems, randomIndexes } from './data.js';
import { measure, ratio, type Result } from './harness.js';
import { loadAverage, machine, table } from './report.js';
import { indexedInserts, load, openEngineDb, openRawDb, pointReads, removeTempDirs, scans, tempDir } from './workloads.js';

const short = process.argv.includes('--short') || process.env['BENCH_SHORT'] === '1';
const N = positiveInt(process.env['BENCH_N']) ?? (short ? 10_000 : 100_000);
const ROUNDS = positiveInt(process.env['BENCH_ROUNDS']) ?? 21;
const INSERT_ROUNDS = positiveInt(process.env['BENCH_INSERT_ROUNDS']) ?? 5;
/** Enough work per round that timer and loop overhead do not matter, however small N is. */
const MIN_OPS_PER_ROUND = 100_000;

function positiveInt(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`expected a positive integer, got '${text}'`);
  return n;
}

const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  log(`Trellis engine vs raw lmdb — ${machine()}`);
  log(`before: ${loadAverage()}`);
  log(`N = ${N.toLocaleString('en-US')} records${short ? ' (short run)' : ''}; both sides take turns in steps of a few ms within each round; medians over rounds after warm-up`);
  log("trellis: tree 'items' (autoIncrement key, index byGroup), typed API. raw lmdb: open({ path, sharedStructuresKey }), msgpack values, no versions.");

  const data = makeItems(N);
  const db = await openEngineDb(tempDir('engine'));
  const raw = openRawDb(tempDir('raw'));
  const results: Result[] = [];
  try {
    let started = performance.now();
    const keys = await load(db, raw, data);
    log(`loaded both stores in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const lookups = Math.max(N, MIN_OPS_PER_ROUND);
    const sequence = Array.from(randomIndexes(N, lookups), (i) => keys[i]!);
    const passes = Math.ceil(MIN_OPS_PER_ROUND / N);
    for (const workload of [pointReads(db, raw, sequence, ROUNDS), scans(db, raw, N, passes, ROUNDS)]) {
      results.push(await measure(workload, log));
    }
    await db.close();
    await raw.close();

    started = performance.now();
    results.push(await measure(indexedInserts(data, INSERT_ROUNDS, Math.min(N, 10_000)), log));
    log(`  (indexed inserts took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    removeTempDirs();
  }

  log(`after: ${loadAverage()}`);
  log('');
  log(table(results, { a: 'trellis', b: 'raw lmdb' }));
  log('');
  log('ops/s: median over the measured rounds; ± half their min–max range, as % of the median.');
  log('ratio: trellis / raw lmdb throughput over all measured rounds (total ops / total time per side; the sides took turns');
  log('  every few ms, so both totals span the same conditions); aims are judged on it. It need not equal the quotient of the medians.');
  log('ratio by CPU time: the same by the CPU time this process used (all threads), which other processes cannot inflate.');
  const missed = results.filter((r) => r.workload.aim !== undefined && ratio(r) < r.workload.aim);
  if (missed.length > 0) log(`missed aims: ${missed.map((r) => r.workload.name).join(', ')}`);
}

process.on('exit', removeTempDirs);
await main();
