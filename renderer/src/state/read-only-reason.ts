/**
 * Why the read-only toggle cannot be turned off, in the user's words; the
 * toolbar's tooltip and the editor's disabled buttons say the same thing.
 * A session started with --read-only comes first: reopening the database
 * without read-only (what helps for one opened read-only) cannot lift it.
 */
import type { DatabaseInfo } from '../../../app/contract/index.js';

/**
 * The database as the window shows it: while another program migrates it, read-only and locked, with the
 * reason (`writesRefusedBy`) its controls give — the engine refuses those writes anyway (STALE_SCHEMA).
 */
export type ShownDatabase = DatabaseInfo & { readonly writesRefusedBy?: string };

export function lockedReadOnlyReason(database: Pick<ShownDatabase, 'lockedReadOnly' | 'startedReadOnly' | 'kind' | 'writesRefusedBy'>): string | undefined {
  if (database.kind === 'raw') return 'An LMDB environment without a Trellis catalog is opened read-only: Trellis never writes to it';
  if (database.writesRefusedBy) return database.writesRefusedBy;
  if (database.startedReadOnly) return 'This session was started read-only (--read-only): every database it opens is read-only; restart without --read-only to edit';
  if (database.lockedReadOnly) return 'The database was opened read-only';
  return undefined;
}

/**
 * Why writes are refused now, for a disabled control's tooltip: the lock when
 * there is one (it must never suggest the toggle, which cannot lift it), else
 * the session's toggle; undefined when writes are allowed.
 */
export function writeRefusedReason(database: Pick<ShownDatabase, 'readOnly' | 'lockedReadOnly' | 'startedReadOnly' | 'writesRefusedBy'>): string | undefined {
  if (!database.readOnly) return undefined;
  return lockedReadOnlyReason(database) ?? 'Read-only mode is on: turn it off in the toolbar to edit';
}
