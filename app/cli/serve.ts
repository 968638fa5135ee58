/**
 * `npm run serve -- PATH [--port N] [--read-only] [--no-open]`: serves one
 * database to the browser UI on 127.0.0.1.
 */
import { parseCliArguments } from './arguments.js';
import { CliError, runCommand } from './output.js';
import { resolveUserPath } from './user-path.js';
import { runWebSession } from './web-session.js';

const USAGE = 'usage: npm run serve -- PATH [--port N] [--read-only] [--no-open]';

runCommand('serve', async () => {
  const parsed = parseCliArguments(process.argv.slice(2));
  if (!parsed.ok) throw new CliError(2, `${parsed.error} (${USAGE})`);
  const { path, ...flags } = parsed.value;
  if (path === undefined) throw new CliError(2, `no database path given (${USAGE})`);
  await runWebSession({ path: resolveUserPath(path), ...flags });
});
