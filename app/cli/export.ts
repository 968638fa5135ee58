/**
 * `npm run --silent export -- PATH [--tree T]… [--out FILE]`: the database (or
 * the trees named) as NDJSON (the engine's `db.export()`: a header with the
 * trees' catalog entries and counters, one line per record, a trailer), on
 * stdout or into FILE. npm prints its own banner on stdout unless `--silent`;
 * `import` skips that banner if a file starts with it. Progress goes to
 * stderr when it is a terminal. Exits 0 when done, 2 when it cannot run.
 *
 * The engine runs in this process (unlike verify): an export reads through
 * the ordinary read path, page by page, and a database that cannot be read
 * ends the command with its error.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openDatabase } from '@trellis/engine';
import { CliError, runCommand } from './output.js';
import { progressLine } from './transfer-progress.js';
import { resolveUserPath } from './user-path.js';

const USAGE = 'usage: npm run --silent export -- PATH [--tree NAME]… [--out FILE] (> FILE)';

runCommand('export', async () => {
  const { path, trees, out } = parseExportArguments(process.argv.slice(2));
  const absolute = resolveUserPath(path);
  const db = await openDatabase(absolute, { readOnly: true }).catch((error: unknown) => {
    throw new CliError(2, (error as Error).message);
  });
  const started = Date.now();
  const target: Writable = out === undefined ? process.stdout : createWriteStream(resolveUserPath(out));
  let records = 0;
  try {
    for (const tree of trees ?? []) if (!db.catalog.trees[tree]) throw new CliError(2, `${absolute} has no tree '${tree}' (trees: ${Object.keys(db.catalog.trees).join(', ')})`);
    const onProgress = ({ records: done, total }: { records: number; total: number }) => {
      records = done;
      progressLine(`exported ${done.toLocaleString('en')} of ${total.toLocaleString('en')} records`);
    };
    for await (const chunk of db.export({ trees, onProgress })) {
      // Backpressure: a slow reader of stdout never makes the export buffer the database.
      if (!target.write(chunk)) await once(target, 'drain');
    }
    if (target !== process.stdout) {
      target.end();
      await once(target, 'finish');
    }
  } finally {
    await db.close();
  }
  progressLine(`exported ${records.toLocaleString('en')} records in ${((Date.now() - started) / 1000).toFixed(1)} s`, true);
});

function parseExportArguments(argv: string[]): { path: string; trees: string[] | undefined; out: string | undefined } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { tree: { type: 'string', multiple: true }, out: { type: 'string' } } });
  } catch (error) {
    throw new CliError(2, `${(error as Error).message} (${USAGE})`);
  }
  const [path, ...extra] = parsed.positionals;
  if (path === undefined) throw new CliError(2, `no database path given (${USAGE})`);
  if (extra.length > 0) throw new CliError(2, `expected one database path, got ${parsed.positionals.length} (${USAGE})`);
  return { path, trees: parsed.values.tree, out: parsed.values.out };
}
