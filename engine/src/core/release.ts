/**
 * Released records of versioned trees. Releasing a record makes it final: the write path
 * refuses to change or delete it (RELEASED), directly or through a cascade or setNull that
 * would reach it, so what it refers to stays as it was released. A small lifecycle number
 * stays settable (an application's own state machine: approved, obsolete, …), and a new
 * version (same identity, next version number) starts as a draft copy to edit.
 * The state itself is kept by ./release-state.ts.
 */
import { ConflictError, InvalidKeyError, NotFoundError, ValidationError, type ValidationIssue } from '../errors.js';
import type { KeyPart, KeyValue } from '../schema/key-brand.js';
import type { EngineState } from './engine-state.js';
import { pointerOf } from './entry-size.js';
import type { TreeModel } from './tree-model.js';
import type { WriteContext, WriteOptions } from './write-context.js';
import { releaseStateOf, storedRelease, type ReleaseState, type StoredRelease } from './release-state.js';

export { releaseStateOf, type ReleaseState };

function versionedRecord(engine: EngineState, model: TreeModel, rawKey: unknown, options: WriteOptions): { key: KeyValue; value: unknown } {
  if (!model.releaseStore) throw new InvalidKeyError(model.name, rawKey, `tree '${model.name}' is not versioned: its records cannot be released or given a lifecycle number`);
  const key = model.key.check(rawKey);
  const entry = engine.records(model).getEntry(key);
  if (options.ifRevision !== undefined && entry?.version !== options.ifRevision) throw new ConflictError(model.name, key, options.ifRevision, entry?.version);
  if (!entry) throw new NotFoundError(model.name, key);
  return { key, value: entry.value };
}

/**
 * Releases a record: from this transaction on it never changes. Refused while it refers to a draft of a
 * versioned tree (release that first: a released record's relations must be final too). Releasing a
 * released record changes nothing. `ifRevision`: only if the record is still at that revision.
 */
export function release(context: WriteContext, engine: EngineState, model: TreeModel, rawKey: unknown, options: WriteOptions = {}): ReleaseState {
  const { key, value } = versionedRecord(engine, model, rawKey, options);
  const stored = storedRelease(engine, model, key);
  if (stored?.released !== undefined) return releaseStateOf(engine, model, key);
  const drafts = draftTargets(engine, model, value);
  if (drafts.length > 0) throw new ValidationError(model.name, drafts);
  const revision = context.stamp(model, key, 'release');
  engine.store(model.releaseStore!).put(key, { released: revision, lifecycle: stored?.lifecycle ?? 0, revision } satisfies StoredRelease);
  return releaseStateOf(engine, model, key);
}

/** The references of `value` to records of versioned trees that are not released: each an issue at its field. */
function draftTargets(engine: EngineState, model: TreeModel, value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const ref of model.references) {
    const target = engine.model(ref.stored.target);
    if (!target.releaseStore) continue;
    for (const targetKey of ref.targets(value)) {
      if (storedRelease(engine, target, target.key.check(targetKey))?.released !== undefined) continue;
      issues.push({
        path: pointerOf(ref.stored.fields?.[0] ?? ref.stored.path),
        message: `refers to ${target.name} ${JSON.stringify(targetKey)}, a draft: release it first (a released record's references must be released too)`,
      });
    }
  }
  return issues;
}

/** Sets the lifecycle number of a record of a versioned tree, released or not: a revision and a change event of its own. */
export function setLifecycle(context: WriteContext, engine: EngineState, model: TreeModel, rawKey: unknown, lifecycle: number, options: WriteOptions = {}): ReleaseState {
  if (!Number.isSafeInteger(lifecycle) || lifecycle < 0) {
    throw new ValidationError(model.name, [{ path: '', message: `the lifecycle number must be a whole number from 0, got ${JSON.stringify(lifecycle)}` }]);
  }
  const { key } = versionedRecord(engine, model, rawKey, options);
  const stored = storedRelease(engine, model, key);
  const revision = context.stamp(model, key, 'lifecycle');
  const next: StoredRelease = stored?.released === undefined ? { lifecycle, revision } : { released: stored.released, lifecycle, revision };
  engine.store(model.releaseStore!).put(key, next);
  return releaseStateOf(engine, model, key);
}

/**
 * Makes the next version of a record: its identity with the version after the newest one stored, holding
 * a copy of `rawKey`'s value (references and all), as a draft with lifecycle 0. Returns the new key.
 */
export function newVersion(context: WriteContext, engine: EngineState, model: TreeModel, rawKey: unknown): KeyValue {
  const { key, value } = versionedRecord(engine, model, rawKey, {});
  const identity = model.key.identity(key);
  const newest = lastVersion(engine, model, identity);
  return context.put(model, model.key.withVersion(identity, newest + 1), value, 'native', { create: true });
}

/** The range of keys of every version of an identity. */
function versionRange(model: TreeModel, identity: KeyValue): { start: KeyPart[]; end: KeyPart[] } {
  const prefix = model.key.parts(model.key.withVersion(identity, 1)).slice(0, -1);
  return { start: [...prefix, 1], end: [...prefix, Number.MAX_SAFE_INTEGER + 1] };
}

/** The newest version number stored for an identity (0: none). */
function lastVersion(engine: EngineState, model: TreeModel, identity: KeyValue): number {
  const [last] = engine.records(model).keys({ ...versionRange(model, identity), reverse: true, limit: 1 });
  return last === undefined ? 0 : (model.key.versionOf(model.key.fromStored(last)) ?? 0);
}

/** The keys of every stored version of an identity (a key without its version, checked here), oldest first. */
export function versionKeys(engine: EngineState, model: TreeModel, rawIdentity: unknown): KeyValue[] {
  const identity = model.key.identity(model.key.check(model.key.withVersion(rawIdentity as KeyValue, 1)));
  return [...engine.records(model).keys(versionRange(model, identity))].map((k) => model.key.fromStored(k));
}

/**
 * An imported record's state, as its export carried it: released (or not) with its lifecycle number,
 * under revisions of this database (the source's revisions mean nothing here). The record was just
 * written by the import; its references were released in the source, which an import does not recheck.
 */
export function restoreRelease(context: WriteContext, engine: EngineState, model: TreeModel, key: KeyValue, state: { readonly released: boolean; readonly lifecycle: number }): void {
  if (!model.releaseStore) throw new InvalidKeyError(model.name, key, `tree '${model.name}' is not versioned: its records have no release state`);
  const revision = context.stamp(model, key, state.released ? 'release' : 'lifecycle');
  const stored: StoredRelease = state.released ? { released: revision, lifecycle: state.lifecycle, revision } : { lifecycle: state.lifecycle, revision };
  engine.store(model.releaseStore).put(key, stored);
}
