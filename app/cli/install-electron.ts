/**
 * postinstall: fetch Electron's binary where GitHub is reachable. Electron's
 * own install script is denied in package.json's allowScripts because it
 * fails the whole `npm install` where the download is impossible; here a
 * failure is one line, and `npm start` falls back to the web host.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../layout.js';

const script = join(projectRoot(), 'node_modules', 'electron', 'install.js');
if (existsSync(script)) {
  const result = spawnSync(process.execPath, [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60_000 });
  if (result.status !== 0) {
    const reason = (result.stderr || result.stdout || String(result.error ?? '')).match(/(?:Error|error)[^\n]*/)?.[0] ?? `exit ${result.status}`;
    process.stdout.write(`trellis: Electron's binary could not be downloaded (${reason.trim()}); npm start will open Trellis in your browser instead.\n`);
  }
}
