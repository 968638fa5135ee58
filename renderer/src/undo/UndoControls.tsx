/**
 * The toolbar's undo, redo and history list: what this window wrote, newest
 * first, with what can be redone above it, greyed.
 */
import { useEffect, useRef, useState, type JSX } from 'react';
import { shortcutLabel } from '../shell/shortcut-label.js';
import type { UndoAction } from './undo-history.js';
import type { UndoControls as Controls } from './use-undo-commands.js';
import './undo.css';

export function UndoControls({ controls }: { readonly controls: Controls }): JSX.Element {
  const { snapshot, writable, busy } = controls;
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const nextUndo = snapshot.done.at(-1);
  const nextRedo = snapshot.undone.at(-1);
  const why = writable ? undefined : 'Read-only: nothing can be undone';

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  return (
    <div className="undo-controls" ref={box}>
      <button
        type="button"
        className="icon-button"
        data-testid="undo-button"
        aria-label={nextUndo ? `Undo ${nextUndo.label}` : 'Undo'}
        title={why ?? (nextUndo ? `Undo ${nextUndo.label} (${shortcutLabel('Mod+Z')})` : 'Nothing to undo')}
        disabled={!writable || busy || !nextUndo}
        onClick={controls.undo}
      >
        ↶
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="redo-button"
        aria-label={nextRedo ? `Redo ${nextRedo.label}` : 'Redo'}
        title={why ?? (nextRedo ? `Redo ${nextRedo.label} (${shortcutLabel('Mod+Shift+Z')})` : 'Nothing to redo')}
        disabled={!writable || busy || !nextRedo}
        onClick={controls.redo}
      >
        ↷
      </button>
      <button type="button" className="toggle" data-testid="undo-history-button" aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen(!open)}>
        History
      </button>
      {open && (
        <div
          className="undo-history"
          role="dialog"
          aria-label="Undo history"
          data-testid="undo-history"
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            setOpen(false);
          }}
        >
          <div className="undo-history-title">This window’s changes</div>
          {snapshot.done.length + snapshot.undone.length === 0 ? (
            <div className="undo-history-empty">Nothing yet: saves, creates and deletes made here appear in this list.</div>
          ) : (
            <ol className="undo-history-list">
              {snapshot.undone.map((action) => (
                <Entry key={action.id} action={action} state="undone" />
              ))}
              {[...snapshot.done].reverse().map((action) => (
                <Entry key={action.id} action={action} state="done" next={action.id === nextUndo?.id} />
              ))}
            </ol>
          )}
          <div className="undo-history-hint">
            {shortcutLabel('Mod+Z')} undoes and {shortcutLabel('Mod+Shift+Z')} redoes outside the editor; inside it they undo typing. An undo writes only if the
            records are still as this window left them.
          </div>
        </div>
      )}
    </div>
  );
}

function Entry({ action, state, next = false }: { readonly action: UndoAction; readonly state: 'done' | 'undone'; readonly next?: boolean }): JSX.Element {
  const time = new Date(action.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <li className="undo-entry" data-testid="undo-entry" data-state={state} data-kind={action.kind} data-next={next ? 'true' : undefined}>
      <span className="undo-entry-label">{action.label}</span>
      <span className="undo-entry-meta">{state === 'undone' ? 'undone' : time}</span>
    </li>
  );
}
