/** Column headers with drag-to-resize handles (react-table's column sizing). */
import type { Table } from '@tanstack/react-table';
import { flexRender } from '@tanstack/react-table';
import type { JSX } from 'react';

export function TableHeader({ table, height }: { table: Table<never>; height: number }): JSX.Element {
  return (
    <div className="table-header" role="row" style={{ height }}>
      {table.getHeaderGroups()[0]?.headers.map((header) => (
        <div key={header.id} role="columnheader" className="table-header-cell" style={{ width: header.getSize() }} title={header.id}>
          <span className="table-header-label">{flexRender(header.column.columnDef.header, header.getContext())}</span>
          <span
            className={`column-resizer${header.column.getIsResizing() ? ' resizing' : ''}`}
            onMouseDown={header.getResizeHandler()}
            onTouchStart={header.getResizeHandler()}
            onDoubleClick={() => header.column.resetSize()}
            aria-hidden="true"
          />
        </div>
      ))}
    </div>
  );
}
