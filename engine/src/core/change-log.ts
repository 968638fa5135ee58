/**
 * Writing a committed transaction into the change log (./changes.ts says what
 * an entry holds and how long the log keeps them): one entry per transaction
 * under its last revision, and the entries past the window trimmed as the
 * revisions cross a multiple of CHANGE_LOG_TRIM_EVERY.
 */
import { CHANGE_LOG_MAX_LISTED, CHANGE_LOG_RETAIN, CHANGE_LOG_TRIM_EVERY, type ChangeEvent, type LoggedTransaction } from './changes.js';
import type { EngineState } from './engine-state.js';

/**
 * Logs the transaction that took revisions `first` to `last`. If a write took a revision and then
 * failed (and the body went on), the changes no longer match the revisions: like a transaction too
 * big to list, or one asked to be logged by its size (`byCount`), it is logged by its size only,
 * and watchers resync.
 */
export function logTransaction(engine: EngineState, first: number, last: number, changes: readonly ChangeEvent[], byCount: boolean): void {
  const count = last - first + 1;
  const listed = !byCount && count === changes.length && count <= CHANGE_LOG_MAX_LISTED;
  const logged: LoggedTransaction = [engine.writerId, listed ? changes.map((c) => [c.tree, c.key, c.kind] as const) : count];
  const log = engine.changeLog;
  log.put(last, logged);
  if (Math.floor(last / CHANGE_LOG_TRIM_EVERY) > Math.floor((first - 1) / CHANGE_LOG_TRIM_EVERY)) {
    // Entries whose revisions all fell out of the window go: as many as were written since the last
    // trim, so the cost stays proportional to the writes. (A fixed limit let big transactions outgrow it.)
    for (const key of [...log.keys({ end: last - CHANGE_LOG_RETAIN + 1 })]) log.remove(key);
  }
}
