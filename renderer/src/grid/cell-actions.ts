/**
 * What can be done with a cell: one list (id, label, keys, why it is disabled,
 * run) that the cell's context menu draws and the table's keyboard handler
 * matches, so a shortcut and its menu item never disagree. The shortcuts apply
 * to the table's current cell (the selected row, the column moved to with ←/→)
 * and only while the table has focus.
 */
import type { RecordEntry } from '../../../app/contract/index.js';
import { referenceTargets } from './core/cell-targets.js';
import type { GridColumn } from './core/columns.js';

export interface CellTarget {
  readonly index: number;
  readonly entry: RecordEntry;
  readonly column: GridColumn;
}

/** "Filter by this value", given by the view: why it cannot filter on a path (undefined when it can), and how it does. */
export interface FilterByValue {
  unavailable(path: string | undefined, value: unknown): string | undefined;
  apply(path: string, value: unknown): void;
}

export interface CellActionHost {
  /** Puts text on the clipboard and says what was copied. */
  copy(text: string | Promise<string>, what: string): void;
  follow(target: string): void;
  open(index: number, entry: RecordEntry): void;
  readonly filterByValue: FilterByValue | undefined;
}

export interface CellAction {
  readonly id: string;
  readonly label: string;
  readonly keys?: string;
  /** Why the action cannot run here; absent when it can. */
  readonly disabled?: string;
  run(): void;
}

/** `rowsSelected`: with several rows selected, Mod+C copies the rows, not the cell. */
export function cellActions({ index, entry, column }: CellTarget, host: CellActionHost, rowsSelected = 1): CellAction[] {
  const value = column.read(entry);
  // A path column's fan-out holds a list of what its type describes one of: no single target to follow.
  const targets = column.pathColumn?.many ? [] : referenceTargets(column, value, entry.value);
  const filterBlocked = column.pathColumn
    ? 'A path column reads other records: filter on a field of this tree'
    : host.filterByValue
      ? host.filterByValue.unavailable(column.path, value)
      : 'Filtering is not available here';
  const follow: CellAction[] = targets.length
    ? targets.slice(0, 5).map((target, i) => ({ id: `cell.follow.${i}`, label: `Follow ${target}`, ...(i === 0 ? { keys: 'Mod+Enter' } : {}), run: () => host.follow(target) }))
    : [{ id: 'cell.follow.0', label: 'Follow reference', keys: 'Mod+Enter', disabled: 'This cell holds no reference', run: () => undefined }];
  return [
    { id: 'cell.copyValue', label: 'Copy value', ...(rowsSelected > 1 ? {} : { keys: 'Mod+C' }), run: () => host.copy(copyValueText(value), `${column.header} of ${entry.text}`) },
    { id: 'cell.copyJson5', label: 'Copy as JSON5', keys: 'Mod+Shift+C', run: () => host.copy(json5Text(value), `${column.header} of ${entry.text} as JSON5`) },
    { id: 'cell.copyKey', label: 'Copy key', keys: 'Mod+Alt+C', run: () => host.copy(entry.text, entry.text) },
    ...follow,
    {
      id: 'cell.filterByValue',
      label: 'Filter by this value',
      keys: 'Mod+Shift+F',
      ...(filterBlocked ? { disabled: filterBlocked } : {}),
      run: () => column.path !== undefined && host.filterByValue?.apply(column.path, value),
    },
    { id: 'cell.open', label: 'Open in editor', keys: 'Enter', run: () => host.open(index, entry) },
  ];
}

/** A cell's value as the clipboard's plain text: a string as it is, nothing for an absent field, JSON otherwise. */
export function copyValueText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** JSON5 as the editor writes it; the writer comes with the editor's chunk, fetched when first needed. */
async function json5Text(value: unknown): Promise<string> {
  if (value === undefined) return '';
  const { toJson5 } = await import('../editor/text/json5-text.js');
  return toJson5(value);
}
