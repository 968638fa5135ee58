/**
 * The "other process" of the browser benchmark, started once and driven over
 * stdin so process start-up stays out of every measurement. One JSON command a
 * line; one JSON answer a line:
 *
 *   {"op":"update","key":900005,"label":"x"} → {"committedAt": <epoch ms, sub-ms>}
 *   {"op":"page","offset":900000,"limit":101} → {"ms": <time of the engine's offset skip + read>}
 *   {"op":"scan"} → {"ms", "scanned", "matches"}: a filter no index serves, over every item, run in
 *     steps as the host runs it (the host's share of an unindexed filter)
 *
 * `committedAt` is `performance.timeOrigin + performance.now()` when the commit
 * resolved (durable), comparable with the page's clock on the same machine.
 */
import { createInterface } from 'node:readline';
import { openDatabase } from '@trellis/engine';

type Command = { op: 'update'; key: number; label: string } | { op: 'page'; offset: number; limit: number; after?: number } | { op: 'scan' };

/** Matches one item in 100,000: the scan reads every record and keeps few. */
const SCAN_FILTER = { match: 'all' as const, conditions: [{ field: 'label', op: 'contains' as const, value: '99999' }] };

async function main(dbPath: string): Promise<void> {
  const db = await openDatabase(dbPath);
  const items = db.tree('items');
  const reply = (answer: unknown) => process.stdout.write(`${JSON.stringify(answer)}\n`);
  reply({ ready: true });
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const command = JSON.parse(line) as Command;
    try {
      if (command.op === 'update') {
        await items.update(command.key, (current) => ({ ...(current as object), label: command.label }));
        reply({ committedAt: performance.timeOrigin + performance.now() });
      } else if (command.op === 'scan') {
        const started = performance.now();
        const run = items.query({ where: SCAN_FILTER });
        let progress = run.step(2_000);
        while (!progress.done) progress = run.step(2_000);
        reply({ ms: performance.now() - started, scanned: progress.scanned, matches: progress.matches });
      } else {
        const started = performance.now();
        const options = command.after === undefined ? { offset: command.offset, limit: command.limit } : { after: command.after, limit: command.limit };
        const rows = [...items.range(options)];
        reply({ ms: performance.now() - started, rows: rows.length });
      }
    } catch (error) {
      reply({ error: String(error) });
    }
  }
  await db.close();
}

const [dbPath] = process.argv.slice(2);
if (!dbPath) {
  console.error('usage: bench-writer.ts <db>');
  process.exit(2);
}
main(dbPath).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
