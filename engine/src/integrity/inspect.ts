/**
 * One read-only pass of the integrity check. It is synchronous on purpose:
 * lmdb-js keeps one read snapshot for a synchronous run of reads, so records,
 * indexes and reverse references are all seen at the same commit even while
 * another process writes.
 *
 * Missing entries are found by looking up what each record calls for (the
 * forward pass). An index or the reverse-reference stores then hold extra
 * entries exactly when it counts more entries than were found, so the
 * backward passes run only then. Neither pass builds a set of the entries.
 */
import type { Engine } from '../core/engine.js';
import { checkable, checkTree, type ExpectedEntries } from './check-tree.js';
import { findStaleIndexEntries } from './check-index-store.js';
import { findStaleReferenceEntries } from './check-reference-store.js';
import { checkCatalogReferences, checkRevision, checkUnknownStores } from './check-catalog.js';
import { Findings } from './findings.js';
import { Stores } from './stores.js';
import { checkReleaseStates } from './check-release-store.js';

export function inspect(engine: Engine, maxProblems: number, onProgress: (step: string) => void = () => {}): Findings {
  const findings = new Findings(maxProblems);
  const stores = new Stores(engine);
  checkCatalogReferences(engine, findings);
  const references: ExpectedEntries = { expected: 0, found: 0 };
  let maxVersion = 0;
  for (const model of engine.models.values()) {
    findings.checked.trees++;
    onProgress(`the records of ${model.name}, and the index entries and references they call for`);
    const tally = checkTree(stores, model, references, findings);
    checkReleaseStates(stores, model, findings);
    maxVersion = Math.max(maxVersion, tally.maxVersion);
    for (const index of model.indexes) {
      if (!checkable(stores, index)) {
        findings.unchecked.push({ tree: model.name, index: index.stored.name, reason: index.computable ? 'stale: rebuilt when the application next opens the database writable' : 'computed by the application’s code, which this check does not have' });
        continue;
      }
      const { expected, found } = tally.indexes.get(index.storeName)!;
      if (!stores.exists(index.storeName)) {
        if (expected > 0) {
          findings.add({
            kind: 'missing-store',
            tree: model.name,
            index: index.stored.name,
            store: index.storeName,
            message: `${model.name}.${index.stored.name}: its store '${index.storeName}' does not exist, and ${expected} entries belong in it`,
          });
        }
      } else if (stores.get(index.storeName).countRange({}) !== found) {
        onProgress(`the entries of index ${model.name}.${index.stored.name}`);
        findStaleIndexEntries(stores, model, index, findings);
      }
    }
  }
  onProgress('the reverse-reference stores');
  if (referenceEntries(stores) !== references.found) findStaleReferenceEntries(stores, findings);
  onProgress('the list of stores and the revision counter');
  checkUnknownStores(stores, findings);
  checkRevision(stores, maxVersion, findings);
  return findings;
}

/** How many reverse-reference entries there are: in each reference's store (or, before the upgrade, the one shared store). */
function referenceEntries(stores: Stores): number {
  if (stores.engine.legacyReferences) return stores.refs.countRange({});
  let count = 0;
  for (const model of stores.engine.models.values()) for (const ref of model.references) count += stores.get(ref.storeName).countRange({});
  return count;
}
