/**
 * Opaque writes inside a transaction (`db.opaque.transaction`): any tree by
 * name, values in text form, applied at once and committed together.
 */
import { getEntry } from '../core/reads.js';
import type { Engine } from '../core/engine.js';
import type { ChangeKind } from '../core/changes.js';
import type { PutOptions, WriteContext, WriteOptions } from '../core/write-context.js';
import type { KeyValue } from '../schema/key-brand.js';
import { newVersion, release, setLifecycle, type ReleaseState } from '../core/release.js';
import { compiledPath, resolvePath, type PathOptions, type PathResolution } from '../core/path-resolve.js';
import { writeAtPath, type PathWritten } from '../core/path-write.js';
import { textEntry, type OpaqueEntry } from './text-entry.js';

/**
 * A record a transaction wrote, in text form: `before` is the record as it was
 * (absent for an insert), `revision` what the write gave it. Enough to undo the
 * write conditionally: put `before` back (or delete) if the record still has
 * `revision`.
 */
export interface OpaqueWritten {
  readonly tree: string;
  readonly key: KeyValue;
  readonly kind: ChangeKind;
  readonly revision: number;
  readonly before?: OpaqueEntry;
}

/** Opaque writes inside a transaction: they apply at once and commit together. */
export class OpaqueTransaction {
  constructor(
    private readonly engine: Engine,
    private readonly context: WriteContext,
  ) {}

  insert(tree: string, value: unknown): KeyValue {
    return this.context.insert(this.engine.model(tree), value, 'json');
  }
  put(tree: string, key: unknown, value: unknown, options?: PutOptions): KeyValue {
    return this.context.put(this.engine.model(tree), key, value, 'json', options);
  }
  update(tree: string, key: unknown, change: (current: unknown) => unknown, options?: WriteOptions): unknown {
    return this.context.update(this.engine.model(tree), key, change, 'json', options);
  }
  delete(tree: string, key: unknown, options?: WriteOptions): boolean {
    return this.context.delete(this.engine.model(tree), key, options);
  }
  release(tree: string, key: unknown, options?: WriteOptions): ReleaseState {
    return release(this.context, this.engine, this.engine.model(tree), key, options);
  }
  setLifecycle(tree: string, key: unknown, lifecycle: number, options?: WriteOptions): ReleaseState {
    return setLifecycle(this.context, this.engine, this.engine.model(tree), key, lifecycle, options);
  }
  newVersion(tree: string, key: unknown): KeyValue {
    return newVersion(this.context, this.engine, this.engine.model(tree), key);
  }
  /** Writes `value` at the end of `path` from `tree`/`key` (see OpaqueTree.setPath); answers the record written. */
  setPath(tree: string, key: unknown, path: string, value: unknown, options?: WriteOptions): PathWritten {
    return writeAtPath(this.context, this.engine, compiledPath(this.engine, tree, path), this.engine.model(tree), key, value, 'json', options);
  }
  /** Follows `path` from a record, seeing this transaction's writes. */
  resolve(tree: string, key: unknown, path: string, options?: PathOptions): PathResolution {
    return resolvePath(this.engine, compiledPath(this.engine, tree, path), this.engine.model(tree), key, 'json', { ...options, hops: true });
  }
  get(tree: string, key: unknown): OpaqueEntry | undefined {
    const model = this.engine.model(tree);
    const entry = getEntry(this.engine, model, key);
    return entry && textEntry(this.engine, model, entry.key, entry.value, entry.revision);
  }
  /**
   * Every record this transaction has written so far, in write order, with
   * what it held before: the records a delete cascaded to and the holders it
   * unlinked come before the record itself.
   */
  written(): OpaqueWritten[] {
    return this.context.written.map(({ tree, key, kind, revision, before }) => {
      const written = { tree, key, kind, revision };
      if (!before) return written;
      return { ...written, before: textEntry(this.engine, this.engine.model(tree), key, before.value, before.version) };
    });
  }
}

