/**
 * A replica's own entries in the `__sync` store (./sync-store.ts lists them
 * all): its state, the shadows of records its outbox changes, and the
 * conversions between the wire's JSON form and the stored native values.
 */
import { randomUUID } from 'node:crypto';
import type { EngineState } from '../core/engine-state.js';
import { keyText, type TreeModel } from '../core/tree-model.js';
import type { KeyValue } from '../schema/key-brand.js';
import { REPLICA_KEY, syncStore } from './sync-store.js';
import { ProtocolError } from './sync-errors.js';

export interface ReplicaState {
  readonly clientId: string;
  /** The server this replica was made from, pinned on its first sync. */
  readonly serverId?: string;
  readonly catalogHash?: string;
  /** The last server revision applied. */
  readonly cursor: number;
  readonly nextMutationId: number;
  /** Trees whose records must be checked out before they are changed (the server's list, as last told). */
  readonly checkOut?: readonly string[];
  /** A snapshot under way: the revision it began at and where its last page ended. */
  readonly snapshot?: { readonly at: number; readonly after: { readonly tree: string; readonly key: unknown } | null };
}

/**
 * The server's version of a record the outbox changes (value null: it has none), kept apart while local edits
 * show in its place; the record takes it back when no mutation in the outbox changes it any more.
 */
export interface Shadow {
  readonly key: KeyValue;
  /** Native, as stored; null when the server has no such record. */
  readonly value: unknown;
  /** The server revision it has; null when the record is not on the server. */
  readonly revision: number | null;
  /** Its release state on the server, in a versioned tree (absent: a draft, lifecycle 0). */
  readonly release?: { readonly released: boolean; readonly lifecycle: number };
}

export function readState(engine: EngineState): ReplicaState {
  return (syncStore(engine).get(REPLICA_KEY) as ReplicaState | undefined) ?? { clientId: randomUUID(), cursor: 0, nextMutationId: 1 };
}

/** Inside a transaction. */
export function writeState(engine: EngineState, state: ReplicaState): void {
  syncStore(engine).put(REPLICA_KEY, state);
}

export const shadowKey = (tree: string, key: KeyValue) => ['shadow', tree, keyText(key)];
export const pendingKey = (tree: string, key: KeyValue) => ['pending', tree, keyText(key)];
export const baseKey = (tree: string, key: KeyValue) => ['base', tree, keyText(key)];

/** A stored value in the wire's JSON form. */
export function toWire(model: TreeModel, value: unknown): unknown {
  const json = model.codec.toJson(value);
  return json.ok ? json.value : value;
}

/** A value from the server, checked by this replica's schema and made native; null stays null (deleted). */
export function fromWire(model: TreeModel, value: unknown): unknown {
  if (value === null) return null;
  const checked = model.codec.checkJson(value);
  if (!checked.ok) throw new ProtocolError(`the server sent a ${model.name} record this replica's schema refuses: ${checked.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
  return checked.value;
}
