/**
 * Opening a database, by either face, with the integrity check wired in. The
 * check (./integrity) sits above the faces, so they do not import it: their
 * `verify()` runs the one they are given here.
 */
import { openEngine, type OpenOptions } from './core/open.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidSchemaError } from './errors.js';
import { verifyEngine } from './integrity/verify.js';
import { OpaqueDatabase } from './opaque/opaque-database.js';
import type { StoredTree } from './schema/catalog.js';
import { openTyped, type Database, type Schema } from './typed/database.js';

/** Opens (or creates) a database with the application's trees: typed handles, one per tree. */
export function open<S extends Schema>(path: string, declared: S, options: OpenOptions = {}): Promise<Database<S>> {
  return openTyped(path, declared, options, verifyEngine);
}

/** Opens an existing Trellis database by path, without the application's code. */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<OpaqueDatabase> {
  return new OpaqueDatabase(await openEngine(path, undefined, options), verifyEngine);
}

/**
 * Creates a database at an empty or new path with these trees, as stored in
 * another database's catalog (an export's header carries them): what `npm run
 * import` does before importing into a new path; refused where a database exists. Keys of custom trees are then
 * given with each record (the application's key function is not stored).
 */
export async function createDatabase(path: string, trees: Readonly<Record<string, StoredTree>>, options: OpenOptions = {}): Promise<OpaqueDatabase> {
  // Never a changed schema in a database that exists: import into it instead, which refuses different trees.
  if (!options.inMemory && existsSync(join(path, 'data.mdb'))) throw new InvalidSchemaError(`${path} holds a database already; create into a new or empty folder, or import into it`);
  return new OpaqueDatabase(await openEngine(path, { trees: Object.values(trees), derivers: new Map() }, options), verifyEngine);
}
