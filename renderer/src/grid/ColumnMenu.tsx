/**
 * The column menu (the ⋮ button at the table's top right, or a right click on
 * a header): every column with a box to show or hide it and buttons to move it
 * earlier or later (the keyboard's way to reorder; dragging a header is the
 * mouse's), "Add column: path…" (a path from each row's record, completed as
 * it is typed; such a column has a ✕ to remove it), and "Reset columns" back
 * to the schema's columns (path columns removed), all shown, default widths.
 */
import { useRef, useState, type JSX } from 'react';
import { planPath } from '@trellis/engine/common/path-plan';
import { PathInput } from '../paths/PathInput.js';
import { MAX_PATHS, visibleColumns } from './core/column-layout.js';
import type { GridColumn } from './core/columns.js';
import { FloatingLayer } from './FloatingLayer.js';
import type { ColumnLayoutApi } from './use-column-layout.js';
import type { PathColumnSupport } from './use-path-columns.js';

export interface ColumnMenuProps {
  readonly at: { x: number; y: number };
  readonly columns: readonly GridColumn[];
  readonly layout: ColumnLayoutApi;
  /** Offers "Add column: path…" when given. */
  readonly paths?: PathColumnSupport | undefined;
  onClose(): void;
}

export function ColumnMenu({ at, columns, layout, paths, onClose }: ColumnMenuProps): JSX.Element {
  const byId = new Map(columns.map((column) => [column.id, column]));
  const visible = visibleColumns(columns.map((column) => column.id), layout.layout);
  const [adding, setAdding] = useState(false);
  /** Back from the form: the keyboard returns to its button (the form's field had it), so Escape still closes the menu. */
  const [back, setBack] = useState(false);
  const reset = useRef<HTMLButtonElement>(null);
  return (
    <FloatingLayer x={at.x} y={at.y} role="dialog" label="Columns" testId="column-menu" onClose={onClose}>
      <div className="column-menu-title">Columns</div>
      <ul className="column-menu-list">
        {layout.order.map((id) => {
          const shown = visible.includes(id);
          const column = byId.get(id);
          const header = column?.header ?? id;
          const place = visible.indexOf(id);
          const path = column?.pathColumn?.path;
          return (
            <li key={id} className={`column-menu-item${path !== undefined ? ' path-column-item' : ''}`} data-testid="column-menu-item" data-column={id}>
              <label title={path !== undefined ? `Path column: ${path}` : undefined}>
                <input
                  type="checkbox"
                  data-testid="column-toggle"
                  checked={shown}
                  disabled={shown && visible.length === 1}
                  title={shown && visible.length === 1 ? 'The last visible column cannot be hidden' : undefined}
                  onChange={(event) => layout.setVisible(id, event.target.checked)}
                />
                <span className={path !== undefined ? 'column-menu-path' : undefined}>{header}</span>
              </label>
              <button type="button" className="icon-button" data-testid="column-move-earlier" aria-label={`Move ${header} left`} title="Move left" disabled={!shown || place === 0} onClick={() => layout.moveBy(id, -1)}>
                ←
              </button>
              <button type="button" className="icon-button" data-testid="column-move-later" aria-label={`Move ${header} right`} title="Move right" disabled={!shown || place === visible.length - 1} onClick={() => layout.moveBy(id, 1)}>
                →
              </button>
              {path !== undefined && (
                <button
                  type="button"
                  className="icon-button"
                  data-testid="column-remove"
                  aria-label={`Remove the column ${header}`}
                  title="Remove this path column"
                  onClick={() => {
                    // Its row goes with it: the keyboard stays in the menu, so Escape still closes it.
                    reset.current?.focus();
                    layout.removePath(path);
                  }}
                >
                  ✕
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {paths && adding && (
        <AddPathColumn
          paths={paths}
          layout={layout}
          onDone={() => {
            setAdding(false);
            setBack(true);
          }}
        />
      )}
      {paths && !adding && (
        <button
          type="button"
          className="column-menu-add"
          data-testid="column-add-path"
          autoFocus={back}
          disabled={layout.paths.length >= MAX_PATHS}
          title={layout.paths.length >= MAX_PATHS ? `A table has at most ${MAX_PATHS} path columns` : 'A column of what a path from each record reaches (owner->email, <-comments.task)'}
          onClick={() => setAdding(true)}
        >
          Add column: path…
        </button>
      )}
      <button ref={reset} type="button" className="column-menu-reset" data-testid="columns-reset" onClick={layout.reset}>
        Reset columns
      </button>
    </FloatingLayer>
  );
}

/** The path of a new column, checked against the schema before it is added (the step that does not fit is named). */
function AddPathColumn({ paths, layout, onDone }: { paths: PathColumnSupport; layout: ColumnLayoutApi; onDone(): void }): JSX.Element {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const add = () => {
    const path = text.trim();
    const check = planPath(paths.trees, paths.tree, path);
    if (!check.ok) return setProblem(`${check.problem.step === 0 ? `At character ${check.problem.at + 1}` : `Step ${check.problem.step} (${check.problem.text})`}: ${check.problem.reason}`);
    if (layout.paths.includes(path)) return setProblem(`There is a column for ${path} already`);
    layout.addPath(path);
    onDone();
  };
  return (
    <form
      className="column-path-form"
      data-testid="column-path-form"
      onSubmit={(event) => {
        event.preventDefault();
        add();
      }}
    >
      <PathInput
        trees={paths.trees}
        tree={paths.tree}
        value={text}
        label={`Path from each ${paths.tree} record`}
        placeholder="Path, e.g. owner->email"
        testId="column-path-input"
        inline
        autoFocus
        onChange={(next) => {
          setText(next);
          setProblem(undefined);
        }}
        onSubmit={add}
      />
      {problem && (
        <div className="column-path-problem" data-testid="column-path-problem" role="alert">
          {problem}
        </div>
      )}
      <div className="column-path-buttons">
        <button type="submit" className="primary" data-testid="column-path-add" disabled={text.trim() === ''}>
          Add column
        </button>
        <button type="button" data-testid="column-path-cancel" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The ⋮ over the header's right end, before the table in the tab order: toolbar → columns → table → record panel. */
export function ColumnsButton({ height, onOpen }: { height: number; onOpen(x: number, y: number): void }): JSX.Element {
  return (
    <button
      type="button"
      className="columns-button"
      data-testid="columns-button"
      aria-label="Columns"
      title="Columns: show, hide, reorder, add a path column, reset"
      style={{ height }}
      onClick={(event) => {
        const box = event.currentTarget.getBoundingClientRect();
        onOpen(box.right - 260, box.bottom);
      }}
    >
      ⋮
    </button>
  );
}
