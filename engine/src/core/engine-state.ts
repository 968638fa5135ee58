/**
 * What an open engine is made of: the backend's stores, the catalog's runtime
 * models, the revision counter and the row-position checkpoints. Reads and the
 * write path work through this; Engine (./engine.ts) adds transactions, change
 * delivery and closing. It is a class of its own so that the modules Engine
 * runs (./write-context.ts, ./reads.ts) need not import Engine back.
 */
import type { WriteObserver } from './write-observer.js';
import { randomUUID } from 'node:crypto';
import { ClosedError, StaleSchemaError, UnknownTreeError } from '../errors.js';
import type { Backend, Store } from '../storage/backend.js';
import type { Catalog, JsonSchema } from '../schema/catalog.js';
import { TreeModel, type IndexModel, type ModelContext, type ReferenceModel } from './tree-model.js';
import { encodeKey } from '../storage/key-encoding.js';
import { PositionIndex } from './positions.js';
import { CHANGES_STORE, META_STORE, REFERENCE_STORES_FORMAT, REFS_STORE, REVISION_KEY, SCHEMA_VERSION_KEY } from './meta.js';

export class EngineState {
  readonly writerId = randomUUID();
  readonly models = new Map<string, TreeModel>();
  /** Checkpoints for offset jumps and key positions (./positions.ts). */
  readonly positions = new PositionIndex(this);
  /** The references to each tree, in the order their holders are listed (see `incoming`). */
  private readonly incomingByTree = new Map<string, readonly ReferenceModel[]>();
  private readonly pathIndexesByTarget = new Map<string, readonly { readonly index: IndexModel; readonly holder: TreeModel }[]>();
  /** Set by Engine while a transaction body runs. */
  protected writing = false;
  /** Set on a replica's database (../sync/replica.ts): sees every local transaction's writes. */
  observer: WriteObserver | undefined;
  protected closed = false;

  constructor(
    readonly backend: Backend,
    public catalog: Catalog,
    derivers: ReadonlyMap<string, (value: unknown) => unknown> = new Map(),
    /** Value schemas of the trees the application declares in an older definition than the stored one. */
    olderCode: ReadonlyMap<string, JsonSchema> = new Map(),
    /** The functions of computed indexes the application gives, by `tree/index`. */
    computers: ReadonlyMap<string, (value: unknown) => unknown> = new Map(),
  ) {
    const context: ModelContext = {
      read: (tree, key) => {
        const model = this.models.get(tree);
        return model && this.records(model).get(key);
      },
      valueOf: (tree) => this.models.get(tree)?.stored.value,
    };
    for (const stored of Object.values(catalog.trees)) {
      const compute = (index: string) => computers.get(`${stored.name}/${index}`);
      this.models.set(stored.name, new TreeModel(stored, derivers.get(stored.name), olderCode.get(stored.name), catalog.generations?.[stored.name], compute, context));
    }
  }

  /** The indexes (of any tree) on a path across a reference to `tree`: writing one of its records re-indexes their holders. */
  pathIndexesThrough(tree: string): readonly { readonly index: IndexModel; readonly holder: TreeModel }[] {
    let found = this.pathIndexesByTarget.get(tree);
    if (!found) {
      found = [...this.models.values()].flatMap((holder) => holder.indexes.filter((index) => index.path?.target === tree).map((index) => ({ index, holder })));
      this.pathIndexesByTarget.set(tree, found);
    }
    return found;
  }

  /** The schema version a record with this revision was written under; undefined when it predates the catalog's history. */
  schemaVersionAt(revision: number): number | undefined {
    // Every read of the opaque face asks (a page of 100 asks 100 times): a binary search over the
    // history, whose `after` revisions never decrease (each version is appended under the write lock).
    const history = this.catalog.history ?? [];
    let low = 0;
    let high = history.length; // the first entry with `after` >= revision
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (history[middle]!.after < revision) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? undefined : history[low - 1]!.version;
  }

  /** Throws StaleSchemaError when another process stored a schema version other than the one this handle runs on. */
  assertSchemaCurrent(): void {
    const stored = this.storedSchemaVersion();
    if (stored !== undefined && stored !== this.catalog.schemaVersion) throw new StaleSchemaError(this.path, this.catalog.schemaVersion, stored);
  }

  /** The schema version stored beside the catalog (undefined before an engine that keeps it changed the schema). */
  storedSchemaVersion(): number | undefined {
    return this.meta.get(SCHEMA_VERSION_KEY) as number | undefined;
  }

  get path(): string {
    return this.backend.location;
  }

  get readOnly(): boolean {
    return this.backend.readOnly;
  }

  model(tree: string): TreeModel {
    this.assertOpen();
    const model = this.models.get(tree);
    if (!model) throw new UnknownTreeError(tree);
    return model;
  }

  store(name: string, kind: 'records' | 'plain' = 'plain'): Store {
    return this.backend.store(name, { kind });
  }

  get meta(): Store {
    return this.store(META_STORE);
  }
  /** The shared reverse-reference store of catalog format 1 (read-only databases not yet upgraded: ./reference-layout.ts). */
  get refs(): Store {
    return this.store(REFS_STORE);
  }
  /** Whether reverse references are still in format 1's shared store: a database opened read-only before its upgrade. */
  get legacyReferences(): boolean {
    return this.catalog.formatVersion < REFERENCE_STORES_FORMAT;
  }
  /** The reverse entries of one reference. */
  referenceStore(ref: ReferenceModel): Store {
    return this.store(ref.storeName);
  }
  /**
   * Every reference whose target is `tree`, ordered by holder tree, then path, as
   * format 1's shared store ordered them (by their encoded names), so holders are
   * listed in the same order whatever the layout.
   */
  incoming(tree: string): readonly ReferenceModel[] {
    let found = this.incomingByTree.get(tree);
    if (!found) {
      const order = (ref: ReferenceModel) => encodeKey([ref.tree, ref.stored.path]);
      found = [...this.models.values()]
        .flatMap((model) => model.references.filter((ref) => ref.stored.target === tree))
        .sort((a, b) => Buffer.compare(order(a), order(b)));
      this.incomingByTree.set(tree, found);
    }
    return found;
  }
  get changeLog(): Store {
    return this.store(CHANGES_STORE);
  }
  records(model: TreeModel): Store {
    return this.store(model.storeName, 'records');
  }

  /** The last revision committed (by any process, once `refresh` has run). */
  revision(): number {
    this.assertOpen();
    return (this.meta.get(REVISION_KEY) as number | undefined) ?? 0;
  }

  /** True while a transaction body runs: its reads see writes that no counter reflects yet. */
  get inTransaction(): boolean {
    return this.writing;
  }

  /** Every model whose references point at `tree`. */
  referrersOf(tree: string): TreeModel[] {
    return [...this.models.values()].filter((m) => m.references.some((r) => r.stored.target === tree));
  }

  assertOpen(): void {
    if (this.closed) throw new ClosedError(this.path);
  }
}
