/** Column headers with drag-to-resize handles (react-table's column sizing) and, where the view can be sorted, sort buttons. */
import type { Table } from '@tanstack/react-table';
import { flexRender } from '@tanstack/react-table';
import type { JSX } from 'react';
import type { RecordSort } from '@trellis/engine/common/record-query';
import type { SortOption } from './core/sorting.js';

/** What the header knows of sorting: the current order, what each column offers, and what a click does. */
export interface HeaderSorting {
  readonly current: RecordSort | undefined;
  optionFor(columnId: string): SortOption;
  onSort(columnId: string): void;
}

export function TableHeader({ table, height, sorting }: { table: Table<never>; height: number; sorting?: HeaderSorting | undefined }): JSX.Element {
  return (
    <div className="table-header" role="row" style={{ height }}>
      {table.getHeaderGroups()[0]?.headers.map((header) => {
        const label = flexRender(header.column.columnDef.header, header.getContext());
        return (
          <div key={header.id} role="columnheader" className="table-header-cell" style={{ width: header.getSize() }} title={header.id} aria-sort={sorting ? ariaSort(sorting.current, header.id) : undefined}>
            {sorting ? <SortButton columnId={header.id} sorting={sorting} label={label} /> : <span className="table-header-label">{label}</span>}
            <span
              className={`column-resizer${header.column.getIsResizing() ? ' resizing' : ''}`}
              onMouseDown={header.getResizeHandler()}
              onTouchStart={header.getResizeHandler()}
              onDoubleClick={() => header.column.resetSize()}
              aria-hidden="true"
            />
          </div>
        );
      })}
    </div>
  );
}

function SortButton({ columnId, sorting, label }: { columnId: string; sorting: HeaderSorting; label: ReturnType<typeof flexRender> }): JSX.Element {
  const option = sorting.optionFor(columnId);
  const direction = directionOf(sorting.current, columnId);
  const title = option.sortable ? `Sort ${option.how}${direction ? ` (now ${direction === 'ascending' ? 'ascending' : 'descending'})` : ''}` : option.why;
  return (
    <button type="button" className="table-header-label sort-button" data-testid="sort-header" data-column={columnId} data-sorted={direction} disabled={!option.sortable} title={title} tabIndex={-1} onClick={() => sorting.onSort(columnId)}>
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
