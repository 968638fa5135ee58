/**
 * Someone else saved the record since it was loaded: both versions side by
 * side (theirs left, mine right), and the two ways out. Mine is never lost:
 * it stays in the editor until the user takes theirs.
 */
import { lazy, Suspense, type JSX } from 'react';
import type { RecordEntry } from '../../../app/contract/index.js';
import { conflictTexts } from './session/conflict-texts.js';
/** Monaco's diff editor, in the editor's own chunk (see RecordEditor). */
const DiffPane = lazy(() => import('./monaco/DiffPane.js').then((module) => ({ default: module.DiffPane })));

export interface ConflictViewProps {
  readonly mine: string;
  /** The record as it is now; null when it was deleted meanwhile. */
  readonly theirs: RecordEntry | null;
  readonly theme: 'light' | 'dark';
  readonly onKeepMine: () => void;
  readonly onTakeTheirs: () => void;
}

export function ConflictView(props: ConflictViewProps): JSX.Element {
  const theirs = props.theirs;
  const texts = conflictTexts(props.mine, theirs);
  return (
    <section className="conflict-view" data-testid="conflict-view" aria-label="Conflicting versions">
      <p className="conflict-explain">
        {theirs === null
          ? 'This record was deleted elsewhere while you edited it.'
          : `This record was changed elsewhere (now revision ${theirs.revision}) while you edited it.`}{' '}
        Left: theirs. Right: yours.{texts.mineFormatted ? ' Both are shown in the same formatting; your text in the editor is kept as you typed it.' : ''}
      </p>
      <div className="conflict-headers" aria-hidden="true">
        <div className="conflict-header" data-testid="conflict-theirs-header">
          {theirs === null ? 'Theirs — deleted' : `Theirs — revision ${theirs.revision}`}
        </div>
        <div className="conflict-header" data-testid="conflict-mine-header">
          Yours — unsaved
        </div>
      </div>
      <Suspense fallback={null}>
        <DiffPane original={texts.theirs} modified={texts.mine} theme={props.theme} />
      </Suspense>
      <div className="conflict-actions">
        <button type="button" data-testid="conflict-keep-mine" onClick={props.onKeepMine}>
          {theirs === null ? 'Re-create with mine' : 'Keep mine (save over theirs)'}
        </button>
        <button type="button" data-testid="conflict-take-theirs" onClick={props.onTakeTheirs}>
          {theirs === null ? 'Discard mine' : 'Take theirs (discard mine)'}
        </button>
      </div>
    </section>
  );
}
