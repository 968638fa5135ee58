/**
 * Where a cell's references lead, as OpaqueKey texts: one target for a
 * reference, each item's for a list of them, none for other values. Asks the
 * value types by identity (the column's type is the registry's object), never
 * by name.
 */
import { referenceItemSchema, referenceListType } from '../../values/reference-list.js';
import { referenceText, referenceType } from '../../values/reference.js';
import type { GridColumn } from './columns.js';

export function referenceTargets(column: Pick<GridColumn, 'type' | 'schema'>, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (column.type === referenceType) return [referenceText(value, column.schema)];
  if (column.type === referenceListType && Array.isArray(value)) return value.map((key) => referenceText(key, referenceItemSchema(column.schema)));
  return [];
}
