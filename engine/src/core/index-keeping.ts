/**
 * Keeping a record's index entries and reverse references as its value
 * changes: what the write path (./write-context.ts) does after each write,
 * and what a replica does with each record its server sends (./replicate.ts).
 */
import type { KeyPart, KeyValue } from '../schema/key-brand.js';
import { diff } from './entry-diff.js';
import { keyText, type IndexModel, type TreeModel } from './tree-model.js';
import type { EngineState } from './engine-state.js';

/**
 * Moves the record's entries in `index` from those of `before` to `entries` (the new value's, none for a
 * delete; already sized by the caller). `keepOthers`: a unique entry is removed only while it still names
 * this record — a replica applies its server's records one at a time, and two records that swapped a
 * unique value pass through a moment where one entry names the other.
 */
export function reindex(engine: EngineState, index: IndexModel, model: TreeModel, key: KeyValue, before: unknown, entries: KeyPart[][], keepOthers = false): void {
  const store = engine.store(index.storeName);
  const parts = model.key.parts(key);
  const { removed, added } = diff(before === undefined ? [] : index.entries(before), entries);
  for (const tuple of removed) {
    if (!index.stored.unique) store.remove([...tuple, ...parts]);
    else if (!keepOthers || namesRecord(store.get(tuple), model, key)) store.remove(tuple);
  }
  for (const tuple of added) store.put(index.stored.unique ? tuple : [...tuple, ...parts], index.stored.unique ? key : null);
}

function namesRecord(holder: unknown, model: TreeModel, key: KeyValue): boolean {
  return holder !== undefined && keyText(model.key.fromStored(holder as KeyValue)) === keyText(key);
}

/** Keeps each reference's reverse entries: [...targetKey, ...holderKey] in the reference's own store. */
export function relink(engine: EngineState, model: TreeModel, key: KeyValue, before: unknown, after: unknown): void {
  if (model.references.length === 0) return;
  // Writable databases are upgraded when opened (./reference-layout.ts): the old layout is only ever read.
  if (engine.legacyReferences) throw new Error('reverse references in catalog format 1 are read-only; open the database writable once to upgrade it');
  const parts = model.key.parts(key);
  for (const ref of model.references) {
    const target = engine.model(ref.stored.target);
    const store = engine.referenceStore(ref);
    const entries = (value: unknown) => (value === undefined ? [] : ref.targets(value).map((t) => target.key.parts(t)));
    const { removed, added } = diff(entries(before), entries(after));
    for (const t of removed) store.remove([...t, ...parts]);
    for (const t of added) store.put([...t, ...parts], null); // sized by the write
  }
}
