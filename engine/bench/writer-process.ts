/**
 * One writer process of the writer-processes workload: opens an existing bench
 * database, says {"ready":1}, then for each line it reads (milliseconds) writes
 * one-insert transactions for that long and answers {"count":n}; exits when
 * its input ends.
 *
 *   node [--conditions=source] --import tsx writer-process.ts <engine|lmdb|sqlite> <dir> <seed>
 */
import { createInterface } from 'node:readline';
import { makeItems } from './data.js';
import { openEngine } from './engine-system.js';
import { openLmdb } from './lmdb-system.js';
import { openSqlite } from './sqlite-system.js';
import type { System } from './system.js';

const [kind, dir, seed] = process.argv.slice(2);
if (!kind || !dir) throw new Error('usage: writer-process.ts <engine|lmdb|sqlite> <dir> <seed>');
const system: System = kind === 'engine' ? await openEngine(dir) : kind === 'lmdb' ? openLmdb(dir) : openSqlite(dir);
const items = makeItems(20_000, 1000 + Number(seed ?? 0));
let next = 0;
process.stdout.write('{"ready":1}\n');
for await (const line of createInterface({ input: process.stdin })) {
  const until = performance.now() + Number(line);
  let count = 0;
  while (performance.now() < until) {
    await system.writeOne(items[next++ % items.length]!);
    count++;
  }
  process.stdout.write(`${JSON.stringify({ count })}\n`);
}
await system.close();
