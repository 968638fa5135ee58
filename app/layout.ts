/**
 * Where the built pieces are, found from this file's own location so it works
 * from source (app/layout.ts under vitest/tsx), from app/dist, and inside a
 * packaged app.asar alike.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project (or packaged app) root: the folder that holds app/, renderer/ and package.json. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (basename(dir) !== 'app') {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the app folder above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dirname(dir);
}

/** The built renderer that both the web host and Electron serve. */
export const rendererDistDir = () => join(projectRoot(), 'renderer', 'dist');
