/**
 * The table's current cell and its menus: the column ←/→ moved to on the
 * selected row, the actions of that cell (for its shortcuts), the cell's
 * context menu (a right click, or the context-menu key on the current cell)
 * and the column menu. Closing a menu gives the keyboard back to the table.
 */
import { useCallback, useRef, useState, type RefObject } from 'react';
import type { RecordEntry } from '../../../app/contract/index.js';
import { cellActions, type CellAction, type CellActionHost, type FilterByValue } from './cell-actions.js';
import type { BlockCache } from './core/block-cache.js';
import type { GridColumn } from './core/columns.js';
import { isSelected } from './core/row-selection.js';
import type { TableRowProps } from './TableRow.js';
import type { TableSelection } from './use-table-selection.js';

export type CellMenuState = { kind: 'cell'; index: number; entry: RecordEntry; column: GridColumn; x: number; y: number };
export type TableMenu = CellMenuState | { kind: 'columns'; x: number; y: number };

interface Options {
  readonly cache: BlockCache<unknown>;
  readonly selectedIndex: number | undefined;
  readonly byId: ReadonlyMap<string, GridColumn>;
  readonly visibleIds: readonly string[];
  readonly selection: TableSelection;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly host: {
    onSelect(index: number, entry: RecordEntry | undefined): void;
    onOpen(): void;
    onFollow(target: string): void;
    readonly filterByValue: FilterByValue | undefined;
  };
}

export function useTableCells({ cache, selectedIndex, byId, visibleIds, selection, scrollRef, host }: Options) {
  const [chosenColumn, setActiveColumn] = useState<string | undefined>(undefined);
  const activeColumn = chosenColumn !== undefined && visibleIds.includes(chosenColumn) ? chosenColumn : visibleIds[0];
  const [menu, setMenu] = useState<TableMenu | undefined>(undefined);

  const actionHost: CellActionHost = {
    copy: selection.copy,
    follow: host.onFollow,
    open: (index, entry) => {
      host.onSelect(index, entry);
      // After the panel has its record: it takes the focus.
      setTimeout(host.onOpen, 0);
    },
    filterByValue: host.filterByValue,
  };
  const currentEntry = selectedIndex !== undefined ? cache.row(selectedIndex) : undefined;
  const currentColumn = activeColumn !== undefined ? byId.get(activeColumn) : undefined;
  const currentActions: CellAction[] | undefined =
    currentEntry && currentColumn && selectedIndex !== undefined ? cellActions({ index: selectedIndex, entry: currentEntry, column: currentColumn }, actionHost, selection.count) : undefined;

  // Stable for the memoised rows.
  const latest = useRef({ selection, byId });
  latest.current = { selection, byId };
  const cellMenu = useCallback<TableRowProps['onCellMenu']>((index, entry, columnId, at) => {
    const { selection: current, byId: columns } = latest.current;
    const column = columns.get(columnId);
    if (!column) return;
    // As file managers do: a right click outside the selection selects that row first.
    if (!isSelected(current.selection, index)) current.click(index, entry, { shift: false, mod: false });
    setActiveColumn(columnId);
    setMenu({ kind: 'cell', index, entry, column, ...at });
  }, []);

  return {
    activeColumn,
    setActiveColumn,
    currentActions,
    menu,
    cellMenu,
    menuActions: (target: CellMenuState) => cellActions(target, actionHost, selection.count),
    openColumnMenu: (x: number, y: number) => setMenu({ kind: 'columns', x, y }),
    openCurrentMenu: () => {
      const root = scrollRef.current;
      if (!currentEntry || !currentColumn || selectedIndex === undefined || !root) return;
      const cell = root.querySelector(`[aria-rowindex="${selectedIndex + 1}"] [data-column="${CSS.escape(currentColumn.id)}"]`)?.getBoundingClientRect();
      setMenu({ kind: 'cell', index: selectedIndex, entry: currentEntry, column: currentColumn, x: cell ? cell.left + 8 : 0, y: cell ? cell.bottom : 0 });
    },
    closeMenu: () => {
      setMenu(undefined);
      scrollRef.current?.focus();
    },
  };
}
