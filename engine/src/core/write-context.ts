/**
 * The one write path. Both faces call it, so indexes, references, revisions
 * and change events are kept identically whichever face wrote. A context
 * lives for one transaction.
 */
import {
  AsyncTransactionError,
  ConflictError,
  DuplicateKeyError,
  InvalidKeyError,
  KeyTooLargeError,
  MissingReferenceError,
  NotFoundError,
  ReferencedError,
  UniqueViolationError,
  ValidationError,
  type ReferenceHolder,
} from '../errors.js';
import { MAX_KEY_BYTES } from '../storage/backend.js';
import type { KeyPart, KeyValue } from '../schema/key-brand.js';
import type { Checked } from '../schema/value-codec.js';
import type { ChangeEvent, WriteKind } from './changes.js';
import { logTransaction } from './change-log.js';
import { oversizeEntries } from './entry-size.js';
import { REVISION_KEY, shapeKey, staleIndexKey } from './meta.js';
import { AutoIds } from './auto-ids.js';
import { referrers } from './reads.js';
import { keyText, type TreeModel } from './tree-model.js';
import { unlink } from './entry-diff.js';
import { reindex, relink } from './index-keeping.js';
import type { EngineState } from './engine-state.js';
import { keepUnknownFields } from '../schema/unknown-fields.js';
import { assertNotReleased, forgetRelease } from './release-state.js';
import { keepPathIndexes } from './path-index.js';
import type { WrittenRecord } from './write-observer.js';

/** Where a value comes from decides how it is checked: native objects, or JSON text form. */
export type ValueForm = 'native' | 'json';

export interface WriteOptions {
  /** Write only if the record's revision is still this one; otherwise a ConflictError, and nothing is written. */
  readonly ifRevision?: number | undefined;
}

export interface PutOptions extends WriteOptions {
  /** Write only if no record has the key yet; otherwise a DuplicateKeyError, and nothing is written. */
  readonly create?: boolean | undefined;
}

type Entry = { readonly value: unknown; readonly version: number };

export type { WrittenRecord };

export class WriteContext {
  readonly changes: ChangeEvent[] = [];
  /** Every write with the record as it was before, in write order (the values were read for the write anyway). */
  readonly written: WrittenRecord[] = [];
  private revision: number | undefined;
  /** The first revision this transaction took (read once, with the counter, by `nextRevision`). */
  private firstRevision: number | undefined;
  /** Auto-increment counters: read once, stored once in `finish`. */
  private readonly autoIds: AutoIds;
  /** Trees that gained or lost records in this transaction: their shape counters move once, in `finish`. */
  private readonly reshaped = new Set<string>();
  /** Computed indexes this transaction wrote records of without their function: marked stale in `finish`. */
  private readonly staleIndexes = new Set<string>();
  /** Records being deleted in this operation: cascades that come back to them stop there. */
  private readonly deleting = new Set<string>();
  private ended = false;
  /**
   * Targets a reference may name before they exist: an import checked that its
   * input holds them (../opaque/import.ts) and writes them in a later batch.
   */
  awaitedTargets: ((tree: string, key: KeyValue) => boolean) | undefined;
  /** Log the transaction by its size only (watchers resync): a migration's writes to stores no catalog names yet. */
  logAsCount = false;
  /** Set while a replica applies what its server sent (./replicate.ts): not a local edit, so no outbox entry. */
  replicating = false;

  constructor(private readonly engine: EngineState) {
    this.autoIds = new AutoIds(engine);
  }

  /** Called when the transaction is over, committed or not: later writes through this context are refused. */
  end(): void {
    this.ended = true;
  }

  insert(model: TreeModel, input: unknown, form: ValueForm): KeyValue {
    this.assertLive();
    const { value, json } = this.checkValue(model, input, form);
    const key = this.newKey(model, value, json);
    const store = this.engine.records(model);
    if (!this.autoIds.fresh(model) && store.has(key)) throw new DuplicateKeyError(model.name, key);
    this.write(model, key, undefined, value);
    return key;
  }

  put(model: TreeModel, rawKey: unknown, input: unknown, form: ValueForm, options: PutOptions = {}): KeyValue {
    this.assertLive();
    const key = model.key.check(rawKey);
    // Before the value is checked: a record already there is the answer, whatever the value (one lookup, only when asked).
    if (options.create && this.engine.records(model).has(key)) throw new DuplicateKeyError(model.name, key);
    const old = this.engine.records(model).getEntry(key);
    const { value, json } = this.checkValue(model, this.withUnknownFields(model, old, input, form), form);
    const implied = model.key.derive?.(value, json);
    if (implied !== undefined && keyText(model.key.identity(model.key.check(implied))) !== keyText(model.key.identity(key))) {
      throw new InvalidKeyError(model.name, rawKey, `the value implies the key ${keyText(model.key.identity(model.key.check(implied)))}`);
    }
    this.autoIds.raise(model, model.key.identity(key) as number);
    this.write(model, key, old, value, options);
    return key;
  }

  update(model: TreeModel, rawKey: unknown, change: (current: unknown) => unknown, form: ValueForm, options: WriteOptions = {}): unknown {
    this.assertLive();
    const key = model.key.check(rawKey);
    const old = this.engine.records(model).getEntry(key);
    if (!old) {
      if (options.ifRevision !== undefined) throw new ConflictError(model.name, key, options.ifRevision, undefined);
      throw new NotFoundError(model.name, key);
    }
    const current = form === 'native' ? old.value : this.jsonOf(model, old.value);
    const { value, json } = this.checkValue(model, this.withUnknownFields(model, old, change(current), form), form);
    const derived = model.key.derive?.(value, json);
    const implied = derived === undefined ? undefined : model.key.identity(derived as KeyValue);
    if (implied !== undefined && model.stored.key.kind !== 'hash' && keyText(implied) !== keyText(model.key.identity(key))) {
      throw new InvalidKeyError(model.name, key, 'an update cannot change the fields the key is made of; delete and insert instead');
    }
    if (model.stored.key.kind === 'hash' && keyText(implied) !== keyText(key)) {
      throw new InvalidKeyError(model.name, key, 'a content-addressed record cannot change; insert the new value instead');
    }
    this.write(model, key, old, value, options);
    return value;
  }

  delete(model: TreeModel, rawKey: unknown, options: WriteOptions = {}): boolean {
    this.assertLive();
    const key = model.key.check(rawKey);
    const old = this.engine.records(model).getEntry(key);
    if (!old) {
      if (options.ifRevision !== undefined) throw new ConflictError(model.name, key, options.ifRevision, undefined);
      return false;
    }
    const asked = this.deleting.size === 0; // not a cascade of another delete
    try {
      this.write(model, key, old, undefined, options);
    } finally {
      // A delete that failed must not leave its records marked: a later delete would skip their references.
      if (asked) this.deleting.clear();
    }
    return true;
  }

  /** A change to a record's release state (./release.ts): a revision and a change event of its own; the value is untouched. */
  stamp(model: TreeModel, key: KeyValue, kind: 'release' | 'lifecycle'): number {
    this.assertLive();
    if (!this.replicating) this.engine.observer?.stamping(model, key, kind);
    const revision = this.nextRevision();
    this.changes.push({ tree: model.name, key, kind, revision, local: true });
    return revision;
  }

  /** Called once the transaction body returned: persists the revision counter, logs the transaction and trims the change log. */
  finish(): void {
    // Inside the transaction: a replica's outbox entry commits with the edit it records, or not at all.
    if (!this.replicating && this.written.length > 0) this.engine.observer?.finishing(this.written);
    this.autoIds.persist();
    for (const storage of this.reshaped) this.engine.meta.put(shapeKey(storage), ((this.engine.meta.get(shapeKey(storage)) as number | undefined) ?? 0) + 1);
    for (const store of this.staleIndexes) this.engine.meta.put(staleIndexKey(store), this.revision ?? true);
    if (this.revision === undefined) return;
    this.engine.meta.put(REVISION_KEY, this.revision);
    logTransaction(this.engine, this.firstRevision!, this.revision, this.changes, this.logAsCount);
  }

  private assertLive(): void {
    if (this.ended) {
      throw new AsyncTransactionError(
        'this transaction is over: its trees cannot write any more (a write after an await in the transaction callback, ' +
          'or through a handle kept after it); nothing was written',
      );
    }
  }

  /** Code with an older definition of the tree writes in its own terms: the stored record's fields it does not know are kept. */
  private withUnknownFields(model: TreeModel, old: Entry | undefined, input: unknown, form: ValueForm): unknown {
    return old && model.codeValue && form === 'native' ? keepUnknownFields(model.codeValue, old.value, input) : input;
  }

  private checkValue(model: TreeModel, input: unknown, form: ValueForm): { value: unknown; json: unknown } {
    const checked: Checked = form === 'native' ? model.codec.checkNative(input) : model.codec.checkJson(input);
    if (!checked.ok) throw new ValidationError(model.name, checked.issues);
    return { value: checked.value, json: checked.json };
  }

  private jsonOf(model: TreeModel, value: unknown): unknown {
    const result = model.codec.toJson(value);
    return result.ok ? result.value : value;
  }

  private newKey(model: TreeModel, value: unknown, json: unknown): KeyValue {
    if (model.stored.key.kind === 'auto') return model.key.withVersion(this.autoIds.next(model), 1);
    if (model.key.generate) return model.key.generate();
    if (!model.key.derive) {
      throw new InvalidKeyError(model.name, undefined, 'this tree’s keys come from a function of the application; give the key explicitly (put)');
    }
    return model.key.check(model.key.derive(value, json));
  }

  /** Moves a tree's auto-increment counter up to `id` (never down): an import restores the counter its source had. */
  raiseAutoCounter(model: TreeModel, id: number): void {
    this.assertLive();
    this.autoIds.raise(model, id);
  }

  private nextRevision(): number {
    if (this.revision === undefined) {
      this.firstRevision = this.engine.revision() + 1;
      this.revision = this.firstRevision;
    } else {
      this.revision++;
    }
    return this.revision;
  }

  private write(model: TreeModel, key: KeyValue, old: Entry | undefined, value: unknown, options: WriteOptions = {}): void {
    if (options.ifRevision !== undefined && old?.version !== options.ifRevision) {
      throw new ConflictError(model.name, key, options.ifRevision, old?.version);
    }
    if (old && model.releaseStore) assertNotReleased(this.engine, model, key, value === undefined ? 'be deleted' : 'change');
    // Each index's entries for the new value, computed once: sized, checked for uniqueness, then written.
    const entries = value === undefined ? [] : model.indexes.map((index) => (index.computable && !index.path ? index.entries(value) : []));
    if (value === undefined) {
      this.releaseReferences(model, key);
    } else {
      // Entries LMDB cannot store are refused before anything is read by them or written.
      const [tooLarge] = oversizeEntries(model, (tree) => this.engine.model(tree), model.key.parts(key), value, entries);
      if (tooLarge) throw new KeyTooLargeError(model.name, tooLarge.bytes, MAX_KEY_BYTES, tooLarge.place);
      this.checkReferences(model, key, value);
      this.checkUnique(model, key, entries);
    }
    this.store(model, key, old, value, entries, false);
    if (value === undefined) this.deleting.delete(`${model.name}/${keyText(key)}`);
  }

  /**
   * Writes a record as another copy of the database has it (a replica applying its server's changes, in
   * the server's order): indexes, reverse references and path indexes kept, nothing checked and nothing
   * cascaded — the server checked it, its cascades come as changes of their own, and a record referred to
   * may come later in the same batch. `value` is native and already checked; undefined deletes.
   */
  replicate(model: TreeModel, key: KeyValue, value: unknown): void {
    this.assertLive();
    const old = this.engine.records(model).getEntry(key);
    if (old === undefined && value === undefined) return;
    if (value !== undefined) this.autoIds.raise(model, model.key.identity(key) as number);
    const entries = value === undefined ? [] : model.indexes.map((index) => (index.computable && !index.path ? index.entries(value) : []));
    this.store(model, key, old, value, entries, true);
  }

  /**
   * Stores the record (or removes it) under a new revision and keeps what follows from it: index
   * entries (`entries`: each index's for the new value), reverse references, path indexes, the change
   * event and the written list. `keepOthers`: see `reindex` (a replica's records, one at a time).
   */
  private store(model: TreeModel, key: KeyValue, old: Entry | undefined, value: unknown, entries: readonly KeyPart[][][], keepOthers: boolean): void {
    const store = this.engine.records(model);
    const revision = this.nextRevision();
    if (value === undefined) {
      store.remove(key);
      forgetRelease(this.engine, model, key);
    } else {
      store.put(key, value, revision);
    }
    model.indexes.forEach((index, i) => {
      if (index.path) return; // kept below, from both sides
      if (index.computable) reindex(this.engine, index, model, key, old?.value, entries[i] ?? [], keepOthers);
      // Its function is the application's: the index no longer tells the truth until code that has it rebuilds it.
      else this.staleIndexes.add(index.storeName);
    });
    relink(this.engine, model, key, old?.value, value);
    if (model.indexes.some((index) => index.path) || this.engine.pathIndexesThrough(model.name).length > 0) keepPathIndexes(this.engine, model, key, old?.value, value);
    const kind: WriteKind = value === undefined ? 'delete' : old ? 'update' : 'insert';
    if (kind !== 'update') this.reshaped.add(model.storage);
    this.changes.push({ tree: model.name, key, kind, revision, local: true }); // logged in `finish`, one entry per transaction
    this.written.push({ tree: model.name, key, kind, revision, before: old });
  }

  private checkReferences(model: TreeModel, key: KeyValue, value: unknown): void {
    for (const ref of model.references) {
      const target = this.engine.model(ref.stored.target);
      for (const targetKey of ref.targets(value)) {
        const self = target === model && keyText(targetKey) === keyText(key);
        if (!self && !this.engine.records(target).has(targetKey) && !this.awaitedTargets?.(target.name, targetKey)) {
          throw new MissingReferenceError(model.name, `.${ref.stored.path}`, target.name, targetKey, ref.stored.fields);
        }
      }
    }
  }

  private checkUnique(model: TreeModel, key: KeyValue, entries: readonly KeyPart[][][]): void {
    for (const [i, index] of model.indexes.entries()) {
      if (!index.stored.unique) continue;
      const store = this.engine.store(index.storeName);
      for (const tuple of entries[i] ?? []) {
        const holder = store.get(tuple);
        if (holder !== undefined && keyText(model.key.fromStored(holder)) !== keyText(key)) {
          throw new UniqueViolationError(model.name, index.stored.name, tuple.length === 1 ? tuple[0] : tuple, model.key.fromStored(holder));
        }
      }
    }
  }

  /** Before a delete: refuse, cascade or unlink what refers to the record, as each reference declares. */
  private releaseReferences(model: TreeModel, key: KeyValue): void {
    // The delete the caller asked for (not one of its cascades): refuse it before anything is written.
    if (this.deleting.size === 0) this.assertDeletable(model, key, new Set(), new Set());
    const id = `${model.name}/${keyText(key)}`;
    this.deleting.add(id);
    const holders = referrers(this.engine, model, key).filter((h) => !this.deleting.has(`${h.tree}/${keyText(h.key)}`));
    const refused: ReferenceHolder[] = [];
    for (const holder of holders) {
      const source = this.engine.model(holder.tree);
      const policy = source.reference(holder.path)?.stored.onDelete ?? 'restrict';
      if (policy === 'restrict') refused.push(holder);
    }
    if (refused.length > 0) throw new ReferencedError(model.name, key, refused);
    for (const holder of holders) {
      const source = this.engine.model(holder.tree);
      const ref = source.reference(holder.path)!;
      if (ref.stored.onDelete === 'cascade') {
        if (!this.deleting.has(`${holder.tree}/${keyText(holder.key)}`)) this.delete(source, holder.key as KeyValue);
      } else {
        const holderKey = holder.key as KeyValue;
        const old = this.engine.records(source).getEntry(holderKey);
        if (old) this.write(source, holderKey, old, unlink(old.value, ref.segments, key));
      }
    }
  }

  /**
   * Walks the cascade a delete would make, in the order `releaseReferences`
   * makes it, and throws the ReferencedError it would meet, before anything is
   * written. A refusal found deep in a cascade otherwise came after the
   * cascades before it, which stayed when the transaction's body caught the
   * error and went on. `deleted` stands in for what the walk would have removed.
   */
  private assertDeletable(model: TreeModel, key: KeyValue, deleting: Set<string>, deleted: Set<string>, cause = 'be deleted'): void {
    // A released record is final: a cascade that would delete it, or a setNull that would change it, is refused whole.
    if (model.releaseStore) assertNotReleased(this.engine, model, key, cause);
    const id = `${model.name}/${keyText(key)}`;
    deleting.add(id);
    const gone = (h: ReferenceHolder) => deleting.has(`${h.tree}/${keyText(h.key)}`) || deleted.has(`${h.tree}/${keyText(h.key)}`);
    const holders = referrers(this.engine, model, key).filter((h) => !gone(h));
    const policy = (h: ReferenceHolder) => this.engine.model(h.tree).reference(h.path)?.stored.onDelete ?? 'restrict';
    const refused = holders.filter((h) => policy(h) === 'restrict');
    if (refused.length > 0) throw new ReferencedError(model.name, key, refused);
    const from = `${model.name} ${keyText(key)}`;
    for (const holder of holders) {
      const source = this.engine.model(holder.tree);
      if (policy(holder) === 'cascade' && !gone(holder)) this.assertDeletable(source, holder.key as KeyValue, deleting, deleted, `be deleted (deleting ${from} cascades to it)`);
      else if (policy(holder) === 'setNull' && source.releaseStore) assertNotReleased(this.engine, source, holder.key as KeyValue, `change (deleting ${from} would set its reference to null)`);
    }
    deleting.delete(id);
    deleted.add(id);
  }
}
