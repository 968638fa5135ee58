/**
 * `npm run serve -- PATH [--port N] [--read-only] [--no-open] [--server URL [--token T]]`:
 * serves one database to the browser UI on 127.0.0.1 — with --server, a
 * replica of a Trellis server, kept in sync with it while it is served.
 */
import { parseCliArguments } from './arguments.js';
import { CliError, printLine, runCommand } from './output.js';
import { resolveUserPath } from './user-path.js';
import { runWebSession } from './web-session.js';

const USAGE = 'usage: npm run serve -- PATH [--port N] [--read-only] [--no-open] [--server URL [--token T]]';

const HELP = [
  USAGE,
  '',
  'Serves the Trellis browser UI for one database on 127.0.0.1 and opens it in your browser.',
  '  PATH         the database folder',
  '  --port N     listen on port N (default: any free port, a new one each run)',
  '  --read-only  refuse every write',
  '  --no-open    only print the address (also: TRELLIS_NO_OPEN=1)',
  '  --server URL PATH is a replica of the Trellis server at URL (ws:// or wss://): edits are sent',
  '               to it, others\' edits arrive live; made from the server when PATH holds no database',
  '  --token T    the token the server issued you (not needed for a server started open);',
  '               TRELLIS_TOKEN=T in the environment keeps it out of the process list',
].join('\n');

runCommand('serve', async () => {
  const parsed = parseCliArguments(process.argv.slice(2), process.env);
  if (!parsed.ok) throw new CliError(2, `${parsed.error} (${USAGE})`);
  if (parsed.value.help) {
    printLine(HELP);
    return;
  }
  const { path, help: _help, ...flags } = parsed.value;
  if (path === undefined) throw new CliError(2, `no database path given (${USAGE})`);
  await runWebSession({ path: resolveUserPath(path), ...flags });
});
