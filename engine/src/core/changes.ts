/**
 * Change events. In this process they are delivered after each commit; other
 * processes learn of them from a change log kept in the database itself,
 * because LMDB has no cross-process notification (see CONTEXT.md).
 */
import type { KeyValue } from '../schema/key-brand.js';

/** What a write did to a record's value. */
export type WriteKind = 'insert' | 'update' | 'delete';
/** A write, or a change to a versioned record's release state (released; lifecycle number set), its value untouched. */
export type ChangeKind = WriteKind | 'release' | 'lifecycle';

export interface ChangeEvent {
  readonly tree: string;
  readonly key: KeyValue;
  readonly kind: ChangeKind;
  /** The revision the write gave the record (for deletes: the revision of the deletion). */
  readonly revision: number;
  /** False when the write came from another process (seen through the change log). */
  readonly local: boolean;
}

/** Delivered instead of events when another process wrote more than the log keeps: re-read everything. */
export interface ResyncEvent {
  readonly kind: 'resync';
  readonly revision: number;
}

/**
 * Delivered to watchers when another process changed the database's schema (a new tree, field or
 * index; a migration): this handle's writes are refused from then on (STALE_SCHEMA). Reopen the
 * database to read and write by the new schema.
 */
export interface SchemaEvent {
  readonly kind: 'schema';
  /** The schema version this handle runs on, and the stored one. */
  readonly from: number;
  readonly to: number;
  /**
   * True while another process migrates the database to `to`: its records are still those of `from`, and
   * every handle's writes are refused until the migration ends (a second event, without `migrating`).
   */
  readonly migrating?: boolean;
}

export type ChangeListener = (events: readonly ChangeEvent[] | ResyncEvent | SchemaEvent) => void;

/**
 * The change log keeps at least the last CHANGE_LOG_RETAIN revisions; a
 * watcher further behind than this gets a resync.
 */
export const CHANGE_LOG_RETAIN = 10_000;
/** How often (in revisions) old log entries are trimmed, so trimming is cheap per write. */
export const CHANGE_LOG_TRIM_EVERY = 512;
/**
 * A transaction with more changes than this logs only their number, which
 * watchers take as a resync. At CHANGE_LOG_RETAIN this drops nothing a watcher
 * could still use: it would be further behind than the log keeps anyway.
 */
export const CHANGE_LOG_MAX_LISTED = CHANGE_LOG_RETAIN;

/** One change of a logged transaction: tree, key, kind. */
export type LoggedChange = readonly [string, KeyValue, ChangeKind];

/**
 * A change log entry: one per committed transaction, keyed by the last
 * revision it gave out. (lmdb-js pays per put: an entry per write was a quarter
 * of an indexed insert's puts, and batched inserts ran ~12% faster without.)
 * The value is the writer's id and the changes in revision order, the first
 * having taken `key - changes.length + 1`; or, for a transaction too big to
 * list, the number of revisions it took.
 */
export type LoggedTransaction = readonly [writer: string, changes: readonly LoggedChange[] | number];

/** A log entry as read back: the revisions it covers, and its changes unless it only counts them. */
export interface ReadTransaction {
  readonly writer: string;
  readonly first: number;
  readonly last: number;
  /** Undefined for a transaction too big to list: watchers resync. */
  readonly changes: readonly LoggedChange[] | undefined;
}

/** Reads a log entry; undefined for one this version cannot read (e.g. the per-write entries of earlier versions), which watchers take as a resync. */
export function readLoggedTransaction(key: unknown, value: unknown): ReadTransaction | undefined {
  if (typeof key !== 'number' || !Array.isArray(value) || value.length !== 2) return undefined;
  const [writer, changes] = value as [unknown, unknown];
  if (typeof writer !== 'string') return undefined;
  const count = Array.isArray(changes) ? changes.length : changes;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > key) return undefined;
  return { writer, first: key - count + 1, last: key, changes: Array.isArray(changes) ? (changes as LoggedChange[]) : undefined };
}
