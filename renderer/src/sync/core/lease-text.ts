/**
 * Check-outs in the user's words. A record of a check-out tree can be edited
 * here only under this replica's own live check-out; anyone may take one that
 * has ended. "14:05" on the day it ends, with the date on another day.
 */
import type { Lease } from '../../../../app/contract/sync.js';

export type Holder = 'none' | 'mine' | 'other';

/** Who holds a record now: an ended check-out is held by no one. */
export function holderOf(lease: Lease | undefined, now: number): Holder {
  if (!lease || lease.expires <= now) return 'none';
  return lease.mine ? 'mine' : 'other';
}

export function timeText(ms: number, now: number): string {
  const at = new Date(ms);
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === new Date(now).toDateString()) return time;
  return `${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}, ${time}`;
}

/** The check-out bar's sentence: who holds the record, until when; or that it must be checked out to edit. */
export function holderText(text: string, lease: Lease | undefined, now: number): string {
  if (!lease) return `Not checked out: check ${text} out to edit it`;
  const until = timeText(lease.expires, now);
  if (lease.expires <= now) return `${lease.mine ? 'Your' : `${lease.user}’s`} check-out ended at ${until}: check it out to edit`;
  return lease.mine ? `Checked out by you (${lease.user}) until ${until}` : `Checked out by ${lease.user} until ${until}`;
}

/** Why this record cannot be edited here now; undefined under this replica's own live check-out. */
export function checkOutReason(text: string, lease: Lease | undefined, now: number): string | undefined {
  const holder = holderOf(lease, now);
  if (holder === 'mine') return undefined;
  if (holder === 'other' && lease) return `${text} is checked out by ${lease.user} until ${timeText(lease.expires, now)}: read-only until they check it in`;
  if (lease?.mine) return `Your check-out of ${text} ended at ${timeText(lease.expires, now)}: check it out again to edit`;
  return `${text} must be checked out before it is changed: use Check out`;
}

/** A row's marker in the table: whose check-out it is, and the sentence for its tooltip. */
export function rowMark(text: string, lease: Lease | undefined, now: number): { readonly holder: 'mine' | 'other'; readonly title: string } | undefined {
  const holder = holderOf(lease, now);
  return holder === 'none' ? undefined : { holder, title: holderText(text, lease, now) };
}
