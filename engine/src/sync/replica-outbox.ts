/**
 * The replica's outbox, filled by the write path itself (../core/write-observer.ts):
 * every local transaction, whichever face wrote it, becomes one mutation — each
 * record it wrote, once, with its value at the end and the server revision the
 * edit was based on — stored in that same transaction. The first edit of a
 * record keeps the server's version aside (its shadow) until the server has
 * taken every mutation that changes it.
 */
import type { EngineState } from '../core/engine-state.js';
import { keyText, type TreeModel } from '../core/tree-model.js';
import type { WriteObserver, WrittenRecord } from '../core/write-observer.js';
import type { Mutation, Op } from './protocol.js';
import { baseKey, pendingKey, readState, shadowKey, toWire, writeState, type Shadow } from './replica-state.js';
import { syncStore } from './sync-store.js';
import { ForbiddenError, NoIdsError } from './sync-errors.js';
import type { KeyValue } from '../schema/key-brand.js';
import { assertCheckedOut } from './leases.js';

export const outboxKey = (id: number) => ['outbox', id];
export const idsKey = (tree: string) => ['ids', tree];

/** Id blocks a replica holds for a tree, used in order: [first, last] each. */
export type IdBlocks = readonly (readonly [number, number])[];

export class OutboxObserver implements WriteObserver {
  constructor(
    private readonly engine: EngineState,
    private readonly now: () => number = Date.now,
  ) {}

  finishing(written: readonly WrittenRecord[]): void {
    const firsts = new Map<string, WrittenRecord>();
    for (const record of written) {
      const id = `${record.tree}/${keyText(record.key)}`;
      if (!firsts.has(id)) firsts.set(id, record);
    }
    const state = readState(this.engine);
    // An edit or delete of a record of a check-out tree needs this replica's live check-out, offline too.
    for (const record of firsts.values()) {
      if (record.before && state.checkOut?.includes(record.tree)) assertCheckedOut(this.engine, state.clientId, record.tree, record.key, this.now());
    }
    const ops = [...firsts.values()].map((record) => this.opOf(record));
    const mutation: Mutation = { id: state.nextMutationId, ops };
    syncStore(this.engine).put(outboxKey(mutation.id), mutation);
    writeState(this.engine, { ...state, nextMutationId: mutation.id + 1 });
  }

  /**
   * A replica sends record writes only: a release or lifecycle number set here would never reach the server
   * (and the server refuses an edit of a record it released), so it is refused, nothing written.
   */
  stamping(model: TreeModel, key: KeyValue, kind: 'release' | 'lifecycle'): void {
    const what = kind === 'release' ? 'released' : 'given a lifecycle number';
    throw new ForbiddenError(`${model.name} ${keyText(key)} cannot be ${what} on a replica: do it on the server's database (a program or the browser opened on its file); nothing was written`);
  }

  nextId(model: TreeModel): number | undefined {
    if (model.stored.key.kind !== 'auto') return undefined;
    const store = syncStore(this.engine);
    const blocks = (store.get(idsKey(model.name)) as IdBlocks | undefined) ?? [];
    const [block, ...rest] = blocks;
    if (!block) throw new NoIdsError(model.name);
    const [first, last] = block;
    store.put(idsKey(model.name), first < last ? [[first + 1, last], ...rest] : rest);
    return first;
  }

  private opOf(record: WrittenRecord): Op {
    const store = syncStore(this.engine);
    const model = this.engine.model(record.tree);
    const shadowAt = shadowKey(record.tree, record.key);
    let shadow = store.get(shadowAt) as Shadow | undefined;
    if (!shadow) {
      const revision = (store.get(baseKey(record.tree, record.key)) as number | undefined) ?? null;
      shadow = { key: record.key, value: revision === null ? null : (record.before?.value ?? null), revision };
      store.put(shadowAt, shadow);
    }
    const pendingAt = pendingKey(record.tree, record.key);
    store.put(pendingAt, ((store.get(pendingAt) as number | undefined) ?? 0) + 1);
    const now = this.engine.records(model).get(record.key);
    return { tree: record.tree, key: record.key, value: now === undefined ? null : toWire(model, now), base: shadow.revision };
  }
}
