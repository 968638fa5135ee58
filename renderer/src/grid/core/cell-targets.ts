/**
 * Where a cell's references lead, as OpaqueKey texts: one target for a
 * reference, each item's for a list of them, none for other values; then the
 * targets of the references over existing fields whose link the column carries,
 * made of the record's fields. Asks the value types by identity (the column's
 * type is the registry's object), never by name.
 */
import { referenceItemSchema, referenceListType } from '../../values/reference-list.js';
import { referenceText, referenceType } from '../../values/reference.js';
import { fieldLinkTarget } from '../../references/field-links.js';
import type { GridColumn } from './columns.js';

/** `record`: the row's whole value, which the column's field links are made of. */
export function referenceTargets(column: Pick<GridColumn, 'type' | 'schema' | 'fieldLinks'>, value: unknown, record?: unknown): string[] {
  return [...ownTargets(column, value), ...fieldLinkTargets(column, record)];
}

/** The targets of the references over existing fields this column's cell carries, made of the row's fields. */
export function fieldLinkTargets(column: Pick<GridColumn, 'fieldLinks'>, record: unknown): string[] {
  return (column.fieldLinks ?? []).flatMap((link) => fieldLinkTarget(link, record) ?? []);
}

/** The targets of the cell's own value: a reference, or a list of them. */
export function ownTargets(column: Pick<GridColumn, 'type' | 'schema'>, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (column.type === referenceType) return [referenceText(value, column.schema)];
  if (column.type === referenceListType && Array.isArray(value)) return value.map((key) => referenceText(key, referenceItemSchema(column.schema)));
  return [];
}
