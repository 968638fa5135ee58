/**
 * What a transaction wrote, in the contract's wire shape (WrittenRecord): one
 * entry per record, its first `before` and its state at the end of the
 * transaction. Called inside the transaction, so `after` is read there.
 */
import type { OpaqueTransaction } from '@trellis/engine';
import { MAX_UNDO_RECORDS, type WrittenRecord } from '../contract/index.js';
import { keyText, wireEntry } from './wire-forms.js';

export interface WrittenAnswer {
  readonly written: WrittenRecord[];
  readonly undoable: boolean;
}

export function writtenRecords(tx: OpaqueTransaction): WrittenAnswer {
  const first = new Map<string, { tree: string; key: unknown; before: WrittenRecord['before'] }>();
  for (const write of tx.written()) {
    const text = keyText(write.tree, write.key);
    if (!first.has(text)) first.set(text, { tree: write.tree, key: write.key, before: write.before ? wireEntry(write.tree, write.before) : null });
  }
  if (first.size > MAX_UNDO_RECORDS) return { written: [], undoable: false };
  const written: WrittenRecord[] = [];
  for (const [text, { tree, key, before }] of first) {
    const now = tx.get(tree, key);
    const after = now ? wireEntry(tree, now) : null;
    // Inserted and deleted again in the same transaction: nothing to undo.
    if (before === null && after === null) continue;
    written.push({ tree, key: before?.key ?? after!.key, text, before, after });
  }
  return { written, undoable: true };
}
