/**
 * Applying a compatible change to a tree's stores: an index added is built from
 * the records, one dropped is emptied. Opening (./open.ts) and a migration's
 * carried trees (./migrate.ts) do it inside their own transaction.
 */
import { IncompatibleSchemaError, UniqueViolationError } from '../errors.js';
import type { TreeChange } from '../schema/compatibility.js';
import type { Engine } from './engine.js';
import { removeListedKey } from '../storage/backend.js';
import { indexStoreName, keyText, referenceStoreName, type ReferenceModel, type TreeModel } from './tree-model.js';
import { staleIndexKey } from './meta.js';

export function applyChange(engine: Engine, change: TreeChange): void {
  const model = engine.model(change.tree);
  for (const index of change.dropIndexes) clearStore(engine, indexStoreName(model.storage, index.name));
  for (const ref of change.dropReferences ?? []) clearStore(engine, referenceStoreName(model.storage, ref.path));
  if (change.isNew) return;
  for (const ref of change.buildReferences ?? []) buildReference(engine, model, model.reference(ref.path)!);
  for (const stored of change.buildIndexes) {
    clearStore(engine, indexStoreName(model.storage, stored.name));
    const index = model.index(stored.name)!;
    const store = engine.store(index.storeName);
    for (const entry of engine.records(model).entries({})) {
      const key = model.key.fromStored(entry.key);
      for (const tuple of index.entries(entry.value)) {
        if (stored.unique) {
          const holder = store.get(tuple);
          if (holder !== undefined) throw new UniqueViolationError(model.name, stored.name, tuple.length === 1 ? tuple[0] : tuple, holder);
          store.put(tuple, key);
        } else {
          store.put([...tuple, ...model.key.parts(key)], null);
        }
      }
    }
  }
}

/** The reverse entries of a reference over existing fields added to a tree with records, each target checked. */
function buildReference(engine: Engine, model: TreeModel, ref: ReferenceModel): void {
  clearStore(engine, ref.storeName);
  const target = engine.model(ref.stored.target);
  const store = engine.store(ref.storeName);
  for (const entry of engine.records(model).entries({})) {
    const key = model.key.fromStored(entry.key);
    for (const targetKey of ref.targets(entry.value)) {
      if (!engine.records(target).has(targetKey)) {
        throw new IncompatibleSchemaError(model.name, ref.stored.path, `${model.name} ${keyText(key)} (${ref.stored.fields!.join(', ')}) refers to ${target.name} ${keyText(targetKey)}, which does not exist; the reference cannot be added`);
      }
      store.put([...target.key.parts(targetKey), ...model.key.parts(key)], null);
    }
  }
}

export function clearStore(engine: Engine, name: string): void {
  // A store is opened once per name and kind: a record store must be opened as one.
  const store = engine.store(name, name.startsWith('t/') ? 'records' : 'plain');
  for (const key of [...store.keys({})]) removeListedKey(store, key);
}


/**
 * Rebuilds the computed indexes a write without their function left stale (core/write-context.ts),
 * where this engine has the function: called when the application opens the database writable.
 */
export async function rebuildStaleIndexes(engine: Engine): Promise<void> {
  const stale = [...engine.models.values()].flatMap((model) =>
    model.indexes.filter((index) => index.computed && index.computable && engine.meta.get(staleIndexKey(index.storeName)) !== undefined).map((index) => ({ model, index })),
  );
  if (stale.length === 0) return;
  await engine.transaction(
    () => {
      for (const { model, index } of stale) {
        applyChange(engine, { tree: model.name, buildIndexes: [index.stored], dropIndexes: [], isNew: false });
        engine.meta.remove(staleIndexKey(index.storeName));
      }
    },
    { reconciling: true },
  );
}
