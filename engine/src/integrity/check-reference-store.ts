/**
 * The backward pass over the reverse-reference store, run only when it holds
 * more entries than the records account for. An entry is
 * `[target, ...targetKey, source, path, ...sourceKey]`; it must name trees and
 * a reference the catalog knows, and the source record must refer to the target.
 */
import type { Stores } from './stores.js';
import { REFS_STORE } from '../core/meta.js';
import type { Findings } from './findings.js';
import { readRecord } from './check-tree.js';
import { sameStoredKey, showKey, storedParts } from './stored-keys.js';

export function findStaleReferenceEntries(stores: Stores, findings: Findings): void {
  for (const stored of stores.refs.keys({})) {
    const why = whyReferenceEntryIsStale(stores, storedParts(stored));
    if (why === undefined) continue;
    findings.add({ kind: 'stale-reference-entry', tree: why.tree, store: REFS_STORE, key: stored, ...(why.path ? { path: why.path } : {}), message: `reverse reference ${showKey(stored)}: ${why.reason}` });
  }
}

export function whyReferenceEntryIsStale(stores: Stores, parts: readonly unknown[]): { tree: string; path?: string; reason: string } | undefined {
  const targetName = String(parts[0]);
  const { models } = stores.engine;
  const target = models.get(targetName);
  if (!target) return { tree: targetName, reason: `the catalog has no tree '${targetName}'` };
  const arity = target.key.arity;
  const targetParts = parts.slice(1, 1 + arity);
  const sourceName = String(parts[1 + arity]);
  const path = String(parts[2 + arity]);
  const source = models.get(sourceName);
  if (!source) return { tree: sourceName, reason: `the catalog has no tree '${sourceName}'` };
  const ref = source.reference(path);
  if (!ref || ref.stored.target !== target.name) return { tree: sourceName, path, reason: `${sourceName} has no reference '${path}' to ${target.name}` };
  const sourceParts = parts.slice(3 + arity);
  if (sourceParts.length !== source.key.arity) return { tree: sourceName, path, reason: 'malformed (wrong number of key parts)' };
  const sourceKey = source.key.fromParts(sourceParts);
  const record = readRecord(stores, source, sourceKey);
  const shown = `${sourceName} ${showKey(sourceKey)}`;
  if (record === 'unreadable') return undefined; // reported as an undecodable record
  if (!record) return { tree: sourceName, path, reason: `${shown} does not exist` };
  const refers = safely(() => ref.targets(record.value).some((t) => sameStoredKey(target.key.parts(t), targetParts))) ?? false;
  return refers ? undefined : { tree: sourceName, path, reason: `${shown} .${path} does not refer to ${target.name} ${showKey(target.key.fromParts(targetParts))}` };
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
