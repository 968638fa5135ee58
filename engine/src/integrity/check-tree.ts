/**
 * The forward pass over one tree: every record is read, its key and value
 * checked against the stored schema, and every index entry and reverse
 * reference a recomputation says it must have is looked up. Nothing is
 * collected per record, so memory does not grow with the tree; entries that
 * should not be there are found afterwards by counting (see inspect.ts).
 */
import { autoKey, REFS_STORE, staleIndexKey } from '../core/meta.js';
import { keyText, type IndexModel, type ReferenceModel, type TreeModel } from '../core/tree-model.js';
import type { Stores } from './stores.js';
import type { KeyPart, KeyValue } from '../schema/key-brand.js';
import type { Findings } from './findings.js';
import { scanRecords } from './scan-records.js';
import { sameStoredKey, showKey } from './stored-keys.js';

/** Per index store (by name): entries the records call for, and how many of them are there. */
export interface ExpectedEntries {
  expected: number;
  found: number;
}

export interface TreeTally {
  /** The highest record revision seen. */
  readonly maxVersion: number;
  readonly indexes: ReadonlyMap<string, ExpectedEntries>;
}

export function checkTree(stores: Stores, model: TreeModel, refsFound: ExpectedEntries, findings: Findings): TreeTally {
  const tree = model.name;
  const store = model.storeName;
  const records = stores.records(model);
  const indexes = new Map(model.indexes.map((index) => [index.storeName, { expected: 0, found: 0 }]));
  let scanned = 0;
  let maxVersion = 0;
  let largestKey: KeyValue | undefined;
  for (const record of scanRecords(records)) {
    scanned++;
    findings.checked.records++;
    if (!record.ok) {
      findings.add({ kind: 'undecodable-record', tree, store, key: record.key, message: `${tree} ${showKey(record.key)}: the stored value cannot be decoded (${messageOf(record.error)})` });
      continue;
    }
    let key: KeyValue;
    try {
      key = model.key.check(model.key.fromStored(record.key));
    } catch (error) {
      findings.add({ kind: 'invalid-key', tree, store, key: record.key, message: `${tree} ${showKey(record.key)}: ${messageOf(error)}` });
      continue;
    }
    largestKey = key;
    maxVersion = Math.max(maxVersion, record.version);
    const checked = model.codec.checkNative(record.value);
    if (!checked.ok) {
      for (const issue of checked.issues) {
        findings.add({ kind: 'invalid-record', tree, store, key, path: issue.path, message: `${tree} ${showKey(key)} ${issue.path || '(value)'}: ${issue.message}` });
      }
    }
    for (const index of model.indexes) if (checkable(stores, index)) checkIndexEntries(stores, model, index, key, record.value, indexes.get(index.storeName)!, findings);
    for (const ref of model.references) checkReference(stores, model, ref, key, record.value, refsFound, findings);
  }
  const counted = records.count();
  if (counted !== scanned) {
    findings.add({ kind: 'count-mismatch', tree, store, message: `${tree}: the store counts ${counted} records, ${scanned} were read` });
  }
  if (model.stored.key.kind === 'auto') checkCounter(stores, tree, model.storage, (largestKey === undefined ? undefined : model.key.identity(largestKey)) as number | undefined, findings);
  return { maxVersion, indexes };
}

function checkIndexEntries(stores: Stores, model: TreeModel, index: IndexModel, key: KeyValue, value: unknown, tally: ExpectedEntries, findings: Findings): void {
  const store = stores.get(index.storeName);
  // A missing store is one problem (reported by inspect.ts), not one per entry.
  const present = stores.exists(index.storeName);
  const where = { tree: model.name, index: index.stored.name, store: index.storeName, key };
  for (const tuple of entriesOf(index, value)) {
    tally.expected++;
    findings.checked.indexEntries++;
    if (!present) continue;
    const shown = `${model.name}.${index.stored.name} ${showKey(tuple)}`;
    if (!index.stored.unique) {
      if (lookup(() => store.has([...tuple, ...model.key.parts(key)]))) tally.found++;
      else findings.add({ kind: 'missing-index-entry', ...where, message: `${shown} is missing the entry of ${model.name} ${showKey(key)}` });
      continue;
    }
    const holder = lookup(() => store.get(tuple));
    if (holder === undefined) {
      findings.add({ kind: 'missing-index-entry', ...where, message: `${shown} has no entry; ${model.name} ${showKey(key)} holds that value` });
    } else if (sameStoredKey(holder, key)) {
      tally.found++;
    } else if (holds(stores, model, index, holder, tuple) === true) {
      findings.add({ kind: 'unique-conflict', ...where, message: `${shown} is held by both ${model.name} ${showKey(model.key.fromStored(holder))} and ${showKey(key)}` });
    } else {
      findings.add({ kind: 'missing-index-entry', ...where, message: `${shown} points at ${showKey(holder)}; ${model.name} ${showKey(key)} holds that value` });
    }
  }
}

/**
 * Whether the record stored under `key` puts `tuple` in `index`: 'unreadable'
 * when the record exists but its value does not decode (reported on its own;
 * its entries cannot be judged).
 */
export function holds(stores: Stores, model: TreeModel, index: IndexModel, key: unknown, tuple: readonly unknown[]): boolean | 'unreadable' {
  const record = readRecord(stores, model, key);
  if (record === 'unreadable') return record;
  return record !== undefined && entriesOf(index, record.value).some((own) => sameStoredKey(own, tuple));
}

/** A record by stored key: undefined when absent (or the key is malformed), 'unreadable' when it does not decode. */
export function readRecord(stores: Stores, model: TreeModel, key: unknown): { value: unknown } | undefined | 'unreadable' {
  const store = stores.records(model);
  let checked: unknown;
  try {
    checked = model.key.fromStored(key);
    if (!store.has(checked as never)) return undefined;
  } catch {
    return undefined;
  }
  try {
    return store.getEntry(checked as never);
  } catch {
    return 'unreadable';
  }
}

function checkReference(stores: Stores, model: TreeModel, ref: ReferenceModel, key: KeyValue, value: unknown, tally: ExpectedEntries, findings: Findings): void {
  const target = stores.engine.models.get(ref.stored.target);
  if (!target) return; // the catalog check reports the reference itself
  const path = ref.stored.path;
  const seen = new Set<string>(); // a list may name the same record twice; it has one reverse entry
  for (const targetKey of ref.targets(value)) {
    if (seen.has(keyText(targetKey))) continue;
    seen.add(keyText(targetKey));
    tally.expected++;
    findings.checked.references++;
    const where = { tree: model.name, key, path };
    const from = `${model.name} ${showKey(key)} .${path}`;
    if (!lookup(() => stores.records(target).has(target.key.check(targetKey)))) {
      findings.add({ kind: 'dangling-reference', ...where, message: `${from} refers to ${target.name} ${showKey(targetKey)}, which does not exist` });
    }
    const legacy = stores.engine.legacyReferences;
    const entry = lookup(() =>
      legacy ? [target.name, ...target.key.parts(targetKey), model.name, path, ...model.key.parts(key)] : [...target.key.parts(targetKey), ...model.key.parts(key)],
    );
    const store = legacy ? REFS_STORE : ref.storeName;
    if (entry && lookup(() => stores.get(store).has(entry))) tally.found++;
    else findings.add({ kind: 'missing-reference-entry', ...where, store, message: `${from} refers to ${target.name} ${showKey(targetKey)}, and the reverse-reference store lacks that entry` });
  }
}

function checkCounter(stores: Stores, tree: string, storage: string, largest: number | undefined, findings: Findings): void {
  const counter = (stores.meta.get(autoKey(storage)) as number | undefined) ?? 0;
  if (largest !== undefined && counter < largest) {
    findings.countersToRaise.set(tree, largest);
    findings.add({
      kind: 'auto-counter-behind',
      tree,
      key: largest,
      message: `${tree}: the auto-increment counter is at ${counter} but id ${largest} exists; the next insert would collide`,
    });
  }
}

/**
 * Whether the check can judge an index's entries: a computed index only with the application's function
 * (`db.opaque.verify()` of the typed face has it, `npm run verify` does not), and not while it is marked
 * stale (its lookups are refused until the application rebuilds it).
 */
export function checkable(stores: Stores, index: IndexModel): boolean {
  return !index.computed || (index.computable && stores.meta.get(staleIndexKey(index.storeName)) === undefined);
}

/** The index entries of a value; a value too odd to index (written past the checks) has none. */
export function entriesOf(index: IndexModel, value: unknown): KeyPart[][] {
  try {
    return index.entries(value);
  } catch {
    return [];
  }
}

/** A storage lookup that cannot throw: a key too large or malformed is simply not there. */
function lookup<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
