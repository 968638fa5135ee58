/**
 * Someone else saved the record since it was loaded: both versions side by
 * side (theirs left, mine right), and the two ways out. Mine is never lost:
 * it stays in the editor until the user takes theirs.
 */
import type { JSX } from 'react';
import type { RecordEntry } from '../../../app/contract/index.js';
import { ConflictPanes } from './ConflictPanes.js';
import { conflictTexts } from './session/conflict-texts.js';

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
      <ConflictPanes
        theirs={texts.theirs}
        mine={texts.mine}
        theirsHeader={theirs === null ? 'Theirs — deleted' : `Theirs — revision ${theirs.revision}`}
        mineHeader="Yours — unsaved"
        theme={props.theme}
      />
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
