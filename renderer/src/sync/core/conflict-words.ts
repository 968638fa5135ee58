/**
 * A transaction the server did not apply, as the conflict view shows it: what
 * happened, and for each record the server's version beside this replica's,
 * both written by our JSON5 writer so the diff shows only what differs.
 */
import type { ConflictRecord, SyncConflict } from '../../../../app/contract/sync.js';
import { toJson5, type JsonValue } from '../../editor/text/json5-text.js';

export interface ConflictWords {
  readonly title: string;
  readonly explain: string;
  readonly keepMine: string;
  readonly takeTheirs: string;
}

export interface RecordSides {
  readonly theirs: string;
  readonly mine: string;
  readonly theirsHeader: string;
  readonly mineHeader: string;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function conflictWords(conflict: SyncConflict): ConflictWords {
  const count = conflict.records.length + conflict.more;
  const what = count === 1 ? (conflict.records[0]?.text ?? 'a record') : `${count} records`;
  const title =
    conflict.status === 'conflict'
      ? `Changed on the server while you edited ${what}`
      : `The server refused your change to ${what} (${conflict.code})`;
  const why =
    conflict.status === 'conflict'
      ? `The server had a newer version when your change arrived, so it was not applied (${conflict.message}).`
      : `It was not applied: ${conflict.message}.`;
  const more = conflict.more > 0 ? ` ${conflict.more} more ${plural(conflict.more, 'record', 'records')} of the same change are not shown.` : '';
  return {
    title,
    explain: `${why} Left: the server’s version, shown here now. Right: yours.${more}`,
    keepMine: 'Keep mine (send it again)',
    takeTheirs: 'Take theirs (discard mine)',
  };
}

export function recordSides(record: ConflictRecord): RecordSides {
  const theirs = record.theirs;
  return {
    theirs: theirs === null ? '// the server has no such record' : theirs.value === undefined ? '// the stored value does not decode' : toJson5(theirs.value as JsonValue),
    mine: record.mine === null ? '// you deleted it' : toJson5(record.mine.value as JsonValue),
    theirsHeader: theirs === null ? `Server — no ${record.text}` : `Server — revision ${theirs.revision}`,
    mineHeader: record.mine === null ? 'Yours — deleted' : 'Yours — not applied',
  };
}
