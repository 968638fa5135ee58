/**
 * `npm run verify -- PATH [--repair] [--json]`: checks a database's integrity
 * (engine `verifyDatabase`), read-only unless --repair. Exits 0 when it is
 * sound, 1 when problems are found (or remain after repair), 2 when the check
 * cannot run (a usage error, PATH is not a Trellis database or cannot be
 * opened, or anything else stops it), always with one line, never a stack.
 * The check runs in a child process: a damaged page that makes LMDB abort
 * ends the child, and this one reports the damage (exit 1).
 */
import { parseArgs } from 'node:util';
import { runIntegrityProcess, stoppedSentence } from '../isolation/integrity-check.js';
import { CliError, printLine, runCommand } from './output.js';
import { resolveUserPath } from './user-path.js';
import { formatIntegrityReport } from './verify-report.js';

const USAGE = 'usage: npm run verify -- PATH [--repair] [--json]';

runCommand('verify', async () => {
  const { path, repair, json } = parseVerifyArguments(process.argv.slice(2));
  const absolute = resolveUserPath(path);
  const run = await runIntegrityProcess(absolute, { repair, full: true });
  if (run.kind === 'ended') throw new CliError(1, `${absolute} is damaged. ${stoppedSentence(run.ending)}`);
  if (run.kind === 'timed-out') throw new CliError(2, `cannot check ${absolute}: the check did not finish`);
  const { error, report } = run.verdict;
  if (error !== undefined) {
    // One line: the engine's errors name the path already, anything else is given it.
    const message = error.message.replace(/\s*\n\s*/g, ' ');
    // A damaged page the check could not read past is a finding (1), not a failure to run (2).
    throw new CliError(error.code === 'CORRUPT' ? 1 : 2, error.code !== undefined ? message : `cannot check ${absolute}: ${message}`);
  }
  if (report === undefined) throw new CliError(2, `cannot check ${absolute}: the check sent no report`);
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
