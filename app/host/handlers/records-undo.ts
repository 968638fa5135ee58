/**
 * Undo and redo (issue 10, item 6): a batch of conditional writes in one
 * transaction. A record that is not as the batch expects (changed since,
 * deleted, or created meanwhile) is not a failure of the call but its answer:
 * the whole batch writes nothing and names that record as it is now, so the
 * window can show the conflict instead of overwriting it.
 */
import { ConflictError, DuplicateKeyError, type OpaqueDatabase } from '@trellis/engine';
import type { ArgsOf, ResultOf } from '../../contract/index.js';
import { keyText, wireEntry, wireKey } from '../wire-forms.js';
import { writtenRecords } from '../written-records.js';
import { defined, type Handlers } from './handler.js';

type Batch = ArgsOf<'records.applyWrites'>['writes'];

export const recordUndoHandlers: Handlers<'records.applyWrites'> = {
  'records.applyWrites': async ({ session }, args) => {
    session.assertWritable();
    const db = session.db;
    try {
      return await applyAll(db, args.writes);
    } catch (error) {
      const conflict = conflictOf(db, error);
      if (conflict) return conflict;
      throw error;
    }
  },
};

function applyAll(db: OpaqueDatabase, writes: Batch): Promise<ResultOf<'records.applyWrites'>> {
  return db.transaction((tx) => {
    for (const write of writes) {
      const options = defined({ ifRevision: write.expectedRevision, create: write.create });
      if (write.value === undefined) tx.delete(write.tree, write.key, options);
      else tx.put(write.tree, write.key, write.value, options);
    }
    return { applied: true as const, ...writtenRecords(tx) };
  });
}

/** A stale revision or a record created meanwhile, as the batch's answer; undefined for any other error. */
function conflictOf(db: OpaqueDatabase, error: unknown): ResultOf<'records.applyWrites'> | undefined {
  if (!(error instanceof ConflictError) && !(error instanceof DuplicateKeyError)) return undefined;
  const current = db.tree(error.tree).get(error.key);
  return {
    applied: false,
    conflict: {
      tree: error.tree,
      key: wireKey(error.key),
      text: keyText(error.tree, error.key),
      expected: error instanceof ConflictError ? error.expectedRevision : null,
      current: current ? wireEntry(error.tree, current) : null,
    },
  };
}
