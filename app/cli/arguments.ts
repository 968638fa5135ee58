/**
 * Command-line arguments shared by `start` and `serve`:
 * `[PATH] [--port N] [--read-only] [--no-open]`.
 */
import { parseArgs } from 'node:util';

export interface CliArguments {
  readonly path: string | undefined;
  readonly port: number | undefined;
  readonly readOnly: boolean;
  readonly openBrowser: boolean;
  /** --help / -h: print the usage and stop. */
  readonly help: boolean;
}

export type ParsedArguments = { readonly ok: true; readonly value: CliArguments } | { readonly ok: false; readonly error: string };

export function parseCliArguments(argv: readonly string[]): ParsedArguments {
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
  return {
    ok: true,
    value: { path: positionals[0], port, readOnly: values['read-only'], openBrowser: !values['no-open'], help: values.help },
  };
}
