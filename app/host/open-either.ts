/**
 * What `database.open` opens: a Trellis database, or else, when the path is an
 * LMDB environment without a Trellis catalog, that environment read-only
 * through the engine's raw reader. Anything else keeps the engine's refusal
 * (NOT_A_DATABASE for an empty folder, a file, a data.mdb LMDB does not know).
 * The host's replica path opens as a replica of its server instead (`openReplicaAt`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AccessDeniedError, NotADatabaseError, OfflineError, openDatabase, openRawEnvironment, openReplicaDatabase, type OpaqueDatabase, type OpaqueReplica, type RawEnvironment } from '@trellis/engine';

/** A Trellis server to keep a database in sync with (`serve PATH --server URL [--token T]`). */
export interface ReplicaTarget {
  /** ws:// or wss:// */
  readonly server: string;
  readonly token?: string | undefined;
}

/** `replica`: the database is a replica (its `db` is the replica's), closed with it. */
export type Opened =
  | { readonly kind: 'trellis'; readonly db: OpaqueDatabase; readonly replica?: { readonly target: ReplicaTarget; readonly opened: OpaqueReplica } }
  | { readonly kind: 'raw'; readonly env: RawEnvironment };

export async function openEither(path: string, readOnly: boolean): Promise<Opened> {
  try {
    return { kind: 'trellis', db: await openDatabase(path, { readOnly }) };
  } catch (refusal) {
    // ACCESS_DENIED too: a data.mdb this user may only read refuses a writable open, and the raw reader only reads.
    if (!(refusal instanceof NotADatabaseError || (refusal instanceof AccessDeniedError && !readOnly))) throw refusal;
    let env: RawEnvironment;
    try {
      env = await openRawEnvironment(path);
    } catch {
      throw refusal; // not an LMDB environment either: the engine's own words say why
    }
    return { kind: 'raw', env };
  }
}

/**
 * A replica at `path`, its sync started; made from the server's trees when `path` holds no database
 * (the server must be reachable then; an existing replica opens offline too). Never opened read-only:
 * the server's changes are written to it; a read-only session refuses the user's writes instead.
 */
export async function openReplicaAt(path: string, target: ReplicaTarget): Promise<Opened> {
  const made = !existsSync(join(path, 'data.mdb'));
  try {
    const opened = await openReplicaDatabase(path, { server: target.server, token: target.token });
    return { kind: 'trellis', db: opened.db, replica: { target, opened } };
  } catch (error) {
    // The engine says the server cannot be reached; the user asked for a replica here.
    if (made && error instanceof OfflineError) throw new OfflineError(`cannot make a replica at ${path}: ${error.message}`);
    throw error;
  }
}

/** Closes what was opened: a replica stops syncing first (what waits to be sent stays for next time). */
export function closeOpened(opened: Opened): Promise<void> {
  if (opened.kind === 'raw') return opened.env.close();
  return opened.replica ? opened.replica.opened.close() : opened.db.close();
}

export function pathOf(opened: Opened): string {
  return opened.kind === 'trellis' ? opened.db.path : opened.env.path;
}
