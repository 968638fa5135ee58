/**
 * What a replica does with what its server sends, each in one local
 * transaction with its cursor: changes from a pull, a page of a snapshot, the
 * outcomes of a push. A record the outbox changes keeps showing the local edit;
 * the server's version goes to its shadow and comes back when the record
 * leaves the outbox. Nothing here is an edit of the replica's (no outbox entry).
 */
import type { Engine } from '../core/engine.js';
import { keyText, type TreeModel } from '../core/tree-model.js';
import { storedRelease, type StoredRelease } from '../core/release-state.js';
import type { WriteContext } from '../core/write-context.js';
import type { KeyValue } from '../schema/key-brand.js';
import type { Mutation, MutationOutcome, RecordChange, SnapshotPage } from './protocol.js';
import { baseKey, fromWire, pendingKey, readState, shadowKey, toWire, writeState, type ReplicaState, type Shadow } from './replica-state.js';
import { outboxKey } from './replica-outbox.js';
import { syncStore } from './sync-store.js';
import { ProtocolError } from './sync-errors.js';

/** A mutation the server did not apply, kept for the application and the browser's conflict view. */
export interface SyncConflict {
  readonly mutation: Mutation;
  readonly status: 'conflict' | 'refused';
  readonly code: string;
  readonly message: string;
  /** The server's records of the mutation's ops when it was refused (null: none), in op order. */
  readonly current: readonly ({ readonly value: unknown; readonly revision: number } | null)[];
}

export const conflictKey = (id: number) => ['conflict', id];

/** Runs `body` as the application of server data: indexes kept, nothing checked, no outbox entry. */
function replicating<T>(engine: Engine, body: (context: WriteContext, state: ReplicaState) => T): Promise<T> {
  return engine.transaction((context) => {
    context.replicating = true;
    return body(context, readState(engine));
  });
}

export function applyChanges(engine: Engine, changes: readonly RecordChange[], to: number): Promise<void> {
  return replicating(engine, (context, state) => {
    for (const change of changes) applyRecord(engine, context, change);
    writeState(engine, { ...state, cursor: Math.max(state.cursor, to) });
  });
}

/**
 * A snapshot page stands for every server record from just after `after` to its `next`: the replica's
 * records in that span that the page does not hold are gone from the server.
 */
export function applySnapshotPage(engine: Engine, page: SnapshotPage, after: SnapshotPage['next'], trees: readonly string[]): Promise<void> {
  return replicating(engine, (context, state) => {
    const sent = new Set(page.records.map((r) => `${r.tree}/${keyText(r.key as KeyValue)}`));
    const names = [...trees].sort().filter((name) => (!after || name >= after.tree) && (!page.next || name <= page.next.tree));
    for (const name of names) {
      const model = engine.models.get(name);
      if (!model) continue;
      // From just after `after` up to (the page's last record, which it holds) `next`, in store order.
      const from = after && after.tree === name ? model.key.check(after.key) : undefined;
      const upTo = page.next && page.next.tree === name ? model.key.check(page.next.key) : undefined;
      for (const key of [...engine.records(model).keys({ after: from, end: upTo })]) {
        if (!sent.has(`${name}/${keyText(key as KeyValue)}`)) applyRecord(engine, context, { tree: name, key, value: null, revision: page.at });
      }
    }
    for (const record of page.records) applyRecord(engine, context, record);
    const snapshot = { at: state.snapshot?.at ?? page.at, after: page.next };
    if (page.next) writeState(engine, { ...state, snapshot });
    else writeState(engine, { ...withoutSnapshot(state), cursor: snapshot.at });
  });
}

/** Takes the server's answers to pushed mutations: each leaves the outbox, its records get the server's version back. */
export function applyOutcomes(engine: Engine, outcomes: readonly MutationOutcome[]): Promise<SyncConflict[]> {
  return replicating(engine, (context) => {
    const store = syncStore(engine);
    const conflicts: SyncConflict[] = [];
    for (const outcome of outcomes) {
      const mutation = store.get(outboxKey(outcome.id)) as Mutation | undefined;
      if (!mutation) continue; // taken before: an answer repeated
      mutation.ops.forEach((op, i) => {
        const model = engine.model(op.tree);
        const key = model.key.check(op.key);
        const theirs = outcome.status === 'applied' ? { value: op.value, revision: outcome.revisions[i] ?? null } : outcome.current[i];
        if (theirs && theirs.revision !== null) updateShadow(engine, model, key, fromWire(model, theirs.value), theirs.revision);
        release(engine, context, model, key);
      });
      store.remove(outboxKey(outcome.id));
      if (outcome.status !== 'applied') {
        const conflict: SyncConflict = { mutation, status: outcome.status, code: outcome.code, message: outcome.message, current: outcome.current };
        store.put(conflictKey(outcome.id), conflict);
        conflicts.push(conflict);
      }
    }
    return conflicts;
  });
}

function applyRecord(engine: Engine, context: WriteContext, change: RecordChange): void {
  const model = engine.models.get(change.tree);
  if (!model) throw new ProtocolError(`the server sent a record of ${change.tree}, a tree this replica does not have`);
  const key = model.key.check(change.key);
  const value = fromWire(model, change.value);
  const store = syncStore(engine);
  if (store.has(shadowKey(model.name, key))) {
    updateShadow(engine, model, key, value, change.revision, change.release ?? DRAFT);
    return;
  }
  replicateIfChanged(engine, context, model, key, value);
  if (value === null) store.remove(baseKey(model.name, key));
  else store.put(baseKey(model.name, key), change.revision);
  if (value !== null) replicateRelease(context, engine, model, key, change.release ?? DRAFT);
}

const DRAFT = { released: false, lifecycle: 0 } as const;

/**
 * A versioned tree's record takes the server's release state (released, lifecycle number), stamped with a
 * revision and a change event of its own as a local release is, so a window showing it is told.
 */
function replicateRelease(context: WriteContext, engine: Engine, model: TreeModel, key: KeyValue, wanted: { readonly released: boolean; readonly lifecycle: number }): void {
  if (!model.releaseStore) return;
  const local = storedRelease(engine, model, key);
  if ((local?.released !== undefined) === wanted.released && (local?.lifecycle ?? 0) === wanted.lifecycle) return;
  const revision = context.stamp(model, key, wanted.released ? 'release' : 'lifecycle');
  const released = wanted.released ? { released: local?.released ?? revision } : {};
  engine.store(model.releaseStore).put(key, { ...released, lifecycle: wanted.lifecycle, revision } satisfies StoredRelease);
}

/**
 * The server's version of a record the outbox changes, if newer than the one kept. `releaseState`: the
 * server's release state as a pull tells it; a push's answer does not, and keeps what the shadow knew.
 */
function updateShadow(engine: Engine, model: TreeModel, key: KeyValue, value: unknown, revision: number, releaseState?: Shadow['release']): void {
  const store = syncStore(engine);
  const at = shadowKey(model.name, key);
  const shadow = store.get(at) as Shadow | undefined;
  if (shadow && shadow.revision !== null && shadow.revision > revision) return;
  const release = releaseState ?? shadow?.release;
  store.put(at, { key, value, revision: value === null ? null : revision, ...(release ? { release } : {}) } satisfies Shadow);
}

/** One mutation fewer changes the record; when none does, it shows the server's version again. */
function release(engine: Engine, context: WriteContext, model: TreeModel, key: KeyValue): void {
  const store = syncStore(engine);
  const pendingAt = pendingKey(model.name, key);
  const left = ((store.get(pendingAt) as number | undefined) ?? 1) - 1;
  if (left > 0) {
    store.put(pendingAt, left);
    return;
  }
  store.remove(pendingAt);
  const shadow = store.get(shadowKey(model.name, key)) as Shadow | undefined;
  store.remove(shadowKey(model.name, key));
  if (!shadow) return;
  replicateIfChanged(engine, context, model, key, shadow.value);
  // Known only when a pull told it while the edit waited; otherwise the next pull of the record does.
  if (shadow.value !== null && shadow.release) replicateRelease(context, engine, model, key, shadow.release);
  if (shadow.revision === null) store.remove(baseKey(model.name, key));
  else store.put(baseKey(model.name, key), shadow.revision);
}

function withoutSnapshot(state: ReplicaState): ReplicaState {
  const { snapshot: _done, ...rest } = state;
  return rest;
}

/**
 * Writes the server's version (native; null: none) unless the record already holds it. Each write takes a
 * local revision: a record this replica pushed comes back twice (the push's answer, then the pull), and an
 * editor showing it took the second revision for a change made elsewhere.
 */
function replicateIfChanged(engine: Engine, context: WriteContext, model: TreeModel, key: KeyValue, value: unknown): void {
  const current = engine.records(model).get(key);
  if (value === null ? current === undefined : current !== undefined && JSON.stringify(toWire(model, current)) === JSON.stringify(toWire(model, value))) return;
  context.replicate(model, key, value === null ? undefined : value);
}
