/**
 * What a replica hooks into the write path (../sync/): every local
 * transaction's writes, inside the transaction, so its outbox entry commits
 * with the edit or not at all; and the auto-increment ids, which come from the
 * blocks its server handed out.
 */
import type { KeyValue } from '../schema/key-brand.js';
import type { WriteKind } from './changes.js';
import type { TreeModel } from './tree-model.js';

/**
 * One record this transaction wrote, as it was before (undefined: it did not
 * exist) and the revision the write gave it: what undoing the write needs.
 * Cascaded deletes and the holders a delete unlinked are listed too, in the
 * order they were written (a delete's cascades before the record itself).
 */
export interface WrittenRecord {
  readonly tree: string;
  readonly key: KeyValue;
  readonly kind: WriteKind;
  /** The revision the write gave the record (for deletes: the revision of the deletion). */
  readonly revision: number;
  /** The stored (native) value and revision before the write. */
  readonly before: { readonly value: unknown; readonly version: number } | undefined;
}

export interface WriteObserver {
  /** Called inside a local transaction, after its body, with what it wrote (not for what a replica applies from its server). */
  finishing(written: readonly WrittenRecord[]): void;
  /** A record's release state is about to change (release, lifecycle number): may throw to refuse it, before anything is written. */
  stamping(model: TreeModel, key: KeyValue, kind: 'release' | 'lifecycle'): void;
  /** The next auto-increment id of `model`, or undefined for the database's own counter. May throw to refuse the insert. */
  nextId(model: TreeModel): number | undefined;
}
