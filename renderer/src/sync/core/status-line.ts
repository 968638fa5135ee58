/**
 * What the status line says about a replica's sync, in the user's words: how
 * it stands ("Connected", "Offline — 3 changes waiting to send", "12 changes
 * behind", "Refused: …"), a snapshot's progress, and a tone for its colour.
 * "Changes" are the server's revisions (one per transaction there) and this
 * replica's waiting transactions: what the user did, not records.
 */
import type { SyncStatus } from '../../../../app/contract/sync.js';

export type StatusTone = 'ok' | 'busy' | 'warning' | 'error';

export interface StatusLine {
  readonly text: string;
  readonly tone: StatusTone;
  /** More than fits on the line (why it is offline or refused), for its tooltip. */
  readonly detail?: string | undefined;
  /** While a snapshot is taken: records in so far, of all. */
  readonly progress?: { readonly done: number; readonly total: number } | undefined;
}

const number = (n: number) => n.toLocaleString('en-US');
export const changes = (n: number) => `${number(n)} ${n === 1 ? 'change' : 'changes'}`;

export function statusLine(status: SyncStatus): StatusLine {
  const waiting = status.waiting > 0 ? `${changes(status.waiting)} waiting to send` : undefined;
  const behind = Math.max(0, status.serverRevision - status.cursor);
  const detail = status.error?.message;
  switch (status.state) {
    case 'refused':
      return { text: `Refused: ${detail ?? 'the server refused this replica'}`, tone: 'error', detail: 'Sync has stopped; edits are kept here. Start again with the right server or token.' };
    case 'closed':
      return { text: 'Sync stopped', tone: 'warning' };
    case 'offline':
      return { text: waiting ? `Offline — ${waiting}` : 'Offline — edits are kept and sent when the server is back', tone: 'warning', detail };
    case 'connecting':
      return { text: waiting ? `Connecting — ${waiting}` : 'Connecting to the server…', tone: 'busy' };
    case 'connected':
      if (status.snapshot) {
        const { done, total } = status.snapshot;
        // Before its first page the snapshot knows no count yet: "0 of 0" would read as an empty server.
        if (total === 0) return { text: 'Taking a snapshot of the server…', tone: 'busy' };
        return { text: `Taking a snapshot of the server: ${number(done)} of ${number(total)} records`, tone: 'busy', progress: { done, total } };
      }
      if (behind > 0) return { text: waiting ? `${changes(behind)} behind · ${waiting}` : `${changes(behind)} behind`, tone: 'busy' };
      return { text: waiting ? `Connected — sending ${changes(status.waiting)}` : 'Connected', tone: waiting ? 'busy' : 'ok' };
  }
}
