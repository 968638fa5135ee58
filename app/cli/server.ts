/**
 * `npm run server -- PATH [--port N] [--host H] [--cert FILE --key FILE] [--open] [--check-out T,…] [--last-writer-wins T,…]`:
 * serves an existing database to replicas (the engine's `startServer`) until
 * Ctrl+C or SIGTERM. `npm run server -- PATH token issue USER [--read T,…]
 * [--write T,…] [--admin]`, `… token list` and `… token revoke USER` manage the
 * tokens replicas connect with; only their hashes are stored, so a token is
 * shown once, when issued. Exits 0 when stopped by a signal or when a token
 * command is done, 1 when PATH is not a database or the server cannot start,
 * 2 for a usage error.
 *
 * The engine runs in this process (unlike serve): there is no page to keep
 * showing when a damaged file ends it, and a server that stops is what a
 * process supervisor should see.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isTrellisError, issueServerToken, openDatabase, revokeServerTokens, serverGrants, startServer, type Grant, type TrellisServer } from '@trellis/engine';
import { CliError, printLine, runCommand } from './output.js';
import { resolveUserPath } from './user-path.js';
import { STOP_HINT, closeOnSignals } from './web-session.js';

const USAGE = 'usage: npm run server -- PATH [--port N] [--host H] [--cert FILE --key FILE] [--open] [--check-out T,…] [--last-writer-wins T,…] | PATH token (issue USER [--read T,…] [--write T,…] [--admin] | list | revoke USER)';
const DEFAULT_PORT = 7531;

const HELP = [
  USAGE,
  '',
  'Serves a Trellis database to replicas (openReplica) until Ctrl+C.',
  '  PATH              the database folder (it must exist: a server does not make a schema up)',
  `  --port N          listen on port N (default ${DEFAULT_PORT}; 0: any free port)`,
  '  --host H          listen on address H (default 127.0.0.1, this machine only)',
  '  --cert/--key FILE a PEM certificate and its key: the server speaks wss:// only',
  '  --open            no tokens: anyone who can reach the port may read and write',
  "  --check-out T,…   records of these trees must be checked out before they are changed; kept in the",
  "                    database, so later starts keep it ('' ends it)",
  '  --last-writer-wins T,…  in these trees the edit that reaches the server last wins, with no conflict',
  "                    (elsewhere an edit of a record changed meanwhile is a conflict); kept as --check-out is",
  '',
  'Tokens (a replica gives one to connect):',
  "  token issue USER  a new token for USER; --read/--write take tree names separated by commas, '*' for every tree",
  "                    (default: --read '*' and no writes); --admin may break another user's check-out",
  '  token list        the users and what their tokens may do (never the tokens)',
  '  token revoke USER removes every token of USER',
].join('\n');

type Command =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'serve';
      readonly path: string;
      readonly host: string | undefined;
      readonly port: number;
      readonly tls: { readonly cert: string; readonly key: string } | undefined;
      readonly open: boolean;
      /** Replace the kept lists of check-out and last-writer-wins trees when given. */
      readonly checkOut: readonly string[] | undefined;
      readonly lastWriterWins: readonly string[] | undefined;
    }
  | { readonly kind: 'issue'; readonly path: string; readonly grant: Grant }
  | { readonly kind: 'list'; readonly path: string }
  | { readonly kind: 'revoke'; readonly path: string; readonly user: string };

runCommand('server', async () => {
  const command = parseServerArguments(process.argv.slice(2));
  if (command.kind === 'help') printLine(HELP);
  else if (command.kind === 'serve') await serve(command);
  else if (command.kind === 'issue') await issue(command.path, command.grant);
  else if (command.kind === 'list') await list(command.path);
  else await revoke(command.path, command.user);
});

async function serve(command: Extract<Command, { kind: 'serve' }>): Promise<void> {
  const { path, host, port, open, checkOut, lastWriterWins } = command;
  const tls = command.tls && { cert: readPem(command.tls.cert, 'certificate'), key: readPem(command.tls.key, 'key') };
  if (checkOut || lastWriterWins) await checkTreeNames(path, [...(checkOut ?? []), ...(lastWriterWins ?? [])], false);
  // Read before the server opens the file: one engine per file per process.
  const grants = open ? [] : await atDatabase(path, () => serverGrants(path));
  let server: TrellisServer;
  try {
    server = await startServer(path, { host, port, open, tls, checkOut, lastWriterWins });
  } catch (error) {
    throw startFailure(path, host ?? '127.0.0.1', port, error);
  }
  closeOnSignals(() => server.close(), (error) => warn(`error while closing: ${(error as Error).message}`));
  printLine(`Trellis server for ${path} at ${server.url} (server id ${server.serverId})`);
  if (server.checkOut.length > 0) printLine(`Records of ${server.checkOut.join(', ')} must be checked out before they are changed`);
  if (server.lastWriterWins.length > 0) printLine(`In ${server.lastWriterWins.join(', ')} the last edit to reach the server wins (no conflicts)`);
  printLine(STOP_HINT);
  if (open) warn('--open: no tokens are asked for, so anyone who can reach this port can read and write every tree');
  else if (grants.length === 0) warn(`no token has been issued for ${path}, so no replica can connect yet: issue one with npm run server -- ${path} token issue USER`);
  if (!tls && !isLoopback(host)) warn(`${host} is reachable from other machines and the server has no certificate: tokens and records cross the network unencrypted (give --cert and --key)`);
}

async function issue(path: string, grant: Grant): Promise<void> {
  await checkTreeNames(path, [...grant.read, ...grant.write]);
  const token = await atDatabase(path, () => issueServerToken(path, grant));
  printLine(`Token for ${grant.user} on ${path} (${describeGrant(grant)}):`);
  printLine(token);
  printLine(`It is shown only this once (the database keeps only its hash): copy it now. Revoke ${grant.user}'s tokens with npm run server -- ${path} token revoke ${grant.user}`);
}

async function list(path: string): Promise<void> {
  const grants = await atDatabase(path, () => serverGrants(path));
  if (grants.length === 0) printLine(`${path} has no tokens: issue one with npm run server -- ${path} token issue USER`);
  for (const grant of [...grants].sort((a, b) => a.user.localeCompare(b.user))) printLine(`${grant.user}: ${describeGrant(grant)}`);
}

async function revoke(path: string, user: string): Promise<void> {
  const removed = await atDatabase(path, () => revokeServerTokens(path, user));
  if (removed === 0) printLine(`${user} has no tokens on ${path}: nothing removed`);
  // A running server looks its connections' tokens up again every few seconds (engine/src/sync/sync-server.ts).
  else printLine(`Removed ${removed} token${removed === 1 ? '' : 's'} of ${user} from ${path}. A running server ends the connections made with them within seconds.`);
}

function describeGrant(grant: Grant): string {
  return `read: ${grant.read.join(', ') || 'none'}; write: ${grant.write.join(', ') || 'none'}${grant.admin ? '; admin' : ''}`;
}

/** Names a token would be granted that the database has no tree for: a typo would otherwise grant nothing, silently. */
async function checkTreeNames(path: string, names: readonly string[], everyTree = true): Promise<void> {
  const db = await atDatabase(path, () => openDatabase(path, { readOnly: true }));
  let trees: string[];
  try {
    trees = db.trees().map((info) => info.name);
  } finally {
    await db.close();
  }
  const unknown = [...new Set(names.filter((name) => !(everyTree && name === '*') && !trees.includes(name)))];
  if (unknown.length > 0) {
    throw new CliError(2, `${path} has no tree ${unknown.map((name) => `'${name}'`).join(', ')} (its trees: ${trees.join(', ') || 'none'}${everyTree ? "; '*' means every tree" : ''})`);
  }
}

/**
 * Runs `open` on the database at `path`; the engine's refusal (not a database, no access) as one line naming the path.
 * Opened without a schema, the engine creates nothing: a missing or empty folder is refused as it is (server.test.ts).
 */
async function atDatabase<T>(path: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    throw isTrellisError(error) ? refusal(path, error) : error;
  }
}

/** The engine's errors name the path already ("… is not a Trellis database: …"); others are given it. */
function refusal(path: string, error: Error): CliError {
  return new CliError(1, error.message.includes(path) ? error.message : `cannot open ${path}: ${error.message}`);
}

function startFailure(path: string, host: string, port: number, error: unknown): unknown {
  if (isTrellisError(error)) return refusal(path, error);
  const reasons: Record<string, string> = {
    EADDRINUSE: 'the port is in use (choose another with --port, or 0 for any free one)',
    EACCES: 'permission denied (ports below 1024 need privileges)',
    EADDRNOTAVAIL: 'this machine has no such address',
  };
  const code = (error as NodeJS.ErrnoException).code ?? '';
  // OpenSSL refuses the pair when the server is made, before it listens.
  if (code.startsWith('ERR_OSSL')) return new CliError(1, `the certificate and key cannot be used together: ${(error as Error).message}`);
  return new CliError(1, `cannot listen on ${host}:${port}: ${reasons[code] ?? (error as Error).message}`);
}

function readPem(file: string, what: 'certificate' | 'key'): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(1, `cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
  if (!text.includes('-----BEGIN ')) throw new CliError(1, `${file} is not a PEM ${what} (no -----BEGIN line)`);
  return text;
}

function isLoopback(host: string | undefined): boolean {
  return host === undefined || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function warn(text: string): void {
  process.stderr.write(`trellis server: ${text}\n`);
}

function parseServerArguments(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        open: { type: 'boolean', default: false },
        'check-out': { type: 'string' },
        'last-writer-wins': { type: 'string' },
        read: { type: 'string' },
        write: { type: 'string' },
        admin: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // Node's message ends in advice about '--' that reads wrongly after npm's own '--'.
    throw usage((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [given, verb, action, user, ...extra] = positionals;
  if (given === undefined) throw usage('no database path given');
  const path = resolveUserPath(given);
  const serving = named({ port: values.port, host: values.host, cert: values.cert, key: values.key, open: values.open, 'check-out': values['check-out'], 'last-writer-wins': values['last-writer-wins'] });
  const granting = named({ read: values.read, write: values.write, admin: values.admin });

  if (verb === undefined) {
    if (granting) throw usage(`serving takes no ${granting} (only token issue does)`);
    if ((values.cert === undefined) !== (values.key === undefined)) throw usage('--cert and --key go together: the certificate and its private key, both PEM files');
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw usage(`--port must be a number from 0 to 65535, got '${values.port}'`);
    const tls = values.cert !== undefined && values.key !== undefined ? { cert: resolveUserPath(values.cert), key: resolveUserPath(values.key) } : undefined;
    const checkOut = values['check-out'] === undefined ? undefined : treeList(values['check-out']);
    const lastWriterWins = values['last-writer-wins'] === undefined ? undefined : treeList(values['last-writer-wins']);
    return { kind: 'serve', path, host: values.host, port, tls, open: values.open, checkOut, lastWriterWins };
  }
  if (verb !== 'token') throw usage(`expected one database path, then nothing or 'token', got '${verb}'`);
  if (serving) throw usage(`token commands take no ${serving} (only serving does)`);
  if (action !== 'issue' && action !== 'list' && action !== 'revoke') throw usage(action === undefined ? 'token needs issue, list or revoke' : `token ${action}: expected issue, list or revoke`);
  if (action !== 'issue' && granting) throw usage(`token ${action} takes no ${granting} (only token issue does)`);
  if (action === 'list') {
    if (user !== undefined) throw usage(`unexpected '${[user, ...extra].join(' ')}' after token list`);
    return { kind: 'list', path };
  }
  if (!user) throw usage(`token ${action} needs a user name`);
  if (extra.length > 0) throw usage(`unexpected '${extra.join(' ')}' after token ${action} ${user}`);
  if (action === 'revoke') return { kind: 'revoke', path, user };
  const read = values.read === undefined ? ['*'] : treeList(values.read);
  const write = values.write === undefined ? [] : treeList(values.write);
  if (read.length === 0 && write.length === 0) throw usage('this token could read and write no tree: give --read or --write');
  return { kind: 'issue', path, grant: { user, read, write, admin: values.admin } };
}

/** The flags given among `values` ('--a, --b'), or undefined when none was. */
function named(values: Record<string, string | boolean | undefined>): string | undefined {
  const given = Object.keys(values).filter((name) => values[name] !== undefined && values[name] !== false);
  return given.length === 0 ? undefined : given.map((name) => `--${name}`).join(', ');
}

function treeList(text: string): string[] {
  return [...new Set(text.split(',').map((name) => name.trim()).filter((name) => name !== ''))];
}
function usage(message: string): CliError {
  return new CliError(2, `${message} (${USAGE})`);
}
