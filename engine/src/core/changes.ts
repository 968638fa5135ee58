/**
 * Change events. In this process they are delivered after each commit; other
 * processes learn of them from a change log kept in the database itself,
 * because LMDB has no cross-process notification (see CONTEXT.md).
 */
import type { KeyValue } from '../schema/key-brand.js';

export type ChangeKind = 'insert' | 'update' | 'delete';

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

export type ChangeListener = (events: readonly ChangeEvent[] | ResyncEvent) => void;

/** Entries the change log keeps; a watcher further behind than this gets a resync. */
export const CHANGE_LOG_RETAIN = 10_000;
/** How often (in revisions) old log entries are trimmed, so trimming is cheap per write. */
export const CHANGE_LOG_TRIM_EVERY = 512;

/** A change log entry: tree, key, kind, writer id. */
export type LoggedChange = readonly [string, KeyValue, ChangeKind, string];
