/**
 * Column headers: drag a header to move its column (HTML drag and drop, from
 * the label, so that the resize handle keeps its own drag), drag the handle at
 * a header's right edge to resize (10 px to aim at), double-click it to fit
 * the column to what is on screen, right-click a header for the column menu;
 * where the view can be sorted, a click on the label sorts (and the tooltip
 * says how, or why it cannot).
 */
import type { Table } from '@tanstack/react-table';
import { flexRender } from '@tanstack/react-table';
import { useState, type DragEvent, type JSX, type MouseEvent } from 'react';
import type { RecordSort } from '@trellis/engine/common/record-query';
import type { SortOption } from './core/sorting.js';

/** What the header knows of sorting: the current order, what each column offers, and what a click does. */
export interface HeaderSorting {
  readonly current: RecordSort | undefined;
  optionFor(columnId: string): SortOption;
  onSort(columnId: string): void;
}

const DRAG_TYPE = 'application/x-trellis-column';

export interface TableHeaderProps {
  readonly table: Table<never>;
  readonly height: number;
  onFit(id: string): void;
  /** Moves a column to where another one stands (full order). */
  onMove(id: string, ontoId: string): void;
  onMenu(event: MouseEvent): void;
  /** Sort buttons on the labels (absent: the header only names, moves and sizes the columns). */
  readonly sorting?: HeaderSorting | undefined;
}

export function TableHeader({ table, height, onFit, onMove, onMenu, sorting }: TableHeaderProps): JSX.Element {
  const [dropTarget, setDropTarget] = useState<string | undefined>(undefined);
  const accepts = (event: DragEvent) => event.dataTransfer.types.includes(DRAG_TYPE);
  return (
    <div className="table-header" role="row" style={{ height }} onContextMenu={(event) => { event.preventDefault(); onMenu(event); }}>
      {table.getHeaderGroups()[0]?.headers.map((header) => (
        <div
          key={header.id}
          role="columnheader"
          data-testid="column-header"
          data-column={header.id}
          className={`table-header-cell${dropTarget === header.id ? ' drop-target' : ''}`}
          style={{ width: header.getSize() }}
          title={header.id}
          aria-sort={sorting ? ariaSort(sorting.current, header.id) : undefined}
          onDragOver={(event) => {
            if (!accepts(event)) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            setDropTarget(header.id);
          }}
          onDragLeave={() => setDropTarget((current) => (current === header.id ? undefined : current))}
          onDrop={(event) => {
            const id = event.dataTransfer.getData(DRAG_TYPE);
            setDropTarget(undefined);
            if (!id || id === header.id) return;
            event.preventDefault();
            onMove(id, header.id);
          }}
        >
          <span
            className="table-header-label"
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData(DRAG_TYPE, header.id);
              event.dataTransfer.effectAllowed = 'move';
            }}
            onDragEnd={() => setDropTarget(undefined)}
          >
            {sorting ? <SortButton columnId={header.id} sorting={sorting} label={flexRender(header.column.columnDef.header, header.getContext())} /> : flexRender(header.column.columnDef.header, header.getContext())}
          </span>
          <span
            className={`column-resizer${header.column.getIsResizing() ? ' resizing' : ''}`}
            data-testid="column-resizer"
            onMouseDown={header.getResizeHandler()}
            onTouchStart={header.getResizeHandler()}
            onDoubleClick={() => onFit(header.id)}
            title="Drag to resize, double-click to fit"
            aria-hidden="true"
          />
        </div>
      ))}
    </div>
  );
}

function SortButton({ columnId, sorting, label }: { columnId: string; sorting: HeaderSorting; label: ReturnType<typeof flexRender> }): JSX.Element {
  const option = sorting.optionFor(columnId);
  const direction = directionOf(sorting.current, columnId);
  const title = option.sortable ? `Sort ${option.how}${direction ? ` (now ${direction})` : ''}` : option.why;
  return (
    <button type="button" className="sort-button" data-testid="sort-header" data-column={columnId} data-sorted={direction} disabled={!option.sortable} title={title} tabIndex={-1} onClick={() => sorting.onSort(columnId)}>
      {label}
      <span className="sort-mark" aria-hidden="true">
        {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}
      </span>
    </button>
  );
}

function directionOf(current: RecordSort | undefined, columnId: string): 'ascending' | 'descending' | undefined {
  if (!current) return undefined;
  const field = columnId === 'key' ? undefined : columnId.replace(/^(key|value):/, '');
  if (current.field !== field) return undefined;
  return current.descending ? 'descending' : 'ascending';
}

function ariaSort(current: RecordSort | undefined, columnId: string): 'ascending' | 'descending' | 'none' {
  return directionOf(current, columnId) ?? 'none';
}
