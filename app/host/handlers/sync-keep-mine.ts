/**
 * "Keep mine" for a transaction the server did not apply: this replica's
 * version of each of its records is written again, over what is here now (the
 * server's version, once the refusal came back), in one local transaction — a
 * new one in the outbox, based on the server's current revisions, so the
 * server takes it unless the record moves on again. Then the conflict is
 * forgotten. A write the replica refuses (CHECKED_OUT…) leaves it as it was.
 */
import type { OpaqueDatabase, ReplicaSync } from '@trellis/engine';
import { fail } from '../error-payload.js';

export async function keepMine(db: OpaqueDatabase, sync: ReplicaSync, id: number): Promise<{ written: number }> {
  const conflict = sync.conflicts().find((candidate) => candidate.mutation.id === id);
  if (!conflict) fail({ code: 'NOT_FOUND', message: `There is no sync conflict ${id}: it was dealt with already` });
  const written = await db.transaction((tx) => {
    let count = 0;
    for (const op of conflict.mutation.ops) {
      // A delete of what a cascade (or the server) removed already writes nothing.
      if (op.value !== null) tx.put(op.tree, op.key, op.value);
      else if (!tx.delete(op.tree, op.key)) continue;
      count++;
    }
    return count;
  });
  await sync.dismissConflict(id);
  return { written };
}
