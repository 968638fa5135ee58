/**
 * The release state of a versioned tree's records, as stored beside them in the tree's release
 * store (`v/<tree>`, keyed by record key): only records released or given a lifecycle number have
 * an entry, so drafts cost nothing. The write path asks it before changing a record (./release.ts
 * has the operations that change it).
 */
import { ReleasedError } from '../errors.js';
import type { KeyValue } from '../schema/key-brand.js';
import type { EngineState } from './engine-state.js';
import type { TreeModel } from './tree-model.js';

/** A record's release state as the faces show it. */
export interface ReleaseState {
  readonly released: boolean;
  /** The revision that released it (absent for a draft). */
  readonly releasedAt?: number;
  /** The application's lifecycle number: 0 until set. */
  readonly lifecycle: number;
  /** The revision of the last release or lifecycle change (absent: neither happened). */
  readonly revision?: number;
}

/** As stored in the release store. */
export interface StoredRelease {
  readonly released?: number;
  readonly lifecycle: number;
  readonly revision: number;
}

const DRAFT: ReleaseState = { released: false, lifecycle: 0 };

/** The state of a record of a versioned tree (a draft with lifecycle 0 when nothing was stored for it). */
export function releaseStateOf(engine: EngineState, model: TreeModel, key: KeyValue): ReleaseState {
  const stored = storedRelease(engine, model, key);
  if (!stored) return DRAFT;
  const state = { released: stored.released !== undefined, lifecycle: stored.lifecycle, revision: stored.revision };
  return stored.released === undefined ? state : { ...state, releasedAt: stored.released };
}

export function storedRelease(engine: EngineState, model: TreeModel, key: KeyValue): StoredRelease | undefined {
  if (!model.releaseStore) return undefined;
  return engine.store(model.releaseStore).get(key) as StoredRelease | undefined;
}

/** Throws RELEASED if the record is released: `action` says what was refused ("change", "be deleted", …). */
export function assertNotReleased(engine: EngineState, model: TreeModel, key: KeyValue, action: string): void {
  const released = storedRelease(engine, model, key)?.released;
  if (released !== undefined) throw new ReleasedError(model.name, key, action, released);
}

/** A deleted record's state goes with it (a draft's lifecycle number; released records are never deleted). */
export function forgetRelease(engine: EngineState, model: TreeModel, key: KeyValue): void {
  if (model.releaseStore) engine.store(model.releaseStore).remove(key);
}
