/**
 * Which columns the table can be sorted by, and why not where it cannot: by
 * key always, by a field through its index, by any other single-valued field
 * in memory when the records to sort are few enough (SORT_LIMIT). The header
 * shows the answer before anyone clicks.
 */
import type { QueryableField } from '@trellis/engine/common/record-fields';
import { SORT_LIMIT } from '@trellis/engine/common/query-terms';
import type { RecordSort } from '@trellis/engine/common/record-query';
import type { TreeSummary } from '../../../../app/contract/index.js';
import { VERSION_COLUMN } from './columns.js';
import { isPathColumn } from './path-columns.js';

export type SortOption = { readonly sortable: true; readonly sort: RecordSort; readonly how: string } | { readonly sortable: false; readonly why: string };

const UNSORTABLE = new Set(['object', 'bytes', 'any']);

/** The sort a column header offers (ascending; a second click turns it). */
export function sortOptionFor(columnId: string, tree: TreeSummary, fields: readonly QueryableField[], filtered: boolean): SortOption {
  if (columnId === 'key') return { sortable: true, sort: {}, how: 'by key' };
  // Versions sort with their record's key (the version is its last part).
  if (columnId === VERSION_COLUMN) return { sortable: false, why: 'Versions sort with their key: sort by key' };
  if (isPathColumn(columnId)) return { sortable: false, why: 'A path column reads other records: it cannot order this table' };
  const path = columnId.replace(/^(key|value):/, '');
  const field = fields.find((f) => f.path === path);
  if (!field) return { sortable: false, why: `${path} is not a field of ${tree.name}` };
  if (field.list) return { sortable: false, why: `${path} is a list: sort by a field with one value` };
  if (UNSORTABLE.has(field.kind)) return { sortable: false, why: `${path} holds ${field.kind === 'object' ? 'objects' : field.kind === 'bytes' ? 'bytes' : 'mixed values'}, which have no order` };
  const index = tree.indexes.find((i) => i.on[0] === path);
  if (index) return { sortable: true, sort: { field: path }, how: `through index ${index.name}` };
  if (tree.count <= SORT_LIMIT) return { sortable: true, sort: { field: path }, how: `in memory (${tree.count.toLocaleString('en-US')} records)` };
  if (filtered) return { sortable: true, sort: { field: path }, how: `in memory, if the filter leaves at most ${SORT_LIMIT.toLocaleString('en-US')} records` };
  return {
    sortable: false,
    why: `Sorting by ${path} needs an index on it, or a filter that leaves at most ${SORT_LIMIT.toLocaleString('en-US')} records (${tree.name} has ${tree.count.toLocaleString('en-US')})`,
  };
}

/** The next sort when a header is clicked: ascending, then descending, then back to key order. */
export function nextSort(current: RecordSort | undefined, offered: RecordSort): RecordSort | undefined {
  // Key order is where every view starts: the key column turns it around, and back.
  if (offered.field === undefined) return current?.field === undefined && current?.descending ? undefined : { descending: true };
  const same = current !== undefined && current.field === offered.field;
  if (!same) return offered;
  if (!current.descending) return { ...offered, descending: true };
  return undefined;
}
