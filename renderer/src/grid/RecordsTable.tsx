/**
 * The records table: @tanstack/react-table holds the column state (sizes,
 * resizing); the visible rows of `rowCount` come from plain arithmetic on the
 * fixed row height (row-window.ts, nothing kept per row), and their data from
 * the block cache, which is asked for the visible range at once after a quiet
 * spell, else shortly after scrolling settles (a scrollbar drag across a
 * million rows asks where it starts and where it stops).
 */
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useImperativeHandle, useLayoutEffect, useMemo, useRef, type JSX, type Ref } from 'react';
import type { RecordEntry } from '../../../app/contract/index.js';
import type { BlockCache } from './core/block-cache.js';
import type { GridColumn } from './core/columns.js';
import { canvasHeight, contentHeight, pageRows, rowTopInViewport, visibleRows } from './core/row-window.js';
import { TableHeader, type HeaderSorting } from './TableHeader.js';
import { TableRow, type SizedColumn } from './TableRow.js';
import { tableKeyHandler } from './use-table-keys.js';
import { useRowWindow } from './use-row-window.js';

export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
const OVERSCAN = 12;
const LOAD_DELAY_MS = 30;
const NO_ROWS: never[] = [];
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
  onSelect(index: number, entry: RecordEntry | undefined): void;
  onOpen(): void;
  /** The content offset after a scroll, for history (see initialScrollTop). */
  onScroll(top: number): void;
  readonly ref?: Ref<TableApi>;
  /** Sort buttons in the header (absent: the header only names and sizes the columns). */
  readonly sorting?: HeaderSorting | undefined;
}

export function RecordsTable({ cache, columns, selectedIndex, initialScrollTop, onSelect, onOpen, onScroll, ref, sorting }: RecordsTableProps): JSX.Element {
  const columnDefs = useMemo<ColumnDef<never>[]>(() => columns.map((c) => ({ id: c.id, header: c.header, size: c.width, minSize: 48 })), [columns]);
  const table = useReactTable<never>({ data: NO_ROWS, columns: columnDefs, getCoreRowModel: getCoreRowModel(), columnResizeMode: 'onChange' });
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
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

  const moveTo = (index: number) => {
    onSelect(index, cache.row(index));
    scrollToRow(index, 'auto');
  };

  const header = <TableHeader table={table} height={HEADER_HEIGHT} sorting={sorting} />;
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
          selected={index === selectedIndex}
          onSelect={onSelect}
          onOpen={onOpen}
        />
      ))}
    </div>
  );

  return (
    <div className="records-table" role="grid" data-testid="records-table" aria-rowcount={cache.exact ? rowCount : -1} aria-colcount={sized.length}>
      <div
        className="table-scroll"
        data-testid="table-scroll"
        ref={scrollRef}
        tabIndex={0}
        onKeyDown={tableKeyHandler({ rowCount, selectedIndex, pageRows: pageRows(geometry), moveTo, open: onOpen })}
        onScroll={view.handleScroll}
      >
        <div className="table-canvas" style={{ height: canvasHeight(geometry), width: table.getTotalSize() }}>
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
        {rowCount === 0 && cache.exact && <div className="table-empty">No records</div>}
      </div>
      {cache.error && (
        <div className="table-error" role="alert" data-testid="table-error">
          Could not load rows: {cache.error}
        </div>
      )}
    </div>
  );
}
