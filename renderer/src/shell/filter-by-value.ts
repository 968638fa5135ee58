/**
 * "Filter by this value" from a table cell: adds `field = value` to the view's
 * filter (narrowing what is shown), on any field whose values can be compared
 * with `=`; the host serves it through an index where there is one. A cell it
 * cannot apply to says why.
 */
import { operatorsFor, type QueryableField } from '@trellis/engine/common/record-fields';
import type { FilterByValue } from '../grid/cell-actions.js';
import type { FilterRow, ViewQuery } from '../state/view-query.js';

export function filterByValue(fields: readonly QueryableField[], current: ViewQuery | undefined, apply: (query: ViewQuery) => void): FilterByValue {
  const fieldAt = (path: string) => fields.find((field) => field.path === path);
  return {
    unavailable(path, value) {
      if (path === undefined) return 'Keys are not filtered: use Jump to key (Mod+G)';
      if (value === undefined) return `${path} is not set in this record`;
      const field = fieldAt(path);
      if (!field) return `${path} is not a field the filter knows`;
      if (value === null) return undefined; // "is empty"
      if (field.list || (typeof value === 'object' && field.kind !== 'ref')) return 'Only a single value (text, number, true/false, a key) can be filtered on';
      if (!operatorsFor(field).includes('eq')) return `${path} holds ${field.kind} values, which are not compared with =`;
      return undefined;
    },
    apply(path, value) {
      const field = fieldAt(path);
      if (!field) return;
      const row: FilterRow = value === null ? { field: path, op: 'empty', value: '', to: '' } : { field: path, op: 'eq', value: operandText(field, value), to: '' };
      // Narrowing an "or" of several conditions cannot be said in one flat bar: the value alone is the filter then.
      const keep = current && (current.match === 'all' || current.conditions.length < 2) ? current.conditions : [];
      apply({ match: 'all', conditions: [...keep, row], ...(current?.sort ? { sort: current.sort } : {}) });
    },
  };
}

/** The value as the filter bar shows it: text as it is, a key as JSON, other values as their JSON text. */
function operandText(field: QueryableField, value: unknown): string {
  return typeof value === 'string' && field.kind !== 'ref' ? value : JSON.stringify(value);
}
