/**
 * Engine results in the contract's wire shapes: plain JSON, keys with their
 * canonical OpaqueKey text. Nothing here reads the database.
 */
import { formatOpaqueKey, type KeyValue, type OpaqueEntry, type ReferenceHolder } from '@trellis/engine';
import type { HolderDetail, JsonKey, RecordEntry, ReleaseState } from '../contract/index.js';

export function keyText(tree: string, key: unknown): string {
  return formatOpaqueKey({ tree, key: key as KeyValue });
}

export function wireKey(key: unknown): JsonKey {
  return (Array.isArray(key) ? [...(key as JsonKey[])] : key) as JsonKey;
}

export function wireEntry(tree: string, entry: OpaqueEntry): RecordEntry {
  const written = entry.schemaVersion === undefined ? {} : { schemaVersion: entry.schemaVersion };
  const release = entry.release === undefined ? {} : { release: wireRelease(entry.release) };
  const base = { key: wireKey(entry.key), text: keyText(tree, entry.key), revision: entry.revision, ...written, ...release };
  if (entry.problems) return { ...base, problems: entry.problems.map(({ path, message }) => ({ path, message })) };
  return { ...base, value: entry.value };
}

/** A versioned record's release state, only the fields it has (the engine's object may hold more in future). */
function wireRelease(state: ReleaseState): ReleaseState {
  const { released, releasedAt, lifecycle, revision } = state;
  return { released, lifecycle, ...(releasedAt === undefined ? {} : { releasedAt }), ...(revision === undefined ? {} : { revision }) };
}

export function wireHolder(holder: ReferenceHolder): HolderDetail & { key: JsonKey } {
  return { tree: holder.tree, key: wireKey(holder.key), text: keyText(holder.tree, holder.key), path: holder.path };
}
