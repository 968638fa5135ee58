/**
 * The editor's writes, each answering a closed set of outcomes instead of
 * throwing, so the component only maps outcomes to what the user sees.
 */
import type { HolderDetail, HostErrorPayload, IssueDetail, JsonKey, RecordEntry, Transport, TreeSummary, WrittenRecord } from '../../../../app/contract/index.js';
import type { JsonValue } from '../text/json5-text.js';
import { keyFromFunction } from './key-agreement.js';

export type SaveOutcome =
  | { readonly type: 'saved'; readonly entry: RecordEntry }
  | { readonly type: 'invalid'; readonly issues: readonly IssueDetail[] }
  | { readonly type: 'conflict'; readonly current: RecordEntry | null }
  | { readonly type: 'error'; readonly message: string };

export type DeleteOutcome =
  /** `written`: every record the delete removed or unlinked, as it was (for undo); empty when it was too many to list. */
  | { readonly type: 'deleted'; readonly written: readonly WrittenRecord[] }
  | { readonly type: 'refused'; readonly holders: readonly HolderDetail[] }
  | { readonly type: 'error'; readonly message: string };

/** The host's error payload, whichever transport threw it. */
export function errorPayload(error: unknown): HostErrorPayload {
  if (typeof error === 'object' && error !== null && 'payload' in error) {
    const payload = (error as { payload: unknown }).payload;
    if (typeof payload === 'object' && payload !== null && 'code' in payload) return payload as HostErrorPayload;
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

function writeFailure(error: unknown): SaveOutcome {
  const payload = errorPayload(error);
  if (payload.code === 'VALIDATION' && payload.issues) return { type: 'invalid', issues: payload.issues };
  if (payload.code === 'CONFLICT') return { type: 'conflict', current: payload.current ?? null };
  if (payload.code === 'DUPLICATE_KEY') return { type: 'error', message: `${payload.message}: change the key` };
  return { type: 'error', message: payload.message };
}

/** Saves over an existing record, refused by the host if someone else wrote it since `expectedRevision`. */
export async function saveExisting(client: Transport, tree: string, key: JsonKey, value: JsonValue, expectedRevision: number): Promise<SaveOutcome> {
  try {
    const { entry } = await client.call('records.put', { tree, key, value, expectedRevision });
    return { type: 'saved', entry };
  } catch (error) {
    return writeFailure(error);
  }
}

/** Whether the user types the key (a custom key function only the application has) or the engine derives or draws it (fieldKey too). */
export function needsKeyInput(tree: TreeSummary): boolean {
  return keyFromFunction(tree);
}

/** Creates a record: `records.insert` where the engine makes the key, `put` with `create` for a typed key. */
export async function createRecord(client: Transport, tree: TreeSummary, value: JsonValue, key: JsonKey | undefined): Promise<SaveOutcome> {
  try {
    if (needsKeyInput(tree)) {
      if (key === undefined) return { type: 'error', message: 'type the new record’s key first' };
      const { entry } = await client.call('records.put', { tree: tree.name, key, value, create: true });
      return { type: 'saved', entry };
    }
    const { entry } = await client.call('records.insert', { tree: tree.name, value });
    return { type: 'saved', entry };
  } catch (error) {
    return writeFailure(error);
  }
}

export async function deleteRecord(client: Transport, tree: string, entry: RecordEntry): Promise<DeleteOutcome> {
  try {
    const { deleted, written } = await client.call('records.delete', { tree, key: entry.key, expectedRevision: entry.revision });
    return deleted ? { type: 'deleted', written } : { type: 'error', message: 'the record was already gone' };
  } catch (error) {
    const payload = errorPayload(error);
    if (payload.code === 'REFERENCED') return { type: 'refused', holders: payload.holders ?? [] };
    if (payload.code === 'CONFLICT') return { type: 'error', message: 'the record changed since it was loaded; look at it again before deleting' };
    return { type: 'error', message: payload.message };
  }
}

/** Writes a record back under its old key after someone else deleted it. */
export async function recreate(client: Transport, tree: string, key: JsonKey, value: JsonValue): Promise<SaveOutcome> {
  try {
    const { entry } = await client.call('records.put', { tree, key, value, create: true });
    return { type: 'saved', entry };
  } catch (error) {
    return writeFailure(error);
  }
}
