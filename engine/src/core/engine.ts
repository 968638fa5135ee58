/**
 * The engine both faces stand on: its stores and models (./engine-state.ts),
 * transactions and change delivery. Reads live in ./reads.ts, the write path
 * in ./write-context.ts.
 */
import { AsyncTransactionError, ClosedError, ReadOnlyError, TrellisError } from '../errors.js';
import { EngineState } from './engine-state.js';
import { WriteContext } from './write-context.js';
import { CHANGES_STORE, META_STORE, REFS_STORE, SYNC_STORE } from './meta.js';
import type { ChangeEvent, ChangeListener } from './changes.js';

export class Engine extends EngineState {
  private readonly listeners = new Set<ChangeListener>();
  private everyStoreOpen = false;

  /**
   * Runs `body` in one atomic transaction, after every earlier one. Reads in it
   * see its own writes; if it throws, nothing is written. `body` must be
   * synchronous: holding LMDB's single write lock across awaits would stall
   * every other writer, in this process and others.
   */
  async transaction<T>(body: (context: WriteContext) => T, options: { reconciling?: boolean; migrating?: boolean } = {}): Promise<T> {
    this.assertOpen();
    if (this.readOnly) throw new ReadOnlyError(this.path);
    // Not while the schema is reconciled: nothing else reads yet, and a refused change must write nothing.
    if (!options.reconciling) this.openEveryStore();
    const { result, changes } = await this.closedAware(() => this.backend.transaction(() => {
      // Under the write lock: the schema this handle writes by is still the stored one (a migration moves it on purpose).
      if (!options.migrating) this.assertSchemaCurrent();
      const context = new WriteContext(this);
      this.writing = true;
      try {
        const result = body(context);
        if (isThenable(result)) {
          result.then(undefined, () => undefined); // the aborted body's own rejection is not the caller's concern
          throw new AsyncTransactionError();
        }
        context.finish();
        return { result, changes: context.changes };
      } finally {
        // Writes after an await in `body`, or through a handle kept past it, would land outside any transaction.
        context.end();
        this.writing = false;
      }
    }));
    if (changes.length > 0) this.emit(changes);
    return result;
  }

  /**
   * Opens (creating them if new) the stores of every tree and index, once,
   * outside any transaction. LMDB keeps a sub-database handle opened inside a
   * write transaction private to it until the commit, which lmdb-js finishes
   * on its own thread: a read in between failed with a bare "Invalid argument"
   * (the fuzz suite's index.lookup beside the first insert of a tree).
   */
  private openEveryStore(): void {
    if (this.everyStoreOpen) return;
    for (const name of [META_STORE, REFS_STORE, CHANGES_STORE, SYNC_STORE]) this.store(name);
    for (const model of this.models.values()) {
      this.records(model);
      for (const index of model.indexes) this.store(index.storeName);
      for (const ref of model.references) this.referenceStore(ref);
      if (model.releaseStore) this.store(model.releaseStore);
    }
    this.everyStoreOpen = true;
  }

  /**
   * A transaction waits its turn; if the database closes meanwhile, lmdb-js
   * fails it with errors of its own ("The transaction is already closed"):
   * they are CLOSED, as a call after the close is. A TrellisError the body
   * threw keeps its code.
   */
  private async closedAware<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (this.closed && !(error instanceof TrellisError)) throw new ClosedError(this.path);
      throw error;
    }
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(events: Parameters<ChangeListener>[0]): void {
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (error) {
        // A failing listener must not break the writer that committed.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    await this.backend.close();
  }

}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

export type { ChangeEvent };
