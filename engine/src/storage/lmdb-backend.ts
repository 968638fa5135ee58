/**
 * The LMDB backend: one environment, one named sub-database per store, values
 * with shared structures, record revisions as LMDB entry versions.
 */
import { statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RangeOptions, type RootDatabase } from 'lmdb';
import { AccessDeniedError, InvalidSchemaError, NotADatabaseError, type TrellisError } from '../errors.js';
import { explainAccessError } from './lmdb-files.js';
import { EMPTY_STORE, withCursor, type Backend, type RangeQuery, type Store, type StoreOptions, type StoredEntry, type StoredKey } from './backend.js';
import { keyEncoder } from './key-encoding.js';

/** Room for stores when the caller names none (the engine does: core/store-budget.ts). */
const DEFAULT_STORE_SLOTS = 1000;

/** lmdb-js's error code for a full sub-database table. */
const MDB_DBS_FULL = -30791;

export interface LmdbBackendOptions {
  readonly readOnly?: boolean;
  /** Upper bound of the memory map; LMDB grows the file up to it. */
  readonly mapSize?: number;
  /**
   * Room for this many stores (LMDB's maxDbs): fixed while the environment is open, and
   * shared by every handle on it in this process (lmdb-js reuses an open environment).
   */
  readonly storeSlots?: number;
}

/** Keys in every store use ./key-encoding.ts (lmdb-js reads `keyEncoder` per sub-database; its types list it for the root only). */
const KEY_ENCODING = { keyEncoder };

/**
 * Environments open in this process through this module, by their folder's device and inode,
 * with how many handles. A POSIX record lock belongs to the process and goes with the first
 * close of any descriptor of its file, so nothing may open and close a lock.mdb this process
 * has an environment on (LMDB's shared lock on it would go, and another process could take
 * the lock file over): see storage/lmdb-files.ts.
 */
const openHere = new Map<string, number>();

function folderId(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

/** Whether this process has the LMDB environment in `path` open (through the engine). */
export function lmdbOpenInThisProcess(path: string): boolean {
  const id = folderId(path);
  return id !== undefined && (openHere.get(id) ?? 0) > 0;
}

export function openLmdbBackend(path: string, options: LmdbBackendOptions = {}): Backend {
  const maxDbs = options.storeSlots ?? DEFAULT_STORE_SLOTS;
  let root: RootDatabase;
  try {
    root = open({
      path,
      // A path with a dot would otherwise be taken as a file name, not a folder.
      noSubdir: false,
      maxDbs,
      readOnly: options.readOnly ?? false,
      ...(options.mapSize === undefined ? {} : { mapSize: options.mapSize }),
    });
  } catch (error) {
    throw openError(path, error);
  }
  return new LmdbBackend(path, root, options.readOnly ?? false, holdOpenHere(path));
}

/**
 * Counts an environment this process opened on `path` (see `openHere`); the function
 * returned releases it, once. The raw reader (../raw) holds its environments the same way.
 */
export function holdOpenHere(path: string): () => void {
  const id = folderId(path);
  if (id !== undefined) openHere.set(id, (openHere.get(id) ?? 0) + 1);
  let released = id === undefined;
  return () => {
    if (released || id === undefined) return;
    released = true;
    const left = (openHere.get(id) ?? 1) - 1;
    if (left > 0) openHere.set(id, left);
    else openHere.delete(id);
  };
}

/** A failed open as a TrellisError: ACCESS_DENIED for want of permission, NOT_A_DATABASE otherwise. */
function openError(path: string, error: unknown): TrellisError {
  const message = (error as Error).message;
  const denied = explainAccessError(error);
  return denied ? new AccessDeniedError(path, `${denied} (${message})`) : new NotADatabaseError(path, `LMDB cannot open it (${message})`);
}

class LmdbBackend implements Backend {
  private readonly stores = new Map<string, Store>();
  /** Stores first opened inside the running transaction (see `transaction`). */
  private openedInTransaction: string[] | undefined;

  constructor(
    readonly location: string,
    private readonly root: RootDatabase,
    readonly readOnly: boolean,
    private readonly onClosed: () => void,
  ) {}

  store(name: string, options: StoreOptions): Store {
    let store = this.stores.get(name);
    if (!store) {
      const db = this.openStore(name, options);
      // Read-only, a sub-database nobody has written yet cannot be opened: it reads as empty
      // until `refresh` (another process may create it meanwhile).
      store = db ? new LmdbStore(db, options.kind === 'records') : EMPTY_STORE;
      this.stores.set(name, store);
      this.openedInTransaction?.push(name);
    }
    return store;
  }

  private openStore(name: string, options: StoreOptions): Database | undefined {
    try {
      return this.root.openDB(name, {
        useVersions: true,
        ...KEY_ENCODING,
        ...(options.kind === 'records' ? { sharedStructuresKey: Symbol.for('structures') } : {}),
      }) as Database | undefined;
    } catch (error) {
      // The engine makes room for every store a database may hold (core/store-budget.ts); this
      // is reached only past that, e.g. stores a program other than the engine added.
      if ((error as { code?: unknown }).code !== MDB_DBS_FULL) throw error;
      throw new InvalidSchemaError(
        `${this.location} holds more stores (trees and indexes) than LMDB has room for in this process; the room is set when the first handle on the database opens: close every handle on it and open it again`,
      );
    }
  }

  storeNames(): string[] {
    // The root database holds nothing but the names of the sub-databases (NOTES: no data in the root).
    return [...this.root.getKeys({})].filter((name): name is string => typeof name === 'string');
  }

  async transaction<T>(body: () => T): Promise<T> {
    const result = await this.batched(body);
    // lmdb-js syncs a commit after making it visible (its `overlappingSync`, on by default off
    // Windows): the commit's promise settles before the data is on disk. A transaction is
    // acknowledged only once it is: `flushed` settles when the last commit so far is synced.
    await this.root.flushed;
    return result;
  }

  /**
   * Runs `body` in lmdb-js's batched asynchronous transactions: the bodies given in one
   * event turn (and while a commit is under way) run one after another in one LMDB write
   * transaction and share its commit, each in a child transaction of its own, rolled back
   * alone when its body throws (lmdb's plain `transaction` would commit what was written
   * before the throw).
   */
  private batched<T>(body: () => T): Promise<T> {
    return this.root.childTransaction(() => {
      const opened: string[] = [];
      this.openedInTransaction = opened;
      const structures = [...this.stores.values()].flatMap((store) => (store instanceof LmdbStore ? (store.markStructures() ?? []) : []));
      try {
        return body();
      } catch (error) {
        // LMDB closes the handle of a sub-database opened in an aborted transaction: open it again next time.
        for (const name of opened) this.stores.delete(name);
        for (const undo of structures) undo();
        throw error;
      } finally {
        this.openedInTransaction = undefined;
      }
    }) as Promise<T>;
  }

  refresh(): void {
    this.root.resetReadTxn();
    for (const [name, store] of this.stores) if (store === EMPTY_STORE) this.stores.delete(name);
  }

  onPossibleCommit(wake: () => void): () => void {
    // LMDB writes its pages with pwrite (no write map), so every commit, from any process,
    // modifies data.mdb: inotify and its kin see it within a millisecond, where a poll waits.
    try {
      const watcher = watch(join(this.location, 'data.mdb'), { persistent: false }, () => wake());
      watcher.on('error', () => watcher.close());
      return () => watcher.close();
    } catch {
      return () => undefined; // no file events here (some network file systems): polling alone
    }
  }

  async close(): Promise<void> {
    try {
      await this.root.close();
    } finally {
      this.onClosed();
    }
  }
}

class LmdbStore implements Store {
  constructor(
    private readonly db: Database,
    private readonly hasStructures: boolean,
  ) {}

  get(key: StoredKey): unknown {
    return this.db.get(key as never);
  }

  async clear(): Promise<void> {
    await this.db.clearAsync();
  }

  /**
   * For an aborted transaction: msgpackr saves a new shared structure inside the
   * running transaction, and keeps it in memory when LMDB rolls the save back.
   * Values written later would refer to it without saving it again, and no
   * longer decode once the structures are reloaded (e.g. after reopening). The
   * returned function puts msgpackr's structures back as they were here (none for index stores).
   */
  markStructures(): (() => void) | undefined {
    if (!this.hasStructures) return undefined;
    const encoder = (this.db as unknown as { encoder: Structured }).encoder;
    const structures = encoder.structures;
    const length = structures.sharedLength ?? 0;
    return () => {
      const now = encoder.structures;
      if (now === structures && (now.sharedLength ?? 0) === length) return; // nothing new
      if (now === structures && !now.uninitialized) {
        now.length = length;
        now.sharedLength = length;
        now.transitions = null; // rebuilt from the remaining structures on the next write
        encoder.lastNamedStructuresLength = length;
      } else {
        // Reloaded meanwhile: start over from what is stored, as msgpackr does at first.
        encoder.structures = Object.assign([], { uninitialized: true, sharedLength: 0 });
      }
    };
  }

  getEntry(key: StoredKey): { value: unknown; version: number } | undefined {
    const entry = this.db.getEntry(key as never);
    return entry === undefined ? undefined : { value: entry.value, version: entry.version ?? 0 };
  }

  has(key: StoredKey): boolean {
    return this.db.doesExist(key as never);
  }

  put(key: StoredKey, value: unknown, version = 0): void {
    this.db.putSync(key as never, value, version);
  }

  remove(key: StoredKey): boolean {
    return this.db.removeSync(key as never);
  }

  entries(query: RangeQuery): Iterable<StoredEntry> {
    const range = toLmdbRange(query, this.hasStructures);
    range.versions = true;
    return this.db.getRange(range) as Iterable<StoredEntry>;
  }

  keys(query: RangeQuery): Iterable<StoredKey> {
    return this.db.getKeys(toLmdbRange(query, this.hasStructures)) as Iterable<StoredKey>;
  }

  countRange(query: RangeQuery): number {
    // lmdb-js counts natively, stepping a cursor over keys (`getKeysCount`), as `offset` skips.
    return this.db.getKeysCount(toLmdbRange({ ...query, limit: undefined, offset: undefined }, this.hasStructures));
  }

  count(): number {
    // The shared-structures record lives in the same sub-database under a symbol key.
    const entries = (this.db.getStats() as { entryCount: number }).entryCount;
    return this.hasStructures && entries > 0 && this.db.get(Symbol.for('structures') as never) !== undefined
      ? entries - 1
      : entries;
  }
}

/** What of msgpackr's Packr `markStructures` touches (lmdb-js keeps it as the store's `encoder`). */
interface Structured {
  structures: unknown[] & { sharedLength?: number; uninitialized?: boolean; transitions?: unknown };
  lastNamedStructuresLength?: number;
}

/**
 * lmdb-js walks a reverse range from `start` (inclusive) down to `end`
 * (exclusive); translate our one convention, `[start, end)` in both directions.
 *
 * `skipStructures`: the shared-structures record sits among the records under
 * a symbol key (see `count`), which ordered-binary encodes as [0x02, …], below
 * every record key (those start at 0x06). A bound that is *absent* (not merely
 * undefined: lmdb-js tests `'start' in options`) makes lmdb-js start, or in
 * reverse stop, at its default first key [0x05], so record ranges never see
 * that record, with no per-entry filter and with lmdb-js applying `limit`.
 */
function toLmdbRange(options: RangeQuery, skipStructures = false): RangeOptions {
  const query = withCursor(options);
  // Built field by field, not spread: this runs once per range read, and reads are the hot path.
  const range: LmdbRange = {};
  if (!query.reverse) {
    if (query.after !== undefined) {
      range.start = query.after;
      range.exclusiveStart = true;
    } else if (!skipStructures || query.start !== undefined) range.start = query.start;
    range.end = query.end;
  } else {
    const upper = query.after ?? query.end;
    range.reverse = true;
    range.start = upper;
    range.exclusiveStart = upper !== undefined;
    if (!skipStructures || query.start !== undefined) range.end = query.start;
    range.inclusiveEnd = query.start !== undefined;
  }
  if (query.limit !== undefined) range.limit = query.limit;
  // lmdb-js skips `offset` entries natively, without reading their values.
  if (query.offset !== undefined && query.offset > 0) range.offset = query.offset;
  // An explicit `start: undefined` is meant (see above), which lmdb-js's optional fields do not spell.
  return range as RangeOptions;
}

/** lmdb-js's range options as the engine fills them: a bound may be present and undefined. */
interface LmdbRange {
  start?: StoredKey | undefined;
  end?: StoredKey | undefined;
  reverse?: boolean;
  exclusiveStart?: boolean;
  inclusiveEnd?: boolean;
  limit?: number;
  offset?: number;
}
