/**
 * A path column's cell: the value the path reaches from the row's record, drawn
 * as that value's own cell (a reference as its labelled link, a whole record as
 * a link to it); a fan-out as how many, then the first few; a record where the
 * path stops as an em dash whose title says at which step and why. The cells
 * come from the table's PathCells, asked for per block of drawn rows.
 */
import { createContext, useContext, useSyncExternalStore, type JSX } from 'react';
import type { PathMatch, RecordEntry } from '../../../../app/contract/index.js';
import { RefLink } from '../../references/RefLink.js';
import type { GridColumn } from '../core/columns.js';
import type { PathCells } from '../core/path-cells.js';
import { cellFor } from './cell-for.js';
import { AbsentCell, NullCell } from './special-cells.js';

export const PathCellsContext = createContext<PathCells | null>(null);

/** Results a fan-out's cell shows before "+n". */
const SHOWN = 3;

export function PathCell({ column, entry }: { column: GridColumn; entry: RecordEntry }): JSX.Element {
  const cells = useContext(PathCellsContext);
  useSyncExternalStore(cells?.subscribe ?? noSubscribe, cells?.snapshot ?? noSnapshot);
  const info = column.pathColumn;
  if (!info || !cells) return <AbsentCell />;
  if (info.problem) return <Marked state="failed" text="⚠ invalid path" title={info.problem} />;
  const cell = cells.cell(info.path, entry.text);
  if (!cell || cell.state === 'loading') return <span className="cell-loading" data-testid="path-cell" data-state="loading" />;
  if (cell.state === 'failed') return <Marked state="failed" text={`⚠ ${cell.message}`} title={cell.message} />;
  if (cell.state === 'stopped') {
    const { step, stepText, at, reason } = cell.stop;
    return <Marked state="stopped" text="—" title={step === 0 ? reason : `Step ${step} (${stepText}) stops at ${at}: ${reason}`} />;
  }
  if (!info.many) {
    const match = cell.matches[0];
    return (
      <span className="path-cell" data-testid="path-cell" data-state="value">
        {match ? <MatchValue column={column} match={match} /> : <AbsentCell />}
      </span>
    );
  }
  const count = `${cell.matches.length}${cell.truncated ? '+' : ''}`;
  return (
    <span className="path-cell cell-reference-list" data-testid="path-cell" data-state="many" data-count={cell.matches.length}>
      <span className="ref-count" data-testid="path-count" title={`${count} results${cell.truncated ? ' (more not asked for)' : ''}`}>
        {count}
      </span>
      {cell.matches.slice(0, SHOWN).map((match, i) => (
        <MatchValue key={i} column={column} match={match} />
      ))}
      {cell.matches.length > SHOWN && <span className="muted">+{cell.matches.length - SHOWN}</span>}
    </span>
  );
}

function MatchValue({ column, match }: { column: GridColumn; match: PathMatch }): JSX.Element {
  const last = match.hops.at(-1);
  if (column.pathColumn?.endsAtRecord && last) return <RefLink target={last.text} {...(last.label === undefined ? {} : { label: last.label })} />;
  if (match.value === undefined) return <AbsentCell />;
  if (match.value === null) return <NullCell />;
  const Cell = cellFor(column.type);
  return <Cell value={match.value} schema={column.schema} />;
}

function Marked({ state, text, title }: { state: 'stopped' | 'failed'; text: string; title: string }): JSX.Element {
  return (
    <span className={`cell-value path-cell-${state}`} data-testid="path-cell" data-state={state} title={title}>
      {text}
    </span>
  );
}

const noSubscribe = () => () => undefined;
const noSnapshot = () => 0;
