/**
 * The records table: @tanstack/react-table holds the column state (sizes,
 * resizing) and @tanstack/react-virtual lays out only the visible rows of
 * `rowCount`; the rows themselves come from the block cache, which is asked
 * for the visible range at once after a quiet spell, else shortly after
 * scrolling settles (a scrollbar drag across a million rows asks where it
 * starts and where it stops).
 */
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useImperativeHandle, useMemo, useRef, type JSX, type Ref } from 'react';
import type { RecordEntry } from '../../../app/contract/index.js';
import type { BlockCache } from './block-cache.js';
import type { GridColumn } from './columns.js';
import { TableHeader } from './TableHeader.js';
import { TableRow, type SizedColumn } from './TableRow.js';
import { tableKeyHandler } from './use-table-keys.js';

export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
const LOAD_DELAY_MS = 30;
const NO_ROWS: never[] = [];
/**
 * Past this canvas height, rows are drawn in a window that sticks to the
 * viewport, at offsets relative to it: Chromium composites scrolled content
 * with float offsets, and at the ~28M px of a million rows those lose whole
 * pixels, so rows placed on the canvas itself overlap and jitter.
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
  readonly initialScrollTop: number | undefined;
  onSelect(index: number, entry: RecordEntry | undefined): void;
  onOpen(): void;
  onScroll(top: number): void;
  readonly ref?: Ref<TableApi>;
}

export function RecordsTable({ cache, columns, selectedIndex, initialScrollTop, onSelect, onOpen, onScroll, ref }: RecordsTableProps): JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
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
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialOffset: initialScrollTop ?? 0,
  });
  const items = virtualizer.getVirtualItems();
  const totalSize = virtualizer.getTotalSize();
  const large = totalSize > LARGE_CANVAS_PX;
  const viewportHeight = virtualizer.scrollRect?.height ?? 0;
  const windowOffset = large ? (virtualizer.scrollOffset ?? 0) : 0;
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  // Leading and trailing: a range asked for after a quiet spell (a jump, a click on the
  // scrollbar track) loads at once; while the range keeps moving (a drag, a fling) only
  // where it settles loads, LOAD_DELAY_MS after the last move.
  const lastMove = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
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

  useImperativeHandle(ref, () => ({
    scrollToRow: (index) => virtualizer.scrollToIndex(index, { align: 'center' }),
    focus: () => scrollRef.current?.focus(),
  }), [virtualizer]);

  const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 600) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  const moveTo = (index: number) => {
    onSelect(index, cache.row(index));
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  return (
    <div className="records-table" role="grid" data-testid="records-table" aria-rowcount={cache.exact ? rowCount : -1} aria-colcount={sized.length}>
      <div
        className="table-scroll"
        data-testid="table-scroll"
        ref={scrollRef}
        tabIndex={0}
        onKeyDown={tableKeyHandler({ rowCount, selectedIndex, pageRows, moveTo, open: onOpen })}
        onScroll={(event) => onScroll(event.currentTarget.scrollTop)}
      >
        <div className="table-canvas" style={{ height: totalSize, width: table.getTotalSize() }}>
          <div className={large ? 'table-window' : 'table-rows'} style={large ? { height: viewportHeight } : undefined}>
          <TableHeader table={table} height={HEADER_HEIGHT} />
          {items.map((item) => (
            <TableRow
              key={item.index}
              index={item.index}
              entry={cache.row(item.index)}
              columns={stableSized}
              top={item.start - windowOffset}
              height={ROW_HEIGHT}
              selected={item.index === selectedIndex}
              onSelect={onSelect}
              onOpen={onOpen}
            />
          ))}
          </div>
        </div>
        {rowCount === 0 && cache.exact && <div className="table-empty">No records</div>}
      </div>
      {cache.error && (
        <div className="table-error" role="alert">
          Could not load rows: {cache.error}
        </div>
      )}
    </div>
  );
}
