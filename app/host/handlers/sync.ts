/**
 * sync.*: a replica's sync (app/contract/sync.ts). Each call but sync.status
 * answers NOT_A_REPLICA for a database that is not one. Check-outs need the
 * server (OFFLINE otherwise); "keep mine" writes through the session like
 * any edit, so a read-only session or a missing check-out refuses it.
 */
import { MAX_PAGE } from '../../contract/index.js';
import { outboxRecords, wireConflict } from '../sync-wire.js';
import type { Handlers } from './handler.js';
import { keepMine } from './sync-keep-mine.js';

const DEFAULT_CONFLICTS = 100;

export const syncHandlers: Handlers<'sync.status' | 'sync.outbox' | 'sync.conflicts' | 'sync.dismissConflict' | 'sync.keepMine' | 'sync.leases' | 'sync.checkOut' | 'sync.checkIn'> = {
  'sync.status': ({ session }) => ({ status: session.sync?.status() ?? null }),

  'sync.outbox': ({ session }, { limit = MAX_PAGE }) => {
    const { sync } = session.replica;
    const transactions = [];
    let left = limit;
    let truncated = false;
    for (const mutation of sync.outbox()) {
      const records = outboxRecords(mutation);
      if (records.length > left) {
        truncated = true;
        if (left > 0) transactions.push({ id: mutation.id, records: records.slice(0, left) });
        break;
      }
      transactions.push({ id: mutation.id, records });
      left -= records.length;
    }
    return { transactions, waiting: sync.status().waiting, truncated };
  },

  'sync.conflicts': ({ session }, { limit = DEFAULT_CONFLICTS }) => {
    const all = session.replica.sync.conflicts();
    return { conflicts: all.slice(0, limit).map(wireConflict), total: all.length, truncated: all.length > limit };
  },

  'sync.dismissConflict': async ({ session }, { id }) => {
    const { sync } = session.replica;
    if (!sync.conflicts().some((conflict) => conflict.mutation.id === id)) return { dismissed: false };
    await sync.dismissConflict(id);
    return { dismissed: true };
  },

  'sync.keepMine': ({ session }, { id }) => {
    const feed = session.replica;
    session.assertWritable();
    return keepMine(session.db, feed.sync, id);
  },

  'sync.leases': ({ session }, { tree, limit = MAX_PAGE }) => {
    const feed = session.replica;
    const leases = feed.sync.leases().filter((lease) => tree === undefined || lease.tree === tree);
    return { leases: leases.slice(0, limit).map((lease) => feed.lease(lease)), truncated: leases.length > limit };
  },

  'sync.checkOut': async ({ session }, { tree, key, minutes }) => {
    const feed = session.replica;
    return { lease: feed.lease(await feed.sync.checkOut(tree, session.db.tree(tree).checkKey(key), minutes)) };
  },

  'sync.checkIn': async ({ session }, { tree, key, force }) => {
    const feed = session.replica;
    return { removed: await feed.sync.checkIn(tree, session.db.tree(tree).checkKey(key), { force: force ?? false }) };
  },
};
