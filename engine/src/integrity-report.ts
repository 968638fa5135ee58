/**
 * What an integrity check reports: each problem from one closed set of kinds,
 * naming the tree (and index, store, key or path) where it was found. The check
 * itself (./integrity) sits above the faces; this, what `verify()` answers, sits
 * beside errors.ts, below them, so both faces can name it.
 */

export type IntegrityProblemKind =
  /** The stored value cannot be read at all (msgpack does not decode). */
  | 'undecodable-record'
  /** A record's key does not match its tree's key schema. */
  | 'invalid-key'
  /** A record's value does not validate against the stored schema. */
  | 'invalid-record'
  /** A record puts an entry in an index, and the index lacks it. */
  | 'missing-index-entry'
  /** An index entry that no record puts there. */
  | 'stale-index-entry'
  /** Two records hold the same value of a unique index. */
  | 'unique-conflict'
  /** A record refers to another, and the reverse-reference store lacks the entry. */
  | 'missing-reference-entry'
  /** A reverse-reference entry that no record's reference accounts for. */
  | 'stale-reference-entry'
  /** A record refers to a record that does not exist. */
  | 'dangling-reference'
  /** The catalog lists an index with entries to hold, and its store does not exist. */
  | 'missing-store'
  /** A store that holds entries and that the catalog does not account for. */
  | 'unknown-store'
  /** A store's own entry count disagrees with its entries. */
  | 'count-mismatch'
  /** An auto-increment counter below the largest id: the next insert would collide. */
  | 'auto-counter-behind'
  /** A record or change-log entry is newer than the database's revision counter. */
  | 'revision-behind'
  /** The catalog contradicts itself (e.g. a reference to a tree it does not list). */
  | 'invalid-catalog'
  /** A versioned tree's release state for a record that does not exist. */
  | 'stale-release-state'
  /** A release state that is not `{ released?, lifecycle, revision }` of whole numbers. */
  | 'invalid-release-state';

export const INTEGRITY_PROBLEM_KINDS: readonly IntegrityProblemKind[] = [
  'undecodable-record',
  'invalid-key',
  'invalid-record',
  'missing-index-entry',
  'stale-index-entry',
  'unique-conflict',
  'missing-reference-entry',
  'stale-reference-entry',
  'dangling-reference',
  'missing-store',
  'unknown-store',
  'count-mismatch',
  'auto-counter-behind',
  'revision-behind',
  'invalid-catalog',
  'stale-release-state',
  'invalid-release-state',
];

export interface IntegrityProblem {
  readonly kind: IntegrityProblemKind;
  /** The tree the problem belongs to (for a reverse-reference entry: the referring tree, when known). */
  readonly tree: string;
  readonly index?: string;
  /** The store (sub-database) where it was found. */
  readonly store?: string;
  /** The record's key, or the raw stored key of an index or reverse-reference entry. */
  readonly key?: unknown;
  /** A reference path (`owner`, `friends[]`) or a path inside the value (JSON Pointer). */
  readonly path?: string;
  readonly message: string;
}

/** What a repair did, one line per store rebuilt or counter raised. */
export interface IntegrityRepair {
  readonly action: 'rebuild-index' | 'rebuild-references' | 'raise-counter' | 'remove-release-states';
  readonly tree?: string;
  readonly index?: string;
  readonly message: string;
}

export interface IntegrityReport {
  /** True when no problem was found (after the repair, when one was asked for). */
  readonly ok: boolean;
  readonly checked: {
    readonly trees: number;
    readonly records: number;
    /** Index entries a recomputation from the records expects, each looked up. */
    readonly indexEntries: number;
    /** Reverse-reference entries a recomputation expects, each looked up. */
    readonly references: number;
  };
  readonly problems: readonly IntegrityProblem[];
  /** Problems found beyond `maxProblems` and left out of `problems`. */
  readonly omittedProblems: number;
  /** Present when a repair was asked for: what it changed (empty if nothing needed it). */
  readonly repairs?: readonly IntegrityRepair[];
  /**
   * Indexes the check could not recompute, and why: a computed index whose function only the application
   * has (a tool opened the database), or one left stale (rebuilt when the application next opens it).
   * Absent when every index was checked. `ok` speaks for what was checked.
   */
  readonly unchecked?: readonly UncheckedIndex[];
}

export interface UncheckedIndex {
  readonly tree: string;
  readonly index: string;
  readonly reason: string;
}

export interface VerifyOptions {
  /**
   * Rebuild the indexes and the reverse-reference store that disagree with the
   * records and raise counters that are behind, in one transaction. Records are
   * never changed: undecodable or invalid records and dangling references are
   * reported, not repaired. Without it nothing is ever written.
   */
  readonly repair?: boolean;
  /** Problems listed at most (the rest are counted in `omittedProblems`); 1000 unless given. */
  readonly maxProblems?: number;
  /**
   * Told what the check reads next (`the records of tasks, …`, `the entries of index tasks.byStatus`).
   * The check runs synchronously in one snapshot, so this is the only way to learn, if LMDB ends
   * the process at a damaged page, which part of the file it was reading.
   */
  readonly onProgress?: (step: string) => void;
}
