/**
 * What must hold of a database folder's two LMDB files (data.mdb, lock.mdb)
 * before LMDB is handed the folder. Two reasons not to let LMDB find out itself:
 * - Opening a named pipe blocks until a writer comes, so a data.mdb that is a
 *   FIFO froze the whole process (and the web host with it). So the kind of
 *   each file is looked at (lstat, stat) before anything is opened.
 * - lmdb-js 3.5.6 cannot fail an open safely: when mdb_env_open fails, its
 *   openEnv deletes the environment's ExtendedEnv and then calls closeEnv,
 *   which uses it again (src/env.cpp; gdb: SIGSEGV in ~ExtendedEnv under
 *   closeEnv under openEnv). Whether the process dies depends on the heap: an
 *   immutable or append-only lock.mdb, an immutable folder without lock.mdb,
 *   a lock.mdb that is a FIFO or a folder all ended it with SIGSEGV here.
 * Nothing is created or changed, so a refused folder is left as it was. The
 * files can change between these checks and LMDB's open; they stop mistakes
 * and accidents, not someone racing the engine.
 */
import { accessSync, closeSync, constants, existsSync, lstatSync, openSync, statSync, type Stats } from 'node:fs';
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
 * nearest existing folder above for creating the folder itself.
 *
 * `access` answers for modes, immutable files and read-only file systems, but
 * not for an append-only file (chattr +a), which only a real open refuses; so
 * an existing file is also opened as LMDB will (without waiting, and closed at
 * once), except a lock.mdb this process has an environment on (`lockInUse`):
 * closing a descriptor of it would drop LMDB's lock on it (lmdbOpenInThisProcess).
 *
 * LMDB writes its table of readers into lock.mdb even to read; only where that
 * is refused for want of permission or by a read-only file system does a
 * read-only open go on without it (LMDB's own rule: mdb.c, mdb_env_setup_locks),
 * not for an immutable or append-only file (EPERM), which LMDB treats as a failure.
 */
export function lmdbAccessProblem(folder: string, readOnly: boolean, lockInUse: boolean): LmdbFilesProblem | undefined {
  if (!existsSync(folder)) {
    let above = dirname(folder);
    while (!existsSync(above) && dirname(above) !== above) above = dirname(above);
    return usable(above, constants.W_OK | constants.X_OK, undefined, `${folder} cannot be created in ${above}`)?.problem;
  }
  const data = join(folder, 'data.mdb');
  if (existsSync(data)) {
    const [mode, flags] = readOnly ? [constants.R_OK, constants.O_RDONLY] : [constants.R_OK | constants.W_OK, constants.O_RDWR];
    const denied = usable(data, mode, flags, `${data} cannot be opened for ${readOnly ? 'reading' : 'writing'}`);
    if (denied) return denied.problem;
  }
  const lock = join(folder, 'lock.mdb');
  const readers = readOnly ? ' (LMDB keeps its table of readers there, even to read)' : '';
  const denied = existsSync(lock)
    ? usable(lock, constants.R_OK | constants.W_OK, lockInUse ? undefined : constants.O_RDWR, `${lock} cannot be opened for writing${readers}`)
    : usable(folder, constants.W_OK | constants.X_OK, undefined, `${lock} cannot be created${readers}`);
  if (readOnly && (denied?.code === 'EACCES' || denied?.code === 'EROFS')) return undefined;
  return denied?.problem;
}

/** Undefined if `path` passes `access(mode)` and, given `flags`, opens with them; else why not, and the error's code. */
function usable(path: string, mode: number, flags: number | undefined, what: string): { problem: LmdbFilesProblem; code: unknown } | undefined {
  try {
    accessSync(path, mode);
    if (flags !== undefined) closeSync(openSync(path, flags | constants.O_NONBLOCK | constants.O_NOCTTY));
    return undefined;
  } catch (error) {
    return { problem: accessDenied(what, error), code: codeOf(error) };
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
