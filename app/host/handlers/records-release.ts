/**
 * Released records of versioned trees: release, set a lifecycle number, make a
 * new version. Writes, so refused while the session is read-only; each answers
 * the record in wire form as records.put does. A stale `expectedRevision`
 * answers CONFLICT with the current record, as the other writes do.
 */
import { wireEntry } from '../wire-forms.js';
import { withConflictDetail } from './records-write.js';
import { defined, type Handlers } from './handler.js';

export const recordReleaseHandlers: Handlers<'records.release' | 'records.setLifecycle' | 'records.newVersion'> = {
  'records.release': async ({ session }, args) => {
    session.assertWritable();
    const db = session.db;
    const tree = db.tree(args.tree);
    const key = tree.checkKey(args.key);
    const entry = await withConflictDetail(db, args.tree, key, () => tree.release(key, defined({ ifRevision: args.expectedRevision })));
    return { entry: wireEntry(args.tree, entry) };
  },

  'records.setLifecycle': async ({ session }, args) => {
    session.assertWritable();
    const db = session.db;
    const tree = db.tree(args.tree);
    const key = tree.checkKey(args.key);
    const entry = await withConflictDetail(db, args.tree, key, () => tree.setLifecycle(key, args.lifecycle, defined({ ifRevision: args.expectedRevision })));
    return { entry: wireEntry(args.tree, entry) };
  },

  'records.newVersion': async ({ session }, args) => {
    session.assertWritable();
    const entry = await session.db.tree(args.tree).newVersion(args.key);
    return { entry: wireEntry(args.tree, entry) };
  },
};
