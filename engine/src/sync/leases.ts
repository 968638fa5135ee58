/**
 * Check-out (hills' rule, made durable): a tree may require that a record be
 * checked out before it is edited or deleted. A check-out is a lease with an
 * expiry, kept in the `__sync` store — on the server, which decides, and on
 * every replica, which shows who holds what and refuses a local edit without
 * one — so it survives a restart of either. An administrator may break one.
 */
import { TrellisError } from '../errors.js';
import type { EngineState } from '../core/engine-state.js';
import { keyText } from '../core/tree-model.js';
import { prefixRange } from '../storage/backend.js';
import type { KeyValue } from '../schema/key-brand.js';
import { syncStore } from './sync-store.js';

export interface Lease {
  readonly tree: string;
  readonly key: unknown;
  /** Who holds it: the token's user, and the replica it was taken from. */
  readonly user: string;
  readonly clientId: string;
  /** Milliseconds since the epoch. */
  readonly since: number;
  readonly expires: number;
}

/** Longest lease a replica may ask for, and the default. */
export const MAX_LEASE_MINUTES = 7 * 24 * 60;
export const DEFAULT_LEASE_MINUTES = 60;

export class CheckedOutError extends TrellisError {
  readonly code = 'CHECKED_OUT';
}

export const leaseKey = (tree: string, key: KeyValue) => ['lease', tree, keyText(key)];

export function leaseOf(engine: EngineState, tree: string, key: KeyValue): Lease | undefined {
  return syncStore(engine).get(leaseKey(tree, key)) as Lease | undefined;
}

export function allLeases(engine: EngineState): Lease[] {
  return [...syncStore(engine).entries(prefixRange(['lease']))].map((entry) => entry.value as Lease);
}

export const isLive = (lease: Lease, now = Date.now()) => lease.expires > now;

/** Refuses an edit of a record of a check-out tree unless `clientId` holds a live lease on it. */
export function assertCheckedOut(engine: EngineState, clientId: string, tree: string, key: KeyValue, now = Date.now()): void {
  const lease = leaseOf(engine, tree, key);
  const name = `${tree} ${keyText(key)}`;
  if (!lease) throw new CheckedOutError(`${name} must be checked out before it is changed or deleted: nothing was written`);
  if (lease.clientId !== clientId) throw new CheckedOutError(`${name} is checked out by ${lease.user} until ${new Date(lease.expires).toISOString()}: nothing was written`);
  if (!isLive(lease, now)) throw new CheckedOutError(`the check-out of ${name} ended at ${new Date(lease.expires).toISOString()}: check it out again (nothing was written)`);
}
