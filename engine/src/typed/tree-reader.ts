/**
 * Typed reads of one tree, shared by the tree handle and the transaction's
 * tree handle. All reads are synchronous: LMDB reads are memory-mapped.
 */
import { countRange, getEntry, indexModel, lookup, range, referenceGroups, referrers, type ReferenceGroup, type ReferrersQuery, type IndexQuery, type IndexHit, type RangeOptions, type RecordEntry } from '../core/reads.js';
import type { Engine } from '../core/engine.js';
import type { TreeModel } from '../core/tree-model.js';
import type { ReferenceHolder } from '../errors.js';
import type { Key } from '../schema/key-brand.js';
import type { IdentityOf, IndexValueOf, KeyOf, TreeDeclaration, ValueOf } from '../schema/tree.js';
import { releaseStateOf, versionKeys, type ReleaseState } from '../core/release.js';
import { compiledPath, quickPathOf, resolvePath, STOPPED, valueAtQuickPath, type PathOptions, type PathResolution, type QuickPath } from '../core/path-resolve.js';
import type { PathPlan } from '../common/path-plan.js';
import type { Catalog } from '../schema/catalog.js';
import type { CheckedPath, PathValue } from './path-types.js';

/** A key of this tree if it is versioned; `never` otherwise, so release calls on other trees do not compile. */
export type VersionedKey<T extends TreeDeclaration> = T extends { readonly versioned: true } ? Key<T['name']> : never;

export interface Entry<T extends TreeDeclaration> {
  readonly key: KeyOf<T>;
  readonly value: ValueOf<T>;
  readonly revision: number;
}

export interface Page<T extends TreeDeclaration> {
  readonly entries: Entry<T>[];
  /** Pass as `after` to continue; absent on the last page. */
  readonly next?: KeyOf<T>;
}

/** The leading fields of a compound index value: [a, b, c] → [a] | [a, b]. */
type Leading<V> = V extends readonly [...infer Init, unknown] ? (Init extends readonly [] ? never : Readonly<Init> | Leading<Init>) : never;

export interface TypedIndexQuery<V> extends Omit<IndexQuery, 'equals' | 'start' | 'end'> {
  /** The whole value, or for a compound index its leading fields. */
  readonly equals?: V | Leading<V> | undefined;
  readonly start?: V | undefined;
  readonly end?: V | undefined;
}

export interface IndexReader<T extends TreeDeclaration, I extends keyof T['indexes']> {
  /** Keys in index order. */
  keys(query?: TypedIndexQuery<IndexValueOf<T, I>>): IterableIterator<Omit<IndexHit, 'key'> & { readonly key: KeyOf<T> }>;
  /** Records in index order. */
  records(query?: TypedIndexQuery<IndexValueOf<T, I>>): IterableIterator<Entry<T>>;
  /** The record holding this value (the first one, for a non-unique index). */
  get(value: IndexValueOf<T, I>): Entry<T> | undefined;
}

/** Options of a typed path read; `lenient: true` gives undefined where the data does not lead on, instead of BAD_PATH. */
export interface TypedPathOptions<L extends boolean = boolean> extends Omit<PathOptions, 'lenient'> {
  readonly lenient?: L;
}

/** `All`: every tree of the schema (a union), so that paths can follow references into them. */
export class TreeReader<T extends TreeDeclaration, All extends TreeDeclaration = TreeDeclaration> {
  /** The path `path()` read last, ready to read again. */
  private lastPath: { readonly text: string; readonly catalog: Catalog; readonly plan: PathPlan; readonly quick: QuickPath | undefined } | undefined;

  constructor(
    protected readonly engine: Engine,
    protected readonly model: TreeModel,
  ) {}

  get name(): T['name'] {
    return this.model.name;
  }

  /** Checks a raw key's shape and binds it to this tree. */
  key(raw: unknown): KeyOf<T> {
    return this.model.key.check(raw) as KeyOf<T>;
  }

  get(key: Key<T['name']>): ValueOf<T> | undefined {
    this.engine.assertOpen();
    return this.engine.records(this.model).get(this.model.key.check(key)) as ValueOf<T> | undefined;
  }

  getEntry(key: Key<T['name']>): Entry<T> | undefined {
    this.engine.assertOpen();
    return getEntry(this.engine, this.model, key) as Entry<T> | undefined;
  }

  has(key: Key<T['name']>): boolean {
    this.engine.assertOpen();
    return this.engine.records(this.model).has(this.model.key.check(key));
  }

  /** The number of records, in constant time. */
  count(): number {
    this.engine.assertOpen();
    return this.engine.records(this.model).count();
  }

  /** Records in a range (`limit`, `offset` and `after` ignored), counted over keys without reading values. */
  countRange(options: Pick<RangeOptions<KeyOf<T>>, 'start' | 'end' | 'prefix'> = {}): number {
    this.engine.assertOpen();
    return countRange(this.engine, this.model, { start: options.start, end: options.end, prefix: options.prefix } as RangeOptions);
  }

  /** How many records sort before `key` (which need not exist). Walks at most a few thousand keys (core/positions.ts), no values. */
  position(key: Key<T['name']>): number {
    this.engine.assertOpen();
    return countRange(this.engine, this.model, { end: this.model.key.check(key) });
  }

  range(options: RangeOptions<KeyOf<T>> = {}): IterableIterator<Entry<T>> {
    this.engine.assertOpen();
    return range(this.engine, this.model, options as RangeOptions) as IterableIterator<Entry<T>>;
  }

  /** One page of a range; `next` continues it (keyset paging, as fast on page 10,000 as on page 1). */
  page(options: RangeOptions<KeyOf<T>> & { readonly limit: number }): Page<T> {
    this.engine.assertOpen();
    const entries = [...range(this.engine, this.model, { ...(options as RangeOptions), limit: options.limit + 1 })] as Entry<T>[];
    const more = entries.length > options.limit;
    if (more) entries.pop();
    const last = entries.at(-1);
    return more && last ? { entries, next: last.key } : { entries };
  }

  index<I extends keyof T['indexes'] & string>(name: I): IndexReader<T, I> {
    this.engine.assertOpen();
    const index = indexModel(this.model, name);
    const engine = this.engine;
    const model = this.model;
    const keys = (query: IndexQuery = {}) => lookup(engine, model, index, query) as IterableIterator<Omit<IndexHit, 'key'> & { readonly key: KeyOf<T> }>;
    function* records(query: IndexQuery = {}): IterableIterator<Entry<T>> {
      for (const hit of lookup(engine, model, index, query)) {
        const entry = getEntry(engine, model, hit.key);
        if (entry) yield entry as Entry<T>;
      }
    }
    return {
      keys,
      records,
      get: (value) => records({ equals: value, limit: 1 }).next().value,
    };
  }

  /**
   * Which records refer to this one, from the reverse-reference index (no scan):
   * all of them in index order, or one group's (`group: { tree, path }`),
   * continuing after a holder's key (`group.after`) to page through it.
   */
  referencedBy(key: Key<T['name']>, options: ReferrersQuery = {}): ReferenceHolder[] {
    this.engine.assertOpen();
    return referrers(this.engine, this.model, this.model.key.check(key), options);
  }

  /** Each tree and field that refers to this record, with its exact number of holders. */
  referenceGroups(key: Key<T['name']>): ReferenceGroup[] {
    this.engine.assertOpen();
    return referenceGroups(this.engine, this.model, this.model.key.check(key));
  }

  /**
   * The value at the end of a path from this record (`'project->owner->email'`), typed from the declarations;
   * a list of values when the path fans out (`*`, a reverse step `<-tasks.owner`). A path that does not fit
   * the schema does not compile (nor run: INVALID_PATH); data that does not lead on is BAD_PATH, or with
   * `lenient: true`, undefined.
   */
  path<const P extends string, const L extends boolean = false>(key: Key<T['name']>, path: CheckedPath<All, T, P>, options?: TypedPathOptions<L>): PathValue<All, T, P, L> {
    this.engine.assertOpen();
    let last = this.lastPath;
    // The same path again (the common case: a loop over records) skips even the plan lookup.
    if (last?.text !== path || last.catalog !== this.engine.catalog) {
      const plan = compiledPath(this.engine, this.model.name, path);
      last = this.lastPath = { text: path, catalog: this.engine.catalog, plan, quick: quickPathOf(this.engine, plan) };
    }
    if (last.quick) {
      const value = valueAtQuickPath(this.engine, last.quick, this.model, key);
      if (value !== STOPPED) return value as PathValue<All, T, P, L>;
    }
    const { matches } = resolvePath(this.engine, last.plan, this.model, key, 'native', options as PathOptions);
    return (last.plan.many ? matches.map((m) => m.value) : matches[0]?.value) as PathValue<All, T, P, L>;
  }

  /** A path's every result with the records it went through (their trees, keys and revisions), values native. */
  resolvePath<const P extends string>(key: Key<T['name']>, path: CheckedPath<All, T, P>, options?: PathOptions): PathResolution {
    this.engine.assertOpen();
    return resolvePath(this.engine, compiledPath(this.engine, this.model.name, path), this.model, key, 'native', { ...options, hops: true });
  }

  /** A versioned record's release state: released or a draft, and its lifecycle number (undefined: no such record). */
  releaseState(key: VersionedKey<T>): ReleaseState | undefined {
    this.engine.assertOpen();
    const checked = this.model.key.check(key);
    return this.engine.records(this.model).has(checked) ? releaseStateOf(this.engine, this.model, checked) : undefined;
  }

  /** The keys of every version of a versioned record (its key without the version), oldest first. */
  versions(identity: T extends { readonly versioned: true } ? IdentityOf<T> : never): KeyOf<T>[] {
    this.engine.assertOpen();
    return versionKeys(this.engine, this.model, identity) as KeyOf<T>[];
  }
}

export type { RangeOptions, RecordEntry };
