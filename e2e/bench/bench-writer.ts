/**
 * The "other process" of the browser benchmark, started once and driven over
 * stdin so process start-up stays out of every measurement. One JSON command a
 * line; one JSON answer a line:
 *
 *   {"op":"update","key":900005,"label":"x"} → {"committedAt": <epoch ms, sub-ms>}
 *   {"op":"page","offset":900000,"limit":101} → {"ms": <time of the engine's offset skip + read>}
 *
 * `committedAt` is `performance.timeOrigin + performance.now()` when the commit
 * resolved (durable), comparable with the page's clock on the same machine.
 */
import { createInterface } from 'node:readline';
import { openDatabase } from '@trellis/engine';

type Command = { op: 'update'; key: number; label: string } | { op: 'page'; offset: number; limit: number; after?: number };

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
