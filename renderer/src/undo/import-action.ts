/**
 * The hook for import (issue 10, item 5, built elsewhere): an import that
 * knows, for each key it wrote, what the record held before (null: nothing)
 * and the record it left, records one undoable action. Undoing it puts every
 * previous value back (or deletes what the import created), conditional on
 * the records being as the import left them, in one transaction.
 *
 *   undo.record(importAction('tasks', 'tasks.ndjson', items))
 *
 * A host method that answers WrittenRecord[] (as records.applyWrites does) can
 * pass those to `undo.record({ kind: 'import', label, written })` directly.
 */
import { formatKeyText } from '@trellis/engine/common/key-text';
import type { JsonKey, RecordEntry, WrittenRecord } from '../../../app/contract/index.js';
import type { ActionInput } from './undo-history.js';

export interface ImportedRecord {
  readonly key: JsonKey;
  /** The record before the import: its value and revision; null when the import created it. */
  readonly previous: { readonly value: unknown; readonly revision: number } | null;
  /** The record as the import left it (the host's answer for the write). */
  readonly written: RecordEntry;
}

export function importAction(tree: string, source: string, records: readonly ImportedRecord[]): ActionInput {
  const written: WrittenRecord[] = records.map(({ key, previous, written: after }) => {
    const text = formatKeyText(tree, key);
    return { tree, key, text, before: previous ? { key, text, revision: previous.revision, value: previous.value } : null, after };
  });
  const count = `${records.length} record${records.length === 1 ? '' : 's'}`;
  return { kind: 'import', label: `Import of ${count} into ${tree} from ${source}`, written };
}
