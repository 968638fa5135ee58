/**
 * Reads, shared by both faces: point reads, ranges with a cursor, index
 * lookups and back-references. Ranges are `[start, end)`, forward or reverse.
 */
import { IndexStaleError, InvalidKeyError, UnknownIndexError, type ReferenceHolder } from '../errors.js';
import { staleIndexKey } from './meta.js';
import { assertKeyFits, oversizeBytes } from '../schema/key-codec.js';
import { prefixRange, type RangeQuery, type StoredEntry, type StoredKey } from '../storage/backend.js';
import type { KeyPart, KeyValue } from '../schema/key-brand.js';
import type { EngineState } from './engine-state.js';
import type { IndexModel, TreeModel } from './tree-model.js';
import { legacyReferenceGroups, legacyReferrers } from './legacy-references.js';

export interface RecordEntry {
  readonly key: KeyValue;
  readonly value: unknown;
  readonly revision: number;
}

export interface RangeOptions<K = KeyValue> {
  /** Inclusive lower bound. */
  readonly start?: K | undefined;
  /** Exclusive upper bound. */
  readonly end?: K | undefined;
  /** Leading parts of a composite key, or the leading text of a string key. */
  readonly prefix?: readonly unknown[] | string | undefined;
  /** A cursor: continue after this key, in the direction of travel. */
  readonly after?: K | undefined;
  readonly reverse?: boolean | undefined;
  readonly limit?: number | undefined;
  /** Skip this many records first (after `after`), stepping over keys without reading values: for jumps deep into a range. */
  readonly offset?: number | undefined;
}

/** Lookups by index value: `equals` (all fields or leading ones of a compound index), `prefix` (leading text), or a range. */
export interface IndexQuery {
  readonly equals?: unknown;
  readonly prefix?: string | undefined;
  readonly start?: unknown;
  readonly end?: unknown;
  readonly reverse?: boolean | undefined;
  readonly limit?: number | undefined;
  /** A cursor from an earlier page (`IndexHit.cursor`). */
  readonly after?: IndexCursor | undefined;
}

/** Where an index walk stopped: the index entry, opaque to callers. */
export type IndexCursor = readonly KeyPart[] & { readonly __indexCursor?: never };

export interface IndexHit {
  readonly key: KeyValue;
  /** The indexed value(s) of this entry. */
  readonly indexed: readonly KeyPart[];
  readonly cursor: IndexCursor;
}

const EMPTY: Iterator<StoredEntry> = [][Symbol.iterator]();

/** Strings sort by UTF-8 bytes; no code point sorts after this one. */
const TEXT_END = '\u{10FFFF}';

export function getEntry(engine: EngineState, model: TreeModel, key: unknown): RecordEntry | undefined {
  const checked = model.key.check(key);
  const entry = engine.records(model).getEntry(checked);
  return entry && { key: checked, value: entry.value, revision: entry.version };
}

export function range(engine: EngineState, model: TreeModel, options: RangeOptions): IterableIterator<RecordEntry> {
  return new RecordIterator(engine, model, options);
}

/**
 * What `range` returns: a generator's behaviour (lazy: bounds are checked and
 * the read begins at the first `next`; `return` closes the underlying cursor;
 * done stays done), written by hand because the scan loop is the hot path and
 * a generator's resume costs a measurable share of a full scan.
 */
class RecordIterator implements IterableIterator<RecordEntry> {
  private source: Iterator<StoredEntry> | undefined;
  private done = false;

  constructor(
    private readonly engine: EngineState,
    private readonly model: TreeModel,
    private readonly options: RangeOptions,
  ) {}

  next(): IteratorResult<RecordEntry, undefined> {
    if (this.done) return { done: true, value: undefined };
    let source = this.source;
    if (source === undefined) {
      try {
        const records = this.engine.records(this.model);
        const query = recordQuery(this.model, this.options);
        // No range is longer than its tree; past its end there is nothing (and lmdb-js would take the offset modulo 2^32).
        const beyond = query.offset !== undefined && query.offset > 0 && query.offset >= records.count();
        source = this.source = beyond ? EMPTY : records.entries(this.engine.positions.narrow(this.model, query))[Symbol.iterator]();
      } catch (error) {
        this.done = true;
        throw error;
      }
    }
    let step: IteratorResult<StoredEntry>;
    try {
      step = source.next();
    } catch (error) {
      this.done = true;
      throw error;
    }
    if (step.done) {
      this.done = true;
      return { done: true, value: undefined };
    }
    const entry = step.value;
    return { done: false, value: { key: this.model.key.fromStored(entry.key), value: entry.value, revision: entry.version } };
  }

  return(): IteratorResult<RecordEntry, undefined> {
    if (!this.done) {
      this.done = true;
      this.source?.return?.();
    }
    return { done: true, value: undefined };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

export function recordQuery(model: TreeModel, options: RangeOptions): RangeQuery {
  const { offset } = options;
  if (offset !== undefined && !(Number.isSafeInteger(offset) && offset >= 0)) {
    throw new InvalidKeyError(model.name, { offset }, `an offset is a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);
  }
  const checkBound = (bound: unknown) => (bound === undefined ? undefined : (model.key.check(bound) as StoredKey));
  let start = checkBound(options.start);
  let end = checkBound(options.end);
  if (options.prefix !== undefined) {
    const bounds = prefixBounds(model, options.prefix);
    start = maxBound(start, bounds.start);
    end = end ?? bounds.end;
  }
  return {
    start,
    end,
    after: options.after === undefined ? undefined : (model.key.check(options.after) as StoredKey),
    reverse: options.reverse,
    limit: options.limit,
    offset: options.offset,
  };
}

/** The number of records in a range (`limit` and `offset` ignored), counted over keys only. */
export function countRange(engine: EngineState, model: TreeModel, options: RangeOptions): number {
  const query = recordQuery(model, options);
  return engine.positions.countRange(model, query.start, query.end) ?? engine.records(model).countRange(query);
}

function prefixBounds(model: TreeModel, prefix: readonly unknown[] | string): { start: StoredKey; end: StoredKey } {
  if (typeof prefix === 'string') {
    if (model.key.arity !== 1 || model.key.schema['type'] !== 'string') {
      throw new InvalidKeyError(model.name, prefix, 'a text prefix needs a tree with text keys');
    }
    checkBound(model.name, prefix + TEXT_END);
    return { start: prefix, end: prefix + TEXT_END };
  }
  if (prefix.length === 0 || prefix.length > model.key.arity) {
    throw new InvalidKeyError(model.name, prefix, `a key prefix must have 1 to ${model.key.arity} parts`);
  }
  const range = prefixRange(prefix as KeyPart[]);
  // The range ends past every key with these parts: that bound, a part longer, must fit LMDB's key size too.
  checkBound(model.name, range.end);
  return range;
}

function maxBound(a: StoredKey | undefined, b: StoredKey): StoredKey {
  return a === undefined ? b : a; // an explicit start inside the prefix wins; callers keep it inside
}

export function indexModel(model: TreeModel, name: string): IndexModel {
  const index = model.index(name);
  if (!index) throw new UnknownIndexError(model.name, name);
  return index;
}

export function* lookup(engine: EngineState, model: TreeModel, index: IndexModel, query: IndexQuery): Generator<IndexHit> {
  // A computed index written past without its function would answer with old entries: refused, never served stale.
  if (index.computed) {
    const since = engine.meta.get(staleIndexKey(index.storeName));
    if (since !== undefined) throw new IndexStaleError(model.name, index.stored.name, typeof since === 'number' ? since : undefined);
  }
  const width = index.width;
  const where = `${model.name}.${index.stored.name}`;
  // A compound index is looked up by all of its fields or leading ones; more parts than fields
  // would be compared with the record key's parts, which callers do not know, and match nothing.
  const asTuple = (v: unknown): unknown[] => {
    if (!(width > 1 && Array.isArray(v))) return [v];
    if (v.length === 0 || v.length > width) {
      throw new InvalidKeyError(where, v, `index '${index.stored.name}' is on ${width} fields (${index.stored.on.join(', ')}): give 1 to ${width} values`);
    }
    return v;
  };
  let start: StoredKey | undefined;
  let end: StoredKey | undefined;
  if (query.equals !== undefined) {
    const parts = index.toParts(asTuple(query.equals));
    ({ start, end } = prefixRange(parts));
  } else if (query.prefix !== undefined) {
    if (!index.prefixable) {
      throw new InvalidKeyError(where, query.prefix, `a prefix lookup needs a text field first, and '${index.stored.on[0]}' is not text: look up a range instead`);
    }
    start = [query.prefix];
    end = [query.prefix + TEXT_END];
  } else {
    start = query.start === undefined ? undefined : index.toParts(asTuple(query.start));
    end = query.end === undefined ? undefined : index.toParts(asTuple(query.end));
  }
  for (const bound of [start, end, query.after]) if (bound !== undefined) checkBound(model.name, bound as readonly unknown[], index.stored.name);
  const store = engine.store(index.storeName);
  const rangeQuery: RangeQuery = { start, end, after: query.after, reverse: query.reverse, limit: query.limit };
  if (index.stored.unique) {
    for (const entry of store.entries(rangeQuery)) {
      const indexed = asParts(entry.key);
      yield { key: model.key.fromStored(entry.value), indexed, cursor: indexed };
    }
    return;
  }
  for (const stored of store.keys(rangeQuery)) {
    const parts = asParts(stored);
    yield { key: model.key.fromParts(parts, width), indexed: parts.slice(0, width), cursor: parts };
  }
}

/** One kind of holder of a record: the records of `tree` whose field `path` refers to it, and how many there are. */
export interface ReferenceGroup {
  readonly tree: string;
  readonly path: string;
  readonly count: number;
}

/** Where to read holders: all of them in index order, or one group's, continuing after a holder's key. */
export interface ReferrersQuery {
  readonly limit?: number | undefined;
  readonly group?: { readonly tree: string; readonly path: string; readonly after?: unknown } | undefined;
}

/** Who refers to a record, from the reverse entries of each reference to its tree (no scan): by holder tree, path, then key. */
export function referrers(engine: EngineState, model: TreeModel, key: KeyValue, query: ReferrersQuery = {}): ReferenceHolder[] {
  if (engine.legacyReferences) return legacyReferrers(engine, model, key, query);
  const holders: ReferenceHolder[] = [];
  const targetParts = model.key.parts(key);
  const { start, end } = prefixRange(targetParts);
  // Past the key size no entry can exist (and the range's bound could not be encoded).
  if (oversizeBytes(end) !== undefined) return holders;
  const group = query.group;
  const refs = group ? engine.incoming(model.name).filter((ref) => ref.tree === group.tree && ref.stored.path === group.path) : engine.incoming(model.name);
  let left = query.limit ?? Number.POSITIVE_INFINITY;
  for (const ref of refs) {
    if (left <= 0) break;
    const source = engine.models.get(ref.tree)!;
    let after: StoredKey | undefined;
    if (group?.after !== undefined) {
      after = [...targetParts, ...source.key.parts(source.key.check(group.after))];
      // No holder entry is that long (it could not have been stored), so no holder is where such a cursor says.
      if (oversizeBytes(after) !== undefined) throw new InvalidKeyError(group.tree, group.after, 'a cursor past the longest reverse-reference entry: no holder key is that long');
    }
    const limit = Number.isFinite(left) ? left : undefined;
    for (const stored of engine.referenceStore(ref).keys({ start, end, after, limit })) {
      holders.push({ tree: ref.tree, path: ref.stored.path, key: source.key.fromParts(stored as readonly KeyPart[], targetParts.length) });
      left--;
    }
  }
  return holders;
}

/**
 * The groups of holders of a record — each (tree, field) that refers to it —
 * with exact counts: one count per reference to its tree, by LMDB over the
 * key range, never read one by one into JavaScript.
 */
export function referenceGroups(engine: EngineState, model: TreeModel, key: KeyValue): ReferenceGroup[] {
  if (engine.legacyReferences) return legacyReferenceGroups(engine, model, key);
  const range = prefixRange(model.key.parts(key));
  if (oversizeBytes(range.end) !== undefined) return [];
  const groups: ReferenceGroup[] = [];
  for (const ref of engine.incoming(model.name)) {
    const count = engine.referenceStore(ref).countRange(range);
    if (count > 0) groups.push({ tree: ref.tree, path: ref.stored.path, count });
  }
  return groups;
}

/**
 * A bound given by the caller must be parts a key can hold, within LMDB's key
 * size; the storage layers would otherwise fail with errors of their own (or,
 * in memory, not at all).
 */
function checkBound(tree: string, bound: unknown, index?: string): void {
  const parts = Array.isArray(bound) ? bound : [bound];
  for (const part of parts) {
    const ok = typeof part === 'string' || typeof part === 'boolean' || (typeof part === 'number' && Number.isFinite(part)) || part instanceof Uint8Array;
    if (!ok) throw new InvalidKeyError(index === undefined ? tree : `${tree}.${index}`, bound, 'a bound is made of strings, finite numbers and booleans');
  }
  assertKeyFits(tree, bound as readonly KeyPart[], index === undefined ? undefined : { index });
}

function asParts(stored: StoredKey): KeyPart[] {
  return (Array.isArray(stored) ? stored : [stored]) as KeyPart[];
}
