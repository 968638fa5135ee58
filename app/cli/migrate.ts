/**
 * `npm run migrate -- PATH --schema MODULE [--export NAME] [--dry-run]`: runs
 * the migrations a database has not run yet, as opening it with the
 * application's schema would, with a progress line per batch; with --dry-run,
 * prints what would run and writes nothing. MODULE is the application's file
 * that exports its schema (TypeScript or JavaScript; the export `schema` by
 * default). Exits 0 when done (or nothing to do), 1 when a migration failed
 * (the database as before it), 2 when it cannot run (usage, a path that is not
 * a database, code that lacks a migration the database ran).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { isTrellisError, open, previewMigrations, type MigrationPreview, type MigrationProgress, type Schema } from '@trellis/engine';
import { CliError, printLine, runCommand } from './output.js';
import { progressLine } from './transfer-progress.js';
import { resolveUserPath } from './user-path.js';

const USAGE = 'usage: npm run migrate -- PATH --schema MODULE [--export NAME] [--dry-run]';

runCommand('migrate', async () => {
  const args = parseMigrateArguments(process.argv.slice(2));
  const path = resolveUserPath(args.path);
  const declared = await loadSchema(resolveUserPath(args.schema), args.exportName);
  try {
    const preview = await previewMigrations(path, declared);
    if (args.dryRun) {
      printLine(describePreview(path, preview));
      return;
    }
    if (preview.pending.length === 0 && !preview.inProgress) {
      printLine(`${path}: no migration to run (schema version ${preview.schemaVersion})`);
      return;
    }
    const started = Date.now();
    const db = await open(path, declared, { onMigration: (progress) => progressLine(progressText(progress)) });
    const ran = db.catalog.migrations?.slice(preview.ran.length) ?? [];
    await db.close();
    progressLine(`migrated ${path} to schema version ${db.catalog.schemaVersion} in ${((Date.now() - started) / 1000).toFixed(1)} s`, true);
    for (const record of ran) printLine(`${record.id}: ${record.outcome}, ${record.records ?? 0} records in ${((record.ms ?? 0) / 1000).toFixed(1)} s`);
  } catch (error) {
    if (isTrellisError(error)) throw new CliError(error.code === 'MIGRATION_FAILED' ? 1 : 2, error.message);
    throw error;
  }
});

function progressText(p: MigrationProgress): string {
  const share = p.total === 0 ? 1 : p.done / p.total;
  const bar = '#'.repeat(Math.round(share * 20)).padEnd(20, '.');
  return `[${bar}] ${p.migration} (${p.step}/${p.steps}): ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} records`;
}

function describePreview(path: string, preview: MigrationPreview): string {
  const lines = [`${path}: schema version ${preview.schemaVersion}`];
  for (const record of preview.ran) lines.push(`  ran      ${record.id} (${record.outcome}, ${record.at}): ${record.description}`);
  if (preview.inProgress) lines.push(`  unfinished ${preview.inProgress.id}: ${preview.inProgress.records} records migrated when its process stopped (started ${preview.inProgress.startedAt}); opening resumes it`);
  if (preview.pending.length === 0) lines.push('nothing would run');
  for (const step of preview.pending) {
    lines.push(`would run ${step.id}: ${step.description}`);
    const reads = Object.entries(step.reads).map(([tree, count]) => `${tree} (${count === undefined ? 'made by an earlier step' : `${count.toLocaleString('en')} records`})`);
    if (reads.length > 0) lines.push(`  reads    ${reads.join(', ')}`);
    if (step.rebuilds.length > 0) lines.push(`  writes   ${step.rebuilds.join(', ')}`);
    if (step.keeps.length > 0) lines.push(`  keeps    ${step.keeps.join(', ')}`);
    if (step.drops.length > 0) lines.push(`  drops    ${step.drops.join(', ')}`);
    if (step.rekeys.length > 0) lines.push(`  re-keys  ${step.rekeys.join(', ')}`);
  }
  return lines.join('\n');
}

async function loadSchema(file: string, name: string): Promise<Schema> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(2, `cannot load the schema module ${file}: ${(error as Error).message}`);
  }
  const found = module[name];
  if (!isSchema(found)) {
    const exported = Object.keys(module).filter((key) => isSchema(module[key]));
    throw new CliError(2, `${file} exports no schema named '${name}'${exported.length > 0 ? ` (schemas it exports: ${exported.join(', ')}; pick one with --export)` : ''}`);
  }
  return found;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && Array.isArray((value as { trees?: unknown }).trees);
}

function parseMigrateArguments(argv: string[]): { path: string; schema: string; exportName: string; dryRun: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { schema: { type: 'string' }, export: { type: 'string', default: 'schema' }, 'dry-run': { type: 'boolean', default: false } },
    });
  } catch (error) {
    throw new CliError(2, `${(error as Error).message} (${USAGE})`);
  }
  const [path, ...extra] = parsed.positionals;
  if (path === undefined) throw new CliError(2, `no database path given (${USAGE})`);
  if (extra.length > 0) throw new CliError(2, `expected one database path, got ${parsed.positionals.length} (${USAGE})`);
  if (parsed.values.schema === undefined) throw new CliError(2, `no schema module given: --schema MODULE, the file that exports your schema (${USAGE})`);
  return { path, schema: parsed.values.schema, exportName: parsed.values.export, dryRun: parsed.values['dry-run'] };
}
