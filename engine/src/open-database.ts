/**
 * Opening a database, by either face, with the integrity check wired in. The
 * check (./integrity) sits above the faces, so they do not import it: their
 * `verify()` runs the one they are given here.
 */
import { openEngine, type OpenOptions } from './core/open.js';
import { verifyEngine } from './integrity/verify.js';
import { OpaqueDatabase } from './opaque/opaque-database.js';
import { openTyped, type Database, type Schema } from './typed/database.js';

/** Opens (or creates) a database with the application's trees: typed handles, one per tree. */
export function open<S extends Schema>(path: string, declared: S, options: OpenOptions = {}): Promise<Database<S>> {
  return openTyped(path, declared, options, verifyEngine);
}

/** Opens an existing Trellis database by path, without the application's code. */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<OpaqueDatabase> {
  return new OpaqueDatabase(await openEngine(path, undefined, options), verifyEngine);
}
