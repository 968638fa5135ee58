/**
 * `npm run verify -- PATH [--repair] [--json]`: checks a database's integrity
 * (engine `verifyDatabase`), read-only unless --repair. Exits 0 when it is
 * sound, 1 when problems are found (or remain after repair), 2 when the check
 * cannot run (a usage error, PATH is not a Trellis database or cannot be
 * opened, or anything else stops it), always with one line, never a stack.
 */
import { parseArgs } from 'node:util';
import { isTrellisError, verifyDatabase, type IntegrityReport } from '@trellis/engine';
import { CliError, printLine, runCommand } from './output.js';
import { resolveUserPath } from './user-path.js';
import { formatIntegrityReport } from './verify-report.js';

const USAGE = 'usage: npm run verify -- PATH [--repair] [--json]';

runCommand('verify', async () => {
  const { path, repair, json } = parseVerifyArguments(process.argv.slice(2));
  const absolute = resolveUserPath(path);
  let report: IntegrityReport;
  try {
    report = await verifyDatabase(absolute, { repair });
  } catch (error) {
    // One line: the engine's errors name the path already, anything else is given it.
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
    throw new CliError(2, isTrellisError(error) ? message : `cannot check ${absolute}: ${message}`);
  }
  printLine(json ? JSON.stringify(report, null, 2) : formatIntegrityReport(absolute, report));
  process.exitCode = report.ok ? 0 : 1;
});

function parseVerifyArguments(argv: string[]): { path: string; repair: boolean; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { repair: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  } catch (error) {
    throw new CliError(2, `${(error as Error).message} (${USAGE})`);
  }
  const [path, ...extra] = parsed.positionals;
  if (path === undefined) throw new CliError(2, `no database path given (${USAGE})`);
  if (extra.length > 0) throw new CliError(2, `expected one database path, got ${parsed.positionals.length} (${USAGE})`);
  return { path, repair: parsed.values.repair, json: parsed.values.json };
}
