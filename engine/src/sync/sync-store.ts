/**
 * What sharing a database keeps in the engine's own `__sync` store, written in
 * the same transactions as the records it is about. Keys are arrays whose
 * first element names the kind of entry:
 *
 * server side
 *   ['server']                         { id }                the server's UUID, made once
 *   ['client', clientId]               last mutation id      taken (applied or refused), for idempotence
 *   ['outcome', clientId, mutationId]  MutationOutcome       re-sent when a replica asks again
 *   ['writer', tree, keyText]          [clientId, revision]  the sync writer of the record's current revision
 * replica side
 *   ['replica']                        ReplicaState          client id, pinned server, cursor, next mutation id
 *   ['outbox', mutationId]             Mutation              local transactions not yet taken by the server
 *   ['shadow', tree, keyText]          Shadow                the server's version of a record the outbox changes
 *   ['pending', tree, keyText]         count                 outbox mutations that change the record
 *   ['base', tree, keyText]            revision              the server revision of each record as applied
 *   ['ids', tree]                      [first, last][]       id blocks for auto-increment trees
 *   ['conflict', mutationId]           SyncConflict          mutations the server did not apply
 */
import type { Store } from '../storage/backend.js';
import type { EngineState } from '../core/engine-state.js';
import { SYNC_STORE } from '../core/meta.js';

export function syncStore(engine: EngineState): Store {
  return engine.store(SYNC_STORE);
}

export const SERVER_KEY = ['server'];
export const REPLICA_KEY = ['replica'];
