/**
 * "Filter by this value" from a table cell, for now through the tree's index
 * filter: it applies where a single-field index covers the cell's field, and
 * says why not elsewhere. The filter bar on any field (issue 10, item 2) will
 * take its place: TreeView hands the table whatever this returns.
 */
import type { TreeSummary } from '../../../app/contract/index.js';
import type { FilterByValue } from '../grid/cell-actions.js';
import type { IndexFilter } from '../state/history.js';

export function indexFilterByValue(tree: TreeSummary, apply: (filter: IndexFilter) => void): FilterByValue {
  const indexOn = (path: string) => tree.indexes.find((index) => index.on.length === 1 && index.on[0] === path);
  return {
    unavailable(path, value) {
      if (path === undefined) return 'Keys are not filtered: use Jump to key (Mod+G)';
      if (value === undefined) return `${path} is not set in this record`;
      if (typeof value === 'object' && value !== null) return 'Only a single value (text, number, true/false, null) can be filtered on';
      if (!indexOn(path)) return `No index on ${path}: the index filter needs one`;
      return undefined;
    },
    apply(path, value) {
      const index = indexOn(path);
      if (index) apply({ index: index.name, mode: 'equals', value: JSON.stringify(value), end: '' });
    },
  };
}
