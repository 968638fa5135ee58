/**
 * The catalog against itself and against the stores: references name trees
 * the catalog lists, every store holding entries belongs to a tree or index
 * of the catalog, and no record or change-log entry is newer than the
 * revision counter (the next write would reuse its revision). A log entry is
 * one transaction, keyed by the last revision it took (core/changes.ts), so
 * the last key is the newest revision logged.
 */
import type { Engine } from '../core/engine.js';
import type { Stores } from './stores.js';
import { CHANGES_STORE, META_STORE, REFS_STORE, REVISION_KEY, SYNC_STORE } from '../core/meta.js';
import type { Findings } from './findings.js';
import { firstOf } from '../storage/backend.js';
import { storesOfMigrations } from '../core/migrate.js';

export function checkCatalogReferences(engine: Engine, findings: Findings): void {
  for (const model of engine.models.values()) {
    for (const ref of model.stored.references) {
      if (!engine.models.has(ref.target)) {
        findings.add({ kind: 'invalid-catalog', tree: model.name, path: ref.path, message: `${model.name} .${ref.path} refers to tree '${ref.target}', which the catalog does not list` });
      }
    }
  }
}

export function checkUnknownStores(stores: Stores, findings: Findings): void {
  const { engine } = stores;
  // A migration left in progress (its process died) owns the new stores it writes, a finished one the old stores it empties.
  const known = new Set([META_STORE, CHANGES_STORE, REFS_STORE, SYNC_STORE, ...storesOfMigrations(stores.meta)]);
  for (const model of engine.models.values()) {
    known.add(model.storeName);
    for (const index of model.indexes) known.add(index.storeName);
    for (const ref of model.references) known.add(ref.storeName);
    if (model.releaseStore) known.add(model.releaseStore);
  }
  for (const name of stores.names) {
    if (known.has(name)) continue;
    // A dropped index leaves its store behind, emptied (open.ts): only entries make it a problem.
    const entries = engine.store(name, name.startsWith('t/') ? 'records' : 'plain').countRange({});
    if (entries === 0) continue;
    findings.add({
      kind: 'unknown-store',
      tree: treeOfStore(name),
      store: name,
      message: `store '${name}' holds ${entries} entries, and the catalog has no tree or index it belongs to`,
    });
  }
}

export function checkRevision(stores: Stores, maxRecordVersion: number, findings: Findings): void {
  const revision = (stores.meta.get(REVISION_KEY) as number | undefined) ?? 0;
  if (maxRecordVersion > revision) {
    findings.add({ kind: 'revision-behind', tree: '', store: META_STORE, message: `a record has revision ${maxRecordVersion}, past the revision counter ${revision}` });
  }
  const lastLogged = firstOf(stores.changeLog.keys({ reverse: true, limit: 1 })); // its transaction's last revision
  if (typeof lastLogged === 'number' && lastLogged > revision) {
    findings.add({ kind: 'revision-behind', tree: '', store: CHANGES_STORE, message: `the change log reaches revision ${lastLogged}, past the revision counter ${revision}` });
  }
}

/** `t/users` → users, `v/parts` → parts, `i/users/byName` → users, `r/pets@1/owner` → pets; other names as they are. */
function treeOfStore(name: string): string {
  const [prefix, storage] = name.split('/');
  return (prefix === 't' || prefix === 'i' || prefix === 'r' || prefix === 'v') && storage !== undefined ? storage.split('@')[0]! : name;
}
