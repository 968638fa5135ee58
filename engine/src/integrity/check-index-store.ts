/**
 * The backward pass over one index store, run only when it holds more entries
 * than the records account for: each entry is traced to its record, which
 * must exist and put exactly that entry in the index.
 */
import type { IndexModel, TreeModel } from '../core/tree-model.js';
import type { StoredKey } from '../storage/backend.js';
import type { Findings } from './findings.js';
import type { Stores } from './stores.js';
import { holds, readRecord } from './check-tree.js';
import { showKey, storedParts } from './stored-keys.js';

export function findStaleIndexEntries(stores: Stores, model: TreeModel, index: IndexModel, findings: Findings): void {
  for (const entry of stores.get(index.storeName).entries({})) {
    const reason = whyIndexEntryIsStale(stores, model, index, entry.key, entry.value);
    if (reason === undefined) continue;
    findings.add({ kind: 'stale-index-entry', tree: model.name, index: index.stored.name, store: index.storeName, key: entry.key, message: reason });
  }
}

/**
 * Why an index entry (its stored key, and its value: the record key in a unique
 * index) is not one the records call for; undefined when it is, or when its
 * record does not decode (that record is reported itself, and its entries cannot be judged).
 */
export function whyIndexEntryIsStale(stores: Stores, model: TreeModel, index: IndexModel, stored: StoredKey, value: unknown): string | undefined {
  const width = index.stored.on.length;
  const name = `${model.name}.${index.stored.name}`;
  const parts = storedParts(stored);
  const unique = index.stored.unique;
  const wellFormed = unique ? parts.length === width : parts.length === width + model.key.arity;
  if (!wellFormed) return `${name} holds a malformed entry ${showKey(stored)} (expected ${unique ? width : `${width} + ${model.key.arity}`} parts)`;
  const tuple = unique ? parts : parts.slice(0, width);
  const owner = unique ? value : model.key.fromParts(parts.slice(width));
  if (holds(stores, model, index, owner, tuple) !== false) return undefined;
  const exists = readRecord(stores, model, owner) !== undefined;
  return `${name} ${showKey(tuple)} names ${model.name} ${showKey(owner)}, which ${exists ? 'does not hold that value' : 'does not exist'}`;
}
