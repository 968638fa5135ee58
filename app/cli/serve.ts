/**
 * `npm run serve -- PATH [--port N] [--read-only] [--no-open]`: serves one
 * database to the browser UI on 127.0.0.1.
 */
import { parseCliArguments } from './arguments.js';
import { CliError, printLine, runCommand } from './output.js';
import { resolveUserPath } from './user-path.js';
import { runWebSession } from './web-session.js';

const USAGE = 'usage: npm run serve -- PATH [--port N] [--read-only] [--no-open]';

const HELP = [
  USAGE,
  '',
  'Serves the Trellis browser UI for one database on 127.0.0.1 and opens it in your browser.',
  '  PATH         the database folder',
  '  --port N     listen on port N (default: any free port, a new one each run)',
  '  --read-only  refuse every write',
  '  --no-open    only print the address (also: TRELLIS_NO_OPEN=1)',
].join('\n');

runCommand('serve', async () => {
  const parsed = parseCliArguments(process.argv.slice(2));
  if (!parsed.ok) throw new CliError(2, `${parsed.error} (${USAGE})`);
  if (parsed.value.help) {
    printLine(HELP);
    return;
  }
  const { path, help: _help, ...flags } = parsed.value;
  if (path === undefined) throw new CliError(2, `no database path given (${USAGE})`);
  await runWebSession({ path: resolveUserPath(path), ...flags });
});
