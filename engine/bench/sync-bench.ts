/**
 * `npm run bench:sync`: a Trellis server (its own process) and replicas on 127.0.0.1.
 *
 *   - server throughput: mutations/s taken from 1, 4 and 16 replica connections at once (each
 *     replica's outbox filled offline, then the server started: the time until every outbox is empty);
 *   - catch-up: changes/s for a replica 10,000 changes behind (from the log), and records/s for a
 *     new replica taking a snapshot;
 *   - latency: from a commit on one replica to its change event on another (median, p99).
 *
 *   npm run bench:sync             full run; writes report/sync-latest.md
 *   npm run bench:sync -- --short  a smoke run in seconds; no report
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, openReplica, type Replica } from '@trellis/engine';
import { seedServerFile, teamSchema, tempDir } from '../src/sync/fixtures/team.js';
import { startServerProcess } from '../src/sync/fixtures/processes.js';
import { machine, loadAverage } from './report.js';

const short = process.argv.includes('--short') || process.env['BENCH_SHORT'] === '1';
const PLAN = short
  ? { mutations: 400, connections: [1, 4], behind: 1_000, snapshot: 5_000, samples: 30 }
  : { mutations: 8_000, connections: [1, 4, 16], behind: 10_000, snapshot: 100_000, samples: 300 };

type TeamReplica = Replica<typeof teamSchema>;
const lines: string[] = [];
const log = (line: string) => {
  console.log(line);
  lines.push(line);
};

async function until(check: () => boolean, what: string, limitMs = 300_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function replicas(url: string, count: number): Promise<TeamReplica[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => openReplica(join(tempDir(), `replica-${i}`), teamSchema, { server: url, retryMaxMs: 20, idBlockSize: 10_000 })));
}

/** Mutations/s the server takes from `connections` replicas pushing at once. */
async function throughput(connections: number): Promise<number> {
  const serverPath = join(tempDir(), 'server');
  await seedServerFile(serverPath);
  let server = await startServerProcess(serverPath);
  const port = Number(new URL(server.url).port);
  const all = await replicas(server.url, connections);
  await Promise.all(all.map((r) => r.sync.synced()));
  await server.child.kill();
  const each = Math.ceil(PLAN.mutations / connections);
  // Offline: each local transaction is one mutation waiting in the outbox.
  await Promise.all(all.map(async (r, i) => {
    for (let n = 0; n < each; n++) await r.db.tags.insert({ name: `c${i}-${n}`, color: 'grey' });
  }));
  server = await startServerProcess(serverPath, port);
  const started = performance.now(); // from the moment it listens: the replicas find it within their 20 ms retry
  await until(() => all.every((r) => r.sync.status().waiting === 0), 'every outbox to empty');
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(all.map((r) => r.close()));
  await server.child.kill();
  return (each * connections) / seconds;
}

/** Changes/s for a replica `behind` changes behind (the log), and records/s for a snapshot of `records`. */
async function catchUp(): Promise<{ log: number; snapshot: number }> {
  const serverPath = join(tempDir(), 'server');
  await seedServerFile(serverPath);
  const server = await startServerProcess(serverPath);
  const [behind] = await replicas(server.url, 1);
  await behind!.sync.synced();
  const replicaPath = behind!.db.path;
  await behind!.close();
  const db = await open(serverPath, teamSchema);
  for (let done = 0; done < PLAN.behind; done += 1_000) {
    await db.transaction((tx) => {
      for (let i = 0; i < 1_000; i++) tx.tags.insert({ name: `b${done + i}`, color: 'blue' });
    });
  }
  let started = performance.now();
  const again = await openReplica(replicaPath, teamSchema, { server: server.url });
  await again.sync.synced();
  const logRate = PLAN.behind / ((performance.now() - started) / 1000);
  await again.close();
  await db.tags.insertMany(Array.from({ length: PLAN.snapshot - PLAN.behind }, (_, i) => ({ name: `s${i}`, color: 'red' })), { batchSize: 20_000 });
  const total = db.tags.count() + db.tasks.count() + db.people.count() + db.projects.count();
  await db.close();
  started = performance.now();
  const [fresh] = await replicas(server.url, 1);
  await fresh!.sync.synced();
  const snapshotRate = total / ((performance.now() - started) / 1000);
  await fresh!.close();
  await server.child.kill();
  return { log: logRate, snapshot: snapshotRate };
}

/** Milliseconds from a commit on one replica to the change event on another. */
async function latency(): Promise<{ median: number; p99: number }> {
  const serverPath = join(tempDir(), 'server');
  await seedServerFile(serverPath);
  const server = await startServerProcess(serverPath);
  const [a, b] = await replicas(server.url, 2);
  await Promise.all([a!.sync.synced(), b!.sync.synced()]);
  const seen = new Map<string, number>();
  b!.db.onChange((events) => {
    if (Array.isArray(events)) for (const e of events) if (e.tree === 'tags') seen.set(String(e.key), performance.now());
  });
  const samples: number[] = [];
  for (let i = 0; i < PLAN.samples; i++) {
    const name = `l${i}`;
    await a!.db.tags.insert({ name, color: 'green' });
    const committed = performance.now();
    await until(() => seen.has(name), `tag ${name} on the other replica`, 10_000);
    samples.push(seen.get(name)! - committed);
  }
  await Promise.all([a!.close(), b!.close()]);
  await server.child.kill();
  samples.sort((x, y) => x - y);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { median: at(0.5), p99: at(0.99) };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const row = (what: string, value: string, aim: string, met: boolean) => `| ${what} | ${value} | ${aim} | ${met ? 'met' : '**missed**'} |`;

log(`Trellis sync — ${machine()}${short ? ' (short run)' : ''}`);
log(`before: ${loadAverage()}`);
const table = ['| measure | result | aim | |', '|---|---:|---|---|'];
for (const connections of PLAN.connections) {
  const rate = await throughput(connections);
  log(`throughput with ${connections} connection(s): ${fmt(rate)} mutations/s`);
  table.push(row(`server throughput, ${connections} replica connection${connections === 1 ? '' : 's'}`, `${fmt(rate)} mutations/s`, '≥ 2,000/s', rate >= 2_000));
}
const rates = await catchUp();
log(`catch-up: ${fmt(rates.log)} changes/s from the log, ${fmt(rates.snapshot)} records/s by snapshot`);
table.push(row(`catch-up from the log (${fmt(PLAN.behind)} changes behind)`, `${fmt(rates.log)} changes/s`, '≥ 10,000/s', rates.log >= 10_000));
table.push(row(`resync by snapshot (${fmt(PLAN.snapshot)} records)`, `${fmt(rates.snapshot)} records/s`, '≥ 20,000/s', rates.snapshot >= 20_000));
const delay = await latency();
log(`latency replica → replica: median ${delay.median.toFixed(1)} ms, p99 ${delay.p99.toFixed(1)} ms`);
table.push(row('commit on one replica → change event on another, median', `${delay.median.toFixed(1)} ms`, '≤ 25 ms', delay.median <= 25));
table.push(row('… p99', `${delay.p99.toFixed(1)} ms`, '≤ 100 ms', delay.p99 <= 100));
log(`after: ${loadAverage()}`);
console.log(`\n${table.join('\n')}\n`);

if (!short) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'report');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sync-latest.md'), ['# Sync benchmark: latest full run', '', `Run ${new Date().toISOString()} by \`npm run bench:sync\`.`, '', ...lines.map((l) => `    ${l}`), '', ...table, ''].join('\n'));
}
process.exit(0);
