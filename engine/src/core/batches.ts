/**
 * Many writes in bounded batches, one transaction each, with a few batches
 * committing while the next is prepared: what bulk inserts and imports use.
 *
 * lmdb-js commits on its own thread and runs the transactions given while a
 * commit is under way one after another in the next write transaction (../storage/lmdb-backend.ts):
 * a writer that waits for each commit before it starts the next batch leaves the
 * disk idle while it prepares, and the JavaScript thread idle while it syncs.
 * Keeping up to `inFlight` batches queued overlaps the two, and neighbouring
 * batches share commits. Batches still run, and commit, in order: once one
 * fails, or the signal is aborted, the batches queued after it write nothing (each
 * looks first), so what stays is exactly the batches before that point.
 */
import type { Engine } from './engine.js';
import type { WriteContext } from './write-context.js';

export interface BatchOptions {
  /** Items per transaction (default 1,000). */
  readonly batchSize?: number | undefined;
  /** Batches queued for commit at once (default 4). */
  readonly inFlight?: number | undefined;
  /** Stops at the next batch: the batches committed before it stay, none after it writes anything. */
  readonly signal?: AbortSignal | undefined;
}

export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_IN_FLIGHT = 4;

/** Thrown by a batch queued behind a failed one: it wrote nothing, and the failed batch's error is the answer. */
const SKIPPED = Symbol('skipped after an earlier batch failed');

/**
 * Writes `items` through `write`, `batchSize` per transaction, and calls `committed`
 * with each batch's results once it is committed, in order. Resolves to the number
 * of items written; rejects with the first failing batch's error (the batches
 * before it are committed and were reported, none after it wrote anything).
 */
export async function writeInBatches<I, R>(
  engine: Engine,
  items: Iterable<I> | AsyncIterable<I>,
  write: (context: WriteContext, item: I, index: number) => R,
  committed: (results: R[], firstIndex: number) => void,
  options: BatchOptions = {},
): Promise<number> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const inFlight = Math.max(1, Math.floor(options.inFlight ?? DEFAULT_IN_FLIGHT));
  let failed = false;
  let written = 0;
  /** The queued batches, oldest first; each settles after the one before it reported. */
  const queued: Promise<void>[] = [];
  let reported: Promise<void> = Promise.resolve();

  const queue = (batch: I[], firstIndex: number) => {
    const commit = engine.transaction((context) => {
      if (failed || options.signal?.aborted) throw SKIPPED;
      try {
        return batch.map((item, i) => write(context, item, firstIndex + i));
      } catch (error) {
        failed = true; // read by the batches queued behind this one, which run after it
        throw error;
      }
    });
    commit.catch(() => undefined); // observed below, in order; never an unhandled rejection meanwhile
    const done = reported.then(async () => {
      const results = await commit;
      written += batch.length;
      committed(results, firstIndex);
    });
    reported = done.catch(() => undefined);
    queued.push(done);
  };

  try {
    let batch: I[] = [];
    let index = 0;
    for await (const item of items) {
      batch.push(item);
      if (batch.length < batchSize) continue;
      queue(batch, index);
      index += batch.length;
      batch = [];
      if (queued.length >= inFlight) await queued.shift();
      options.signal?.throwIfAborted();
    }
    if (batch.length > 0) queue(batch, index);
    for (const done of queued.splice(0)) await done;
  } catch (error) {
    // A failed batch, the source or the signal: what was queued settles first (a batch behind a
    // failed one writes nothing, the others commit), so the caller's count is final when it hears.
    const settled = await Promise.allSettled(queued.splice(0));
    const first = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && s.reason !== SKIPPED);
    // Only a signal skips a batch that no failed batch precedes.
    throw first ? first.reason : error === SKIPPED ? options.signal?.reason : error;
  }
  return written;
}
