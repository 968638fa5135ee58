/**
 * `npm run bench:isolation`: what running the engine in its own process
 * costs the browser. The same calls, in the same run, against the in-process
 * host (the reference) and the isolated host on one sample database: medians
 * per call, the ratio, start-up time and the engine process's memory.
 * `--short` for a smaller database and fewer rounds.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHost, type Host } from '../../host/index.js';
import { createSampleDatabase } from '../../sample/index.js';
import { createIsolatedHost } from '../isolated-host.js';

const short = process.argv.includes('--short');
const TASKS = short ? 5_000 : 50_000;
const ROUNDS = short ? 30 : 300;

interface Call {
  readonly name: string;
  readonly method: string;
  readonly args: (round: number, host?: string) => unknown;
}

const CALLS: readonly Call[] = [
  { name: 'database.info', method: 'database.info', args: () => ({}) },
  { name: 'records.get (one task)', method: 'records.get', args: (round) => ({ tree: 'tasks', key: (round % 1000) + 1 }) },
  { name: 'records.page, 100 tasks', method: 'records.page', args: (round) => ({ tree: 'tasks', limit: 100, offset: (round * 97) % (TASKS - 100) }) },
  { name: 'records.page, 1000 tasks', method: 'records.page', args: (round) => ({ tree: 'tasks', limit: 1000, offset: (round * 997) % (TASKS - 1000) }) },
  { name: 'records.insert (a label)', method: 'records.insert', args: (round, host = '') => ({ tree: 'labels', value: { name: `bench ${host} ${round}`, color: '#336699', project: 1 } }) },
];

const dir = mkdtempSync(join(tmpdir(), 'trellis-isolation-bench-'));
try {
  const path = join(dir, 'db');
  await createSampleDatabase(path, { tasks: TASKS });
  const lines: string[] = [];
  const startInProcess = await timed(() => createHost({ path, log: () => {} }));
  const inProcess = await measure(startInProcess.value, 'in-process');
  await startInProcess.value.close();
  const startIsolated = await timed(() => createIsolatedHost({ path, log: () => {} }));
  const isolated = await measure(startIsolated.value, 'isolated');
  const rss = residentKiB(startIsolated.value.enginePid);
  await startIsolated.value.close();

  const machine = `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
  lines.push('# What the engine process costs', '', `${new Date().toISOString()} · ${machine} · sample database with ${TASKS} tasks · ${ROUNDS} calls each, medians`, '');
  lines.push('| call | in-process (ms) | isolated (ms) | isolated ÷ in-process | added (ms) |', '|---|---|---|---|---|');
  for (const call of CALLS) {
    const a = inProcess.get(call.name)!;
    const b = isolated.get(call.name)!;
    lines.push(`| ${call.name} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(b / a).toFixed(2)}× | ${(b - a).toFixed(3)} |`);
  }
  lines.push('', `Start-up (open the database and answer): in-process ${startInProcess.millis.toFixed(0)} ms, isolated ${startIsolated.millis.toFixed(0)} ms.`);
  lines.push(`The engine process's resident memory after the calls: ${rss === undefined ? 'unknown' : `${(rss / 1024).toFixed(0)} MiB`}.`, '');
  const text = lines.join('\n');
  console.log(text);
  if (!short) {
    const out = join(dirname(fileURLToPath(import.meta.url)), 'report');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'latest.md'), text);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function measure(host: Host, label: string): Promise<Map<string, number>> {
  const medians = new Map<string, number>();
  for (const call of CALLS) {
    for (let warm = 0; warm < 5; warm++) await host.handle(call.method, call.args(ROUNDS + warm, label));
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const answer = await host.handle(call.method, call.args(round, label));
      times.push(performance.now() - started);
      if (!answer.ok) throw new Error(`${call.name}: ${answer.error.code} ${answer.error.message}`);
    }
    times.sort((a, b) => a - b);
    medians.set(call.name, times[Math.floor(times.length / 2)]!);
  }
  return medians;
}

async function timed<T>(make: () => Promise<T>): Promise<{ value: T; millis: number }> {
  const started = performance.now();
  const value = await make();
  return { value, millis: performance.now() - started };
}

function residentKiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}
