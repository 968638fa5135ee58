/**
 * A write transaction's auto-increment counters: each tree's counter is read once, moved in
 * memory by the transaction's inserts and explicit ids, and stored once when it finishes.
 */
import { InvalidKeyError } from '../errors.js';
import type { EngineState } from './engine-state.js';
import { autoKey } from './meta.js';
import type { TreeModel } from './tree-model.js';

export class AutoIds {
  /** Counters read or moved in this transaction, by tree storage. */
  private readonly ids = new Map<string, number>();
  /** Trees whose new keys need no lookup in this transaction (see `fresh`). */
  private readonly freshTrees = new Map<string, boolean>();

  constructor(private readonly engine: EngineState) {}

  /** The next id of an auto-increment tree, taken. */
  next(model: TreeModel): number {
    // A replica takes ids from the blocks its server handed it, so records made offline never collide.
    const given = this.engine.observer?.nextId(model);
    if (given !== undefined) {
      this.raise(model, given);
      return given;
    }
    const id = this.last(model) + 1;
    // Past the largest safe integer an id could be stored but never read back (keys are checked on every read).
    if (!Number.isSafeInteger(id)) throw new InvalidKeyError(model.name, id, `auto-increment ids are used up (the last is ${Number.MAX_SAFE_INTEGER})`);
    this.ids.set(model.storage, id);
    return id;
  }

  /**
   * Whether every auto-increment key this transaction gives `model` is new without looking:
   * true once its last stored key was found at or below the counter (looked at once per tree
   * and transaction; keys given later are above the counter, and a put past it moves it).
   * Not so in a database another program wrote keys into past the counter: each insert looks.
   */
  fresh(model: TreeModel): boolean {
    if (model.stored.key.kind !== 'auto') return false;
    let fresh = this.freshTrees.get(model.name);
    if (fresh === undefined) {
      const [last] = this.engine.records(model).keys({ reverse: true, limit: 1 });
      const id = last === undefined ? undefined : model.key.identity(model.key.fromStored(last));
      fresh = id === undefined || (typeof id === 'number' && id <= this.last(model));
      this.freshTrees.set(model.name, fresh);
    }
    return fresh;
  }

  /** An explicit id past the counter moves the counter (never down), so later inserts never reuse it. */
  raise(model: TreeModel, id: number): void {
    if (model.stored.key.kind === 'auto' && Number.isSafeInteger(id) && id > this.last(model)) this.ids.set(model.storage, id);
  }

  /** Stores the counters this transaction moved. */
  persist(): void {
    for (const [storage, id] of this.ids) this.engine.meta.put(autoKey(storage), id);
  }

  private last(model: TreeModel): number {
    return this.ids.get(model.storage) ?? (this.engine.meta.get(autoKey(model.storage)) as number | undefined) ?? 0;
  }
}
