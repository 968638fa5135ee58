/**
 * Finds Electron's binary without `require('electron')`: that call, when the
 * binary is missing, tries to download it again (printing to stdout, and
 * failing slowly where GitHub is unreachable). This reads the same files it
 * would: node_modules/electron/path.txt and dist/<that path>.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

export function findElectronBinary(env: Readonly<Record<string, string | undefined>> = process.env): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'Electron is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) return { found: true, path: join(override, relative || 'electron') };
  const binary = relative && join(packageDir, 'dist', relative);
  if (!binary || !existsSync(binary)) return { found: false, reason: "Electron's binary is not installed (its download failed at install time)" };
  return { found: true, path: binary };
}
