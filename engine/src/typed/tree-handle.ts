/**
 * Typed writes of one tree. Outside a transaction each write is its own
 * transaction and resolves once committed; inside one it applies at once.
 */
import { writeInBatches, type BatchOptions } from '../core/batches.js';
import type { Engine } from '../core/engine.js';
import type { TreeModel } from '../core/tree-model.js';
import type { PutOptions, WriteContext, WriteOptions } from '../core/write-context.js';
import type { Key } from '../schema/key-brand.js';
import type { KeyOf, TreeDeclaration, ValueOf } from '../schema/tree.js';
import { TreeReader, type VersionedKey } from './tree-reader.js';
import { newVersion, release, setLifecycle, type ReleaseState } from '../core/release.js';
import { compiledPath } from '../core/path-resolve.js';
import { writeAtPath, type PathWritten } from '../core/path-write.js';
import type { CheckedPath, PathValue } from './path-types.js';

/** A shallow patch, or a function from the current value to the next one. */
export type Change<V> = Partial<V> | ((current: V) => V);

function applier<V>(change: Change<V>): (current: unknown) => unknown {
  return typeof change === 'function' ? (change as (c: unknown) => unknown) : (current) => ({ ...(current as object), ...change });
}

export interface InsertManyOptions<K> extends BatchOptions {
  /** After each batch is committed, in order: the keys it gave. */
  readonly onBatch?: ((keys: K[]) => void) | undefined;
}

export class TreeHandle<T extends TreeDeclaration, All extends TreeDeclaration = TreeDeclaration> extends TreeReader<T, All> {
  private write<R>(body: (context: WriteContext) => R): Promise<R> {
    return this.engine.transaction(body);
  }

  /** Inserts a record and resolves to its new key once committed. */
  insert(value: ValueOf<T>): Promise<KeyOf<T>> {
    return this.write((c) => c.insert(this.model, value, 'native') as KeyOf<T>);
  }

  /**
   * Inserts many records, `batchSize` per transaction (1,000 by default), each validated and
   * its references checked as `insert` does, with a few batches committing while the next is
   * prepared; resolves to their keys in order. Each batch is atomic: if one fails, the call
   * rejects with its error, the batches before it stay (`onBatch` reported each) and nothing
   * after it is written. Reads the input as it goes: an async iterable streams.
   */
  async insertMany(values: Iterable<ValueOf<T>> | AsyncIterable<ValueOf<T>>, options: InsertManyOptions<KeyOf<T>> = {}): Promise<KeyOf<T>[]> {
    const keys: KeyOf<T>[] = [];
    await writeInBatches(
      this.engine,
      values,
      (context, value) => context.insert(this.model, value, 'native') as KeyOf<T>,
      (batch) => {
        for (const key of batch) keys.push(key);
        options.onBatch?.(batch);
      },
      options,
    );
    return keys;
  }

  /** Writes a record at a key, replacing what was there (with `create`, only if nothing was). */
  put(key: Key<T['name']>, value: ValueOf<T>, options?: PutOptions): Promise<KeyOf<T>> {
    return this.write((c) => c.put(this.model, key, value, 'native', options) as KeyOf<T>);
  }

  /** Changes a record; with `ifRevision`, only if nobody changed it since that revision. */
  update(key: Key<T['name']>, change: Change<ValueOf<T>>, options?: WriteOptions): Promise<ValueOf<T>> {
    return this.write((c) => c.update(this.model, key, applier(change), 'native', options) as ValueOf<T>);
  }

  /** Deletes a record; resolves to false if there was none. */
  delete(key: Key<T['name']>, options?: WriteOptions): Promise<boolean> {
    return this.write((c) => c.delete(this.model, key, options));
  }

  /**
   * Writes `value` at the end of a path from this record (`'project->owner->email'`): the last record the
   * path reaches is updated there, checked as any update (`ifRevision` is that record's revision).
   */
  setPath<const P extends string>(key: Key<T['name']>, path: CheckedPath<All, T, P>, value: PathValue<All, T, P>, options?: WriteOptions): Promise<PathWritten> {
    return this.write((c) => writeAtPath(c, this.engine, compiledPath(this.engine, this.model.name, path), this.model, key, value, 'native', options));
  }

  /**
   * Releases a version of a record: it never changes and is never deleted again (RELEASED). Refused while it
   * refers to a draft of a versioned tree. With `ifRevision`, only if the record is still at that revision.
   */
  release(key: VersionedKey<T>, options?: WriteOptions): Promise<ReleaseState> {
    return this.write((c) => release(c, this.engine, this.model, key, options));
  }

  /** Sets a versioned record's lifecycle number (released or not): a revision and a change event of its own. */
  setLifecycle(key: VersionedKey<T>, lifecycle: number, options?: WriteOptions): Promise<ReleaseState> {
    return this.write((c) => setLifecycle(c, this.engine, this.model, key, lifecycle, options));
  }

  /** Makes the next version of a record as a draft copy of this one; resolves to its key. */
  newVersion(key: VersionedKey<T>): Promise<KeyOf<T>> {
    return this.write((c) => newVersion(c, this.engine, this.model, key) as KeyOf<T>);
  }
}

/** The same tree inside a transaction: writes return at once and commit with the transaction. */
export class TransactionTree<T extends TreeDeclaration, All extends TreeDeclaration = TreeDeclaration> extends TreeReader<T, All> {
  constructor(
    engine: Engine,
    model: TreeModel,
    private readonly context: WriteContext,
  ) {
    super(engine, model);
  }

  insert(value: ValueOf<T>): KeyOf<T> {
    return this.context.insert(this.model, value, 'native') as KeyOf<T>;
  }

  put(key: Key<T['name']>, value: ValueOf<T>, options?: PutOptions): KeyOf<T> {
    return this.context.put(this.model, key, value, 'native', options) as KeyOf<T>;
  }

  update(key: Key<T['name']>, change: Change<ValueOf<T>>, options?: WriteOptions): ValueOf<T> {
    return this.context.update(this.model, key, applier(change), 'native', options) as ValueOf<T>;
  }

  delete(key: Key<T['name']>, options?: WriteOptions): boolean {
    return this.context.delete(this.model, key, options);
  }

  setPath<const P extends string>(key: Key<T['name']>, path: CheckedPath<All, T, P>, value: PathValue<All, T, P>, options?: WriteOptions): PathWritten {
    return writeAtPath(this.context, this.engine, compiledPath(this.engine, this.model.name, path), this.model, key, value, 'native', options);
  }

  release(key: VersionedKey<T>, options?: WriteOptions): ReleaseState {
    return release(this.context, this.engine, this.model, key, options);
  }

  setLifecycle(key: VersionedKey<T>, lifecycle: number, options?: WriteOptions): ReleaseState {
    return setLifecycle(this.context, this.engine, this.model, key, lifecycle, options);
  }

  newVersion(key: VersionedKey<T>): KeyOf<T> {
    return newVersion(this.context, this.engine, this.model, key) as KeyOf<T>;
  }
}
