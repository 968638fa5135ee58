/**
 * The remote storage model (issue 15), shaped after FoundationDB's: a
 * transaction reads asynchronously at one snapshot, buffers its writes and
 * commits them at once, or fails with a conflict the caller retries. Keys and
 * values are bytes; keys order as unsigned bytes, a prefix first (the order
 * the engine's key encoding gives LMDB). A backend over PostgreSQL
 * (../postgres/postgres-kv.ts) implements it; FoundationDB's or
 * CockroachDB's would implement the same.
 */

export interface RangeOptions {
  /** Inclusive; absent: from the first key. */
  readonly start?: Buffer | undefined;
  /** Exclusive; absent: to the last key. */
  readonly end?: Buffer | undefined;
  readonly reverse?: boolean | undefined;
  readonly limit?: number | undefined;
}

export interface KvEntry {
  readonly key: Buffer;
  readonly value: Buffer;
}

/** One attempt of a transaction: its reads see its own buffered writes. */
export interface RemoteTransaction {
  get(key: Buffer): Promise<Buffer | undefined>;
  range(options: RangeOptions): Promise<KvEntry[]>;
  set(key: Buffer, value: Buffer): void;
  clear(key: Buffer): void;
}

export interface RemoteKv {
  /**
   * Runs `body` in a transaction and commits it; a conflict with another transaction re-runs the body
   * from the start (so it must do nothing else that cannot be done twice), at most `attempts` times.
   */
  transact<T>(body: (tx: RemoteTransaction) => Promise<T>, options?: { readonly attempts?: number }): Promise<T>;
  close(): Promise<void>;
}

/** A transaction that kept conflicting: given up after its attempts, nothing of it committed. */
export class TooManyConflictsError extends Error {
  constructor(readonly attempts: number, cause: unknown) {
    super(`the transaction conflicted with others ${attempts} times and was given up; nothing of it was committed`, { cause });
  }
}
