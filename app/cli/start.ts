/**
 * `npm start [-- PATH] [--read-only] [--server URL [--token T]]`: the desktop app on PATH, or on the
 * sample database (created on first run). Where Electron's binary is missing
 * it says so in one line and serves the same UI to the browser instead.
 */
import { spawn } from 'node:child_process';
import { projectRoot } from '../layout.js';
import { parseCliArguments } from './arguments.js';
import { findElectronBinary } from './electron-binary.js';
import { CliError, printLine, runCommand } from './output.js';
import { describeCreatedSample, openOrCreateSample } from '../sample/user-sample.js';
import { resolveUserPath } from './user-path.js';
import { runWebSession } from './web-session.js';
import { browserSkipReason } from './browser.js';

const USAGE = 'usage: npm start [-- PATH] [--read-only] [--server URL [--token T]]';

const HELP = [
  USAGE,
  '',
  'Opens the Trellis desktop app on PATH, or on the sample database (created on first run).',
  "Where Electron's binary is missing, serves the same UI to your browser instead.",
  '  --read-only  refuse every write',
  '  --server URL PATH is a replica of the Trellis server at URL (see npm run serve -- --help)',
  '  --token T    the token the server issued you (or TRELLIS_TOKEN=T in the environment)',
].join('\n');

runCommand('start', async () => {
  const parsed = parseCliArguments(process.argv.slice(2), process.env);
  if (!parsed.ok) throw new CliError(2, `${parsed.error} (${USAGE})`);
  if (parsed.value.help) {
    printLine(HELP);
    return;
  }
  const { path: given, help: _help, ...flags } = parsed.value;
  if (given === undefined && flags.replica) throw new CliError(2, `--server needs the PATH of the replica (${USAGE})`);
  const path = given === undefined ? await samplePath() : resolveUserPath(given);

  const electron = findElectronBinary();
  if (electron.found) {
    // The token goes to Electron in its environment, not its command line (which any user may list).
    const replica = flags.replica ? ['--server', flags.replica.server] : [];
    const token = flags.replica?.token === undefined ? {} : { TRELLIS_TOKEN: flags.replica.token };
    const args = [projectRoot(), path, ...(flags.readOnly ? ['--read-only'] : []), ...replica];
    const child = spawn(electron.path, args, { stdio: 'inherit', env: { ...withoutRunAsNode(process.env), ...token } });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    return;
  }
  // With --no-open / TRELLIS_NO_OPEN=1 (or no display) nothing opens: the address below is the way in.
  const opens = browserSkipReason(flags.openBrowser) === undefined;
  printLine(`${electron.reason}; ${opens ? 'opening Trellis in your browser instead' : 'serving Trellis to a browser instead: open the address below'}.`);
  await runWebSession({ path, ...flags });
});

async function samplePath(): Promise<string> {
  const sample = await openOrCreateSample();
  if (sample.created) printLine(describeCreatedSample(sample.created));
  return sample.path;
}

/** ELECTRON_RUN_AS_NODE (set by some tools) would make Electron run as plain Node and ignore the app. */
function withoutRunAsNode(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy['ELECTRON_RUN_AS_NODE'];
  return copy;
}
