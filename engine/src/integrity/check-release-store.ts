/**
 * A versioned tree's release store (core/release.ts): every entry must name a record of the tree
 * and hold a well-formed state. An entry whose record is gone is stale (a repair removes it); a
 * malformed one is reported and kept, since which state was meant is not for a check to guess.
 */
import type { TreeModel } from '../core/tree-model.js';
import type { Findings } from './findings.js';
import type { Stores } from './stores.js';
import { showKey } from './stored-keys.js';
import type { StoredKey } from '../storage/backend.js';

export function checkReleaseStates(stores: Stores, model: TreeModel, findings: Findings): void {
  if (!model.releaseStore || !stores.exists(model.releaseStore)) return;
  const store = model.releaseStore;
  const records = stores.records(model);
  const stale: StoredKey[] = [];
  for (const entry of stores.get(store).entries({})) {
    const where = { tree: model.name, store, key: entry.key };
    if (!records.has(entry.key)) {
      stale.push(entry.key);
      findings.add({ kind: 'stale-release-state', ...where, message: `${store} ${showKey(entry.key)} holds a release state, and ${model.name} has no such record` });
    } else if (!wellFormed(entry.value)) {
      findings.add({ kind: 'invalid-release-state', ...where, message: `${store} ${showKey(entry.key)}: the release state ${JSON.stringify(entry.value)} is not { released?, lifecycle, revision } of whole numbers` });
    }
  }
  if (stale.length > 0) findings.staleReleaseStates.set(store, stale);
}

function wellFormed(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { released, lifecycle, revision } = value as Record<string, unknown>;
  const whole = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return whole(lifecycle) && whole(revision) && (released === undefined || whole(released));
}
