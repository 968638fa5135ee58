/**
 * The LMDB backend: one environment, one named sub-database per store, values
 * with shared structures, record revisions as LMDB entry versions.
 */
import { open, type Database, type RootDatabase } from 'lmdb';
import type { Backend, RangeQuery, Store, StoreOptions, StoredEntry, StoredKey } from './backend.js';

/** Sub-databases a database may hold: a handful of system stores plus two per tree and one per index. */
const MAX_STORES = 1000;

export interface LmdbBackendOptions {
  readonly readOnly?: boolean;
  /** Upper bound of the memory map; LMDB grows the file up to it. */
  readonly mapSize?: number;
}

export function openLmdbBackend(path: string, options: LmdbBackendOptions = {}): Backend {
  const root = open({
    path,
    // A path with a dot would otherwise be taken as a file name, not a folder.
    noSubdir: false,
    maxDbs: MAX_STORES,
    readOnly: options.readOnly ?? false,
    ...(options.mapSize === undefined ? {} : { mapSize: options.mapSize }),
  });
  return new LmdbBackend(path, root, options.readOnly ?? false);
}

class LmdbBackend implements Backend {
  private readonly stores = new Map<string, LmdbStore>();

  constructor(
    readonly location: string,
    private readonly root: RootDatabase,
    readonly readOnly: boolean,
  ) {}

  store(name: string, options: StoreOptions): Store {
    let store = this.stores.get(name);
    if (!store) {
      const db = this.root.openDB(name, {
        useVersions: true,
        ...(options.kind === 'records' ? { sharedStructuresKey: Symbol.for('structures') } : {}),
      });
      store = new LmdbStore(db, options.kind === 'records');
      this.stores.set(name, store);
    }
    return store;
  }

  transaction<T>(body: () => T): Promise<T> {
    // A child transaction is rolled back when `body` throws; lmdb's plain
    // `transaction` would commit what was written before the throw.
    return this.root.childTransaction(body) as Promise<T>;
  }

  refresh(): void {
    this.root.resetReadTxn();
  }

  async close(): Promise<void> {
    await this.root.close();
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
    return this.db.getRange({ ...toLmdbRange(query), versions: true }) as Iterable<StoredEntry>;
  }

  keys(query: RangeQuery): Iterable<StoredKey> {
    return this.db.getKeys(toLmdbRange(query)) as Iterable<StoredKey>;
  }

  count(): number {
    // The shared-structures record lives in the same sub-database under a symbol key.
    const entries = (this.db.getStats() as { entryCount: number }).entryCount;
    return this.hasStructures && entries > 0 && this.db.get(Symbol.for('structures') as never) !== undefined
      ? entries - 1
      : entries;
  }
}

/**
 * lmdb-js walks a reverse range from `start` (inclusive) down to `end`
 * (exclusive); translate our one convention, `[start, end)` in both directions.
 */
function toLmdbRange(query: RangeQuery): Record<string, unknown> {
  const limit = query.limit === undefined ? {} : { limit: query.limit };
  if (!query.reverse) {
    if (query.after !== undefined) return { start: query.after, exclusiveStart: true, end: query.end, ...limit };
    return { start: query.start, end: query.end, ...limit };
  }
  const upper = query.after ?? query.end;
  return {
    reverse: true,
    start: upper,
    exclusiveStart: upper !== undefined,
    end: query.start,
    inclusiveEnd: query.start !== undefined,
    ...limit,
  };
}
