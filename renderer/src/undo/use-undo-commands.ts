/**
 * Edit › Undo / Redo for the whole window: the commands (Mod+Z, Mod+Shift+Z,
 * Mod+Y, named after what they undo: "Undo Save tasks/3"), one step at a
 * time, and what the last step came to. In a text field or the record editor
 * the keys stay the field's own text undo (`yieldToText`).
 */
import { useEffect, useRef, useState } from 'react';
import { describedCommand } from '../../../app/contract/commands.js';
import type { DatabaseInfo, Transport } from '../../../app/contract/index.js';
import { useCommand } from '../commands/use-command.js';
import { runStep, type Direction, type StepOutcome } from './undo-runner.js';
import { useUndoHistory, useUndoSnapshot } from './use-undo.js';

export type ConflictOutcome = Extract<StepOutcome, { type: 'conflict' }>;

interface UndoCommandsOptions {
  readonly client: Transport;
  readonly database: DatabaseInfo | null;
  /** Shows a record (OpaqueKey text), pushing history. */
  follow(text: string): void;
  openTree(tree: string): void;
  notify(message: string): void;
}

export function useUndoCommands(options: UndoCommandsOptions) {
  const history = useUndoHistory();
  const snapshot = useUndoSnapshot();
  const [conflict, setConflict] = useState<ConflictOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const latest = useRef(options);
  latest.current = options;
  const writable = options.database !== null && !options.database.readOnly;

  // Another database: the steps recorded were about records of the one before.
  const path = options.database?.path;
  useEffect(() => history.clear(), [history, path]);

  const step = async (direction: Direction) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    try {
      const outcome = await runStep(latest.current.client, history, direction);
      show(outcome);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const show = (outcome: StepOutcome) => {
    const { follow, openTree, notify } = latest.current;
    if (outcome.type === 'nothing') return;
    const verb = outcome.direction === 'undo' ? 'Undo' : 'Redo';
    if (outcome.type === 'conflict') return setConflict(outcome);
    if (outcome.type === 'error') return notify(`${verb} of “${outcome.action.label}” failed: ${outcome.message}. Nothing was written.`);
    setConflict(null);
    notify(`${outcome.direction === 'undo' ? 'Undone' : 'Redone'}: ${outcome.action.label}`);
    const focus = outcome.action.focus;
    const mine = [...history.snapshot().done, ...history.snapshot().undone].find((a) => a.id === outcome.action.id);
    const there = mine?.written.find((w) => w.text === focus);
    if (focus && there?.after) follow(focus);
    else if (there) openTree(there.tree);
  };

  const nextUndo = snapshot.done.at(-1);
  const nextRedo = snapshot.undone.at(-1);
  const undo = describedCommand('edit.undo');
  const redo = describedCommand('edit.redo');
  useCommand({ ...undo, label: nextUndo ? `Undo ${nextUndo.label}` : 'Undo', yieldToText: true, run: () => void step('undo'), enabled: () => writable && !busy && nextUndo !== undefined });
  useCommand({ ...redo, label: nextRedo ? `Redo ${nextRedo.label}` : 'Redo', yieldToText: true, run: () => void step('redo'), enabled: () => writable && !busy && nextRedo !== undefined });

  return {
    snapshot,
    busy,
    writable,
    conflict,
    undo: () => void step('undo'),
    redo: () => void step('redo'),
    dismissConflict: () => setConflict(null),
    /** Drops the refused step from the history: the user accepts the record as it is now. */
    forgetConflicted: () => {
      if (conflict) history.forget(conflict.action);
      setConflict(null);
    },
  };
}

export type UndoControls = ReturnType<typeof useUndoCommands>;
