/**
 * The user's column layout for one tree, as react-table state: read from
 * localStorage when the table mounts (or its storage key changes), written
 * back by `save` (the table calls it after every change except in the middle
 * of a resize drag, so the drag's end is written). Without a storage key it
 * lasts as long as the table.
 */
import type { ColumnOrderState, ColumnSizingState, Updater, VisibilityState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { addPath, DEFAULT_LAYOUT, moveColumn, moveColumnBy, orderColumns, readLayout, removePath, setHidden, setWidths, writeLayout, type ColumnLayout } from './core/column-layout.js';
import type { GridColumn } from './core/columns.js';
import { pathColumnId } from './core/path-columns.js';

export interface ColumnLayoutApi {
  readonly layout: ColumnLayout;
  /** Every column id in the user's order, hidden ones included. */
  readonly order: readonly string[];
  readonly visibility: VisibilityState;
  readonly sizing: ColumnSizingState;
  setSizing(updater: Updater<ColumnSizingState>): void;
  setOrder(updater: Updater<ColumnOrderState>): void;
  setVisible(id: string, visible: boolean): void;
  move(id: string, toIndex: number): void;
  moveBy(id: string, delta: number): void;
  /** Path columns added by the user (their path texts), in the order added. */
  readonly paths: readonly string[];
  addPath(path: string): void;
  removePath(path: string): void;
  reset(): void;
  save(): void;
}

const NO_PATHS: readonly string[] = [];

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

export function useColumnLayout(storageKey: string | undefined, columns: readonly GridColumn[]): ColumnLayoutApi {
  const read = (key: string | undefined) => {
    const store = storage();
    return key && store ? readLayout(store, key) : DEFAULT_LAYOUT;
  };
  const [state, setState] = useState(() => ({ key: storageKey, layout: read(storageKey) }));
  if (state.key !== storageKey) setState({ key: storageKey, layout: read(storageKey) });
  const layout = state.layout;
  const paths = layout.paths ?? NO_PATHS;
  // The schema's columns, then the path columns the user added: their places and widths are kept like the others'.
  const ids = useMemo(() => [...columns.map((column) => column.id), ...paths.map(pathColumnId)], [columns, paths]);

  const update = (change: (layout: ColumnLayout) => ColumnLayout) => setState((s) => ({ ...s, layout: change(s.layout) }));
  const order = orderColumns(ids, layout);
  return {
    layout,
    order,
    visibility: Object.fromEntries(layout.hidden.map((id) => [id, false])),
    sizing: layout.widths,
    setSizing: (updater) => update((l) => setWidths(l, typeof updater === 'function' ? updater({ ...l.widths }) : updater)),
    setOrder: (updater) =>
      update((l) => {
        const next = typeof updater === 'function' ? updater(orderColumns(ids, l)) : updater;
        return next.reduce((acc, id, i) => moveColumn(ids, acc, id, i), l);
      }),
    setVisible: (id, visible) => update((l) => setHidden(ids, l, id, !visible)),
    move: (id, toIndex) => update((l) => moveColumn(ids, l, id, toIndex)),
    moveBy: (id, delta) => update((l) => moveColumnBy(ids, l, id, delta)),
    paths,
    addPath: (path) => update((l) => addPath(l, path)),
    removePath: (path) => update((l) => removePath(l, path, pathColumnId(path))),
    reset: () => update(() => DEFAULT_LAYOUT),
    save: () => {
      const store = storage();
      if (storageKey && store && state.key === storageKey) writeLayout(store, storageKey, layout);
    },
  };
}
