/**
 * The column menu (the ⋮ button at the table's top right, or a right click on
 * a header): every column with a box to show or hide it and buttons to move it
 * earlier or later (the keyboard's way to reorder; dragging a header is the
 * mouse's), and "Reset columns" back to the schema's order, all shown, default
 * widths.
 */
import type { JSX } from 'react';
import { visibleColumns } from './core/column-layout.js';
import type { GridColumn } from './core/columns.js';
import { FloatingLayer } from './FloatingLayer.js';
import type { ColumnLayoutApi } from './use-column-layout.js';

export interface ColumnMenuProps {
  readonly at: { x: number; y: number };
  readonly columns: readonly GridColumn[];
  readonly layout: ColumnLayoutApi;
  onClose(): void;
}

export function ColumnMenu({ at, columns, layout, onClose }: ColumnMenuProps): JSX.Element {
  const byId = new Map(columns.map((column) => [column.id, column]));
  const visible = visibleColumns(columns.map((column) => column.id), layout.layout);
  return (
    <FloatingLayer x={at.x} y={at.y} role="dialog" label="Columns" testId="column-menu" onClose={onClose}>
      <div className="column-menu-title">Columns</div>
      <ul className="column-menu-list">
        {layout.order.map((id) => {
          const shown = visible.includes(id);
          const header = byId.get(id)?.header ?? id;
          const place = visible.indexOf(id);
          return (
            <li key={id} className="column-menu-item" data-testid="column-menu-item" data-column={id}>
              <label>
                <input
                  type="checkbox"
                  data-testid="column-toggle"
                  checked={shown}
                  disabled={shown && visible.length === 1}
                  title={shown && visible.length === 1 ? 'The last visible column cannot be hidden' : undefined}
                  onChange={(event) => layout.setVisible(id, event.target.checked)}
                />
                <span>{header}</span>
              </label>
              <button type="button" className="icon-button" data-testid="column-move-earlier" aria-label={`Move ${header} left`} title="Move left" disabled={!shown || place === 0} onClick={() => layout.moveBy(id, -1)}>
                ←
              </button>
              <button type="button" className="icon-button" data-testid="column-move-later" aria-label={`Move ${header} right`} title="Move right" disabled={!shown || place === visible.length - 1} onClick={() => layout.moveBy(id, 1)}>
                →
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="column-menu-reset" data-testid="columns-reset" onClick={layout.reset}>
        Reset columns
      </button>
    </FloatingLayer>
  );
}
