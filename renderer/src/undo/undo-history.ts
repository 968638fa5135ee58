/**
 * This window's undo and redo history (issue 10, item 6), plain TypeScript.
 * Every action is the list of records a write changed, each as it was before
 * and as the write left it (the contract's WrittenRecord, which the host
 * answers for deletes with their cascades and for every batch). Undoing is
 * writing each record back as it was, on condition that it is still as the
 * write left it: one batch (records.applyWrites), all or nothing, so a record
 * someone else changed since is a conflict to show, never overwritten. A redo
 * is the undo of the undo.
 */
import type { ArgsOf, WrittenRecord } from '../../../app/contract/index.js';

export type BatchWrite = ArgsOf<'records.applyWrites'>['writes'][number];

/** What the user did: a save, a create, a delete… or an import (see `importAction`). */
export type ActionKind = 'save' | 'create' | 'duplicate' | 'delete' | 'import' | 'restore';

export interface UndoAction {
  readonly id: number;
  readonly kind: ActionKind;
  /** What the menu says after "Undo " / "Redo ", e.g. `Save tasks/3`. */
  readonly label: string;
  /** The record the user acted on (OpaqueKey text): where undo and redo take the window. */
  readonly focus: string | undefined;
  /** What the action (or its last redo) wrote. */
  readonly written: readonly WrittenRecord[];
  readonly at: number;
}

export interface ActionInput {
  readonly kind: ActionKind;
  readonly label: string;
  readonly focus?: string | undefined;
  readonly written: readonly WrittenRecord[];
}

export interface HistorySnapshot {
  /** Done, most recent last. */
  readonly done: readonly UndoAction[];
  /** Undone, the next to redo last. */
  readonly undone: readonly UndoAction[];
}

/** Enough to walk back a working session; the oldest go first. */
export const MAX_ACTIONS = 50;

/**
 * The writes that undo `written`: last written first (a delete's record before
 * the holders it cascaded to, so their references resolve), each record put
 * back as it was (or deleted, if the write created it), conditional on the
 * revision the write gave it (or, where the write deleted it, on its absence).
 */
export function undoWrites(written: readonly WrittenRecord[]): BatchWrite[] {
  return [...written].reverse().map(({ tree, key, before, after }) => ({
    tree,
    key,
    ...(before ? { value: before.value } : {}),
    ...(after ? { expectedRevision: after.revision } : { create: true }),
  }));
}

/** Why `written` cannot be undone, if it cannot: a record whose stored value did not decode cannot be written back. */
export function cannotUndo(written: readonly WrittenRecord[]): string | undefined {
  if (written.length === 0) return 'it changed nothing';
  const broken = written.find((w) => w.before !== null && w.before.value === undefined);
  return broken ? `${broken.text} held a value that does not decode` : undefined;
}

/** The top-level fields a save changed, for its label (`Save people/4 (name, email)`); at most three named. */
export function changedFieldsText(before: unknown, after: unknown): string {
  const fields = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const a = fields(before);
  const b = fields(after);
  const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]));
  if (changed.length === 0) return '';
  const named = changed.slice(0, 3).join(', ');
  return ` (${named}${changed.length > 3 ? `, +${changed.length - 3}` : ''})`;
}

export class UndoHistory {
  private done: UndoAction[] = [];
  private undone: UndoAction[] = [];
  private nextId = 1;
  private snapshotValue: HistorySnapshot = { done: [], undone: [] };
  private readonly listeners = new Set<() => void>();

  /** A new action: it can be undone, and what was undone before it can no longer be redone. */
  record(input: ActionInput): UndoAction | undefined {
    if (cannotUndo(input.written) !== undefined) return undefined;
    const action: UndoAction = { id: this.nextId++, kind: input.kind, label: input.label, focus: input.focus, written: input.written, at: Date.now() };
    this.done = [...this.done, action].slice(-MAX_ACTIONS);
    this.undone = [];
    this.changed();
    return action;
  }

  nextUndo(): UndoAction | undefined {
    return this.done.at(-1);
  }
  nextRedo(): UndoAction | undefined {
    return this.undone.at(-1);
  }

  /** `action` was undone; `written` is what the undo wrote (its redo undoes that). */
  undid(action: UndoAction, written: readonly WrittenRecord[]): void {
    if (this.done.at(-1)?.id !== action.id) return;
    this.done = this.done.slice(0, -1);
    this.undone = [...this.undone, { ...action, written }];
    this.changed();
  }

  /** `action` was redone; `written` is what the redo wrote. */
  redid(action: UndoAction, written: readonly WrittenRecord[]): void {
    if (this.undone.at(-1)?.id !== action.id) return;
    this.undone = this.undone.slice(0, -1);
    this.done = [...this.done, { ...action, written }];
    this.changed();
  }

  /** Drops an action that can no longer be undone (or redone) as recorded, e.g. after a conflict the user accepts. */
  forget(action: UndoAction): void {
    this.done = this.done.filter((a) => a.id !== action.id);
    this.undone = this.undone.filter((a) => a.id !== action.id);
    this.changed();
  }

  /** Another database: its records are not this history's. */
  clear(): void {
    if (this.done.length === 0 && this.undone.length === 0) return;
    this.done = [];
    this.undone = [];
    this.changed();
  }

  snapshot = (): HistorySnapshot => this.snapshotValue;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.snapshotValue = { done: this.done, undone: this.undone };
    for (const listener of this.listeners) listener();
  }
}
