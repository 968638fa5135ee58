/**
 * One row of the records table. A row whose block has not arrived yet is a
 * placeholder; an entry without a decodable value shows its problems in an
 * error cell across the value columns.
 */
import { memo, useContext, type JSX, type MouseEvent } from 'react';
import type { RecordEntry } from '../../../app/contract/index.js';
import { cellFor } from './cells/cell-for.js';
import { FieldLinkCell } from './cells/FieldLinkCell.js';
import { fieldLinkTargets, ownTargets } from './core/cell-targets.js';
import { AbsentCell, ErrorCell, NullCell } from './cells/special-cells.js';
import { PathCell } from './cells/PathCell.js';
import type { GridColumn } from './core/columns.js';
import type { ClickModifiers } from './use-table-selection.js';
import { RowMarksContext, type RowMark } from './row-marks.js';

export interface SizedColumn {
  readonly column: GridColumn;
  readonly size: number;
}

export interface TableRowProps {
  readonly index: number;
  readonly entry: RecordEntry | undefined;
  readonly columns: readonly SizedColumn[];
  readonly height: number;
  readonly selected: boolean;
  /** The current cell's column, on the current row only. */
  readonly activeColumn: string | undefined;
  /** `columnId`: the cell clicked, which becomes the current cell. */
  onClick(index: number, entry: RecordEntry | undefined, modifiers: ClickModifiers, columnId: string | undefined): void;
  onOpen(): void;
  onCellMenu(index: number, entry: RecordEntry, columnId: string, at: { x: number; y: number }): void;
}

const modifiersOf = (event: MouseEvent): ClickModifiers => ({ shift: event.shiftKey, mod: event.metaKey || event.ctrlKey });

export const TableRow = memo(function TableRow({ index, entry, columns, height, selected, activeColumn, onClick, onOpen, onCellMenu }: TableRowProps): JSX.Element {
  const broken = entry !== undefined && (entry.value === undefined || (entry.problems?.length ?? 0) > 0);
  const firstValueColumn = columns.find(({ column }) => column.role === 'value')?.column.id;
  const mark = useContext(RowMarksContext)(entry?.text ?? '');
  return (
    <div
      role="row"
      data-testid="row"
      data-key={entry?.text}
      data-mark={mark?.kind}
      aria-rowindex={index + 1}
      aria-selected={selected}
      aria-busy={entry ? undefined : true}
      className={`table-row${selected ? ' selected' : ''}${index % 2 ? ' odd' : ''}${broken ? ' broken' : ''}`}
      style={{ height }}
      // Shift+click would otherwise select the text between the two clicks.
      onMouseDown={(event) => event.shiftKey && event.preventDefault()}
      onClick={(event) => onClick(index, entry, modifiersOf(event), (event.target as Element).closest('[data-column]')?.getAttribute('data-column') ?? undefined)}
      onDoubleClick={onOpen}
    >
      {columns.map(({ column, size }) => (
        <div
          role="gridcell"
          key={column.id}
          data-column={column.id}
          className={`table-cell${column.role === 'key' ? ' key-cell' : ''}${column.type.align === 'end' ? ' align-end' : ''}${column.id === activeColumn ? ' active-cell' : ''}`}
          style={{ width: size }}
          onContextMenu={(event) => {
            if (!entry) return;
            event.preventDefault();
            onCellMenu(index, entry, column.id, { x: event.clientX, y: event.clientY });
          }}
        >
          {mark && column === columns[0]?.column && <MarkIcon mark={mark} />}
          {entry ? broken && column.role === 'value' ? column.id === firstValueColumn ? <ErrorCell entry={entry} /> : null : <CellContent column={column} entry={entry} /> : <span className="cell-loading" />}
        </div>
      ))}
    </div>
  );
});

function CellContent({ column, entry }: { column: GridColumn; entry: RecordEntry }): JSX.Element {
  if (column.role === 'path') return <PathCell column={column} entry={entry} />;
  const value = column.read(entry);
  if (value === undefined) return <AbsentCell />;
  if (value === null) return <NullCell />;
  const Cell = cellFor(column.type);
  // A reference over existing fields links from this field's cell (none when a field it is made of is not set).
  const linked = column.fieldLinks ? fieldLinkTargets(column, entry.value) : [];
  if (linked.length > 0) {
    const Own = ownTargets(column, value).length > 0 ? Cell : undefined;
    return <FieldLinkCell value={value} schema={column.schema} type={column.type} targets={linked} Own={Own} />;
  }
  return <Cell value={value} schema={column.schema} />;
}

/** A padlock at the row's start (drawn inline: no emoji font is needed), its sentence as the tooltip. */
function MarkIcon({ mark }: { mark: RowMark }): JSX.Element {
  return (
    <span className="row-mark" data-testid="row-mark" data-mark={mark.kind} title={mark.title} aria-label={mark.title} role="img">
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
        <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
      </svg>
    </span>
  );
}
