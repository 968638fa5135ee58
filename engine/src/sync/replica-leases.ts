/**
 * A replica's copy of the server's check-outs: all of them, replaced on every
 * hello and kept up to date by the server's lease messages, in the `__sync`
 * store so they outlive a restart (and the replica refuses edits offline).
 */
import type { Engine } from '../core/engine.js';
import { prefixRange } from '../storage/backend.js';
import { leaseKey, type Lease } from './leases.js';
import { readState, writeState } from './replica-state.js';
import { syncStore } from './sync-store.js';

/** Everything the server said about check-outs at hello: the trees that require them and who holds what. */
export function takeLeases(engine: Engine, checkOut: readonly string[], leases: readonly Lease[]): Promise<void> {
  return engine.transaction((context) => {
    context.replicating = true;
    const store = syncStore(engine);
    for (const key of [...store.keys(prefixRange(['lease']))]) store.remove(key);
    for (const lease of leases) putLease(engine, lease);
    writeState(engine, { ...readState(engine), checkOut });
  });
}

/** One check-out taken, given back or broken. */
export function takeLease(engine: Engine, tree: string, key: unknown, lease: Lease | null): Promise<void> {
  return engine.transaction((context) => {
    context.replicating = true;
    const model = engine.models.get(tree);
    if (!model) return;
    if (lease) putLease(engine, lease);
    else syncStore(engine).remove(leaseKey(tree, model.key.check(key)));
  });
}

function putLease(engine: Engine, lease: Lease): void {
  const model = engine.models.get(lease.tree);
  if (model) syncStore(engine).put(leaseKey(lease.tree, model.key.check(lease.key)), lease);
}
