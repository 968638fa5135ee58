/**
 * `npm run damage`: the damaged-file trials on a database of about a million
 * records (the sample issue tracker, scaled), 100 page overwrites and 100
 * byte bursts by default. Prints each trial and the totals, writes
 * report/latest.md, and exits 1 if any outcome is untyped or the host stopped
 * answering. DAMAGE_TASKS, DAMAGE_PAGES, DAMAGE_BURSTS, DAMAGE_SEED,
 * DAMAGE_SOURCE (reuse a database built before) change the run; DAMAGE_ONLY
 * (trial numbers, e.g. 21,71) replays some trials of a seed: the same damage, though damage deep in a
 * tree page may end otherwise than in the full run (what LMDB reads past it depends on the process's history).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSampleDatabase } from '../../sample/index.js';
import { runDamageTrials, type TrialsReport } from './damage-trials.js';
import { formatReport } from './damage-report.js';

const number = (name: string, fallback: number) => (process.env[name] === undefined ? fallback : Number(process.env[name]));
const tasks = number('DAMAGE_TASKS', 833_000);
const pageOverwrites = number('DAMAGE_PAGES', 100);
const byteBursts = number('DAMAGE_BURSTS', 100);
const seed = number('DAMAGE_SEED', 20_261_203);
const only = process.env['DAMAGE_ONLY'] === undefined ? undefined : new Set(process.env['DAMAGE_ONLY'].split(',').map(Number));
if (only !== undefined && [...only].some((n) => !Number.isInteger(n) || n < 1 || n > pageOverwrites + byteBursts)) {
  throw new Error(`DAMAGE_ONLY takes trial numbers from 1 to ${pageOverwrites + byteBursts}, separated by commas: ${process.env['DAMAGE_ONLY']}`);
}

const workDir = mkdtempSync(join(tmpdir(), 'trellis-damage-'));
try {
  let source = process.env['DAMAGE_SOURCE'];
  if (source === undefined || !existsSync(join(source, 'data.mdb'))) {
    source ??= join(workDir, 'source');
    const made = await createSampleDatabase(source, { tasks });
    console.log(`built ${source}: ${Object.values(made.counts).reduce((a, b) => a + b, 0)} records in ${Math.round(made.millis / 1000)} s`);
  }
  const records = `${(statSync(join(source, 'data.mdb')).size / 2 ** 20).toFixed(0)} MiB`;
  const out = join(dirname(fileURLToPath(import.meta.url)), 'report');
  mkdirSync(out, { recursive: true });
  const run = { tasks, seed, size: records, planned: only?.size ?? pageOverwrites + byteBursts, only };
  const write = (report: TrialsReport) => writeFileSync(join(out, process.env['DAMAGE_REPORT'] ?? 'latest.md'), formatReport(report, run));
  const report = await runDamageTrials({ source, workDir, pageOverwrites, byteBursts, seed, only, callTimeoutMs: 60_000, log: (line) => console.log(line), onTrial: write });
  write(report);
  console.log(formatReport(report, run));
  process.exitCode = report.outcomes.untyped === 0 && report.hostAliveAfterEach ? 0 : 1;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
