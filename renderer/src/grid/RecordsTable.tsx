/**
 * The records table: @tanstack/react-table holds the column state (order,
 * visibility, sizes: the user's layout, remembered per tree, use-column-layout.ts);
 * the visible rows of `rowCount` come from plain arithmetic on the
 * fixed row height (row-window.ts, nothing kept per row), and their data from
 * the block cache, which is asked for the visible range at once after a quiet
 * spell, else shortly after scrolling settles (a scrollbar drag across a
 * million rows asks where it starts and where it stops).
 *
 * The table is one tab stop: arrows move inside it (rows, and ←/→ between
 * cells), links in cells are left out of the tab order (LinksInTable).
 */
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, type JSX, type KeyboardEvent, type Ref } from 'react';
import type { RecordEntry } from '../../../app/contract/index.js';
import { LinksInTable } from '../references/RefLink.js';
import type { BlockCache } from './core/block-cache.js';
import { fitWidth, MIN_COLUMN_WIDTH } from './core/column-layout.js';
import type { GridColumn } from './core/columns.js';
import { isSelected } from './core/row-selection.js';
import { canvasHeight, contentHeight, pageRows, rowTopInViewport, visibleRows } from './core/row-window.js';
import type { FilterByValue } from './cell-actions.js';
import { CellMenu } from './CellMenu.js';
import { ColumnMenu, ColumnsButton } from './ColumnMenu.js';
import { PathCellsContext } from './cells/PathCell.js';
import { useDrawnPathCells, usePathColumns, type PathColumnSupport } from './use-path-columns.js';
import { handleTableShortcut } from './table-shortcuts.js';
import { TableHeader, type HeaderSorting } from './TableHeader.js';
import { TableRow, type SizedColumn, type TableRowProps } from './TableRow.js';
import { useColumnLayout } from './use-column-layout.js';
import { tableKeyHandler } from './use-table-keys.js';
import { useTableCells } from './use-table-cells.js';
import { useTableSelection } from './use-table-selection.js';
import { useRowWindow } from './use-row-window.js';

export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
const OVERSCAN = 12;
const LOAD_DELAY_MS = 30;
const NO_ROWS: never[] = [];
/** A cell's horizontal padding and border, added to its content's width when fitting a column. */
const CELL_PADDING = 18;
/** Room at the header's right end for the column menu button, which stays over the viewport's corner. */
const COLUMNS_BUTTON_ROOM = 32;
/**
 * Past this content height, rows are drawn in a window that sticks to the
 * viewport, at offsets relative to it: Chromium composites scrolled content
 * with float offsets, which lose precision far down a long canvas, so rows
 * placed on the canvas itself would overlap and jitter; and a scaled canvas
 * (row-window.ts) has no place for a row of its own. Below it, rows sit on the
 * canvas and scroll with it, without waiting for a render.
 */
const LARGE_CANVAS_PX = 1_000_000;

export interface TableApi {
  scrollToRow(index: number): void;
  focus(): void;
}

export interface RecordsTableProps {
  readonly cache: BlockCache<unknown>;
  readonly columns: readonly GridColumn[];
  readonly selectedIndex: number | undefined;
  /** Content offset in px to start at (history's `scrollTop`: the scroll element's scrollTop unless the canvas is scaled). */
  readonly initialScrollTop: number | undefined;
  /** Where the column layout is remembered (database path and tree); none: it lasts as long as the table. */
  readonly layoutKey?: string;
  /** "Filter by this value" from a cell; absent: the menu item is disabled. */
  readonly filterByValue?: FilterByValue;
  onSelect(index: number, entry: RecordEntry | undefined): void;
  onOpen(): void;
  onFollow(target: string): void;
  /** The content offset after a scroll, for history (see initialScrollTop). */
  onScroll(top: number): void;
  readonly ref?: Ref<TableApi>;
  /** Sort buttons in the header (absent: the header only names, moves and sizes the columns). */
  readonly sorting?: HeaderSorting | undefined;
  /** Path columns ("Add column: path…" in the column menu); absent: the table offers none. */
  readonly paths?: PathColumnSupport | undefined;
}

export function RecordsTable(props: RecordsTableProps): JSX.Element {
  const { cache, columns, selectedIndex, initialScrollTop, onSelect, onOpen, onScroll, ref } = props;
  const layout = useColumnLayout(props.layoutKey, columns);
  // The schema's columns, then the path columns the user added (kept in the layout by their path).
  const paths = usePathColumns(props.paths, layout.paths);
  const allColumns = useMemo(() => (paths.columns.length > 0 ? [...columns, ...paths.columns] : columns), [columns, paths.columns]);
  const columnDefs = useMemo<ColumnDef<never>[]>(() => allColumns.map((c) => ({ id: c.id, header: c.header, size: c.width, minSize: MIN_COLUMN_WIDTH })), [allColumns]);
  const table = useReactTable<never>({
    data: NO_ROWS,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    columnResizeMode: 'onChange',
    state: { columnOrder: [...layout.order], columnVisibility: layout.visibility, columnSizing: layout.sizing },
    onColumnSizingChange: layout.setSizing,
    onColumnOrderChange: layout.setOrder,
  });
  const resizing = Boolean(table.getState().columnSizingInfo.isResizingColumn);
  useEffect(() => {
    if (!resizing) layout.save();
  }, [layout.layout, resizing]);
  const byId = useMemo(() => new Map(allColumns.map((c) => [c.id, c])), [allColumns]);
  const sized: SizedColumn[] = table.getVisibleLeafColumns().flatMap((c) => {
    const column = byId.get(c.id);
    return column ? [{ column, size: c.getSize() }] : [];
  });
  const sizesKey = sized.map((s) => s.size).join(',');
  // Same sizes, same array: keeps the memoised rows from re-rendering on every scroll frame.
  const stableSized = useMemo(() => sized, [sizesKey, byId]);

  const rowCount = cache.rowCount;
  const scrolled = useRef<(offset: number) => void>(() => undefined);
  const view = useRowWindow({
    rowCount,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    initialOffset: initialScrollTop,
    onScroll: (offset) => {
      scrolled.current(offset);
      onScroll(offset);
    },
  });
  const { geometry, offset, scrollRef, scrollToRow } = view;
  const windowed = contentHeight(geometry) > LARGE_CANVAS_PX;
  const { first, last } = visibleRows(offset, geometry, OVERSCAN);
  const indexes = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
  useDrawnPathCells(paths, stableSized.map((s) => s.column), cache, first, last);

  // Leading and trailing: a range asked for after a quiet spell (a jump, a click on the
  // scrollbar track) loads at once; while the range keeps moving (a drag, a fling) only
  // where it settles loads, LOAD_DELAY_MS after the last move.
  const lastMove = useRef(Number.NEGATIVE_INFINITY);
  // Before paint: a passive effect after a scroll runs only after the next frame, and the request with it.
  useLayoutEffect(() => {
    const now = performance.now();
    const quiet = now - lastMove.current > LOAD_DELAY_MS;
    lastMove.current = now;
    if (quiet) {
      cache.ensure(first, Math.max(last, first));
      return undefined;
    }
    const timer = setTimeout(() => cache.ensure(first, Math.max(last, first)), LOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [cache, first, last]);
  // A jump after a quiet spell asks for its rows from the scroll event itself, before React draws
  // the frame of empty rows (~15 ms here); the effect above then finds them on their way.
  scrolled.current = (offset) => {
    if (performance.now() - lastMove.current <= LOAD_DELAY_MS) return;
    const range = visibleRows(offset, geometry, OVERSCAN);
    cache.ensure(range.first, Math.max(range.last, range.first));
  };

  useImperativeHandle(ref, () => ({
    scrollToRow: (index) => scrollToRow(index, 'center'),
    focus: () => scrollRef.current?.focus(),
  }), [scrollToRow, scrollRef]);

  const selection = useTableSelection({ rows: cache, selectedIndex, columns: stableSized.map((s) => s.column), onSelect });
  const cells = useTableCells({
    cache,
    selectedIndex,
    byId,
    visibleIds: sized.map((s) => s.column.id),
    selection,
    scrollRef,
    host: { onSelect, onOpen, onFollow: props.onFollow, filterByValue: props.filterByValue },
  });
  const { menu, closeMenu } = cells;

  const moveTo = (index: number, extend: boolean) => {
    selection.moved(index, extend);
    onSelect(index, cache.row(index));
    scrollToRow(index, 'auto');
  };

  /** Fits a column to the widest of its header and the cells on screen. */
  const fit = (id: string) => {
    const root = scrollRef.current;
    if (!root) return;
    const widths = [...root.querySelectorAll<HTMLElement>(`[data-column="${CSS.escape(id)}"] > *`)].map((element) => element.scrollWidth);
    layout.setSizing((sizing) => ({ ...sizing, [id]: fitWidth(widths, CELL_PADDING) }));
  };

  // Stable for the memoised rows (a new function each render would redraw every row on every scroll frame).
  const latest = useRef({ selection, setActiveColumn: cells.setActiveColumn });
  latest.current = { selection, setActiveColumn: cells.setActiveColumn };
  const rowClick = useCallback<TableRowProps['onClick']>((index, entry, modifiers, columnId) => {
    if (columnId !== undefined) latest.current.setActiveColumn(columnId);
    latest.current.selection.click(index, entry, modifiers);
  }, []);

  const rowKeys = tableKeyHandler({ rowCount, selectedIndex, pageRows: pageRows(geometry), moveTo, open: onOpen });
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const handled = handleTableShortcut(event, {
      columnIds: sized.map((s) => s.column.id),
      activeColumn: cells.activeColumn,
      actions: cells.currentActions,
      selectedCount: selection.count,
      setActiveColumn: cells.setActiveColumn,
      selectAll: selection.all,
      copyRowsAsTsv: () => selection.copyRows('tsv'),
      openMenu: cells.openCurrentMenu,
    });
    if (handled) event.preventDefault();
    else rowKeys(event);
  };

  const header = (
    <TableHeader
      table={table}
      height={HEADER_HEIGHT}
      onFit={fit}
      onMove={(id, ontoId) => layout.move(id, layout.order.indexOf(ontoId))}
      onMenu={(event) => cells.openColumnMenu(event.clientX, event.clientY)}
      sorting={props.sorting}
    />
  );
  // Rows flow inside one block placed at the first one's top: moving the block moves them all,
  // so a scroll re-renders no row, and one that enters the range only adds its own.
  const rows = (
    <div className="table-rows" style={{ top: windowed ? rowTopInViewport(first, offset, geometry) : HEADER_HEIGHT + first * ROW_HEIGHT }}>
      {indexes.map((index) => (
        <TableRow
          key={index}
          index={index}
          entry={cache.row(index)}
          columns={stableSized}
          height={ROW_HEIGHT}
          selected={isSelected(selection.selection, index)}
          activeColumn={index === selectedIndex ? cells.activeColumn : undefined}
          onClick={rowClick}
          onOpen={onOpen}
          onCellMenu={cells.cellMenu}
        />
      ))}
    </div>
  );

  return (
    <div className="records-table" role="grid" data-testid="records-table" aria-rowcount={cache.exact ? rowCount : -1} aria-colcount={sized.length}>
      {/* Before the table in the tab order: toolbar → columns → table → record panel. */}
      <ColumnsButton height={HEADER_HEIGHT} onOpen={(x, y) => cells.openColumnMenu(x, y)} />
      <div
        className="table-scroll"
        data-testid="table-scroll"
        ref={scrollRef}
        tabIndex={0}
        aria-multiselectable="true"
        onKeyDown={onKeyDown}
        onScroll={view.handleScroll}
      >
        <LinksInTable value={true}>
        <PathCellsContext value={paths.cells}>
        <div className="table-canvas" style={{ height: canvasHeight(geometry), width: table.getTotalSize() + COLUMNS_BUTTON_ROOM }}>
          {windowed ? (
            <div className="table-window" style={{ height: geometry.viewportHeight }}>
              {header}
              {rows}
            </div>
          ) : (
            <>
              {header}
              {rows}
            </>
          )}
        </div>
        </PathCellsContext>
        </LinksInTable>
        {rowCount === 0 && cache.exact && <div className="table-empty">No records</div>}
      </div>
      {selection.status && (
        <div className={`table-status${selection.status.error ? ' error' : ''}`} role="status" data-testid="table-status">
          {selection.status.text}
        </div>
      )}
      {menu?.kind === 'columns' && <ColumnMenu at={menu} columns={allColumns} layout={layout} paths={props.paths} onClose={closeMenu} />}
      {menu?.kind === 'cell' && (
        <CellMenu
          at={menu}
          actions={cells.menuActions(menu)}
          rowCount={selection.count}
          onCopyRows={selection.copyRows}
          onClose={closeMenu}
        />
      )}
      {cache.error && (
        <div className="table-error" role="alert" data-testid="table-error">
          Could not load rows: {cache.error}
        </div>
      )}
    </div>
  );
}
