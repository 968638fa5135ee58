/** A record's label, as far as the window knows it, kept current as labels are learnt and forgotten. */
import { useSyncExternalStore } from 'react';
import { labelFieldsOf, labelOf } from '@trellis/engine/common/labels';
import type { RecordEntry, TreeSummary } from '../../../app/contract/index.js';
import { useRecordLookup } from '../state/contexts.js';

export function useLabel(text: string | undefined): string | undefined {
  const book = useRecordLookup().labels;
  useSyncExternalStore(book.subscribe, book.snapshot);
  return text === undefined ? undefined : book.label(text);
}

/** A record's own label, read from its value with its tree's label fields (common/labels.ts). */
export function recordLabel(tree: Pick<TreeSummary, 'value' | 'label'>, entry: Pick<RecordEntry, 'value' | 'problems'>): string | undefined {
  if (entry.value === undefined || (entry.problems?.length ?? 0) > 0) return undefined;
  return labelOf(entry.value, labelFieldsOf(tree));
}
