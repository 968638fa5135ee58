/**
 * An in-memory backend with exactly the LMDB backend's behaviour: keys are
 * ordered by the same encoding (./key-encoding.ts, which the LMDB backend uses), values are
 * copied in and out as if serialised, and a failed transaction leaves nothing.
 * Copy-on-write B+ trees make a transaction's snapshot O(1).
 */
import BTreeModule from 'sorted-btree';
import { withCursor, type Backend, type RangeQuery, type Store, type StoredEntry, type StoredKey } from './backend.js';
import { encodeKey } from './key-encoding.js';

type BTree<K, V> = import('sorted-btree').default<K, V>;
type BTreeClass = typeof import('sorted-btree').default;
// sorted-btree is CommonJS: its class is the `default` property of what ESM imports.
const BTree: BTreeClass = (BTreeModule as unknown as { default?: BTreeClass }).default ?? (BTreeModule as unknown as BTreeClass);

interface Slot {
  readonly key: StoredKey;
  readonly value: unknown;
  readonly version: number;
}

const encode = (key: StoredKey): Buffer => encodeKey(key);
const compare = (a: Buffer, b: Buffer): number => Buffer.compare(a, b);

export function openMemoryBackend(location = 'memory', volume?: MemoryVolume): Backend {
  return new MemoryBackend(location, volume?.storesAt(location) ?? new Map());
}

/**
 * In-memory databases that outlive their handles, by path, for the life of the process: one
 * closed and opened again (by newer code, say) finds what it held, as an LMDB folder would.
 * Without a volume, every in-memory open starts empty.
 */
export class MemoryVolume {
  private readonly databases = new Map<string, Map<string, MemoryStore>>();

  /** @internal The stores of the database at `path`, made empty the first time. */
  storesAt(path: string): Map<string, MemoryStore> {
    let stores = this.databases.get(path);
    if (!stores) {
      stores = new Map();
      this.databases.set(path, stores);
    }
    return stores;
  }
}

class MemoryBackend implements Backend {
  readonly readOnly = false;
  private queue: Promise<unknown> = Promise.resolve();
  private writing = false;

  constructor(
    readonly location: string,
    private readonly stores: Map<string, MemoryStore>,
  ) {}

  store(name: string): Store {
    let store = this.stores.get(name);
    if (!store) {
      store = new MemoryStore();
      // A store first used inside a transaction is writable in it (and emptied again if it aborts).
      store.writable = this.writing;
      this.stores.set(name, store);
    }
    return store;
  }

  storeNames(): string[] {
    return [...this.stores.keys()];
  }

  transaction<T>(body: () => T): Promise<T> {
    const run = this.queue.then(() => this.runNow(body));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private runNow<T>(body: () => T): T {
    const saved = new Map([...this.stores].map(([name, store]) => [name, store.snapshot()]));
    for (const store of this.stores.values()) store.writable = true;
    this.writing = true;
    try {
      return body();
    } catch (error) {
      for (const [name, store] of this.stores) store.restore(saved.get(name));
      throw error;
    } finally {
      this.writing = false;
      for (const store of this.stores.values()) store.writable = false;
    }
  }

  refresh(): void {}

  /** One process only: its commits are delivered by the engine directly. */
  onPossibleCommit(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    await this.queue;
  }
}

class MemoryStore implements Store {
  private tree: BTree<Buffer, Slot> = new BTree<Buffer, Slot>(undefined, compare);
  writable = false;

  snapshot(): BTree<Buffer, Slot> {
    return this.tree.clone();
  }

  restore(saved: BTree<Buffer, Slot> | undefined): void {
    this.tree = saved ?? new BTree<Buffer, Slot>(undefined, compare);
  }

  get(key: StoredKey): unknown {
    const slot = this.tree.get(encode(key));
    return slot === undefined ? undefined : structuredClone(slot.value);
  }

  getEntry(key: StoredKey): { value: unknown; version: number } | undefined {
    const slot = this.tree.get(encode(key));
    return slot === undefined ? undefined : { value: structuredClone(slot.value), version: slot.version };
  }

  has(key: StoredKey): boolean {
    return this.tree.has(encode(key));
  }

  put(key: StoredKey, value: unknown, version = 0): void {
    this.assertWritable();
    this.tree.set(encode(key), { key: structuredClone(key), value: structuredClone(value), version });
  }

  remove(key: StoredKey): boolean {
    this.assertWritable();
    return this.tree.delete(encode(key));
  }

  clear(): Promise<void> {
    this.tree = new BTree<Buffer, Slot>(undefined, compare);
    return Promise.resolve();
  }

  *entries(query: RangeQuery): Iterable<StoredEntry> {
    for (const slot of this.walk(query)) {
      yield { key: structuredClone(slot.key), value: structuredClone(slot.value), version: slot.version };
    }
  }

  *keys(query: RangeQuery): Iterable<StoredKey> {
    for (const slot of this.walk(query)) yield structuredClone(slot.key);
  }

  count(): number {
    return this.tree.size;
  }

  countRange(query: RangeQuery): number {
    let count = 0;
    for (const _slot of this.walk({ ...query, limit: undefined, offset: undefined })) count++;
    return count;
  }

  private *walk(options: RangeQuery): Iterable<Slot> {
    const query = withCursor(options);
    const tree = this.tree; // iterate a stable version, like an LMDB read snapshot
    const limit = query.limit ?? Infinity;
    if (limit <= 0) return;
    const start = query.start === undefined ? undefined : encode(query.start);
    const end = query.end === undefined ? undefined : encode(query.end);
    const after = query.after === undefined ? undefined : encode(query.after);
    let taken = 0;
    let skip = query.offset ?? 0;
    if (!query.reverse) {
      const low = after ?? start;
      for (const [key, slot] of tree.clone().entries(low)) {
        if (after !== undefined && compare(key, after) <= 0) continue;
        if (start !== undefined && compare(key, start) < 0) continue;
        if (end !== undefined && compare(key, end) >= 0) return;
        if (skip > 0 && skip--) continue;
        yield slot;
        if (++taken >= limit) return;
      }
      return;
    }
    const high = after ?? end;
    for (const [key, slot] of tree.clone().entriesReversed(high, undefined, high !== undefined)) {
      if (high !== undefined && compare(key, high) >= 0) continue;
      if (start !== undefined && compare(key, start) < 0) return;
      if (skip > 0 && skip--) continue;
      yield slot;
      if (++taken >= limit) return;
    }
  }

  private assertWritable(): void {
    if (!this.writable) throw new Error('memory backend: writes are only allowed inside a transaction');
  }
}
