/**
 * The text of a copied selection. Rows not loaded yet are fetched (block by
 * block, through the cache), up to COPY_ROW_LIMIT rows: a clipboard is no
 * place for a million records, and Mod+A on such a tree selects them all
 * cheaply (one range) but copying them is refused with the limit named.
 */
import type { RecordEntry } from '../../../../app/contract/index.js';
import type { GridColumn } from './columns.js';
import { formatRecords, type CopyFormat } from './record-format.js';
import { selectedCount, type RowSelection } from './row-selection.js';

export const COPY_ROW_LIMIT = 10_000;

export interface RowSource {
  rowsBetween(first: number, last: number): Promise<RecordEntry[]>;
}

export type CopyText = { readonly ok: true; readonly text: string; readonly count: number } | { readonly ok: false; readonly reason: string };

export async function selectionText(rows: RowSource, selection: RowSelection, columns: readonly Pick<GridColumn, 'header' | 'read'>[], format: CopyFormat, limit = COPY_ROW_LIMIT): Promise<CopyText> {
  const count = selectedCount(selection);
  if (count === 0) return { ok: false, reason: 'No rows selected.' };
  if (count > limit) return { ok: false, reason: `${count.toLocaleString('en')} rows selected: copying is limited to ${limit.toLocaleString('en')} rows.` };
  const records: RecordEntry[] = [];
  for (const [first, last] of selection.ranges) records.push(...(await rows.rowsBetween(first, last)));
  return { ok: true, text: formatRecords(records, columns, format), count: records.length };
}
