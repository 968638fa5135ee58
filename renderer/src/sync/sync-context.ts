/**
 * A replica's sync as the window knows it, for the parts that show it (status
 * line, record panel, table markers) without threading props: the replica's
 * facts from the database info, its status, and its check-outs.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import type { SyncStatus } from '../../../app/contract/sync.js';
import { LeaseBook } from './core/lease-book.js';

export interface SyncView {
  /** Absent: the database is not a replica. */
  readonly replica: DatabaseInfo['replica'];
  readonly status: SyncStatus | null;
  readonly leases: LeaseBook;
}

export const SyncContext = createContext<SyncView>({ replica: undefined, status: null, leases: new LeaseBook() });

export function useSyncView(): SyncView {
  return useContext(SyncContext);
}

/** Whether records of `tree` must be checked out before they are changed. */
export function useChecksOut(tree: string): boolean {
  return useSyncView().replica?.checkOut.includes(tree) ?? false;
}

/**
 * The check-outs, re-rendering when one changes and when the next one ends (no event says so), with
 * the time to judge them by.
 */
export function useLeases(): { readonly leases: LeaseBook; readonly now: number } {
  const { leases } = useSyncView();
  useSyncExternalStore(leases.subscribe, leases.version);
  const [now, setNow] = useState(() => Date.now());
  const next = leases.nextEnd(now);
  useEffect(() => {
    if (next === undefined) return;
    // Timers past ~24 days overflow; a check-out lasts a week at most, and a later render sets the next.
    const timer = setTimeout(() => setNow(Date.now()), Math.min(next - Date.now() + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [next]);
  return { leases, now: Math.max(now, Date.now()) };
}
