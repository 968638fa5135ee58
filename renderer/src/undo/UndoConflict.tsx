/**
 * An undo or redo refused because another writer changed a record since this
 * window wrote it: the record as it is now beside what the step would have
 * written, and nothing written. The step stays in the history (it may work
 * once the record is back as it was) unless the user forgets it.
 */
import { lazy, Suspense, type JSX } from 'react';
import { toJson5 } from '../editor/text/json5-text.js';
import type { JsonValue } from '../editor/text/json5-text.js';
import type { ConflictOutcome } from './use-undo-commands.js';
import './undo.css';

/** Monaco's diff editor, in the editor's own chunk. */
const DiffPane = lazy(() => import('../editor/monaco/DiffPane.js').then((module) => ({ default: module.DiffPane })));

export interface UndoConflictProps {
  readonly outcome: ConflictOutcome;
  readonly theme: 'light' | 'dark';
  onOpen(text: string): void;
  onForget(): void;
  onClose(): void;
}

export function UndoConflict({ outcome, theme, onOpen, onForget, onClose }: UndoConflictProps): JSX.Element {
  const { conflict, action, direction, wanted } = outcome;
  const verb = direction === 'undo' ? 'undo' : 'redo';
  const current = conflict.current;
  const what =
    current === null
      ? `${conflict.text} was deleted elsewhere since this window wrote it`
      : conflict.expected === null
        ? `A record ${conflict.text} was created elsewhere since (revision ${current.revision})`
        : `${conflict.text} was changed elsewhere since this window wrote it (revision ${conflict.expected}, now ${current.revision})`;
  const now = current === null ? '' : current.value === undefined ? '// the stored value does not decode' : toJson5(current.value as JsonValue);
  const would = wanted === undefined ? '' : toJson5(wanted as JsonValue);
  return (
    <div className="modal-overlay" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <section
        className="modal undo-conflict"
        role="alertdialog"
        aria-label={`Cannot ${verb}`}
        data-testid="undo-conflict"
        data-record={conflict.text}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          onClose();
        }}
      >
        <h2>Cannot {verb} “{action.label}”</h2>
        <p data-testid="undo-conflict-reason">
          {what}. Nothing was written: the {verb} would overwrite that change.
        </p>
        <div className="conflict-headers" aria-hidden="true">
          <div className="conflict-header">{current === null ? 'Now — deleted' : `Now — revision ${current.revision}`}</div>
          <div className="conflict-header">{wanted === undefined ? `The ${verb} would delete it` : `What the ${verb} would write`}</div>
        </div>
        <Suspense fallback={<div className="conflict-panes" />}>
          <DiffPane original={now} modified={would} theme={theme} />
        </Suspense>
        <div className="undo-conflict-actions">
          <button type="button" data-testid="undo-conflict-open" disabled={current === null} onClick={() => onOpen(conflict.text)}>
            Open {conflict.text}
          </button>
          <button type="button" data-testid="undo-conflict-forget" onClick={onForget} title={`Remove “${action.label}” from the history and keep the record as it is now`}>
            Forget this step
          </button>
          <button type="button" data-testid="undo-conflict-close" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </section>
    </div>
  );
}
