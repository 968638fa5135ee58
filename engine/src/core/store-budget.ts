/**
 * How many stores (LMDB sub-databases) a database may hold: one per tree for
 * its records, one per index, one per reference for its reverse entries, and the engine's own. LMDB's table of open
 * sub-databases (maxDbs) is sized when an environment opens and cannot grow
 * while any handle on it is open in the process, so the engine opens every
 * database with room for this many, and refuses a schema that needs more: no
 * database the engine made can outgrow what it can open, whichever process
 * added the trees, and whichever handle opened the environment first.
 *
 * The room costs little. Every transaction allocates a slot per entry (about
 * 57 bytes for a child transaction, which is how the engine writes), mostly
 * memory the kernel hands out untouched. Measured with lmdb-js 3.5.6 on this
 * project's machine (child transactions with one put; 5 runs each, no fsync):
 * 1,000 slots 109-222 µs, 10,000 slots 98-167 µs, 20,000 slots 113-222 µs; with
 * fsync 0.5-2.1 ms at all three. 100,000 slots cost about 0.3 ms more a
 * transaction. Read transactions (about 2 µs) do not depend on it: lmdb-js renews one.
 */
import { InvalidSchemaError } from '../errors.js';
import { CHANGES_STORE, META_STORE, REFS_STORE, SYNC_STORE } from './meta.js';
import type { StoredTree } from '../schema/catalog.js';

export const MAX_STORES = 10_000;

const ENGINE_STORES = [META_STORE, CHANGES_STORE, REFS_STORE, SYNC_STORE].length;

/** The stores `trees` need, the engine's own included. */
export function storesFor(trees: Iterable<StoredTree>): number {
  let stores = ENGINE_STORES;
  for (const tree of trees) stores += 1 + tree.indexes.length + tree.references.length;
  return stores;
}

/** Refuses trees that need more stores than a database may hold (`what` says whose trees: the schema, or the database once it is applied). */
export function checkStoreBudget(trees: Iterable<StoredTree>, what: string): void {
  const stores = storesFor(trees);
  if (stores > MAX_STORES) {
    throw new InvalidSchemaError(
      `${what} needs ${stores} stores (one per tree, one per index, one per reference, ${ENGINE_STORES} for the engine); a database holds at most ${MAX_STORES}`,
    );
  }
}

/**
 * Room to open a database with: every store a database may hold, or more where
 * one holds more already (an index dropped leaves its emptied store behind,
 * and the integrity check opens every store there is).
 */
export function storeSlots(existing: number, declared: number): number {
  return Math.max(MAX_STORES, existing + declared);
}
