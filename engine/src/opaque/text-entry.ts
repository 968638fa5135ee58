/**
 * A record in text form, as every opaque read gives it: the value converted to
 * its JSON form, with its revision, schema version and release state.
 */
import type { ValidationIssue } from '../errors.js';
import type { EngineState } from '../core/engine-state.js';
import type { TreeModel } from '../core/tree-model.js';
import type { KeyValue } from '../schema/key-brand.js';
import { releaseStateOf, type ReleaseState } from '../core/release.js';

/** A record in text form; `value` is absent and `problems` set when the stored value does not convert. */
export interface OpaqueEntry {
  readonly key: KeyValue;
  readonly value: unknown;
  readonly revision: number;
  /** The schema version the record was written under; absent when it was written before the catalog kept its history. */
  readonly schemaVersion?: number;
  readonly problems?: readonly ValidationIssue[];
  /** In a versioned tree: whether the record is released, and its lifecycle number. */
  readonly release?: ReleaseState;
}

/** A stored (native) value in text form, as every read gives it. */
export function textEntry(engine: EngineState, model: TreeModel, key: KeyValue, value: unknown, revision: number): OpaqueEntry {
  const json = model.codec.toJson(value);
  const schemaVersion = engine.schemaVersionAt(revision);
  const dated = schemaVersion === undefined ? { key, revision } : { key, revision, schemaVersion };
  const entry = model.releaseStore ? { ...dated, release: releaseStateOf(engine, model, key) } : dated;
  return json.ok ? { ...entry, value: json.value } : { ...entry, value: undefined, problems: json.issues };
}
