/**
 * Reading reverse references in catalog format 1, where every reference shared
 * one store (`__refs`) with keys `[target, ...targetKey, holder tree, path,
 * ...holderKey]`. Only a database opened read-only before its upgrade reads
 * this way; opened writable, it is upgraded to a store per reference
 * (./reference-layout.ts).
 */
import { InvalidKeyError, type ReferenceHolder } from '../errors.js';
import { oversizeBytes } from '../schema/key-codec.js';
import { prefixRange, type StoredKey } from '../storage/backend.js';
import type { KeyPart, KeyValue } from '../schema/key-brand.js';
import type { EngineState } from './engine-state.js';
import type { TreeModel } from './tree-model.js';

/** reads.ts's ReferrersQuery and ReferenceGroup, restated here so that the two modules need not import each other. */
interface ReferrersQuery {
  readonly limit?: number | undefined;
  readonly group?: { readonly tree: string; readonly path: string; readonly after?: unknown } | undefined;
}
interface ReferenceGroup {
  readonly tree: string;
  readonly path: string;
  readonly count: number;
}

// The reverse index stores [target, ...targetKey, source, path, ...sourceKey]; its rows for one
// target, and within them one (source, path), are each a contiguous key range.

/** Who refers to a record, from the reverse-reference index (no scan). */
export function legacyReferrers(engine: EngineState, model: TreeModel, key: KeyValue, query: ReferrersQuery = {}): ReferenceHolder[] {
  const holders: ReferenceHolder[] = [];
  const targetPrefix = [model.name, ...model.key.parts(key)];
  const group = query.group;
  const prefix = group ? [...targetPrefix, group.tree, group.path] : targetPrefix;
  const { start, end } = prefixRange(prefix);
  // An entry is this prefix and the holder's tree, path and key: past the key size, no entry can exist
  // (and the range's bound could not be encoded: a key near the limit could not be deleted).
  if (oversizeBytes(end) !== undefined) return holders;
  let after: StoredKey | undefined;
  if (group) {
    const source = engine.models.get(group.tree);
    if (!source) return holders; // no such tree: nothing of it can hold anything
    if (group.after !== undefined) {
      after = [...prefix, ...source.key.parts(source.key.check(group.after))];
      // No holder entry is that long (it could not have been stored), so no holder is where such a cursor says.
      if (oversizeBytes(after) !== undefined) throw new InvalidKeyError(group.tree, group.after, 'a cursor past the longest reverse-reference entry: no holder key is that long');
    }
  }
  const treeAt = targetPrefix.length;
  // Holders come from one or a few trees, in runs: look the model up when the tree changes only.
  let tree: string | undefined;
  let holderModel: TreeModel | undefined;
  for (const stored of engine.refs.keys({ start, end, after, limit: query.limit })) {
    const parts = stored as readonly KeyPart[];
    if (parts[treeAt] !== tree) {
      tree = parts[treeAt] as string;
      holderModel = engine.models.get(tree);
    }
    if (holderModel) holders.push({ tree: parts[treeAt] as string, path: parts[treeAt + 1] as string, key: holderModel.key.fromParts(parts.slice(treeAt + 2)) });
  }
  return holders;
}

/**
 * The groups of holders of a record — each (tree, field) that refers to it —
 * with exact counts. One seek per group: the holders themselves are counted
 * by LMDB over their key range, never read one by one into JavaScript.
 */
export function legacyReferenceGroups(engine: EngineState, model: TreeModel, key: KeyValue): ReferenceGroup[] {
  const groups: ReferenceGroup[] = [];
  const targetPrefix = [model.name, ...model.key.parts(key)];
  const { end } = prefixRange(targetPrefix);
  if (oversizeBytes(end) !== undefined) return groups;
  // No more groups than references declared anywhere (plus one, for an entry a damaged file could add).
  const bound = [...engine.models.values()].reduce((sum, source) => sum + source.stored.references.length, 1);
  let from: StoredKey = targetPrefix;
  for (let seen = 0; seen < bound; seen++) {
    const [first] = engine.refs.keys({ start: from, end, limit: 1 });
    if (first === undefined) break;
    const parts = first as readonly KeyPart[];
    const tree = parts[targetPrefix.length] as string;
    const path = parts[targetPrefix.length + 1] as string;
    const group = prefixRange([...targetPrefix, tree, path]);
    groups.push({ tree, path, count: engine.refs.countRange(group) });
    from = group.end;
  }
  return groups;
}

