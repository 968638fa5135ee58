/**
 * Command-line arguments shared by `start` and `serve`:
 * `[PATH] [--port N] [--read-only] [--no-open] [--server URL [--token T]]`.
 */
import { parseArgs } from 'node:util';
import type { ReplicaTarget } from '../host/index.js';

export interface CliArguments {
  readonly path: string | undefined;
  readonly port: number | undefined;
  readonly readOnly: boolean;
  readonly openBrowser: boolean;
  /** --server URL [--token T]: PATH is a replica of that Trellis server (made from it when PATH holds no database). */
  readonly replica: ReplicaTarget | undefined;
  /** --help / -h: print the usage and stop. */
  readonly help: boolean;
}

export type ParsedArguments = { readonly ok: true; readonly value: CliArguments } | { readonly ok: false; readonly error: string };

/**
 * `env`: where a token may come from instead of --token (TRELLIS_TOKEN), so it does not show in the
 * process list as a command-line argument does.
 */
export function parseCliArguments(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ParsedArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        'read-only': { type: 'boolean', default: false },
        'no-open': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        server: { type: 'string' },
        token: { type: 'string' },
      },
    });
  } catch (error) {
    // Node's message ends in advice about '--' that reads wrongly after npm's own '--'.
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    return { ok: false, error: message };
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) return { ok: false, error: `expected one database path, got ${positionals.length}: ${positionals.join(' ')}` };
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    return { ok: false, error: `--port must be a number from 0 to 65535, got '${values.port}'` };
  }
  const replica = replicaOf(values.server, values.token ?? (values.server === undefined ? undefined : env.TRELLIS_TOKEN));
  if (typeof replica === 'string') return { ok: false, error: replica };
  return {
    ok: true,
    value: { path: positionals[0], port, readOnly: values['read-only'], openBrowser: !values['no-open'], help: values.help, replica },
  };
}

/** The server to replicate, or why the flags cannot name one. */
function replicaOf(server: string | undefined, token: string | undefined): ReplicaTarget | undefined | string {
  if (server === undefined) return token === undefined ? undefined : '--token goes with --server (the token is for that server)';
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return `--server must be a ws:// or wss:// address, got '${server}'`;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return `--server must be a ws:// or wss:// address, got '${server}'`;
  return token === undefined ? { server } : { server, token };
}
