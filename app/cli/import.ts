/**
 * `npm run import -- PATH FILE [--batch N] [--check]`: reads an export (or
 * record lines alone) into the database at PATH with the engine's
 * `db.import()`: every line is checked first and nothing is written if one is
 * bad; then records are written in batches. Where PATH holds no database yet,
 * one is created with the trees the file's header declares (and removed again
 * if the file is refused). `--check` checks only. Exits 0 when imported, 1
 * when the file is refused or a batch fails (each problem as `FILE:LINE
 * /json/path: message`), 2 when it cannot run. A re-run after a failure is
 * safe (records are put at their keys).
 */
import { createReadStream, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, openDatabase, parseExportHeader, type OpaqueDatabase } from '@trellis/engine';
import { CliError, runCommand } from './output.js';
import { progressLine } from './transfer-progress.js';
import { firstRecordLine, withoutNpmBanner } from './npm-banner.js';
import { resolveUserPath } from './user-path.js';

const USAGE = 'usage: npm run import -- PATH FILE [--batch N] [--check]';

runCommand('import', async () => {
  const { path, file, batch, check } = parseImportArguments(process.argv.slice(2));
  const database = resolveUserPath(path);
  const input = resolveUserPath(file);
  if (!existsSync(input)) throw new CliError(2, `there is no file at ${input}`);
  const source = () => withoutNpmBanner(createReadStream(input, { encoding: 'utf8' }));
  const { db, created } = await openOrCreate(database, input, check);
  const started = Date.now();
  // A database this command created goes again unless records were written into it (a re-run then resumes).
  let keep = !created;
  try {
    const result = await db.import(source, {
      batchSize: batch,
      checkOnly: check,
      onProgress: (p) => progressLine(p.phase === 'checking' ? `checked ${p.done.toLocaleString('en')} lines` : `wrote ${p.done.toLocaleString('en')} of ${p.total?.toLocaleString('en')} records`),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.ok) {
      keep = !check || keep;
      progressLine(check ? `${input} is sound: nothing written (--check), ${seconds} s` : `imported ${result.records.toLocaleString('en')} records into ${database} in ${seconds} s`, true);
      return;
    }
    for (const p of result.problems) process.stderr.write(`${input}:${p.line} ${p.path || '(line)'}: ${p.message}\n`);
    if (result.stage === 'checking') {
      throw new CliError(1, `refused: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found before anything was written`);
    }
    keep = true;
    throw new CliError(1, `stopped while writing: the batches before the failing one stay (${result.records} records); fix the line and run again`);
  } finally {
    await db.close();
    if (!keep) rmSync(database, { recursive: true, force: true });
  }
});

/** The database at PATH, or a new one with the trees the file's header declares. */
async function openOrCreate(database: string, input: string, check: boolean): Promise<{ db: OpaqueDatabase; created: boolean }> {
  const fresh = !existsSync(database) || (!existsSync(join(database, 'data.mdb')) && readdirSync(database).length === 0);
  try {
    if (!fresh) return { db: await openDatabase(database, { readOnly: check }), created: false };
    const header = parseExportHeader((await firstRecordLine(input)) ?? '');
    if (!header) throw new CliError(2, `${database} holds no database, and ${input} does not start with an export header to create one from`);
    return { db: await createDatabase(database, header.trees), created: true };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(2, (error as Error).message);
  }
}

function parseImportArguments(argv: string[]): { path: string; file: string; batch: number | undefined; check: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { batch: { type: 'string' }, check: { type: 'boolean', default: false } } });
  } catch (error) {
    throw new CliError(2, `${(error as Error).message} (${USAGE})`);
  }
  const [path, file, ...extra] = parsed.positionals;
  if (path === undefined || file === undefined) throw new CliError(2, `expected a database path and a file (${USAGE})`);
  if (extra.length > 0) throw new CliError(2, `expected a database path and a file, got ${parsed.positionals.length} arguments (${USAGE})`);
  const batch = parsed.values.batch === undefined ? undefined : Number(parsed.values.batch);
  if (batch !== undefined && !(Number.isInteger(batch) && batch > 0)) throw new CliError(2, `--batch takes a positive whole number (${USAGE})`);
  return { path, file, batch, check: parsed.values.check };
}
