/**
 * What must hold of a database folder's two LMDB files (data.mdb, lock.mdb)
 * before LMDB is handed the folder, checked with lstat, stat and access, which
 * open nothing. Two reasons not to let LMDB find out itself:
 * - Opening a named pipe blocks until a writer comes, so a data.mdb that is a
 *   FIFO froze the whole process (and the web host with it).
 * - lmdb-js 3.5 cannot fail an open safely: when mdb_env_open fails after the
 *   lock file was reached (an immutable lock.mdb or folder, a lock.mdb that is
 *   a FIFO or a folder), its error path frees the environment's bookkeeping
 *   twice (src/env.cpp, `delete extended_env` then `closeEnv`), and the process
 *   dies with SIGSEGV.
 * Nothing is created or changed here, so a refused folder is left as it was.
 * The files can change between this check and LMDB's open; this stops the
 * mistakes and accidents, not a race against someone swapping files.
 */
import { accessSync, constants, existsSync, lstatSync, statSync, type Stats } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { dirname, join } from 'node:path';

export interface LmdbFilesProblem {
  readonly kind: 'not-a-database' | 'access-denied';
  readonly reason: string;
}

const FILES = ['data.mdb', 'lock.mdb'] as const;

/**
 * data.mdb and lock.mdb, where present, must be regular files (or links to
 * one): LMDB opens both, and would block on a named pipe or fail on anything else.
 */
export function lmdbFileKindProblem(folder: string): LmdbFilesProblem | undefined {
  for (const name of FILES) {
    const file = join(folder, name);
    let entry: Stats;
    try {
      entry = lstatSync(file);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') continue;
      return accessDenied(`${file} cannot be looked at`, error);
    }
    let target = entry;
    if (entry.isSymbolicLink()) {
      try {
        target = statSync(file);
      } catch (error) {
        if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ELOOP') return { kind: 'not-a-database', reason: `its ${name} is a link to nothing` };
        return accessDenied(`${file} cannot be followed`, error);
      }
    }
    if (!target.isFile()) {
      return { kind: 'not-a-database', reason: `its ${name} is ${entry.isSymbolicLink() ? 'a link to ' : ''}${describeKind(target)}, not a file` };
    }
  }
  return undefined;
}

/**
 * Whether LMDB may open the folder's files as asked, or create them: data.mdb
 * for reading (and writing unless `readOnly`), lock.mdb for writing, or the
 * folder for creating lock.mdb (and data.mdb, for a new database), or the
 * nearest existing folder above for creating the folder itself. LMDB writes its
 * readers' table into lock.mdb even to read; only where that is refused for
 * want of permission or by a read-only file system does a read-only open go on
 * without it (LMDB's own rule: mdb.c, mdb_env_setup_locks), not for an
 * immutable file (EPERM), which LMDB treats as a failure.
 */
export function lmdbAccessProblem(folder: string, readOnly: boolean): LmdbFilesProblem | undefined {
  if (!existsSync(folder)) {
    let above = dirname(folder);
    while (!existsSync(above) && dirname(above) !== above) above = dirname(above);
    return check(above, constants.W_OK | constants.X_OK, `${folder} cannot be created in ${above}`);
  }
  const data = join(folder, 'data.mdb');
  if (existsSync(data)) {
    const denied = check(data, constants.R_OK | (readOnly ? 0 : constants.W_OK), `${data} cannot be opened for ${readOnly ? 'reading' : 'writing'}`);
    if (denied) return denied;
  }
  const lock = join(folder, 'lock.mdb');
  const [target, mode, what] = existsSync(lock)
    ? [lock, constants.R_OK | constants.W_OK, `${lock} cannot be opened for writing`]
    : [folder, constants.W_OK | constants.X_OK, `${lock} cannot be created`];
  const readers = readOnly ? ' (LMDB keeps its table of readers there, even to read)' : '';
  try {
    accessSync(target, mode);
    return undefined;
  } catch (error) {
    if (readOnly && (codeOf(error) === 'EACCES' || codeOf(error) === 'EROFS')) return undefined;
    return accessDenied(`${what}${readers}`, error);
  }
}

function check(path: string, mode: number, what: string): LmdbFilesProblem | undefined {
  try {
    accessSync(path, mode);
    return undefined;
  } catch (error) {
    return accessDenied(what, error);
  }
}

function accessDenied(what: string, error: unknown): LmdbFilesProblem {
  return { kind: 'access-denied', reason: `${what}: ${explainAccessError(error) ?? (error as Error).message}` };
}

const EXPLAINED: ReadonlyMap<string, string> = new Map([
  ['EACCES', "permission denied (the file's or folder's mode does not allow it for this user)"],
  ['EPERM', 'operation not permitted (the file or folder is marked immutable or append-only, e.g. with chattr +i, or a security policy forbids it)'],
  ['EROFS', 'the file system is mounted read-only'],
]);

/**
 * Words for a failure for want of permission (EACCES, EPERM, EROFS), from Node's
 * fs (a string code) or from LMDB (the errno as a number); undefined for any other failure.
 */
export function explainAccessError(error: unknown): string | undefined {
  const code = codeOf(error);
  const name = typeof code === 'number' ? [...EXPLAINED.keys()].find((known) => osConstants.errno[known as keyof typeof osConstants.errno] === code) : code;
  return typeof name === 'string' ? EXPLAINED.get(name) : undefined;
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function describeKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'something other than a file';
}
