/**
 * Repair, inside the caller's one write transaction: bring each index store
 * and the reverse-reference store that disagree with the records in line,
 * and raise auto-increment counters that are behind. Records themselves are
 * never touched: which value was meant is not for a check to guess.
 */
import { assertKeyFits } from '../schema/key-codec.js';
import { autoKey } from '../core/meta.js';
import type { IndexModel, TreeModel } from '../core/tree-model.js';
import type { Engine } from '../core/engine.js';
import type { KeyValue } from '../schema/key-brand.js';
import { Stores } from './stores.js';
import { removeListedKey } from '../storage/backend.js';
import { whyIndexEntryIsStale } from './check-index-store.js';
import { whyReferenceEntryIsStale } from './check-reference-store.js';
import { storedParts } from './stored-keys.js';
import type { Findings } from './findings.js';
import type { IntegrityRepair } from '../integrity-report.js';
import { entriesOf } from './check-tree.js';
import { scanRecords } from './scan-records.js';

export function repair(engine: Engine, findings: Findings): IntegrityRepair[] {
  const repairs: IntegrityRepair[] = [];
  const stores = new Stores(engine);
  for (const model of engine.models.values()) {
    for (const index of model.indexes) {
      if (!findings.indexesToRebuild.has(index.storeName)) continue;
      const changed = rebuildIndex(engine, stores, model, index);
      repairs.push({ action: 'rebuild-index', tree: model.name, index: index.stored.name, message: `rebuilt ${model.name}.${index.stored.name} from the records (${changed} entries removed or added)` });
    }
  }
  if (findings.referencesToRebuild) {
    const changed = rebuildReferences(engine, stores);
    repairs.push({ action: 'rebuild-references', message: `rebuilt the reverse-reference store from the records (${changed} entries removed or added)` });
  }
  for (const [tree, largest] of findings.countersToRaise) {
    engine.meta.put(autoKey(engine.model(tree).storage), largest);
    repairs.push({ action: 'raise-counter', tree, message: `raised ${tree}'s auto-increment counter to ${largest}` });
  }
  for (const [store, keys] of findings.staleReleaseStates) {
    for (const key of keys) engine.store(store).remove(key);
    repairs.push({ action: 'remove-release-states', tree: store.slice(2).split('@')[0]!, message: `removed ${keys.length} release state(s) of records that do not exist from ${store}` });
  }
  return repairs;
}

/**
 * Brings one index in line with the records: removes the entries no record
 * calls for, adds the missing ones. Entries of records that do not decode are
 * kept: they cannot be judged, and the record may yet be restored.
 */
function rebuildIndex(engine: Engine, stores: Stores, model: TreeModel, index: IndexModel): number {
  const store = engine.store(index.storeName);
  // Never remove while iterating the same store (CONTEXT.md): the stale keys are read first.
  const stale = [...store.entries({})].filter((e) => whyIndexEntryIsStale(stores, model, index, e.key, e.value) !== undefined);
  for (const entry of stale) removeListedKey(store, entry.key);
  let added = 0;
  for (const { key, value } of readableRecords(engine, model)) {
    for (const tuple of entriesOf(index, value)) {
      const entry = index.stored.unique ? tuple : [...tuple, ...model.key.parts(key)];
      // With two records holding one unique value, the holder keeps it; the conflict stays reported.
      if (!fits(`${model.name}.${index.stored.name}`, entry) || store.has(entry)) continue;
      store.put(entry, index.stored.unique ? key : null);
      added++;
    }
  }
  return stale.length + added;
}

/** The same for each reference's store of reverse entries (repair opens writable, so the database is in format 2). */
function rebuildReferences(engine: Engine, stores: Stores): number {
  let changed = 0;
  for (const model of engine.models.values()) {
    for (const ref of model.references) {
      const store = engine.referenceStore(ref);
      const stale = [...store.keys({})].filter((key) => whyReferenceEntryIsStale(stores, ref, storedParts(key)) !== undefined);
      for (const key of stale) store.remove(key);
      changed += stale.length;
    }
  }
  for (const model of engine.models.values()) {
    if (model.references.length === 0) continue;
    for (const { key, value } of readableRecords(engine, model)) {
      for (const ref of model.references) {
        const target = engine.models.get(ref.stored.target);
        if (!target) continue;
        const store = engine.referenceStore(ref);
        for (const targetKey of ref.targets(value)) {
          const entry = [...target.key.parts(targetKey), ...model.key.parts(key)];
          if (!fits(`${model.name}.${ref.stored.path}`, entry) || store.has(entry)) continue;
          store.put(entry, null);
          changed++;
        }
      }
    }
  }
  return changed;
}

/** Records whose value decodes and whose key is valid; the others stay reported. */
function* readableRecords(engine: Engine, model: TreeModel): Generator<{ key: KeyValue; value: unknown }> {
  for (const record of scanRecords(engine.records(model))) {
    if (!record.ok) continue;
    let key: KeyValue;
    try {
      key = model.key.check(model.key.fromStored(record.key));
    } catch {
      continue;
    }
    yield { key, value: record.value };
  }
}

function fits(where: string, entry: readonly unknown[]): boolean {
  try {
    assertKeyFits(where, entry as never);
    return true;
  } catch {
    return false;
  }
}
