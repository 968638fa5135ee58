/**
 * Checking and writing records. Writes are refused while the session is
 * read-only; a stale `expectedRevision` answers CONFLICT with the record as
 * it is now, so the editor can show what changed.
 */
import { ConflictError, type OpaqueDatabase } from '@trellis/engine';
import { MAX_ISSUES } from '../../contract/index.js';
import { fail } from '../error-payload.js';
import { missingReferences } from '../missing-references.js';
import { keyText, wireEntry } from '../wire-forms.js';
import { writtenRecords } from '../written-records.js';
import { defined, type Handlers } from './handler.js';

export const recordWriteHandlers: Handlers<'records.validate' | 'records.insert' | 'records.put' | 'records.delete'> = {
  'records.validate': ({ session }, args) => {
    const db = session.db;
    const tree = db.tree(args.tree);
    const schemaIssues = tree.validate(args.value);
    const listed = schemaIssues.slice(0, MAX_ISSUES).map(({ path, message }) => ({ path, message }));
    // Every reference is looked up, so `total` is exact; only the first ones are listed.
    const references = missingReferences(db, tree.info.references, args.value, {
      limit: MAX_ISSUES - listed.length,
      skip: new Set(schemaIssues.map((issue) => issue.path)),
    });
    const total = schemaIssues.length + references.total;
    const issues = [...listed, ...references.issues];
    return { issues, total, truncated: total > issues.length };
  },

  'records.insert': async ({ session }, args) => {
    session.assertWritable();
    const entry = await session.db.tree(args.tree).insert(args.value);
    return { entry: wireEntry(args.tree, entry) };
  },

  'records.put': async ({ session }, args) => {
    session.assertWritable();
    const db = session.db;
    const tree = db.tree(args.tree);
    const key = tree.checkKey(args.key);
    // `create` is the engine's: it looks and writes in one transaction, so nothing can slip in between.
    const options = defined({ ifRevision: args.expectedRevision, create: args.create });
    const entry = await withConflictDetail(db, args.tree, key, () => tree.put(key, args.value, options));
    return { entry: wireEntry(args.tree, entry) };
  },

  'records.delete': async ({ session }, args) => {
    session.assertWritable();
    const db = session.db;
    // In a transaction of its own, so the answer lists what the delete removed and unlinked (cascades included), for undo.
    return withConflictDetail(db, args.tree, args.key, () =>
      db.transaction((tx) => {
        const deleted = tx.delete(args.tree, args.key, defined({ ifRevision: args.expectedRevision }));
        return { deleted, ...writtenRecords(tx) };
      }),
    );
  },
};

/** Runs a conditional write; a stale revision answers CONFLICT with the record as it is now (null: deleted). */
export async function withConflictDetail<T>(db: OpaqueDatabase, tree: string, key: unknown, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const current = db.tree(tree).get(key);
    const text = keyText(tree, key);
    return fail({
      code: 'CONFLICT',
      message: current
        ? `${text} was changed since it was read (revision ${error.expectedRevision}, now ${current.revision})`
        : `${text} was deleted since it was read`,
      current: current ? wireEntry(tree, current) : null,
    });
  }
}
