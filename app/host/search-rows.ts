/**
 * The keys and labels of the tree searched last, kept while the database's
 * revision stays the same: typing a name letter by letter reads the tree once
 * (148,038 cities: a scan of about a second here, then tens of milliseconds a
 * keystroke). One tree at a time, and only trees of at most MAX_CACHED_ROWS
 * records, so the memory it holds stays bounded (~15 MB at the bound).
 */
import type { OpaqueDatabase } from '@trellis/engine';
import type { Candidate } from './search-ranking.js';

export const MAX_CACHED_ROWS = 300_000;

interface Kept {
  readonly db: OpaqueDatabase;
  readonly tree: string;
  readonly revision: number;
  readonly rows: readonly Candidate[];
}

let kept: Kept | undefined;

/** The rows of `tree` as last read, if nothing was written since. */
export function keptRows(db: OpaqueDatabase, tree: string): readonly Candidate[] | undefined {
  if (!kept || kept.db !== db || kept.tree !== tree) return undefined;
  if (kept.revision !== db.revision()) {
    kept = undefined;
    return undefined;
  }
  return kept.rows;
}

/** Keeps a whole tree's rows, read at `revision` (not kept when the database moved on meanwhile, or past the bound). */
export function keepRows(db: OpaqueDatabase, tree: string, revision: number, rows: readonly Candidate[]): void {
  if (rows.length > MAX_CACHED_ROWS || db.revision() !== revision) return;
  kept = { db, tree, revision, rows };
}
