/**
 * A replica's sync state in the contract's wire shapes (app/contract/sync.ts):
 * its status, check-outs, what waits to be sent and what the server refused.
 * Values arrive from the engine in their JSON form already (the sync
 * protocol's), so they cross as they are. Nothing here reads the database.
 */
import type { Lease as EngineLease, ReplicaSync, SyncStatus as EngineStatus } from '@trellis/engine';
import type { ConflictRecord, Lease, OutboxRecord, SyncConflict, SyncStatus } from '../contract/index.js';
import { MAX_CONFLICT_RECORDS } from '../contract/index.js';
import { keyText, wireKey } from './wire-forms.js';

export type { EngineLease };
export type EngineConflict = ReturnType<ReplicaSync['conflicts']>[number];
export type EngineMutation = ReturnType<ReplicaSync['outbox']>[number];

export function wireStatus(status: EngineStatus): SyncStatus {
  const { state, cursor, serverRevision, waiting, conflicts, snapshot, error, user, admin } = status;
  return {
    state,
    cursor,
    serverRevision,
    waiting,
    conflicts,
    ...(snapshot ? { snapshot: { done: snapshot.done, total: snapshot.total } } : {}),
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
    ...(user !== undefined ? { user } : {}),
    ...(admin !== undefined ? { admin } : {}),
  };
}

export function wireLease(lease: EngineLease, mine: boolean): Lease {
  return { tree: lease.tree, key: wireKey(lease.key), text: keyText(lease.tree, lease.key), user: lease.user, mine, since: lease.since, expires: lease.expires };
}

/** The records of a waiting transaction: a value of null deletes; no base means the server has no such record. */
export function outboxRecords(mutation: EngineMutation): OutboxRecord[] {
  return mutation.ops.map((op) => ({
    tree: op.tree,
    key: wireKey(op.key),
    text: keyText(op.tree, op.key),
    kind: op.value === null ? 'delete' : op.base === null ? 'insert' : 'update',
  }));
}

export function wireConflict(conflict: EngineConflict): SyncConflict {
  const ops = conflict.mutation.ops;
  const records = ops.slice(0, MAX_CONFLICT_RECORDS).map((op, i): ConflictRecord => {
    const text = keyText(op.tree, op.key);
    const theirs = conflict.current[i] ?? null;
    return {
      tree: op.tree,
      key: wireKey(op.key),
      text,
      mine: op.value === null ? null : { value: op.value },
      theirs: theirs ? { key: wireKey(op.key), text, revision: theirs.revision, value: theirs.value } : null,
    };
  });
  return { id: conflict.mutation.id, status: conflict.status, code: conflict.code, message: conflict.message, records, more: ops.length - records.length };
}
