/**
 * What waits to be sent to the server, oldest first: each transaction made
 * here (its number) and the records it writes — inserted, updated or deleted.
 * Read again whenever the number waiting changes; a record that is still here
 * opens on a click.
 */
import { useContext, useEffect, useState, type JSX } from 'react';
import type { ResultOf } from '../../../app/contract/index.js';
import { NavigatorContext, useClient } from '../state/contexts.js';
import { changes } from './core/status-line.js';
import { useSyncView } from './sync-context.js';
import { SyncDialog } from './SyncDialog.js';

type Outbox = ResultOf<'sync.outbox'>;

export function OutboxView({ onClose }: { onClose(): void }): JSX.Element {
  const client = useClient();
  const navigator = useContext(NavigatorContext);
  const waiting = useSyncView().status?.waiting;
  const [outbox, setOutbox] = useState<Outbox | { error: string } | undefined>(undefined);
  useEffect(() => {
    let current = true;
    client.call('sync.outbox', {}).then(
      (answer) => current && setOutbox(answer),
      (error: unknown) => current && setOutbox({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, waiting]);
  const open = (text: string) => {
    onClose();
    navigator.follow(text);
  };
  return (
    <SyncDialog title="Waiting to send" testId="outbox-view" className="outbox-view" onClose={onClose}>
      {outbox === undefined ? (
        <p className="muted">Loading…</p>
      ) : 'error' in outbox ? (
        <p className="error-text">{outbox.error}</p>
      ) : outbox.transactions.length === 0 ? (
        <p className="muted" data-testid="outbox-empty">
          Nothing is waiting: every change made here has reached the server.
        </p>
      ) : (
        <>
          <p className="muted">
            {changes(outbox.waiting)} saved here, sent to the server in this order as soon as it can be reached.
          </p>
          <div className="outbox-scroll">
            <table className="outbox-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Change</th>
                  <th>Tree</th>
                  <th>Key</th>
                </tr>
              </thead>
              <tbody>
                {outbox.transactions.flatMap((transaction) =>
                  transaction.records.map((record, i) => (
                    <tr key={`${transaction.id} ${record.text}`} data-testid="outbox-row" data-kind={record.kind} data-key={record.text} className={i === 0 ? 'first' : undefined}>
                      <td className="muted">{i === 0 ? transaction.id : ''}</td>
                      <td>
                        <span className={`outbox-kind ${record.kind}`}>{record.kind}</span>
                      </td>
                      <td>{record.tree}</td>
                      <td className="outbox-key">
                        {record.kind === 'delete' ? (
                          record.text.slice(record.tree.length + 1)
                        ) : (
                          <button type="button" className="link-button" onClick={() => open(record.text)} title={`Open ${record.text}`}>
                            {record.text.slice(record.tree.length + 1)}
                          </button>
                        )}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          {outbox.truncated && <p className="muted">Only the first records are listed.</p>}
        </>
      )}
    </SyncDialog>
  );
}
