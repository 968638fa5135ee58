/**
 * In the record panel, for a record of a tree that must be checked out: who
 * holds it and until when, and Check out (or Renew) / Check in; when another
 * holds it and this replica's token is an administrator's, Break check-out
 * (the server decides again, and a refusal is shown here). Each is a command.
 */
import { useState, type JSX } from 'react';
import type { JsonKey } from '../../../app/contract/index.js';
import { useCommand } from '../commands/use-command.js';
import { useClient } from '../state/contexts.js';
import { holderOf, holderText } from './core/lease-text.js';
import { useLeases, useSyncView } from './sync-context.js';
import './sync.css';

export interface CheckOutBarProps {
  readonly tree: string;
  readonly recordKey: JsonKey;
  /** The record's OpaqueKey text. */
  readonly text: string;
}

export function CheckOutBar({ tree, recordKey, text }: CheckOutBarProps): JSX.Element {
  const client = useClient();
  const { status } = useSyncView();
  const online = status?.state === 'connected';
  const { leases, now } = useLeases();
  const lease = leases.of(text);
  const holder = holderOf(lease, now);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const offline = online ? undefined : 'Check-outs need the server, which cannot be reached now';

  const ask = (work: () => Promise<unknown>, refused: string) => {
    setBusy(true);
    setConfirming(false);
    work().then(
      () => setMessage(null),
      (error: unknown) => setMessage(`${refused}: ${error instanceof Error ? error.message : String(error)}`),
    ).finally(() => setBusy(false));
  };
  const checkOut = () => ask(() => client.call('sync.checkOut', { tree, key: recordKey }), 'Not checked out');
  const checkIn = () => ask(() => client.call('sync.checkIn', { tree, key: recordKey }), 'Not checked in');
  const breakIt = () => ask(() => client.call('sync.checkIn', { tree, key: recordKey, force: true }), 'Not broken');
  const can = { checkOut: holder !== 'other', checkIn: lease?.mine === true, break: holder === 'other' && status?.admin === true };
  useCommand({ id: 'record.checkOut', label: 'Check Out Record', group: 'Record', run: checkOut, enabled: () => can.checkOut && online && !busy });
  useCommand({ id: 'record.checkIn', label: 'Check In Record', group: 'Record', run: checkIn, enabled: () => can.checkIn && online && !busy });
  useCommand({ id: 'record.breakCheckOut', label: 'Break Check-Out (Administrator)', group: 'Record', run: () => setConfirming(true), enabled: () => can.break && online && !busy });

  return (
    <div className="check-out-bar" data-testid="check-out-bar" data-holder={holder}>
      <span className="check-out-holder" data-testid="check-out-holder">
        {holderText(text, lease, now)}
      </span>
      <span className="spacer" />
      {can.checkOut && (
        <button type="button" data-testid="check-out" disabled={busy || !online} title={offline ?? 'Only this replica may change it until checked in (60 minutes)'} onClick={checkOut}>
          {holder === 'mine' ? 'Renew' : 'Check out'}
        </button>
      )}
      {can.checkIn && (
        <button type="button" data-testid="check-in" disabled={busy || !online} title={offline ?? 'Let others check it out'} onClick={checkIn}>
          Check in
        </button>
      )}
      {can.break && !confirming && (
        <button type="button" data-testid="break-check-out" disabled={busy || !online} title={offline ?? 'As an administrator: their unsent changes to it will be refused'} onClick={() => setConfirming(true)}>
          Break check-out…
        </button>
      )}
      {confirming && lease && (
        <span className="check-out-confirm" data-testid="break-check-out-confirm">
          Break {lease.user}’s check-out? Changes they have not sent yet will be refused.{' '}
          <button type="button" data-testid="break-check-out-yes" onClick={breakIt}>
            Break it
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      )}
      {message && (
        <span className="check-out-message" role="alert" data-testid="check-out-message">
          {message}
        </span>
      )}
    </div>
  );
}
