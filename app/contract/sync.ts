/**
 * A database that is a replica of a Trellis server: the shapes of the sync.*
 * methods (spread into methods.ts) and of the `sync` and `lease` events. The
 * replica is read and written through records.* like any database; these say
 * how its sync stands (status, what waits to be sent, what the server refused)
 * and handle check-outs (records of some trees must be checked out to change).
 */
import Type, { type Static } from 'typebox';
import { MAX_CHECK_OUT_MINUTES, MAX_CONFLICT_RECORDS, MAX_PAGE } from './limits.js';
import { JsonKey, Limit, RecordEntry, Revision, TreeName } from './record-shapes.js';

export { MAX_CHECK_OUT_MINUTES, MAX_CONFLICT_RECORDS };

/**
 * How the replica's sync stands. `connecting`, `connected`; `offline`: the server cannot be reached
 * (edits are kept and sent later; `error` says why); `refused`: the server is not this replica's, or
 * refused its credentials — sync has stopped (`error` says why); `closed`.
 */
export const SyncStatus = Type.Object({
  state: Type.Union([Type.Literal('connecting'), Type.Literal('connected'), Type.Literal('offline'), Type.Literal('refused'), Type.Literal('closed')]),
  /** The last server revision applied here, and the last one the server told of: the difference is how far behind it is. */
  cursor: Revision,
  serverRevision: Revision,
  /** Local transactions waiting to be sent. */
  waiting: Type.Integer({ minimum: 0 }),
  /** Transactions the server did not apply, kept until the user deals with them (sync.conflicts). */
  conflicts: Type.Integer({ minimum: 0 }),
  /** While a snapshot is taken (the replica was too far behind for the server's log): records in so far, of all. */
  snapshot: Type.Optional(Type.Object({ done: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 0 }) })),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
  /** Whom the server knows this replica as (its token's user) and whether that user may break others' check-outs: as of the last connection. */
  user: Type.Optional(Type.String()),
  admin: Type.Optional(Type.Boolean()),
});
export type SyncStatus = Static<typeof SyncStatus>;

/** A check-out: who holds a record (the server token's user), until when (ms since the epoch), and whether it is this replica's own. */
export const Lease = Type.Object({
  tree: Type.String(),
  key: JsonKey,
  text: Type.String(),
  user: Type.String(),
  mine: Type.Boolean(),
  since: Type.Integer({ minimum: 0 }),
  expires: Type.Integer({ minimum: 0 }),
});
export type Lease = Static<typeof Lease>;

/** A check-out taken, given back or broken (`lease` null), on this replica or any other. */
export const LeaseChange = Type.Object({ tree: Type.String(), key: JsonKey, text: Type.String(), lease: Type.Union([Lease, Type.Null()]) });
export type LeaseChange = Static<typeof LeaseChange>;

/** One record a waiting transaction writes: `insert` (the server has no such record), `update` or `delete`. */
export const OutboxRecord = Type.Object({
  tree: Type.String(),
  key: JsonKey,
  text: Type.String(),
  kind: Type.Union([Type.Literal('insert'), Type.Literal('update'), Type.Literal('delete')]),
});
export type OutboxRecord = Static<typeof OutboxRecord>;

/**
 * One record of a transaction the server did not apply: `mine` is what this replica wrote (null: it
 * deleted the record), `theirs` the server's record when it refused (null: the server has none).
 */
export const ConflictRecord = Type.Object({
  tree: Type.String(),
  key: JsonKey,
  text: Type.String(),
  mine: Type.Union([Type.Object({ value: Type.Unknown() }), Type.Null()]),
  theirs: Type.Union([RecordEntry, Type.Null()]),
});
export type ConflictRecord = Static<typeof ConflictRecord>;

/**
 * A transaction the server did not apply: `conflict` (a record had moved on from the version it was
 * based on) or `refused` (`code` and `message` say why: CHECKED_OUT, FORBIDDEN, VALIDATION…).
 * `records` lists at most MAX_CONFLICT_RECORDS of its records; `more` counts the others.
 */
export const SyncConflict = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  status: Type.Union([Type.Literal('conflict'), Type.Literal('refused')]),
  code: Type.String(),
  message: Type.String(),
  records: Type.Array(ConflictRecord, { maxItems: MAX_CONFLICT_RECORDS }),
  more: Type.Integer({ minimum: 0 }),
});
export type SyncConflict = Static<typeof SyncConflict>;

const MutationId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const RecordAt = { tree: TreeName, key: JsonKey };

export const syncMethods = {
  /** How the replica's sync stands; null when the open database is not a replica (changes come as `sync` events). */
  'sync.status': { args: Type.Object({}), result: Type.Object({ status: Type.Union([SyncStatus, Type.Null()]) }) },
  /**
   * What waits to be sent, oldest first: each local transaction (its id) with the records it writes, at most
   * `limit` records in all (MAX_PAGE when absent); `waiting` counts the transactions, `truncated` says some were left off.
   */
  'sync.outbox': {
    args: Type.Object({ limit: Type.Optional(Limit) }),
    result: Type.Object({
      transactions: Type.Array(Type.Object({ id: Type.Integer({ minimum: 1 }), records: Type.Array(OutboxRecord) }), { maxItems: MAX_PAGE }),
      waiting: Type.Integer({ minimum: 0 }),
      truncated: Type.Boolean(),
    }),
  },
  /** The transactions the server did not apply, oldest first (at most `limit`, 100 when absent). */
  'sync.conflicts': {
    args: Type.Object({ limit: Type.Optional(Limit) }),
    result: Type.Object({ conflicts: Type.Array(SyncConflict, { maxItems: MAX_PAGE }), total: Type.Integer({ minimum: 0 }), truncated: Type.Boolean() }),
  },
  /** Forgets a conflict: the server's version stays ("take theirs"). `dismissed`: false when there was none with this id. */
  'sync.dismissConflict': { args: Type.Object({ id: MutationId }), result: Type.Object({ dismissed: Type.Boolean() }) },
  /**
   * "Keep mine": writes this replica's version of each of the conflict's records again, over the version
   * here now, in one transaction (a new one to send, based on the server's version), then forgets the
   * conflict. Refused as any write would be (read-only, CHECKED_OUT…), and then the conflict stays.
   */
  'sync.keepMine': { args: Type.Object({ id: MutationId }), result: Type.Object({ written: Type.Integer({ minimum: 0 }) }) },
  /** Check-outs the server has told of, of one tree or all (at most `limit`, MAX_PAGE when absent). */
  'sync.leases': {
    args: Type.Object({ tree: Type.Optional(TreeName), limit: Type.Optional(Limit) }),
    result: Type.Object({ leases: Type.Array(Lease, { maxItems: MAX_PAGE }), truncated: Type.Boolean() }),
  },
  /** Checks a record out for `minutes` (60 when absent), or renews this replica's own check-out; needs the server (OFFLINE). */
  'sync.checkOut': {
    args: Type.Object({ ...RecordAt, minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CHECK_OUT_MINUTES })) }),
    result: Type.Object({ lease: Lease }),
  },
  /** Gives this replica's check-out back; `force` breaks another's (the server refuses unless the token is an administrator's). */
  'sync.checkIn': { args: Type.Object({ ...RecordAt, force: Type.Optional(Type.Boolean()) }), result: Type.Object({ removed: Type.Boolean() }) },
} as const;
