/**
 * The storage contract: an ordered map of keys to versioned values per named
 * store, with atomic, serialised transactions. Both backends order keys by
 * lmdb's order-preserving encoding (ordered-binary), so ranges mean the same
 * thing everywhere: `[start, end)`, walked forward or in reverse.
 */
import { encodeKey } from './key-encoding.js';
import type { KeyPart } from '../schema/key-brand.js';

/** What a store key may be: a part, a tuple of parts, or the range sentinel. */
export type StoredKey = KeyPart | readonly (KeyPart | Uint8Array)[];

export interface RangeQuery {
  /** Inclusive lower bound. */
  readonly start?: StoredKey | undefined;
  /** Exclusive upper bound. */
  readonly end?: StoredKey | undefined;
  /** Continue after this key (exclusive), in the direction of travel: a cursor. */
  readonly after?: StoredKey | undefined;
  readonly reverse?: boolean | undefined;
  readonly limit?: number | undefined;
  /** Skip this many entries of the range (in the direction of travel) before the first one returned; `limit` counts after them. */
  readonly offset?: number | undefined;
}

export interface StoredEntry {
  readonly key: StoredKey;
  readonly value: unknown;
  readonly version: number;
}

export interface Store {
  get(key: StoredKey): unknown;
  getEntry(key: StoredKey): { readonly value: unknown; readonly version: number } | undefined;
  has(key: StoredKey): boolean;
  /** Inside a transaction only. */
  put(key: StoredKey, value: unknown, version?: number): void;
  /** Inside a transaction only; true when something was removed. */
  remove(key: StoredKey): boolean;
  entries(query: RangeQuery): Iterable<StoredEntry>;
  keys(query: RangeQuery): Iterable<StoredKey>;
  /** Number of entries, in constant time. */
  count(): number;
  /**
   * Outside any transaction: removes every entry at once (LMDB frees the store's pages without
   * reading them), resolved once committed. For stores nothing names any more (a migration's old ones).
   */
  clear(): Promise<void>;
  /** Number of entries in a range (`limit` and `offset` ignored), counted over keys: no value is read. */
  countRange(query: RangeQuery): number;
}

export interface StoreOptions {
  /** Record stores share structure definitions between values (smaller, faster); index stores need none. */
  readonly kind: 'records' | 'plain';
}

export interface Backend {
  readonly location: string;
  readonly readOnly: boolean;
  store(name: string, options: StoreOptions): Store;
  /** The names of the stores that exist (for the integrity check: stores the catalog does not account for). */
  storeNames(): string[];
  /** Runs `body` atomically after every earlier transaction; if it throws, nothing it wrote is kept. */
  transaction<T>(body: () => T): Promise<T>;
  /** Makes commits of other processes visible to the next read. */
  refresh(): void;
  /**
   * Calls `wake` soon after any process may have committed (a hint: it may
   * fire for nothing, and where the platform gives no file events it never
   * fires, so watchers still poll). Returns the function that stops it.
   */
  onPossibleCommit(wake: () => void): () => void;
  close(): Promise<void>;
}

/** Largest encoded key LMDB accepts (its compile-time limit as built into lmdb-js). */
export const MAX_KEY_BYTES = 1978;

/** Sorts after every key part: strings never contain 0xff, numbers and booleans start lower. */
export const KEY_SENTINEL: Uint8Array = Uint8Array.of(0xff);

/** The range of every key that starts with the given parts (whole parts, not string prefixes). */
export function prefixRange(prefix: readonly KeyPart[]): { start: StoredKey; end: StoredKey } {
  return { start: prefix, end: [...prefix, KEY_SENTINEL] };
}

/**
 * The query with a cursor that does not narrow it dropped: an `after` before
 * `start` (forward) or at or past `end` (reverse) must not widen the range.
 */
export function withCursor(query: RangeQuery): RangeQuery {
  const near = query.reverse ? query.end : query.start;
  if (query.after === undefined || near === undefined) return query;
  const order = Buffer.compare(encodeKey(query.after), encodeKey(near));
  const narrows = query.reverse ? order < 0 : order >= 0;
  return narrows ? query : { ...query, after: undefined };
}

/** A store that does not exist (yet): reads find nothing, and nothing can be written to it. */
export const EMPTY_STORE: Store = {
  get: () => undefined,
  getEntry: () => undefined,
  has: () => false,
  put: () => {
    throw new Error('this store does not exist (a read-only database where nothing was written to it yet): nothing can be written to it');
  },
  remove: () => false,
  entries: () => [],
  keys: () => [],
  count: () => 0,
  countRange: () => 0,
  clear: () => Promise.resolve(),
};

/**
 * Removes an entry by a key as a listing gave it. A key stored as a one-part tuple (a unique index's
 * `[value]`) is listed as the part alone, whose encoding names another key (numbers differ): that
 * one is tried as a tuple too. True when something was removed.
 */
export function removeListedKey(store: Store, key: StoredKey): boolean {
  return store.remove(key) || (!Array.isArray(key) && store.remove([key as KeyPart]));
}

/** The first item of an iterable (closing it after), or undefined. */
export function firstOf<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}
