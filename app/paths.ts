/**
 * Where Trellis keeps its own files. The folder is the one Electron's
 * `app.getPath('userData')` gives for an app named "Trellis", so the desktop
 * app and the plain-Node commands (start, serve) share the sample database and
 * the recent list. `TRELLIS_DATA_DIR` overrides it (tests, portable installs).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Trellis';

export interface PlatformEnv {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

const here = (): PlatformEnv => ({ platform: process.platform, env: process.env, home: homedir() });

/** The user data folder (not created here). */
export function dataDir(from: PlatformEnv = here()): string {
  const override = from.env['TRELLIS_DATA_DIR'];
  if (override) return override;
  switch (from.platform) {
    case 'darwin':
      return join(from.home, 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return join(from.env['APPDATA'] ?? join(from.home, 'AppData', 'Roaming'), APP_NAME);
    default:
      return join(from.env['XDG_CONFIG_HOME'] || join(from.home, '.config'), APP_NAME);
  }
}

/** The sample database: a folder, and no '.' in its name (lmdb takes such a path for a file name). */
export const sampleDatabasePath = (dir = dataDir()) => join(dir, 'sample-db');
export const recentListPath = (dir = dataDir()) => join(dir, 'recent.json');
export const windowStatePath = (dir = dataDir()) => join(dir, 'window-state.json');
