/**
 * `npm run bench`: the Trellis engine next to raw lmdb and better-sqlite3
 * doing the same work on the same data, in one process, rounds interleaved.
 *
 *   npm run bench                              100,000 and 1,000,000 records; writes report/latest.md and .json
 *   npm run bench -- --sizes 100000            other sizes (still writes the report)
 *   npm run bench -- --short  (or BENCH_SHORT=1)  5,000 records, a smoke run in seconds; no report
 *   npm run bench -- --only inserts,back-ref   only workloads whose names contain one of these; no report
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_PLAN, SHORT_PLAN, runBench } from './bench.js';
import { loadAverage, machine, missedAims, table } from './report.js';
import { PAGE, BATCH } from './system.js';

const args = process.argv.slice(2);
const short = args.includes('--short') || process.env['BENCH_SHORT'] === '1';
const sizesArg = args[args.indexOf('--sizes') + 1];
const sizes = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(positiveInt) : short ? [5000] : [100_000, 1_000_000];
const plan = short ? SHORT_PLAN : FULL_PLAN;
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? onlyArg.split(',') : undefined;

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`expected a positive integer, got '${text}'`);
  return n;
}

const lines: string[] = [];
const log = (line: string) => {
  console.log(line);
  lines.push(line);
};

const started = new Date();
log(`Trellis engine vs raw lmdb vs better-sqlite3 — ${machine()}`);
const loadBefore = loadAverage();
log(`before: ${loadBefore}`);
const rows = await runBench(sizes, plan, log, only);
const loadAfter = loadAverage();
log(`after: ${loadAfter}`);
const result = table(rows);
const missed = missedAims(rows);
console.log(`\n${result}\n`);
if (missed.length > 0) console.log(`missed aims:\n${missed.map((m) => `  ${m}`).join('\n')}`);

if (!short && !only) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'report');
  mkdirSync(dir, { recursive: true });
  const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1);
  const meta = { date: started.toISOString(), minutes: Number(minutes), machine: machine(), loadBefore, loadAfter, sizes, plan, batch: BATCH, page: PAGE };
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify({ ...meta, rows }, null, 2)}\n`);
  const md = [
    '# Engine benchmark: latest full run',
    '',
    `Run ${meta.date} (${minutes} min) by \`npm run bench\` on ${meta.machine}.`,
    `Machine load: before, ${loadBefore}; after, ${loadAfter}. Other work shared the machine.`,
    '',
    result,
    '',
    'Throughput: total operations over total time of all measured rounds per system; ± is half the min–max range of the',
    'per-round figures around their median. Ratios are the engine’s throughput over the other system’s (> 1× = engine faster);',
    '“by CPU time” divides by this process’s CPU time instead, which other processes cannot inflate.',
    '',
    missed.length > 0 ? `Missed aims:\n\n${missed.map((m) => `- ${m}`).join('\n')}` : 'Every aim met.',
    '',
    'How it is measured and why it is fair: see `engine/bench/README.md`.',
    '',
    '## Log',
    '',
    '```',
    ...lines,
    '```',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'latest.md'), md);
  console.log(`wrote ${join(dir, 'latest.md')} and latest.json`);
}
