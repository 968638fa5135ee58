/**
 * A query being run: the caller drives it in bounded steps (`step(budget)`
 * reads at most `budget` records or index entries), so a scan of millions of
 * records can show progress, be cancelled, and let other calls in between.
 * Each step reads the latest committed state after where the last one stopped:
 * a write during the run may or may not be seen; callers that watch changes
 * run the query again.
 *
 * The matches are kept as keys, in result order once `ordered` (a sort in
 * memory orders them at the end), up to MAX_MATCHES.
 */
import type { KeyPart, KeyValue } from '../schema/key-brand.js';
import type { QueryPlan, RecordQuery } from '../common/record-query.js';
import { InvalidQueryError } from '../errors.js';
import { SORT_LIMIT } from '../common/record-query.js';
import type { StoredKey } from '../storage/backend.js';
import type { EngineState } from '../core/engine-state.js';
import type { TreeModel } from '../core/tree-model.js';
import { countSource, planQuery, type Plan } from './query-plan.js';

/** Matches kept by one run: a view of more is cut there and says so (a filter narrows it). */
export const MAX_MATCHES = 2_000_000;

export interface QueryProgress {
  /** Records (or index entries) read so far. */
  readonly scanned: number;
  /** How many the run will read at most. */
  readonly total: number;
  readonly matches: number;
  /** The source is exhausted and the matches are in their final order. */
  readonly done: boolean;
  /** True when MAX_MATCHES stopped the run early. */
  readonly truncated: boolean;
}

export class QueryRun {
  readonly plan: QueryPlan;
  readonly total: number;
  private readonly inner: Plan;
  private readonly keys: KeyValue[] = [];
  private readonly sortValues: unknown[] = [];
  private cursor: StoredKey | undefined;
  private scanned = 0;
  private finished = false;
  private truncated = false;

  constructor(
    private readonly engine: EngineState,
    private readonly model: TreeModel,
    query: RecordQuery,
  ) {
    this.inner = planQuery(engine, model, query);
    this.plan = this.inner.description;
    const source = this.inner.source;
    this.total = source.kind === 'scan' ? engine.records(model).count() : countSource(engine, source);
  }

  progress(): QueryProgress {
    return { scanned: this.scanned, total: Math.max(this.total, this.scanned), matches: this.keys.length, done: this.finished, truncated: this.truncated };
  }

  /** Whether pages can be read: the order is final (a run that sorts in memory is ordered only at the end). */
  get ordered(): boolean {
    return this.finished || !this.inner.memorySort;
  }

  /** Matches `offset`… in result order (empty until `ordered`). */
  keysAt(offset: number, limit: number): KeyValue[] {
    return this.ordered ? this.keys.slice(offset, offset + limit) : [];
  }

  /** Reads up to `budget` more records or index entries; returns the progress after them. */
  step(budget: number): QueryProgress {
    if (this.finished) return this.progress();
    this.engine.assertOpen();
    const read = this.inner.source.kind === 'scan' ? this.stepScan(budget) : this.stepIndex(budget);
    this.scanned += read;
    if (read < budget) this.finish();
    return this.progress();
  }

  private stepScan(budget: number): number {
    const { residual, reverse } = this.inner;
    let read = 0;
    for (const entry of this.engine.records(this.model).entries({ after: this.cursor, reverse, limit: budget })) {
      read++;
      this.cursor = entry.key;
      if (residual && !residual(entry.value)) continue;
      if (!this.keep(this.model.key.fromStored(entry.key), entry.value)) return budget;
    }
    return read;
  }

  private stepIndex(budget: number): number {
    const source = this.inner.source;
    if (source.kind !== 'index') return 0;
    const { residual, reverse, sortBy } = this.inner;
    const width = source.index.stored.on.length;
    const store = this.engine.store(source.index.storeName);
    const records = this.engine.records(this.model);
    const needsValue = residual !== undefined || sortBy !== undefined;
    const query = { start: source.start, end: source.end, after: this.cursor, reverse, limit: budget };
    let read = 0;
    const take = (indexKey: StoredKey, recordKey: KeyValue): boolean => {
      read++;
      this.cursor = indexKey;
      if (source.partTest && !source.partTest((indexKey as readonly KeyPart[])[0]!)) return true;
      let value: unknown;
      if (needsValue) {
        const entry = records.getEntry(recordKey);
        if (!entry) return true; // an index entry without its record: the integrity check reports it
        value = entry.value;
        if (residual && !residual(value)) return true;
      }
      return this.keep(recordKey, value);
    };
    if (source.index.stored.unique) {
      for (const entry of store.entries(query)) if (!take(entry.key, this.model.key.fromStored(entry.value as StoredKey))) return budget;
    } else {
      for (const key of store.keys(query)) if (!take(key, this.model.key.fromParts((key as readonly KeyPart[]).slice(width)))) return budget;
    }
    return read;
  }

  /** Reads no more: what was found is the result (sorted, for a sort in memory). */
  stop(): void {
    this.finish();
  }

  /** Keeps a match; false when the run must stop (MAX_MATCHES). */
  private keep(key: KeyValue, value: unknown): boolean {
    if (this.inner.memorySort && this.keys.length >= SORT_LIMIT) {
      this.finished = true;
      throw new InvalidQueryError(this.model.name, `more than ${SORT_LIMIT.toLocaleString('en-US')} records match: narrow the filter to sort them, or sort by an indexed field`);
    }
    this.keys.push(key);
    if (this.inner.sortBy) this.sortValues.push(this.inner.sortBy(value));
    if (this.keys.length < MAX_MATCHES) return true;
    this.truncated = true;
    this.finish();
    return false;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.inner.memorySort) this.sortInMemory();
  }

  private sortInMemory(): void {
    const order = this.keys.map((_, i) => i);
    const direction = this.inner.descending ? -1 : 1;
    if (this.inner.sortBy) {
      const values = this.sortValues;
      // Records without a value come last in either direction; ties keep the source's order.
      order.sort((a, b) => {
        const x = values[a];
        const y = values[b];
        if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
        return direction * compareValues(x, y);
      });
    } else {
      order.sort((a, b) => direction * compareKeys(this.keys[a]!, this.keys[b]!));
    }
    const sorted = order.map((i) => this.keys[i]!);
    for (let i = 0; i < sorted.length; i++) this.keys[i] = sorted[i]!;
    this.sortValues.length = 0;
  }
}

function compareValues(x: unknown, y: unknown): number {
  if (typeof x !== typeof y) return typeof x < typeof y ? -1 : 1;
  return (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
}

/** Key order as the tree keeps it for the parts people use: numbers before text, parts left to right. */
export function compareKeys(a: KeyValue, b: KeyValue): number {
  const x = Array.isArray(a) ? (a as readonly KeyPart[]) : [a as KeyPart];
  const y = Array.isArray(b) ? (b as readonly KeyPart[]) : [b as KeyPart];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = compareValues(x[i], y[i]);
    if (order !== 0) return order;
  }
  return x.length - y.length;
}
