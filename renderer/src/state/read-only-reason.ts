/**
 * Why the read-only toggle cannot be turned off, in the user's words; the
 * toolbar's tooltip and the editor's disabled buttons say the same thing.
 * A session started with --read-only comes first: reopening the database
 * without read-only (what helps for one opened read-only) cannot lift it.
 */
import type { DatabaseInfo } from '../../../app/contract/index.js';

export function lockedReadOnlyReason(database: Pick<DatabaseInfo, 'lockedReadOnly' | 'startedReadOnly' | 'kind'>): string | undefined {
  if (database.kind === 'raw') return 'An LMDB environment without a Trellis catalog is opened read-only: Trellis never writes to it';
  if (database.startedReadOnly) return 'This session was started read-only (--read-only): every database it opens is read-only; restart without --read-only to edit';
  if (database.lockedReadOnly) return 'The database was opened read-only';
  return undefined;
}
