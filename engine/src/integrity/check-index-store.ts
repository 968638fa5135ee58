/**
 * The backward pass over one index store, run only when it holds more entries
 * than the records account for: each entry is traced to its record, which
 * must exist and put exactly that entry in the index.
 */
import type { Stores } from './stores.js';
import type { IndexModel, TreeModel } from '../core/tree-model.js';
import type { Findings } from './findings.js';
import { holds } from './check-tree.js';
import { showKey, storedParts } from './stored-keys.js';

export function findStaleIndexEntries(stores: Stores, model: TreeModel, index: IndexModel, findings: Findings): void {
  const width = index.stored.on.length;
  const name = `${model.name}.${index.stored.name}`;
  for (const entry of stores.get(index.storeName).entries({})) {
    const parts = storedParts(entry.key);
    const unique = index.stored.unique;
    const tuple = unique ? parts : parts.slice(0, width);
    const owner = unique ? entry.value : parts.slice(width);
    const wellFormed = unique ? parts.length === width : parts.length === width + model.key.arity;
    const ownerKey = unique ? owner : model.key.fromParts(owner as unknown[]);
    // An entry of a record that does not decode cannot be judged; that record is reported itself.
    if (wellFormed && holds(stores, model, index, ownerKey, tuple) !== false) continue;
    findings.add({
      kind: 'stale-index-entry',
      tree: model.name,
      index: index.stored.name,
      store: index.storeName,
      key: entry.key,
      message: wellFormed
        ? `${name} ${showKey(tuple)} names ${model.name} ${showKey(ownerKey)}, which ${recordExists(stores, model, ownerKey) ? 'does not hold that value' : 'does not exist'}`
        : `${name} holds a malformed entry ${showKey(entry.key)} (expected ${unique ? width : `${width} + ${model.key.arity}`} parts)`,
    });
  }
}

function recordExists(stores: Stores, model: TreeModel, key: unknown): boolean {
  try {
    return stores.records(model).has(model.key.fromStored(key));
  } catch {
    return false;
  }
}
