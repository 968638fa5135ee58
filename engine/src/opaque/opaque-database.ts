/**
 * The opaque face: any tree by name, values in their JSON text form, checked
 * at run time against the stored schema. Generic tools (the browser, a CLI,
 * sync) use this; it shares the typed face's write path.
 */
import { QueryRun } from '../query/query-run.js';
import type { RecordQuery } from '../common/record-query.js';
import { countRange, getEntry, indexModel, lookup, range, referenceGroups, referrers, type IndexHit, type ReferenceGroup, type ReferrersQuery, type IndexQuery, type RangeOptions } from '../core/reads.js';
import type { PutOptions, WriteOptions } from '../core/write-context.js';
import { entryIssues } from '../core/entry-size.js';
import { watchChanges, type WatchOptions } from '../core/watch.js';
import { migrationInProgress, type MigrationInProgress } from '../core/migrate.js';
import type { ReferenceHolder, ValidationIssue } from '../errors.js';
import { planPath, type PathCheck } from '../common/path-plan.js';
import { compiledPath, resolvePath, type PathOptions, type PathResolution } from '../core/path-resolve.js';
import { writeAtPath } from '../core/path-write.js';
import { perform, type PerformRequest, type PerformResult } from './perform.js';
import { OpaqueTransaction } from './opaque-transaction.js';
import { textEntry, type OpaqueEntry } from './text-entry.js';
import type { Engine } from '../core/engine.js';
import type { IndexModel, TreeModel } from '../core/tree-model.js';
import type { ChangeListener } from '../core/changes.js';
import type { Catalog, StoredTree } from '../schema/catalog.js';
import type { IntegrityReport, VerifyOptions } from '../integrity-report.js';
import type { KeyValue } from '../schema/key-brand.js';
import { exportRecords, type ExportOptions } from './export.js';
import { checkImportRecords, importRecords, writeImportRecords, type ImportedRecord, type ImportOptions, type ImportRecord, type ImportResult, type ImportSource } from './import.js';
import type { ImportProblem } from './import-check.js';
import { newVersion, release, releaseStateOf, setLifecycle, versionKeys, type ReleaseState } from '../core/release.js';

export type { OpaqueEntry };

export interface TreeInfo extends StoredTree {
  readonly count: number;
}

/**
 * The integrity check of an open engine. It sits above the faces (../integrity
 * opens databases itself), so whoever opens one gives it (../open-database.ts).
 */
export type IntegrityCheck = (engine: Engine, options?: VerifyOptions) => Promise<IntegrityReport>;

export class OpaqueDatabase {
  constructor(
    private readonly engine: Engine,
    private readonly integrityCheck: IntegrityCheck,
  ) {}

  get path(): string {
    return this.engine.path;
  }
  get readOnly(): boolean {
    return this.engine.readOnly;
  }
  get catalog(): Catalog {
    return this.engine.catalog;
  }

  /** Every tree with its record count, key strategy, schema, indexes and references. */
  trees(): TreeInfo[] {
    this.engine.assertOpen();
    return [...this.engine.models.values()].map((m) => ({ ...m.stored, count: this.engine.records(m).count() }));
  }

  tree(name: string): OpaqueTree {
    return new OpaqueTree(this.engine, this.engine.model(name));
  }

  /** Runs several opaque writes atomically; `body` must be synchronous. */
  transaction<R>(body: (tx: OpaqueTransaction) => R): Promise<R> {
    return this.engine.transaction((context) => body(new OpaqueTransaction(this.engine, context)));
  }

  /**
   * Follows a path across records from `from` (`project->owner->email`; the grammar is in the README):
   * every result's value in text form, with the records each went through. An invalid path is
   * INVALID_PATH before anything is read; data that does not lead on is BAD_PATH (or, `lenient`, undefined).
   */
  resolve(from: { readonly tree: string; readonly key: unknown }, path: string, options?: PathOptions): PathResolution {
    this.engine.assertOpen();
    return resolvePath(this.engine, compiledPath(this.engine, from.tree, path), this.engine.model(from.tree), from.key, 'json', { ...options, hops: true });
  }

  /** Checks a path from a record of `tree` against the schema, reading nothing: its plan, or the step that does not fit. */
  checkPath(tree: string, path: string): PathCheck {
    this.engine.assertOpen();
    return planPath(this.engine.catalog.trees, tree, path);
  }

  /**
   * Runs requests in order in one transaction (./perform.ts): one result each, or nothing written and a
   * RequestFailedError naming the request that failed. `{ "$key": n }` stands for request n's key.
   */
  perform(requests: readonly PerformRequest[]): Promise<PerformResult[]> {
    return perform(this.engine, requests, 'json');
  }

  /**
   * The migration another process is running (or left unfinished), read from the meta store as
   * committed now: its id, the records done of its total. Works on a read-only handle without the
   * application's code, so a tool can draw another program's progress.
   */
  migrationInProgress(): MigrationInProgress | undefined {
    this.engine.assertOpen();
    this.engine.backend.refresh();
    return migrationInProgress(this.engine);
  }

  onChange(listener: ChangeListener): () => void {
    return this.engine.onChange(listener);
  }
  watch(listener: ChangeListener, options?: WatchOptions): () => void {
    return watchChanges(this.engine, listener, options);
  }
  revision(): number {
    return this.engine.revision();
  }
  /**
   * Checks the database against its records: indexes, reverse references,
   * references, counters, stores. Writes nothing unless `repair` is set.
   */
  verify(options?: VerifyOptions): Promise<IntegrityReport> {
    return this.integrityCheck(this.engine, options);
  }
  /**
   * The database, or the trees named, as NDJSON text chunks (whole lines): a
   * header with the trees' catalog entries and counters, one line per record in
   * key order, a trailer. Streamed page by page (./export.ts).
   */
  export(options?: ExportOptions): AsyncGenerator<string> {
    return exportRecords(this.engine, options);
  }
  /**
   * Reads an export (or record lines alone) into this database: checks every
   * line first and writes nothing if one is bad, then writes in batches
   * (./import.ts says why, and what a failure while writing leaves).
   */
  import(source: ImportSource, options?: ImportOptions): Promise<ImportResult> {
    return importRecords(this.engine, source, options);
  }
  /** An import in parts (the browser's, page by page): checks records given as data, writing nothing. */
  checkImport(records: readonly unknown[], maxProblems?: number): ImportProblem[] {
    return checkImportRecords(this.engine, records, maxProblems);
  }
  /** An import in parts: one batch in one transaction; answers each record's key and the value it replaced. */
  writeImport(records: readonly ImportRecord[], awaited?: (tree: string, key: KeyValue) => boolean): Promise<ImportedRecord[]> {
    return writeImportRecords(this.engine, records, awaited);
  }
  close(): Promise<void> {
    return this.engine.close();
  }
}

export class OpaqueTree {
  constructor(
    private readonly engine: Engine,
    private readonly model: TreeModel,
  ) {}

  get info(): StoredTree {
    return this.model.stored;
  }

  /** Checks a key against the tree's key schema; throws InvalidKeyError. */
  checkKey(key: unknown): KeyValue {
    return this.model.key.check(key);
  }

  get(key: unknown): OpaqueEntry | undefined {
    this.engine.assertOpen();
    const entry = getEntry(this.engine, this.model, key);
    return entry && this.toText(entry.key, entry.value, entry.revision);
  }

  has(key: unknown): boolean {
    this.engine.assertOpen();
    return this.engine.records(this.model).has(this.model.key.check(key));
  }

  count(): number {
    this.engine.assertOpen();
    return this.engine.records(this.model).count();
  }

  /** Records in a range (`limit`, `offset` and `after` ignored), counted over keys without reading values. */
  countRange(options: RangeOptions<unknown> = {}): number {
    this.engine.assertOpen();
    const { start, end, prefix } = options;
    return countRange(this.engine, this.model, { start, end, prefix } as RangeOptions);
  }

  /** How many records sort before `key` (it need not exist): its row in the whole tree. Walks at most a few thousand keys (core/positions.ts), no values. */
  position(key: unknown): number {
    this.engine.assertOpen();
    return countRange(this.engine, this.model, { end: this.model.key.check(key) });
  }

  /** Records in key order; `offset` skips that many first without reading their values. */
  *range(options: RangeOptions<unknown> = {}): Generator<OpaqueEntry> {
    this.engine.assertOpen();
    for (const entry of range(this.engine, this.model, options as RangeOptions)) yield this.toText(entry.key, entry.value, entry.revision);
  }

  /**
   * A filter and an order over this tree, run in steps the caller drives
   * (`run.step(budget)`), through an index where one serves (`run.plan` says
   * which). A filter or sort the tree cannot answer is INVALID_QUERY at once.
   */
  query(query: RecordQuery): QueryRun {
    this.engine.assertOpen();
    return new QueryRun(this.engine, this.model, query);
  }

  /** Index lookups; values of timestamp fields are given as ISO text. */
  lookup(index: string, query: IndexQuery = {}): Generator<IndexHit> {
    this.engine.assertOpen();
    const model = indexModel(this.model, index);
    return lookup(this.engine, this.model, model, this.nativeQuery(model, query));
  }

  /** Holders of a record: all in index order, or one group's, paged with `group.after` (see the typed face). */
  referencedBy(key: unknown, options: ReferrersQuery = {}): ReferenceHolder[] {
    this.engine.assertOpen();
    return referrers(this.engine, this.model, this.model.key.check(key), options);
  }

  /** Each tree and field that refers to this record, with its exact number of holders. */
  referenceGroups(key: unknown): ReferenceGroup[] {
    this.engine.assertOpen();
    return referenceGroups(this.engine, this.model, this.model.key.check(key));
  }

  /**
   * Checks a text-form value without writing: against the stored schema, then
   * whether its key and index and reference entries fit LMDB's key size (what
   * a write would refuse as KEY_TOO_LARGE). References are not looked up.
   */
  validate(value: unknown): readonly ValidationIssue[] {
    const checked = this.model.codec.checkJson(value);
    if (!checked.ok) return checked.issues;
    return entryIssues(this.model, (tree) => this.engine.model(tree), checked.value, checked.json);
  }

  /** Inserts a text-form value; resolves to the stored record (key and revision included). */
  insert(value: unknown): Promise<OpaqueEntry> {
    return this.engine.transaction((c) => this.stored(c.insert(this.model, value, 'json')));
  }
  /** Writes a text-form value at a key, replacing what was there (with `create`, only if nothing was). */
  put(key: unknown, value: unknown, options?: PutOptions): Promise<OpaqueEntry> {
    return this.engine.transaction((c) => this.stored(c.put(this.model, key, value, 'json', options)));
  }
  update(key: unknown, change: (current: unknown) => unknown, options?: WriteOptions): Promise<OpaqueEntry> {
    return this.engine.transaction((c) => {
      c.update(this.model, key, change, 'json', options);
      return this.stored(this.model.key.check(key));
    });
  }
  delete(key: unknown, options?: WriteOptions): Promise<boolean> {
    return this.engine.transaction((c) => c.delete(this.model, key, options));
  }

  /** Writes a text-form value at the end of a path from this record; resolves to the record written (the last one the path reached). */
  setPath(key: unknown, path: string, value: unknown, options?: WriteOptions): Promise<OpaqueEntry> {
    return this.engine.transaction((c) => {
      const at = writeAtPath(c, this.engine, compiledPath(this.engine, this.model.name, path), this.model, key, value, 'json', options);
      const model = this.engine.model(at.tree);
      const entry = this.engine.records(model).getEntry(at.key)!;
      return textEntry(this.engine, model, at.key, entry.value, entry.version);
    });
  }

  /** A versioned record's release state (see the typed face's `releaseState`); undefined: no such record. */
  releaseState(key: unknown): ReleaseState | undefined {
    this.engine.assertOpen();
    const checked = this.model.key.check(key);
    return this.engine.records(this.model).has(checked) ? releaseStateOf(this.engine, this.model, checked) : undefined;
  }
  /** The keys of every version of a versioned record, given its key without the version, oldest first. */
  versions(identity: unknown): KeyValue[] {
    this.engine.assertOpen();
    return versionKeys(this.engine, this.model, identity);
  }
  /** Releases a versioned record (RELEASED from then on for its changes and deletes); resolves to the record. */
  release(key: unknown, options?: WriteOptions): Promise<OpaqueEntry> {
    return this.engine.transaction((c) => {
      release(c, this.engine, this.model, key, options);
      return this.stored(this.model.key.check(key));
    });
  }
  /** Sets a versioned record's lifecycle number, released or not; resolves to the record. */
  setLifecycle(key: unknown, lifecycle: number, options?: WriteOptions): Promise<OpaqueEntry> {
    return this.engine.transaction((c) => {
      setLifecycle(c, this.engine, this.model, key, lifecycle, options);
      return this.stored(this.model.key.check(key));
    });
  }
  /** Makes the next version of a versioned record as a draft copy; resolves to the new record. */
  newVersion(key: unknown): Promise<OpaqueEntry> {
    return this.engine.transaction((c) => this.stored(newVersion(c, this.engine, this.model, key)));
  }

  private stored(key: KeyValue): OpaqueEntry {
    const entry = this.engine.records(this.model).getEntry(key)!;
    return this.toText(key, entry.value, entry.version);
  }

  private toText(key: KeyValue, value: unknown, revision: number): OpaqueEntry {
    return textEntry(this.engine, this.model, key, value, revision);
  }

  /** Text-form bounds (timestamps as ISO text) → native, as the typed face would give them. */
  private nativeQuery(index: IndexModel, query: IndexQuery): IndexQuery {
    const compound = index.stored.on.length > 1;
    const convert = (v: unknown): unknown => {
      if (v === undefined) return v;
      if (compound && Array.isArray(v)) return index.fromJsonParts(v);
      return compound ? v : index.fromJsonParts([v])[0];
    };
    return { ...query, equals: convert(query.equals), start: convert(query.start), end: convert(query.end) };
  }
}
