/**
 * The browser benchmark: the real renderer in Chromium against a real web host
 * process (`app/dist/cli/serve.js`) on databases made with the engine.
 *
 *   npm run build --silent && tsx --conditions=source e2e/bench/browser-bench.ts [--short] [--runs N] [--fresh] [--sizes a,b]
 *
 * Full: `items` trees of 1M and 10M records (the 10M one built in the benchmark,
 * within BENCH_BUILD_MINUTES, 30 by default: the report says how many it holds),
 * 20 runs of each interaction at each size, the host's unindexed-filter
 * throughput, memory after scrolling the whole tree at both sizes. `--short`:
 * 2k and 10k records, 5 runs (a smoke check). Databases are kept in
 * $TMPDIR/trellis-browser-bench and reused (`--fresh` makes them again). Writes
 * e2e/bench/report/latest.md and latest.json (full runs only, unless --report).
 *
 * Every time is taken in the page (performance.now(), or the epoch clock
 * performance.timeOrigin + performance.now() shared with the writer process):
 * "painted" is the first animation frame after a MutationObserver saw the
 * rendered rows hold what was asked for (every rendered row has its data: a
 * `data-key` and no `aria-busy`).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startWebHost, type WebHost } from '../fixtures/web-host.js';
import { RENDERER_DIST, WEB_HOST_CLI } from '../fixtures/paths.js';
import { BUCKETS, createBenchDatabase, ownerOf } from './bench-schema.js';
import { filterFirstMatches, followReference, memoryAfterScrolling, openPage, scrollToRow, SETTLE_MS, startWriter, writeToPaint, type MemorySample, type Writer } from './page-measures.js';

const CHROMIUM = process.env.TRELLIS_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const argv = process.argv.slice(2);
const short = argv.includes('--short');
const fresh = argv.includes('--fresh');
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : short ? 5 : 20;
const sizesArg = argv.indexOf('--sizes');
const SIZES = sizesArg >= 0 ? argv[sizesArg + 1]!.split(',').map(Number) : short ? [2_000, 10_000] : [1_000_000, 10_000_000];
const BUILD_BUDGET_MS = Number(process.env['BENCH_BUILD_MINUTES'] ?? 30) * 60_000;
/** Row 900,000 of 1M: the same fraction (90%) of every tree. */
const targetRow = (count: number) => Math.round(count * 0.9);
const MEMORY_STEPS = short ? 20 : 100;
const MEMORY_PASSES = short ? 1 : 3;
const writeReport = !short || argv.includes('--report');


const AIMS = { open: 300, scroll: 50, reference: 50, editor: 100, filter: 100, write: 50 } as const;
/** Records a second the host must read and test for a filter no index serves. */
const SCAN_AIM = 1_000_000;

interface Stats {
  readonly median: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, p90: at(0.9), min: sorted[0]!, max: sorted.at(-1)!, n: sorted.length };
}

// ---------------------------------------------------------------- databases

const DB_ROOT = join(tmpdir(), 'trellis-browser-bench');

interface BenchDatabase {
  readonly path: string;
  /** Items it holds: fewer than asked when the build budget ran out. */
  readonly count: number;
  readonly createdMs: number | undefined;
}

async function benchDatabase(asked: number): Promise<BenchDatabase> {
  mkdirSync(DB_ROOT, { recursive: true });
  // No '.' in the path: lmdb takes a dotted path for a file name. v2: items have an indexed bucket.
  const path = join(DB_ROOT, `items-v2-${asked}`);
  const ready = `${path}-ready`;
  if (!fresh && existsSync(ready) && existsSync(path)) {
    const { count } = JSON.parse(readFileSync(ready, 'utf8')) as { count: number };
    return { path, count, createdMs: undefined };
  }
  rmSync(path, { recursive: true, force: true });
  rmSync(ready, { force: true });
  console.log(`creating ${asked.toLocaleString('en')} items at ${path}`);
  const { ms: createdMs, count } = await createBenchDatabase(path, asked, (line) => console.log(line), BUILD_BUDGET_MS);
  console.log(`  ${count.toLocaleString('en')} items in ${(createdMs / 1000).toFixed(1)} s (rss ${Math.round(process.memoryUsage().rss / 1e6)} MB)`);
  writeFileSync(ready, JSON.stringify({ count, createdMs }));
  return { path, count, createdMs };
}

// ---------------------------------------------------------------- the other process

// ---------------------------------------------------------------- main

interface Result {
  readonly name: string;
  readonly what: string;
  readonly aimMs: number | undefined;
  readonly stats: Stats;
}

function loadText(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}

async function main(): Promise<void> {
  for (const needed of [WEB_HOST_CLI, RENDERER_DIST]) {
    if (!existsSync(needed)) throw new Error(`build the app first (npm run build): missing ${needed}`);
  }
  const loadBefore = loadText();
  const databases = new Map<number, BenchDatabase>();
  for (const size of SIZES) databases.set(size, await benchDatabase(size));

  const dataDir = mkdtempSync(join(tmpdir(), 'trellis-browser-bench-data-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const hosts: WebHost[] = [];
  let writer: Writer | undefined;
  const results: Result[] = [];
  const memory: Record<number, { before: MemorySample; after: MemorySample[] }> = {};
  const hostOffset: Record<string, Stats> = {};
  const scans: Record<string, { ms: Stats; perSecond: number }> = {};
  try {
    for (const size of SIZES) {
      const database = databases.get(size)!;
      const records = database.count;
      const target = targetRow(records);
      const host = await startWebHost({ dbPath: database.path, dataDir });
      hosts.push(host);
      writer = await startWriter(database.path);
      const samples = { script: [] as number[], open: [] as number[], scroll: [] as number[], write: [] as number[], reference: [] as number[], editor: [] as number[], filter: [] as number[] };
      // One warm-up run (the OS page cache, Chromium's code cache, Monaco's chunks), not counted.
      for (let run = -1; run < RUNS; run++) {
        const { page, firstRowsMs, scriptMs, close } = await openPage(browser, host.url);
        try {
          await page.waitForTimeout(SETTLE_MS);
          const scrollMs = await scrollToRow(page, target);
          // A row a few below the top of the view, so the write lands in the visible block.
          const writeKey = target + 3;
          const writeMs = await writeToPaint(page, writer, writeKey, `written ${run} ${Date.now()}`);
          const owner = ownerOf(target);
          const reference = await followReference(page, target, `owners/${owner}`, `owner ${owner}`);
          await page.goBack();
          const filterMs = await filterFirstMatches(page, 'bucket', (run + 1 + BUCKETS) % BUCKETS, BUCKETS);
          if (run >= 0) {
            samples.open.push(firstRowsMs);
            samples.script.push(scriptMs);
            samples.scroll.push(scrollMs);
            samples.write.push(writeMs);
            samples.reference.push(reference.shown);
            samples.editor.push(reference.editor);
            samples.filter.push(filterMs);
          }
          console.log(
            `${records.toLocaleString('en')} run ${run < 0 ? 'warm-up' : run + 1}: open ${firstRowsMs.toFixed(0)} ms, scroll ${scrollMs.toFixed(0)} ms, write ${writeMs.toFixed(0)} ms, ` +
              `reference ${reference.shown.toFixed(0)} ms (editor text ${reference.editor.toFixed(0)} ms), indexed filter ${filterMs.toFixed(0)} ms`,
          );
        } finally {
          await close().catch(() => undefined); // a failure above says what went wrong
        }
      }
      const rows = records.toLocaleString('en');
      const at = `${rows}:`;
      results.push(
        { name: `${at} first rows`, what: `page load (#/items, ${rows} records) → first rows painted`, aimMs: AIMS.open, stats: stats(samples.open) },
        { name: `${at}   … entry run`, what: 'page load → DOMContentLoaded end (the small entry has run and sent the first requests; the app chunk runs after)', aimMs: undefined, stats: stats(samples.script) },
        { name: `${at} scroll to row ${target.toLocaleString('en')}`, what: 'scrollTop set → rows there painted', aimMs: AIMS.scroll, stats: stats(samples.scroll) },
        { name: `${at} reference click`, what: 'ref-link click → target row painted + record panel', aimMs: AIMS.reference, stats: stats(samples.reference) },
        { name: `${at} editor text after click`, what: 'ref-link click → target text in the editor', aimMs: AIMS.editor, stats: stats(samples.editor) },
        { name: `${at} indexed filter`, what: 'Apply (bucket = n, through index byBucket) → first matching rows painted', aimMs: AIMS.filter, stats: stats(samples.filter) },
        { name: `${at} write elsewhere`, what: `other process commits (row ${target.toLocaleString('en')}) → row repainted`, aimMs: AIMS.write, stats: stats(samples.write) },
      );

      // ---- the host's share: the engine's offset skip, and a filter no index serves, in another process on the same file
      for (const [label, command] of [
        [`${at} offset ${target.toLocaleString('en')}`, { op: 'page', offset: target - 1, limit: 101 }],
        [`${at} after (keyset)`, { op: 'page', after: target - 1, limit: 101, offset: 0 }],
      ] as const) {
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) times.push(Number((await writer.send(command)).ms));
        hostOffset[label] = stats(times);
      }
      const scanTimes: number[] = [];
      for (let i = 0; i < Math.min(RUNS, 5); i++) scanTimes.push(Number((await writer.send({ op: 'scan' })).ms));
      const scanMs = stats(scanTimes);
      scans[rows] = { ms: scanMs, perSecond: (records / scanMs.median) * 1000 };
      console.log(`${rows}: unindexed filter scanned ${records} in ${scanMs.median.toFixed(0)} ms (median): ${Math.round(scans[rows].perSecond).toLocaleString('en')} records/s`);
      await writer.stop();
      writer = undefined;
      await host.stop();
      hosts.length = 0;
    }

    // ---- memory after scrolling the whole tree, per size
    for (const size of SIZES) {
      const sizeHost = await startWebHost({ dbPath: databases.get(size)!.path, dataDir });
      hosts.push(sizeHost);
      memory[size] = await memoryAfterScrolling(browser, sizeHost.url, databases.get(size)!.count, MEMORY_STEPS, MEMORY_PASSES);
      const m = memory[size];
      console.log(`memory ${size}: before ${m.before.heapMB.toFixed(1)} MB, after ${m.after.map((s) => s.heapMB.toFixed(1)).join(', ')} MB`);
      await sizeHost.stop();
      hosts.length = 0;
    }
  } finally {
    await writer?.stop();
    for (const host of hosts) await host.stop();
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------- report
  const loadAfter = loadText();
  const [small, large] = SIZES.map((size) => stats(memory[size]!.after.map((s) => s.heapMB)).median) as [number, number];
  const growth = large / small - 1;
  const lines: string[] = [];
  const fmt = (ms: number) => ms.toFixed(1);
  lines.push(`# Browser benchmark${short ? ' (short)' : ''}`, '');
  lines.push(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${(totalmem() / 2 ** 30).toFixed(1)} GiB · Node ${process.version} · Chromium ${(await chromiumVersion()) ?? '?'}`);
  lines.push(`Load average (1/5/15 min): before ${loadBefore}, after ${loadAfter}. ${RUNS} runs each (after one warm-up) at each size: ${[...databases.values()].map((d) => d.count.toLocaleString('en')).join(' and ')} records.`, '');
  lines.push('| measurement | from → to | median ms | p90 ms | min | max | aim | |', '|---|---|---:|---:|---:|---:|---|---|');
  for (const r of results) {
    const verdict = r.aimMs === undefined ? '' : r.stats.median < r.aimMs ? 'pass' : `MISS by ${fmt(r.stats.median - r.aimMs)} ms`;
    lines.push(`| ${r.name} | ${r.what} | ${fmt(r.stats.median)} | ${fmt(r.stats.p90)} | ${fmt(r.stats.min)} | ${fmt(r.stats.max)} | ${r.aimMs === undefined ? '' : `< ${r.aimMs}`} | ${verdict} |`);
  }
  lines.push('', '| engine, other process (host share of the scroll) | median ms | p90 ms |', '|---|---:|---:|');
  for (const [label, s] of Object.entries(hostOffset)) lines.push(`| ${label}, 101 rows | ${fmt(s.median)} | ${fmt(s.p90)} |`);
  lines.push('', '| unindexed filter, host side (label contains "99999": every record read and tested, in steps) | median ms | records/s | aim |', '|---|---:|---:|---|');
  for (const [rows, scan] of Object.entries(scans)) {
    lines.push(`| ${rows} records | ${fmt(scan.ms.median)} | ${Math.round(scan.perSecond).toLocaleString('en')} | ≥ ${SCAN_AIM.toLocaleString('en')}/s ${scan.perSecond >= SCAN_AIM ? 'pass' : 'MISS'} |`);
  }
  lines.push('', `| renderer memory after scrolling the whole tree (${MEMORY_STEPS} steps × ${MEMORY_PASSES} passes, after GC) | JS heap MB (median of passes) | DOM nodes | before scrolling MB |`, '|---|---:|---:|---:|');
  for (const size of SIZES) {
    const m = memory[size]!;
    lines.push(`| ${size.toLocaleString('en')} records | ${fmt(stats(m.after.map((s) => s.heapMB)).median)} | ${m.after.at(-1)!.nodes} | ${fmt(m.before.heapMB)} |`);
  }
  lines.push('', `Memory ${SIZES.map((s) => s.toLocaleString('en')).join(' → ')}: ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}% (aim: within 20%) — ${Math.abs(growth) <= 0.2 ? 'pass' : 'MISS'}`);
  const text = lines.join('\n');
  console.log(`\n${text}\n`);
  if (writeReport) {
    const dir = fileURLToPath(new URL('./report/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'latest.md'), `${text}\n`);
    const json = {
      date: new Date().toISOString(),
      short,
      machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: totalmem() / 2 ** 30, node: process.version },
      load: { before: loadBefore, after: loadAfter },
      runs: RUNS,
      records: Object.fromEntries([...databases].map(([size, db]) => [size, db.count])),
      databasesCreatedMs: Object.fromEntries([...databases].map(([size, db]) => [size, db.createdMs ?? null])),
      scans,
      results: results.map((r) => ({ ...r, pass: r.aimMs === undefined ? null : r.stats.median < r.aimMs })),
      engineOffset: hostOffset,
      memory,
      memoryGrowth: growth,
    };
    writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
    console.log(`wrote ${join(dir, 'latest.md')} and latest.json`);
  }
}

async function chromiumVersion(): Promise<string | undefined> {
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const version = browser.version();
    await browser.close();
    return version;
  } catch {
    return undefined;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
