/**
 * A cell's context menu: the cell's actions (cell-actions.ts), then copying
 * the selected rows in each format. A disabled item says why in its tooltip.
 */
import type { JSX } from 'react';
import { shortcutLabel } from '../shell/shortcut-label.js';
import type { CellAction } from './cell-actions.js';
import { COPY_FORMATS, type CopyFormat } from './core/copy-formats.js';
import { FloatingLayer } from './FloatingLayer.js';

export interface CellMenuProps {
  readonly at: { x: number; y: number };
  readonly actions: readonly CellAction[];
  readonly rowCount: number;
  onCopyRows(format: CopyFormat): void;
  onClose(): void;
}

export function CellMenu({ at, actions, rowCount, onCopyRows, onClose }: CellMenuProps): JSX.Element {
  const item = (id: string, label: string, run: () => void, keys?: string, disabled?: string) => (
    <button
      key={id}
      type="button"
      role="menuitem"
      className="menu-item"
      data-testid="cell-menu-item"
      data-action={id}
      disabled={disabled !== undefined}
      title={disabled}
      tabIndex={-1}
      onClick={() => {
        onClose();
        run();
      }}
    >
      <span>{label}</span>
      {keys && <kbd>{shortcutLabel(keys)}</kbd>}
    </button>
  );
  const rows = rowCount === 1 ? 'row' : `${rowCount.toLocaleString('en')} rows`;
  return (
    <FloatingLayer x={at.x} y={at.y} role="menu" label="Cell" testId="cell-menu" onClose={onClose}>
      {actions.map((action) => item(action.id, action.label, action.run, action.keys, action.disabled))}
      <div role="separator" className="menu-separator" />
      {COPY_FORMATS.map(({ format, label }) => item(`rows.copy.${format}`, `Copy ${rows} as ${label}`, () => onCopyRows(format), format === 'tsv' && rowCount > 1 ? 'Mod+C' : undefined))}
    </FloatingLayer>
  );
}
