/**
 * The table's keys beyond moving between rows (use-table-keys.ts): ←/→ move
 * the current cell between the visible columns, Mod+A selects every row, Mod+C
 * copies (the current cell's value, or the selected rows as TSV when there are
 * several: a spreadsheet takes them as they are), the cell actions' own keys,
 * and the context-menu key or Shift+F10 open the current cell's menu.
 */
import type { KeyboardEvent } from 'react';
import { shortcutOf } from '../commands/registry.js';
import { IS_MAC } from '../shell/shortcut-label.js';
import type { CellAction } from './cell-actions.js';

export interface TableShortcutOptions {
  readonly columnIds: readonly string[];
  readonly activeColumn: string | undefined;
  /** The current cell's actions; undefined while no loaded row is current. */
  readonly actions: readonly CellAction[] | undefined;
  readonly selectedCount: number;
  setActiveColumn(id: string): void;
  selectAll(): void;
  copyRowsAsTsv(): void;
  openMenu(): void;
}

/** Handles the key and returns true, or returns false for the row keys to have it. */
export function handleTableShortcut(event: KeyboardEvent<HTMLElement>, options: TableShortcutOptions): boolean {
  const pressed = shortcutOf(event, IS_MAC);
  const { columnIds, activeColumn, actions } = options;
  if (pressed === 'ArrowLeft' || pressed === 'ArrowRight') {
    const at = activeColumn === undefined ? 0 : columnIds.indexOf(activeColumn);
    const next = columnIds[Math.max(0, Math.min(columnIds.length - 1, at + (pressed === 'ArrowLeft' ? -1 : 1)))];
    if (next !== undefined) options.setActiveColumn(next);
    return true;
  }
  if (pressed === 'Mod+A') {
    options.selectAll();
    return true;
  }
  if (pressed === 'ContextMenu' || pressed === 'Shift+F10') {
    if (actions) options.openMenu();
    return true;
  }
  if (pressed === 'Mod+C' && options.selectedCount > 1) {
    options.copyRowsAsTsv();
    return true;
  }
  // F2 opens the record in the editor, as Enter does.
  const action = actions?.find((candidate) => candidate.keys === pressed || (pressed === 'F2' && candidate.id === 'cell.open'));
  // Enter stays with the row keys (it opens the selected record even before its row has loaded).
  if (!action || pressed === 'Enter') return false;
  if (action.disabled === undefined) action.run();
  return true;
}
