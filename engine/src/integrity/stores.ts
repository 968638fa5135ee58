/**
 * The stores an integrity check reads, as they exist when it starts. Asking
 * the engine for a store that does not exist would create it in a writable
 * environment, and a check must not write: absent stores read as empty.
 */
import type { Engine } from '../core/engine.js';
import { CHANGES_STORE, META_STORE, REFS_STORE } from '../core/meta.js';
import type { TreeModel } from '../core/tree-model.js';
import { EMPTY_STORE, type Store } from '../storage/backend.js';

export class Stores {
  readonly names: readonly string[];
  private readonly existing: ReadonlySet<string>;

  constructor(readonly engine: Engine) {
    this.names = engine.backend.storeNames();
    this.existing = new Set(this.names);
    // Open every store before the first scan. Read-only, lmdb-js opens a sub-database by resetting
    // its read transaction, and a scan in progress then failed with MDB_BAD_TXN (seen in the fault test).
    for (const name of this.names) engine.store(name, name.startsWith('t/') ? 'records' : 'plain');
  }

  exists(name: string): boolean {
    return this.existing.has(name);
  }

  get(name: string, kind: 'records' | 'plain' = 'plain'): Store {
    return this.existing.has(name) ? this.engine.store(name, kind) : EMPTY_STORE;
  }

  records(model: TreeModel): Store {
    return this.get(model.storeName, 'records');
  }
  get refs(): Store {
    return this.get(REFS_STORE);
  }
  get meta(): Store {
    return this.get(META_STORE);
  }
  get changeLog(): Store {
    return this.get(CHANGES_STORE);
  }
}
