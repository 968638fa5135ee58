/**
 * The backward pass over the reverse-reference stores, run only when they hold
 * more entries than the records account for. Each reference has its store,
 * entries `[...targetKey, ...holderKey]`; an entry must split into a key of the
 * target tree and one of the holder's, and the holder must refer to the target.
 * A database read before its upgrade (catalog format 1) has one store for every
 * reference, `[target, ...targetKey, holder tree, path, ...holderKey]`.
 */
import type { Stores } from './stores.js';
import { REFS_STORE } from '../core/meta.js';
import type { ReferenceModel, TreeModel } from '../core/tree-model.js';
import type { Findings } from './findings.js';
import { readRecord } from './check-tree.js';
import { sameStoredKey, showKey, storedParts } from './stored-keys.js';

type Stale = { tree: string; path?: string; reason: string };

export function findStaleReferenceEntries(stores: Stores, findings: Findings): void {
  if (stores.engine.legacyReferences) {
    for (const stored of stores.refs.keys({})) {
      const why = whyLegacyEntryIsStale(stores, storedParts(stored));
      if (why) findings.add({ kind: 'stale-reference-entry', tree: why.tree, store: REFS_STORE, key: stored, ...(why.path ? { path: why.path } : {}), message: `reverse reference ${showKey(stored)}: ${why.reason}` });
    }
    return;
  }
  for (const model of stores.engine.models.values()) {
    for (const ref of model.references) {
      for (const stored of stores.get(ref.storeName).keys({})) {
        const why = whyReferenceEntryIsStale(stores, ref, storedParts(stored));
        if (why) findings.add({ kind: 'stale-reference-entry', tree: why.tree, store: ref.storeName, key: stored, ...(why.path ? { path: why.path } : {}), message: `reverse reference ${showKey(stored)}: ${why.reason}` });
      }
    }
  }
}

/** Why an entry `[...targetKey, ...holderKey]` of `ref`'s store is stale, or undefined when its holder refers to its target. */
export function whyReferenceEntryIsStale(stores: Stores, ref: ReferenceModel, parts: readonly unknown[]): Stale | undefined {
  const { models } = stores.engine;
  const target = models.get(ref.stored.target);
  const path = ref.stored.path;
  if (!target) return { tree: ref.tree, path, reason: `the catalog has no tree '${ref.stored.target}'` };
  const source = models.get(ref.tree)!;
  return whyHolderIsStale(stores, target, parts.slice(0, target.key.arity), source, ref, parts.slice(target.key.arity));
}

/** The same for an entry of format 1's shared store. */
export function whyLegacyEntryIsStale(stores: Stores, parts: readonly unknown[]): Stale | undefined {
  const targetName = String(parts[0]);
  const { models } = stores.engine;
  const target = models.get(targetName);
  if (!target) return { tree: targetName, reason: `the catalog has no tree '${targetName}'` };
  const arity = target.key.arity;
  const sourceName = String(parts[1 + arity]);
  const path = String(parts[2 + arity]);
  const source = models.get(sourceName);
  if (!source) return { tree: sourceName, reason: `the catalog has no tree '${sourceName}'` };
  const ref = source.reference(path);
  if (!ref || ref.stored.target !== target.name) return { tree: sourceName, path, reason: `${sourceName} has no reference '${path}' to ${target.name}` };
  return whyHolderIsStale(stores, target, parts.slice(1, 1 + arity), source, ref, parts.slice(3 + arity));
}

function whyHolderIsStale(stores: Stores, target: TreeModel, targetParts: readonly unknown[], source: TreeModel, ref: ReferenceModel, sourceParts: readonly unknown[]): Stale | undefined {
  const path = ref.stored.path;
  if (targetParts.length !== target.key.arity || sourceParts.length !== source.key.arity) return { tree: source.name, path, reason: 'malformed (wrong number of key parts)' };
  const sourceKey = source.key.fromParts(sourceParts as never);
  const record = readRecord(stores, source, sourceKey);
  const shown = `${source.name} ${showKey(sourceKey)}`;
  if (record === 'unreadable') return undefined; // reported as an undecodable record
  if (!record) return { tree: source.name, path, reason: `${shown} does not exist` };
  const refers = safely(() => ref.targets(record.value).some((t) => sameStoredKey(target.key.parts(t), targetParts))) ?? false;
  return refers ? undefined : { tree: source.name, path, reason: `${shown} .${path} does not refer to ${target.name} ${showKey(target.key.fromParts(targetParts as never))}` };
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
