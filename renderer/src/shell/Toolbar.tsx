/** The window's toolbar: back/forward, breadcrumbs, undo/redo with the history list, and the read-only and theme toggles. */
import type { JSX } from 'react';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import { Breadcrumbs } from '../references/Breadcrumbs.js';
import { lockedReadOnlyReason } from '../state/read-only-reason.js';
import type { NavigationHistory, HistorySnapshot } from '../state/history.js';
import type { Theme } from '../state/use-theme.js';
import { UndoControls } from '../undo/UndoControls.js';
import type { UndoControls as Undo } from '../undo/use-undo-commands.js';

interface ToolbarProps {
  readonly history: NavigationHistory;
  readonly snapshot: HistorySnapshot;
  readonly database: DatabaseInfo | null;
  readonly theme: Theme;
  readonly undo: Undo;
  onToggleReadOnly(): void;
  onToggleTheme(): void;
}

export function Toolbar({ history, snapshot, database, theme, undo, onToggleReadOnly, onToggleTheme }: ToolbarProps): JSX.Element {
  const readOnly = database?.readOnly ?? false;
  const locked = database ? lockedReadOnlyReason(database) : undefined;
  return (
    <div className="toolbar" role="toolbar" aria-label="Navigation">
      <button type="button" className="icon-button" data-testid="nav-back" aria-label="Back" title="Back (Alt+←)" disabled={snapshot.index <= 0} onClick={() => history.back()}>
        ←
      </button>
      <button type="button" className="icon-button" data-testid="nav-forward" aria-label="Forward" title="Forward (Alt+→)" disabled={snapshot.index >= snapshot.entries.length - 1} onClick={() => history.forward()}>
        →
      </button>
      <Breadcrumbs snapshot={snapshot} go={(index) => history.go(index)} />
      <span className="spacer" />
      <UndoControls controls={undo} />
      <button
        type="button"
        className={`toggle${readOnly ? ' on' : ''}`}
        data-testid="readonly-toggle"
        aria-pressed={readOnly}
        disabled={!database || locked !== undefined}
        title={locked ?? 'Refuse writes in this session'}
        onClick={onToggleReadOnly}
      >
        {readOnly ? <LockIcon /> : '✎ '}
        {readOnly ? 'Read-only' : 'Editable'}
      </button>
      <button type="button" className="toggle" data-testid="theme-toggle" aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} title="Toggle theme" onClick={onToggleTheme}>
        {theme === 'dark' ? '☾ Dark' : '☀ Light'}
      </button>
    </div>
  );
}

/** A padlock drawn inline: the emoji renders as an empty box where no emoji font is installed (many Linux desktops). */
function LockIcon(): JSX.Element {
  return (
    <svg className="toggle-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}
