/**
 * Paths typed by the user. `npm run` runs scripts from the package root, so a
 * relative path is taken from where the user was (npm's INIT_CWD), not from
 * the process's working directory.
 */
import { resolve } from 'node:path';

export const resolveUserPath = (path: string, env: Readonly<Record<string, string | undefined>> = process.env) =>
  resolve(env['INIT_CWD'] ?? process.cwd(), path);
