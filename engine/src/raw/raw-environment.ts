/**
 * Any LMDB environment, read-only: its named databases (and the unnamed main
 * one, where it holds data of its own) as bytes, paged in key order.
 *
 * Read-only for real: LMDB opens data.mdb with O_RDONLY (MDB_RDONLY), so no
 * byte of it can change through this reader. LMDB still takes a slot in its
 * table of readers in lock.mdb (and creates lock.mdb where it is missing and the
 * folder is writable); lmdb-js offers no MDB_NOLOCK, and without that table a
 * writer in another process could reuse pages this reader is still reading.
 * The same checks as the engine's run first (kind of file, access, the data
 * file's header), so what LMDB could not open is refused untouched.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { Unpackr } from 'msgpackr';
import { NotADatabaseError, AccessDeniedError } from '../errors.js';
import { holdOpenHere, lmdbOpenInThisProcess } from '../storage/lmdb-backend.js';
import { lmdbDataFileProblem } from '../storage/lmdb-data-file.js';
import { explainAccessError, lmdbAccessProblem, lmdbFileKindProblem } from '../storage/lmdb-files.js';
import { storeSlots } from '../core/store-budget.js';
import { META_STORE } from '../core/meta.js';
import { guessDecoder, msgpackReader, SHARED_STRUCTURES_KEY, type RawDecoder } from './raw-decoders.js';
import { rawCell, type CellOptions, type RawCell } from './raw-cell.js';

/** The unnamed main database, where a program keeps data in the root rather than in named databases. */
export const MAIN_DATABASE = '';

export interface RawDatabaseSummary {
  /** The database's name; MAIN_DATABASE ('') for the unnamed main database. */
  readonly name: string;
  /** Entries, from LMDB's own count (constant time). */
  readonly count: number;
  /** The decoders that read the first entries best. */
  readonly keyDecoder: RawDecoder;
  readonly valueDecoder: RawDecoder;
}

export interface RawPageQuery {
  readonly limit: number;
  /** Continue after this key (keyset paging). */
  readonly after?: Uint8Array;
  /** Skip this many entries first (a jump); LMDB steps over keys natively. */
  readonly offset?: number;
}

export interface RawEntry {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

interface OpenedDatabase {
  readonly db: Database<Buffer, Buffer>;
  readonly msgpack: Unpackr;
  guess?: { keyDecoder: RawDecoder; valueDecoder: RawDecoder };
  /** The key at every CHECKPOINT_STRIDE-th position, and the transaction id they were found at. */
  checkpoints?: { txn: number; keys: Buffer[] };
}

/** Keys between two checkpoints: a jump steps over at most this many. */
const CHECKPOINT_STRIDE = 4096;

/** The size of LMDB's record of a named database (MDB_db on a 64-bit build), its value in the root. */
const MDB_DB_RECORD_BYTES = 48;
/** Entries a guess looks at. */
const GUESS_SAMPLES = 50;
const BYTES = { keyEncoding: 'binary', encoding: 'binary' } as const;

/** Opens `path` read-only; NOT_A_DATABASE for what is not an LMDB environment, or is a Trellis database (open that with `openDatabase`). */
export async function openRawEnvironment(path: string): Promise<RawEnvironment> {
  const folder = resolve(path);
  if (!existsSync(folder)) throw new NotADatabaseError(folder, 'there is nothing at this path');
  if (!statSync(folder).isDirectory()) throw new NotADatabaseError(folder, 'it is a file; an LMDB environment is a folder');
  const dataFile = join(folder, 'data.mdb');
  const kind = lmdbFileKindProblem(folder);
  if (kind) throw kind.kind === 'access-denied' ? new AccessDeniedError(folder, kind.reason) : new NotADatabaseError(folder, kind.reason);
  if (!existsSync(dataFile)) throw new NotADatabaseError(folder, 'the folder holds no data.mdb');
  const access = lmdbAccessProblem(folder, true, lmdbOpenInThisProcess(folder));
  if (access) throw access.kind === 'access-denied' ? new AccessDeniedError(folder, access.reason) : new NotADatabaseError(folder, access.reason);
  const header = lmdbDataFileProblem(dataFile);
  if (header) throw new NotADatabaseError(folder, header);
  let root: RootDatabase<Buffer, Buffer>;
  try {
    // The same room for databases as the engine's opens: lmdb-js hands an open environment to every later open of it in the process.
    root = open<Buffer, Buffer>({ path: folder, noSubdir: false, readOnly: true, maxDbs: storeSlots(0, 0), ...BYTES });
  } catch (error) {
    const denied = explainAccessError(error);
    throw denied ? new AccessDeniedError(folder, denied) : new NotADatabaseError(folder, `LMDB cannot open it (${(error as Error).message})`);
  }
  const environment = new RawEnvironment(folder, root, holdOpenHere(folder));
  try {
    environment.refuseTrellis();
    return environment;
  } catch (error) {
    await environment.close();
    throw error;
  }
}

export class RawEnvironment {
  readonly readOnly = true;
  private readonly opened = new Map<string, OpenedDatabase>();
  private closed = false;

  constructor(
    readonly path: string,
    private readonly root: RootDatabase<Buffer, Buffer>,
    private readonly release: () => void,
  ) {}

  /** The named databases in name order, then the main database when it holds entries that are not database names. */
  databases(): RawDatabaseSummary[] {
    this.refresh();
    const named: RawDatabaseSummary[] = [];
    let plainInRoot = 0;
    // A named database's entry in the root holds its MDB_db record (48 bytes); only those are tried as names.
    // Gathered first: opening a database read-only renews the read transaction under a running cursor.
    const candidates: Buffer[] = [];
    for (const { key, value } of this.root.getRange({})) {
      if (value.length === MDB_DB_RECORD_BYTES) candidates.push(Buffer.from(key));
      else plainInRoot++;
    }
    for (const key of candidates) {
      const name = databaseName(key);
      if (name !== undefined && this.database(name)) named.push(this.summary(name));
      else plainInRoot++;
    }
    return plainInRoot > 0 ? [...named, this.summary(MAIN_DATABASE)] : named;
  }

  count(name: string): number {
    this.refresh();
    return entryCount(this.require(name).db);
  }

  /** One page in key order: `limit + 1` entries are read, so `hasMore` is exact. */
  page(name: string, query: RawPageQuery): { entries: RawEntry[]; hasMore: boolean } {
    const txn = this.refresh();
    const opened = this.require(name);
    const { db } = opened;
    const offset = query.offset ?? 0;
    // lmdb-js takes offset as a 32-bit count: at or past the end there is nothing to skip to.
    if (offset >= entryCount(db)) return { entries: [], hasMore: false };
    const after = query.after ? Buffer.from(query.after) : undefined;
    // A jump starts from the nearest checkpoint at or before it: at most one stride of keys stepped over.
    const jump = after ? { start: after, skip: offset } : this.jumpStart(opened, offset, txn);
    const entries: RawEntry[] = [];
    for (const { key, value } of db.getRange({ ...(jump.start ? { start: jump.start } : {}), ...(jump.skip > 0 ? { offset: jump.skip } : {}), limit: query.limit + 2 })) {
      if (after && key.equals(after)) continue;
      // Copies: lmdb-js may hand out views of memory it reuses.
      entries.push({ key: Buffer.from(key), value: Buffer.from(value) });
      if (entries.length > query.limit) break;
    }
    return { entries: entries.slice(0, query.limit), hasMore: entries.length > query.limit };
  }

  get(name: string, key: Uint8Array): RawEntry | undefined {
    this.refresh();
    const value = this.require(name).db.getBinary(Buffer.from(key));
    return value === undefined ? undefined : { key: Buffer.from(key), value: Buffer.from(value) };
  }

  /** A key or value as text, decoded as asked (msgpack with the database's shared structures, if it keeps any). */
  cell(name: string, bytes: Uint8Array, decoder: RawDecoder, options: CellOptions): RawCell {
    return rawCell(bytes, decoder, this.require(name).msgpack, options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.opened.clear();
    try {
      await this.root.close();
    } finally {
      this.release();
    }
  }

  /** A Trellis database is the engine's to open: its catalog sits in `__meta`. */
  refuseTrellis(): void {
    if (this.database(META_STORE)) throw new NotADatabaseError(this.path, 'it is a Trellis database (it has a catalog store); open it as one');
  }

  /** One database's summary: its count now, and the decoders guessed from its first entries (once; an empty database's default until it has some). */
  summary(name: string): RawDatabaseSummary {
    const opened = this.require(name);
    if (!opened.guess) {
      const samples = [...opened.db.getRange({ limit: GUESS_SAMPLES })].map(({ key, value }) => ({ key: Buffer.from(key), value: Buffer.from(value) }));
      const guess = { keyDecoder: guessDecoder(samples.map((s) => s.key), 'key', opened.msgpack), valueDecoder: guessDecoder(samples.map((s) => s.value), 'value', opened.msgpack) };
      if (samples.length > 0) opened.guess = guess;
      return { name, count: entryCount(opened.db), ...guess };
    }
    return { name, count: entryCount(opened.db), ...opened.guess };
  }

  private require(name: string): OpenedDatabase {
    if (this.closed) throw new NotADatabaseError(this.path, 'the environment is closed');
    const found = this.database(name);
    if (!found) throw new NotADatabaseError(this.path, `it has no database named ${JSON.stringify(name)}`);
    return found;
  }

  /** Opens a database once; undefined when there is none of that name (read-only, none is created). */
  private database(name: string): OpenedDatabase | undefined {
    const held = this.opened.get(name);
    if (held) return held;
    let db: Database<Buffer, Buffer> | undefined;
    if (name === MAIN_DATABASE) db = this.root;
    else {
      try {
        db = this.root.openDB<Buffer, Buffer>(name, BYTES) as Database<Buffer, Buffer> | undefined;
      } catch {
        db = undefined; // a plain entry of the main database, not a database (MDB_INCOMPATIBLE)
      }
    }
    if (!db) return undefined;
    const structures = db.getBinary(Buffer.from(SHARED_STRUCTURES_KEY));
    const opened: OpenedDatabase = { db, msgpack: msgpackReader(structures ? msgpackReader().unpack(structures) : undefined) };
    this.opened.set(name, opened);
    return opened;
  }

  /**
   * Reads see what other processes committed since the last call. Answers the environment's
   * last transaction id as it was just before: checkpoints tagged with it are from a snapshot
   * at least that new, so an id that moved on means they may be stale.
   */
  private refresh(): number {
    if (this.closed) throw new NotADatabaseError(this.path, 'the environment is closed');
    const txn = (this.root.getStats() as { lastTxnId: number }).lastTxnId;
    this.root.resetReadTxn();
    return txn;
  }

  /**
   * Where a jump to `offset` starts: every CHECKPOINT_STRIDE-th key of the database, found
   * once with LMDB's native skips (no values read), kept while no transaction commits in
   * the environment. LMDB's pages keep no counts, so without them a jump near the end of a
   * million entries steps over every key before it (40–70 ms here; ~0.3 ms from a checkpoint).
   */
  private jumpStart(opened: OpenedDatabase, offset: number, txn: number): { start?: Buffer; skip: number } {
    if (offset < CHECKPOINT_STRIDE) return { skip: offset };
    if (opened.checkpoints?.txn !== txn) opened.checkpoints = { txn, keys: checkpointKeys(opened.db) };
    const keys = opened.checkpoints.keys;
    const at = Math.min(Math.floor(offset / CHECKPOINT_STRIDE), keys.length - 1);
    const start = keys[at];
    return start ? { start, skip: offset - at * CHECKPOINT_STRIDE } : { skip: offset };
  }
}

/** A root key names a database when it is UTF-8 text (lmdb-js ends names with a 0 byte). */
function databaseName(key: Buffer): string | undefined {
  const bytes = key.at(-1) === 0 ? key.subarray(0, -1) : key;
  if (bytes.length === 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** LMDB's own count of a database's entries (constant time); lmdb-js types its stats loosely. */
function entryCount(db: Database<Buffer, Buffer>): number {
  return (db.getStats() as { entryCount: number }).entryCount;
}

/** The keys at positions 0, STRIDE, 2·STRIDE, …: each found from the one before by a native skip. */
function checkpointKeys(db: Database<Buffer, Buffer>): Buffer[] {
  const keys: Buffer[] = [];
  let previous: Buffer | undefined;
  for (;;) {
    let next: Buffer | undefined;
    for (const key of db.getKeys(previous ? { start: previous, offset: CHECKPOINT_STRIDE, limit: 1 } : { limit: 1 })) next = Buffer.from(key);
    if (!next) return keys;
    keys.push(next);
    previous = next;
  }
}
