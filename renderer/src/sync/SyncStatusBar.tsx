/**
 * The status line at the window's foot while a replica is open: how its sync
 * stands, what waits to be sent (opens the outbox view) and the conflicts the
 * server sent back (opens the conflict view). Both views are commands too,
 * and chunks of their own, fetched when first opened.
 */
import { useState, type JSX } from 'react';
import { useCommand, useCommands } from '../commands/use-command.js';
import { lazyModule } from '../state/lazy-module.js';
import type { Theme } from '../state/use-theme.js';
import { changes, statusLine, type StatusLine } from './core/status-line.js';
import { useSyncView } from './sync-context.js';
import './sync.css';

const outboxModule = lazyModule(() => import('./OutboxView.js'));
const conflictsModule = lazyModule(() => import('./SyncConflictsView.js'));

const CONNECTING: StatusLine = { text: 'Connecting to the server…', tone: 'busy' };

export function SyncStatusBar({ theme }: { readonly theme: Theme }): JSX.Element | null {
  const { replica, status } = useSyncView();
  const registry = useCommands();
  const [open, setOpen] = useState<'outbox' | 'conflicts' | null>(null);
  const Outbox = outboxModule.use(open === 'outbox');
  const Conflicts = conflictsModule.use(open === 'conflicts');
  const conflicts = status?.conflicts ?? 0;
  const waiting = status?.waiting ?? 0;
  useCommand({ id: 'sync.showOutbox', label: 'Show Changes Waiting to Send', group: 'View', run: () => setOpen('outbox'), enabled: () => replica !== undefined });
  useCommand({ id: 'sync.showConflicts', label: 'Show Sync Conflicts', group: 'View', run: () => setOpen('conflicts'), enabled: () => replica !== undefined });
  if (!replica) return null;
  const line = status ? statusLine(status) : CONNECTING;
  const close = () => setOpen(null);
  return (
    <>
      <footer
        className="sync-status"
        role="status"
        data-testid="sync-status"
        data-state={status?.state ?? 'connecting'}
        data-tone={line.tone}
        data-waiting={waiting}
        data-conflicts={conflicts}
      >
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-status-text" data-testid="sync-status-text" title={line.detail}>
          {line.text}
        </span>
        {line.progress && <progress data-testid="sync-snapshot-progress" max={Math.max(line.progress.total, 1)} value={Math.min(line.progress.done, line.progress.total)} aria-label="Records taken from the server" />}
        <span className="spacer" />
        <button type="button" className="sync-link" data-testid="sync-outbox-open" onClick={() => registry.run('sync.showOutbox')} title="What waits to be sent to the server">
          {waiting > 0 ? `${changes(waiting)} waiting to send` : 'Nothing waiting to send'}
        </button>
        {conflicts > 0 && (
          <button type="button" className="sync-link sync-conflicts-link" data-testid="sync-conflicts-open" onClick={() => registry.run('sync.showConflicts')}>
            {conflicts === 1 ? '1 conflict' : `${conflicts} conflicts`}
          </button>
        )}
        <span className="sync-server" data-testid="sync-server" title={`The Trellis server this database is a replica of${status?.admin ? ', as an administrator' : ''}`}>
          {status?.user ? `${status.user} @ ${replica.server}` : replica.server}
        </span>
      </footer>
      {open === 'outbox' && Outbox && <Outbox.OutboxView onClose={close} />}
      {open === 'conflicts' && Conflicts && <Conflicts.SyncConflictsView theme={theme} onClose={close} />}
    </>
  );
}
