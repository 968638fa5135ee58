/**
 * What an open engine is made of: the backend's stores, the catalog's runtime
 * models, the revision counter and the row-position checkpoints. Reads and the
 * write path work through this; Engine (./engine.ts) adds transactions, change
 * delivery and closing. It is a class of its own so that the modules Engine
 * runs (./write-context.ts, ./reads.ts) need not import Engine back.
 */
import { randomUUID } from 'node:crypto';
import { ClosedError, UnknownTreeError } from '../errors.js';
import type { Backend, Store } from '../storage/backend.js';
import type { Catalog } from '../schema/catalog.js';
import { TreeModel } from './tree-model.js';
import { PositionIndex } from './positions.js';
import { CHANGES_STORE, META_STORE, REFS_STORE, REVISION_KEY } from './meta.js';

export class EngineState {
  readonly writerId = randomUUID();
  readonly models = new Map<string, TreeModel>();
  /** Checkpoints for offset jumps and key positions (./positions.ts). */
  readonly positions = new PositionIndex(this);
  /** Set by Engine while a transaction body runs. */
  protected writing = false;
  protected closed = false;

  constructor(
    readonly backend: Backend,
    public catalog: Catalog,
    derivers: ReadonlyMap<string, (value: unknown) => unknown> = new Map(),
  ) {
    for (const stored of Object.values(catalog.trees)) this.models.set(stored.name, new TreeModel(stored, derivers.get(stored.name)));
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
  get refs(): Store {
    return this.store(REFS_STORE);
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
