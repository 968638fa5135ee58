/**
 * The table's multi-row selection around the view's own single selection (the
 * record in the panel, `selectedIndex`): a plain click or arrow selects one row
 * and moves the panel to it, Shift extends from the anchor, Mod toggles one
 * row, Mod+A takes every row of the view (copying is bounded, copy-selection.ts).
 * Until the table has a selection of its own it is the view's selected row,
 * and the table's own one lapses when the view's selected row changes without
 * it (a record saved under a new key, a delete, Back).
 * Copies put text on the clipboard and say what they did in `status`.
 */
import { useEffect, useState } from 'react';
import type { RecordEntry } from '../../../app/contract/index.js';
import type { GridColumn } from './core/columns.js';
import type { CopyFormat } from './core/copy-formats.js';
import { NO_SELECTION, clampSelection, extendTo, isSelected, selectAll, selectOne, selectedCount, toggle, type RowSelection } from './core/row-selection.js';

export interface ClickModifiers {
  readonly shift: boolean;
  readonly mod: boolean;
}

export interface TableSelection {
  readonly selection: RowSelection;
  readonly count: number;
  readonly status: { text: string; error: boolean } | undefined;
  click(index: number, entry: RecordEntry | undefined, modifiers: ClickModifiers): void;
  /** A keyboard move: Shift extends the selection, otherwise it is the one row moved to. */
  moved(index: number, extend: boolean): void;
  all(): void;
  copy(text: string | Promise<string>, what: string): void;
  copyRows(format: CopyFormat): void;
}

interface Options {
  readonly rows: { readonly rowCount: number; rowsBetween(first: number, last: number): Promise<RecordEntry[]> };
  readonly selectedIndex: number | undefined;
  /** The visible columns in order, for CSV and TSV. */
  readonly columns: readonly GridColumn[];
  onSelect(index: number, entry: RecordEntry | undefined): void;
}

const STATUS_MS = 4000;

export function useTableSelection({ rows, selectedIndex, columns, onSelect }: Options): TableSelection {
  // `cursor`: the view's selected row when the table last set its selection.
  const [own, setOwnState] = useState<{ selection: RowSelection; cursor: number | undefined }>({ selection: NO_SELECTION, cursor: undefined });
  const [status, setStatus] = useState<TableSelection['status']>(undefined);
  const current = own.selection.ranges.length && own.cursor === selectedIndex ? own.selection : selectedIndex !== undefined ? selectOne(selectedIndex) : NO_SELECTION;
  const selection = clampSelection(current, rows.rowCount);
  const setOwn = (next: RowSelection, cursor: number | undefined) => setOwnState({ selection: next, cursor });

  useEffect(() => {
    if (!status) return undefined;
    const timer = setTimeout(() => setStatus(undefined), STATUS_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const copy = (text: string | Promise<string>, what: string) => {
    void Promise.resolve(text)
      .then((value) => navigator.clipboard.writeText(value))
      .then(
        () => setStatus({ text: `Copied ${what}`, error: false }),
        (error: unknown) => setStatus({ text: `Could not copy: ${error instanceof Error ? error.message : String(error)}`, error: true }),
      );
  };

  return {
    selection,
    count: selectedCount(selection),
    status,
    click(index, entry, { shift, mod }) {
      const next = shift ? extendTo(selection, index) : mod ? toggle(selection, index) : selectOne(index);
      // A row Mod+clicked out of the selection does not become the record in the panel.
      const moves = !mod || isSelected(next, index);
      setOwn(next, moves ? index : selectedIndex);
      if (moves) onSelect(index, entry);
    },
    moved(index, extend) {
      setOwn(extend ? extendTo(selection, index) : selectOne(index), index);
    },
    all() {
      setOwn(selectAll(rows.rowCount), selectedIndex);
    },
    copy,
    copyRows(format) {
      const current = selection;
      setStatus({ text: 'Copying…', error: false });
      void import('./core/copy-selection.js')
        .then(({ selectionText }) => selectionText(rows, current, columns, format))
        .then((result) => {
          if (!result.ok) setStatus({ text: result.reason, error: true });
          else copy(result.text, `${result.count.toLocaleString('en')} ${result.count === 1 ? 'row' : 'rows'} as ${format.toUpperCase()}`);
        })
        .catch((error: unknown) => setStatus({ text: `Could not copy: ${error instanceof Error ? error.message : String(error)}`, error: true }));
    },
  };
}
