/**
 * Column headers: drag a header to move its column (HTML drag and drop, from
 * the label, so that the resize handle keeps its own drag), drag the handle at
 * a header's right edge to resize (10 px to aim at), double-click it to fit
 * the column to what is on screen, right-click a header for the column menu.
 */
import type { Table } from '@tanstack/react-table';
import { flexRender } from '@tanstack/react-table';
import { useState, type DragEvent, type JSX, type MouseEvent } from 'react';

const DRAG_TYPE = 'application/x-trellis-column';

export interface TableHeaderProps {
  readonly table: Table<never>;
  readonly height: number;
  onFit(id: string): void;
  /** Moves a column to where another one stands (full order). */
  onMove(id: string, ontoId: string): void;
  onMenu(event: MouseEvent): void;
}

export function TableHeader({ table, height, onFit, onMove, onMenu }: TableHeaderProps): JSX.Element {
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
            {flexRender(header.column.columnDef.header, header.getContext())}
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
