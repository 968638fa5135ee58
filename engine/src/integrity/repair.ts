/**
 * Repair, inside the caller's one write transaction: rebuild from the records
 * each index store and the reverse-reference store that disagree with them,
 * and raise auto-increment counters that are behind. Records themselves are
 * never touched: which value was meant is not for a check to guess.
 */
import { assertKeyFits } from '../schema/key-codec.js';
import { autoKey } from '../core/meta.js';
import { keyText, type IndexModel, type TreeModel } from '../core/tree-model.js';
import type { Engine } from '../core/engine.js';
import type { KeyValue } from '../schema/key-brand.js';
import type { Store } from '../storage/backend.js';
import type { Findings } from './findings.js';
import type { IntegrityRepair } from './report.js';
import { entriesOf } from './check-tree.js';
import { scanRecords } from './scan-records.js';

export function repair(engine: Engine, findings: Findings): IntegrityRepair[] {
  const repairs: IntegrityRepair[] = [];
  for (const model of engine.models.values()) {
    for (const index of model.indexes) {
      if (!findings.indexesToRebuild.has(index.storeName)) continue;
      const entries = rebuildIndex(engine, model, index);
      repairs.push({ action: 'rebuild-index', tree: model.name, index: index.stored.name, message: `rebuilt ${model.name}.${index.stored.name} from the records (${entries} entries)` });
    }
  }
  if (findings.referencesToRebuild) {
    const entries = rebuildReferences(engine);
    repairs.push({ action: 'rebuild-references', message: `rebuilt the reverse-reference store from the records (${entries} entries)` });
  }
  for (const [tree, largest] of findings.countersToRaise) {
    engine.meta.put(autoKey(tree), largest);
    repairs.push({ action: 'raise-counter', tree, message: `raised ${tree}'s auto-increment counter to ${largest}` });
  }
  return repairs;
}

function rebuildIndex(engine: Engine, model: TreeModel, index: IndexModel): number {
  const store = engine.store(index.storeName);
  clear(store);
  let written = 0;
  for (const { key, value } of readableRecords(engine, model)) {
    for (const tuple of entriesOf(index, value)) {
      const entry = index.stored.unique ? tuple : [...tuple, ...model.key.parts(key)];
      // With two records holding one unique value, the first in key order keeps it; the conflict stays reported.
      if (index.stored.unique && store.has(entry)) continue;
      if (!fits(`${model.name}.${index.stored.name}`, entry)) continue;
      store.put(entry, index.stored.unique ? key : null);
      written++;
    }
  }
  return written;
}

function rebuildReferences(engine: Engine): number {
  clear(engine.refs);
  let written = 0;
  for (const model of engine.models.values()) {
    if (model.references.length === 0) continue;
    for (const { key, value } of readableRecords(engine, model)) {
      for (const ref of model.references) {
        const target = engine.models.get(ref.stored.target);
        if (!target) continue;
        const seen = new Set<string>();
        for (const targetKey of ref.targets(value)) {
          if (seen.has(keyText(targetKey))) continue;
          seen.add(keyText(targetKey));
          const entry = [target.name, ...target.key.parts(targetKey), model.name, ref.stored.path, ...model.key.parts(key)];
          if (!fits(`${model.name}.${ref.stored.path}`, entry)) continue;
          engine.refs.put(entry, null);
          written++;
        }
      }
    }
  }
  return written;
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

/** Never remove while iterating the same store (CONTEXT.md): the keys are read first. */
function clear(store: Store): void {
  for (const key of [...store.keys({})]) store.remove(key);
}

function fits(where: string, entry: readonly unknown[]): boolean {
  try {
    assertKeyFits(where, entry as never);
    return true;
  } catch {
    return false;
  }
}
