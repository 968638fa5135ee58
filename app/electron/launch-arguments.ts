/**
 * The database path and flags Electron was started with. Plain Node, so it is
 * tested without Electron.
 */
import type { ReplicaTarget } from '../host/index.js';

export interface LaunchArguments {
  readonly path: string | undefined;
  readonly readOnly: boolean;
  /** `--server URL [--token T]`: the path is a replica of that server (as `npm run serve` takes them). */
  readonly replica?: ReplicaTarget | undefined;
}

/** Flags followed by a value, which is not the path. */
const VALUED = ['--server', '--token'];

/**
 * `argv` is process.argv (or a second instance's command line). In
 * development it is `electron <app folder> [PATH] [--read-only] [--server URL [--token T]]`
 * (`defaultApp`); packaged, `Trellis [PATH] [--read-only] …`. Other switches
 * (Chromium's, macOS's -psn_…) are ignored. The token may come from `env`
 * (TRELLIS_TOKEN: `npm start` hands it over that way).
 */
export function parseLaunchArguments(argv: readonly string[], defaultApp: boolean, env: Readonly<Record<string, string | undefined>> = {}): LaunchArguments {
  const args = argv.slice(defaultApp ? 2 : 1);
  const valueOf = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    if (at >= 0) return args[at + 1];
    return args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
  };
  const server = valueOf('--server');
  const token = valueOf('--token') ?? env.TRELLIS_TOKEN;
  return {
    path: args.find((arg, i) => !arg.startsWith('-') && !VALUED.includes(args[i - 1] ?? '')),
    readOnly: args.includes('--read-only'),
    ...(server === undefined ? {} : { replica: token === undefined ? { server } : { server, token } }),
  };
}
