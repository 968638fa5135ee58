/**
 * The changes the server sent back, in the conflict view's parts: for each,
 * what happened, the server's version of each record beside mine, and the two
 * ways out — "keep mine" writes mine again over the server's (a new change to
 * send), "take theirs" forgets mine. A refusal of either is said in place.
 */
import { useCallback, useEffect, useState, type JSX } from 'react';
import type { ResultOf } from '../../../app/contract/index.js';
import type { SyncConflict } from '../../../app/contract/sync.js';
import { ConflictPanes } from '../editor/ConflictPanes.js';
import { useClient } from '../state/contexts.js';
import type { Theme } from '../state/use-theme.js';
import { conflictWords, recordSides } from './core/conflict-words.js';
import { useSyncView } from './sync-context.js';
import { SyncDialog } from './SyncDialog.js';

type Conflicts = ResultOf<'sync.conflicts'>;
type Outcome = { readonly id: number; readonly message: string } | null;

export function SyncConflictsView({ theme, onClose }: { readonly theme: Theme; onClose(): void }): JSX.Element {
  const client = useClient();
  const count = useSyncView().status?.conflicts;
  const [list, setList] = useState<Conflicts | { error: string } | undefined>(undefined);
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<Outcome>(null);
  const load = useCallback(() => {
    client.call('sync.conflicts', {}).then(setList, (error: unknown) => setList({ error: error instanceof Error ? error.message : String(error) }));
  }, [client]);
  useEffect(load, [load, count]);

  const resolve = async (id: number, method: 'sync.keepMine' | 'sync.dismissConflict') => {
    setBusy(id);
    try {
      await client.call(method, { id });
      setProblem(null);
    } catch (error) {
      setProblem({ id, message: `${method === 'sync.keepMine' ? 'Not sent again' : 'Not dismissed'}: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(null);
      load();
    }
  };

  return (
    <SyncDialog title="Conflicts from the server" testId="sync-conflicts" className="sync-conflicts" onClose={onClose}>
      {list === undefined ? (
        <p className="muted">Loading…</p>
      ) : 'error' in list ? (
        <p className="error-text">{list.error}</p>
      ) : list.conflicts.length === 0 ? (
        <p className="muted" data-testid="sync-conflicts-empty">
          No conflicts: every change sent from here was applied, or has been dealt with.
        </p>
      ) : (
        <div className="sync-conflict-list">
          {list.conflicts.map((conflict) => (
            <ConflictItem
              key={conflict.id}
              conflict={conflict}
              theme={theme}
              busy={busy !== null}
              problem={problem?.id === conflict.id ? problem.message : undefined}
              onKeepMine={() => void resolve(conflict.id, 'sync.keepMine')}
              onTakeTheirs={() => void resolve(conflict.id, 'sync.dismissConflict')}
            />
          ))}
          {list.truncated && <p className="muted">{list.total - list.conflicts.length} more after these.</p>}
        </div>
      )}
    </SyncDialog>
  );
}

interface ConflictItemProps {
  readonly conflict: SyncConflict;
  readonly theme: Theme;
  readonly busy: boolean;
  readonly problem: string | undefined;
  onKeepMine(): void;
  onTakeTheirs(): void;
}

function ConflictItem({ conflict, theme, busy, problem, onKeepMine, onTakeTheirs }: ConflictItemProps): JSX.Element {
  const words = conflictWords(conflict);
  return (
    <section className="conflict-view sync-conflict" data-testid="conflict-view" data-conflict={conflict.id} data-status={conflict.status} aria-label={words.title}>
      <h3>{words.title}</h3>
      <p className="conflict-explain">{words.explain}</p>
      {conflict.records.map((record) => (
        <div key={record.text} className="sync-conflict-record" data-key={record.text}>
          <div className="sync-conflict-key">{record.text}</div>
          <ConflictPanes {...recordSides(record)} theme={theme} />
        </div>
      ))}
      {problem && (
        <p className="error-text" role="alert" data-testid="sync-conflict-problem">
          {problem}
        </p>
      )}
      <div className="conflict-actions">
        <button type="button" data-testid="conflict-keep-mine" disabled={busy} onClick={onKeepMine}>
          {words.keepMine}
        </button>
        <button type="button" data-testid="conflict-take-theirs" disabled={busy} onClick={onTakeTheirs}>
          {words.takeTheirs}
        </button>
      </div>
    </section>
  );
}
