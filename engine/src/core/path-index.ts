/**
 * Indexes on a path that crosses one reference (`tasks` by `project->team`):
 * each record is indexed by a field of the record its reference names. Such
 * an entry goes stale from either side, so the write path keeps both: a task
 * written is indexed by its project's field as it stands, and a project
 * written re-indexes the tasks that refer to it (found through the reverse
 * entries of that reference, no scan) from its old field to its new one.
 */
import { KeyTooLargeError } from '../errors.js';
import { MAX_KEY_BYTES } from '../storage/backend.js';
import { oversizeBytes } from '../schema/key-codec.js';
import { prefixRange } from '../storage/backend.js';
import type { KeyPart, KeyValue } from '../schema/key-brand.js';
import { diff } from './entry-diff.js';
import { keyText, type IndexModel, type RecordReader, type TreeModel } from './tree-model.js';
import type { EngineState } from './engine-state.js';

/**
 * After `model`'s record `key` went from `before` to `after` (undefined: absent) and was stored: its own path
 * indexes, then those of the records that refer to it through an indexed path.
 */
export function keepPathIndexes(engine: EngineState, model: TreeModel, key: KeyValue, before: unknown, after: unknown): void {
  const id = keyText(key);
  const current: RecordReader = (tree, k) => {
    const m = engine.models.get(tree);
    return m && engine.records(m).get(k);
  };
  // The database as it was before this write: only this record differs.
  const previous: RecordReader = (tree, k) => (tree === model.name && keyText(k) === id ? before : current(tree, k));
  for (const index of model.indexes) {
    if (!index.path) continue;
    const old = before === undefined ? [] : index.entriesWith!(before, previous);
    const now = after === undefined ? [] : index.entriesWith!(after, current);
    apply(engine, index, model, key, old, now);
  }
  for (const { index, holder } of engine.pathIndexesThrough(model.name)) {
    const reference = holder.references.find((r) => r.stored.path === index.path!.reference || r.stored.path === `${index.path!.reference}[]`);
    if (!reference) continue;
    const parts = model.key.parts(key);
    const { start, end } = prefixRange(parts);
    if (oversizeBytes(end) !== undefined) continue;
    for (const stored of engine.referenceStore(reference).keys({ start, end })) {
      const holderKey = holder.key.fromParts(stored as readonly KeyPart[], parts.length);
      if (holder === model && keyText(holderKey) === id) continue; // its own entries were kept above
      const value = engine.records(holder).get(holderKey);
      if (value === undefined) continue;
      apply(engine, index, holder, holderKey, index.entriesWith!(value, previous), index.entriesWith!(value, current));
    }
  }
}

function apply(engine: EngineState, index: IndexModel, model: TreeModel, key: KeyValue, before: KeyPart[][], after: KeyPart[][]): void {
  const { removed, added } = diff(before, after);
  if (removed.length === 0 && added.length === 0) return;
  const store = engine.store(index.storeName);
  const parts = model.key.parts(key);
  for (const tuple of removed) store.remove([...tuple, ...parts]);
  for (const tuple of added) {
    const entry = [...tuple, ...parts];
    const bytes = oversizeBytes(entry);
    if (bytes !== undefined) throw new KeyTooLargeError(model.name, bytes, MAX_KEY_BYTES, { index: index.stored.name });
    store.put(entry, null);
  }
}
