/**
 * The operations every compared system implements, each the same work over the
 * same data. Reads return a number derived from what they read (summed by the
 * workloads, so nothing is optimised away and every value is really decoded).
 */
import type { Item } from './data.js';

/** Records per write transaction, for every system. */
export const BATCH = 1000;
/** Rows per transaction of a bulk import (the engine's, raw lmdb's and SQLite's). */
export const IMPORT_BATCH = 10_000;
/** Rows per page and per index or back-reference lookup. */
export const PAGE = 100;

export interface GroupChange {
  readonly id: number;
  readonly group: string;
}

export interface System {
  readonly name: string;
  /** Untimed: stores the owners (ids 1..count) and the items (ids 1..N), in batches of BATCH. */
  load(owners: number, items: readonly Item[]): Promise<void>;
  /** The item with this id, as an object: its `visits`. */
  get(id: number): number;
  /** A cursor over every item in key order, read back as objects; undefined at the end. */
  scan(): () => Item | undefined;
  /** Up to PAGE items from `start` on, in key order: the sum of their visits. */
  page(start: number): number;
  /** Up to PAGE items of this group, by the group index, read back as objects: the sum of their visits. */
  byGroup(group: string): number;
  /** Up to PAGE ids of items that refer to this owner, from a reverse index: their sum. */
  referrers(owner: number): number;
  /** One transaction: inserts these items (owner checked, index and reverse index written); returns their new ids. */
  insert(batch: readonly Item[]): Promise<number[]>;
  /** One transaction: changes the indexed field of these items. */
  update(batch: readonly GroupChange[]): Promise<void>;
  /** One transaction inserting one item, as a request handler would; resolves once committed. Safe with other processes writing the same database. */
  writeOne(item: Item): Promise<void>;
  /**
   * Imports NDJSON lines `{"tree":"items","value":{…}}` (the engine's export format, keys left
   * to the database), given in chunks as a file is read: every line parsed, checked and written.
   */
  importLines(chunks: readonly string[]): Promise<number>;
  /** One transaction: deletes these items with their index entries (untimed clean-up after inserts). */
  remove(ids: readonly number[]): Promise<void>;
  count(): number;
  close(): Promise<void>;
}
