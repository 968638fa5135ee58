/**
 * The database path and flags Electron was started with. Plain Node, so it is
 * tested without Electron.
 */

export interface LaunchArguments {
  readonly path: string | undefined;
  readonly readOnly: boolean;
}

/**
 * `argv` is process.argv (or a second instance's command line). In
 * development it is `electron <app folder> [PATH] [--read-only]`
 * (`defaultApp`); packaged, `Trellis [PATH] [--read-only]`. Other switches
 * (Chromium's, macOS's -psn_…) are ignored.
 */
export function parseLaunchArguments(argv: readonly string[], defaultApp: boolean): LaunchArguments {
  const args = argv.slice(defaultApp ? 2 : 1);
  return {
    path: args.find((arg) => !arg.startsWith('-')),
    readOnly: args.includes('--read-only'),
  };
}
