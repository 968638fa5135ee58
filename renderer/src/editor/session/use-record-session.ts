/**
 * The state of one record panel: what was loaded, what is typed, and what
 * happened last (saved, refused, conflict, changed elsewhere). Writes go
 * through ./session-actions; this hook maps their outcomes to state.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { HolderDetail, RecordEntry, Transport, TreeSummary } from '../../../../app/contract/index.js';
import { placeIssues } from './check-text.js';
import type { Status } from '../EditorToolbar.js';
import { toJson5, parseJson5 } from '../text/json5-text.js';
import { parseKeyInput } from '../KeyField.js';
import type { TextLoad } from '../monaco/MonacoPane.js';
import { createRecord, deleteRecord, needsKeyInput, recreate, saveExisting, type SaveOutcome } from './session-actions.js';
import { templateText } from '../schema/template.js';
import type { Schema } from '../schema/schema-nav.js';
import { useLiveChanges, type Elsewhere } from './use-live-changes.js';
import { useValidation } from './use-validation.js';
import { shownProblems } from './save-gate.js';
import { reportUnsaved } from '../../state/unsaved-edits.js';
import { useUndoHistory } from '../../undo/use-undo.js';
import { clashText, keyClash, keyFromFunction } from './key-agreement.js';
import { useKeySample } from './use-key-sample.js';
import { changedFieldsText, type ActionKind } from '../../undo/undo-history.js';

export interface SessionInput {
  readonly client: Transport;
  readonly tree: TreeSummary;
  readonly record: RecordEntry | null;
  readonly writable: boolean;
  readonly onSaved: (entry: RecordEntry) => void;
  readonly onDeleted: (text: string) => void;
}

/** `template`: the create text is the generated template (not a duplicate), so its schema problems wait for an edit. */
type Base =
  | { readonly mode: 'edit'; readonly entry: RecordEntry; readonly text: string }
  | { readonly mode: 'create'; readonly text: string; readonly note: string | undefined; readonly template: boolean };
type DeleteStep = null | { readonly type: 'confirm' } | { readonly type: 'refused'; readonly holders: readonly HolderDetail[] };

function entryText(entry: RecordEntry): string {
  return entry.value === undefined ? '' : toJson5(entry.value);
}

function baseFor(tree: TreeSummary, record: RecordEntry | null): Base {
  return record ? { mode: 'edit', entry: record, text: entryText(record) } : { mode: 'create', text: templateText(tree.value as Schema, new Date()), note: undefined, template: true };
}

export function useRecordSession(input: SessionInput) {
  const { client, tree } = input;
  const [base, setBase] = useState<Base>(() => baseFor(tree, input.record));
  const [load, setLoad] = useState<TextLoad>({ text: base.text, generation: 0 });
  const [text, setText] = useState(base.text);
  /** The editor's text as of its last change event: ahead of `text` until React renders. */
  const textRef = useRef(base.text);
  /** A fresh template's schema problems are not shown until the user edits it or tries to save. */
  const [quiet, setQuiet] = useState(base.mode === 'create' && base.template);
  const owner = useId();
  const undo = useUndoHistory();
  const [outcome, setOutcome] = useState<Status | null>(null);
  const [conflict, setConflict] = useState<{ theirs: RecordEntry | null } | null>(null);
  const [elsewhere, setElsewhere] = useState<Elsewhere | null>(null);
  const [keyText, setKeyText] = useState('');
  /** The user ticked "the key is right" for a new record whose key disagrees with the field that held the key elsewhere. */
  const [keyConfirmed, setKeyConfirmed] = useState(false);
  const keySample = useKeySample(client, tree, input.record);
  const [deleteStep, setDeleteStep] = useState<DeleteStep>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const shown = base.mode === 'edit' ? base.entry : null;
  const broken = shown?.problems !== undefined && shown.value === undefined;
  const validation = useValidation(client, tree.name, text, !broken);
  const dirty = text !== base.text;

  const show = useCallback((next: Base) => {
    setBase(next);
    setLoad((l) => ({ text: next.text, generation: l.generation + 1 }));
    setText(next.text);
    textRef.current = next.text;
    setQuiet(next.mode === 'create' && next.template);
    setOutcome(next.mode === 'create' && next.note ? { state: 'dirty', text: next.note } : null);
    setConflict(null);
    setElsewhere(null);
    setDeleteStep(null);
    setKeyConfirmed(false);
  }, []);

  // A different record (or tree) from the shell replaces everything; a newer
  // revision of the same record is a reload, unless the user has edits.
  const identity = `${tree.name}\u0000${input.record?.text ?? ''}\u0000${input.record?.revision ?? ''}`;
  const lastIdentity = useRef(identity);
  const latest = useRef({ base, dirty, record: input.record, tree });
  latest.current = { base, dirty, record: input.record, tree };
  useEffect(() => {
    if (lastIdentity.current === identity) return;
    lastIdentity.current = identity;
    const { base: now, dirty: edited, record, tree: t } = latest.current;
    if (record && now.mode === 'edit' && now.entry.text === record.text) {
      if (record.revision === now.entry.revision) return;
      if (edited) setElsewhere({ type: 'changed', entry: record });
      else show({ mode: 'edit', entry: record, text: entryText(record) });
      return;
    }
    show(baseFor(t, record));
  }, [identity, show]);

  useLiveChanges(client, tree.name, shown, (change) => {
    if (change.type === 'changed' && !latest.current.dirty) show({ mode: 'edit', entry: change.entry, text: entryText(change.entry) });
    else setElsewhere(change);
  });

  /** The editor's text changed (typed, pasted, formatted; a load's echo is ignored). */
  const edit = (t: string) => {
    if (t === textRef.current) return;
    textRef.current = t;
    setText(t);
    setQuiet(false);
    // Reported at once, so a navigation right after the keystroke already knows.
    reportUnsaved(owner, t !== latest.current.base.text);
    if (outcome?.state !== 'conflict') setOutcome(null);
  };

  // What navigation guards ask (state/unsaved-edits): dirty or holding a conflict; false once saved, reverted or closed.
  const unsaved = dirty || conflict !== null;
  useEffect(() => reportUnsaved(owner, unsaved), [owner, unsaved]);
  useEffect(() => () => reportUnsaved(owner, false), [owner]);

  /** `before`: the record the write replaced (null: it created one), for the window's undo history. */
  const finish = (result: SaveOutcome, savedText: string, kind: ActionKind, before: RecordEntry | null) => {
    if (result.type === 'saved') {
      const after = result.entry;
      const verb = { save: 'Save', create: 'Create', duplicate: 'Duplicate as', delete: 'Delete', import: 'Import', restore: 'Re-create' }[kind];
      const fields = kind === 'save' && before ? changedFieldsText(before.value, after.value) : '';
      undo.record({ kind, label: `${verb} ${after.text}${fields}`, focus: after.text, written: [{ tree: tree.name, key: after.key, text: after.text, before, after }] });
      setBase({ mode: 'edit', entry: result.entry, text: savedText });
      setOutcome({ state: 'saved', text: `Saved ${result.entry.text} (revision ${result.entry.revision})` });
      setConflict(null);
      setElsewhere(null);
      input.onSaved(result.entry);
    } else if (result.type === 'invalid') {
      validation.show(savedText, placeIssues(savedText, result.issues));
      setOutcome({ state: 'error', text: 'Refused: the value does not match the schema' });
    } else if (result.type === 'conflict') {
      setConflict({ theirs: result.current });
      setOutcome({ state: 'conflict', text: 'Not saved: changed elsewhere. Compare both versions below.' });
    } else {
      setOutcome({ state: 'error', text: `Not saved: ${result.message}` });
    }
  };

  /** Runs one write at a time; a second Ctrl+S while saving is ignored. */
  const exclusive = async (work: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  /** Takes the editor's text at the moment of the keypress or click (`given`), never a render behind. */
  const save = (given?: string) =>
    exclusive(async () => {
      if (!input.writable || broken || conflict) return;
      const saving = given ?? textRef.current;
      if (saving !== textRef.current) edit(saving);
      setQuiet(false);
      const checked = await validation.checkNow(saving);
      if (checked.value === undefined || checked.problems.length > 0) {
        setOutcome({ state: 'error', text: `Not saved: ${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'} to fix first` });
        return;
      }
      const functionKey = keyFromFunction(tree);
      if (base.mode === 'edit' && functionKey) {
        const clash = keyClash(base.entry, base.entry.key, checked.value);
        if (clash) {
          return setOutcome({
            state: 'error',
            text: `Not saved: ${clashText(clash, base.entry.key)}. This tree's keys come from a function of the application, which the browser cannot run, so it never changes a key: duplicate the record with the new key, then delete this one`,
          });
        }
      }
      if (base.mode === 'edit') return finish(await saveExisting(client, tree.name, base.entry.key, checked.value, base.entry.revision), saving, 'save', base.entry);
      const key = needsKeyInput(tree) ? parseKeyInput(keyText) : undefined;
      if (key && 'error' in key) return setOutcome({ state: 'error', text: `Not created: the key is ${key.error}` });
      const clash = key && functionKey ? keyClash(keySample, key.key, checked.value) : undefined;
      if (key && clash && !keyConfirmed) return setOutcome({ state: 'error', text: `Not created: ${clashText(clash, key.key)}. Fix one, or tick “The key is right”` });
      finish(await createRecord(client, tree, checked.value, key?.key), saving, base.template ? 'create' : 'duplicate', null);
    });

  const keepMine = () =>
    exclusive(async () => {
      if (!conflict || base.mode !== 'edit') return;
      const mine = textRef.current;
      const parsed = parseJson5(mine);
      if (!parsed.ok) return;
      const theirs = conflict.theirs;
      if (theirs) finish(await saveExisting(client, tree.name, theirs.key, parsed.value, theirs.revision), mine, 'save', theirs);
      else finish(await recreate(client, tree.name, base.entry.key, parsed.value), mine, 'restore', null);
    });

  const takeTheirs = () => {
    if (!conflict || base.mode !== 'edit') return;
    if (conflict.theirs) show({ mode: 'edit', entry: conflict.theirs, text: entryText(conflict.theirs) });
    else input.onDeleted(base.entry.text);
  };

  const recreateFromEdit = () =>
    exclusive(async () => {
      const mine = textRef.current;
      const parsed = parseJson5(mine);
      if (base.mode !== 'edit' || !parsed.ok) return setOutcome({ state: 'error', text: 'Fix the text before re-creating' });
      finish(await recreate(client, tree.name, base.entry.key, parsed.value), mine, 'restore', null);
    });

  const revert = () =>
    exclusive(async () => {
      if (base.mode === 'create') return show(base);
      const { entry } = await client.call('records.get', { tree: tree.name, key: base.entry.key });
      if (entry) show({ mode: 'edit', entry, text: entryText(entry) });
      else setElsewhere({ type: 'deleted' });
    });

  const startCreate = (seed?: string) => {
    const composite = tree.key.kind === 'composite' ? tree.key.fields : [];
    const note = seed === undefined ? 'New record: fill in the fields, then save' : composite.length ? `Duplicate: change the key fields (${composite.join(', ')}) before saving` : 'Duplicate: not saved yet';
    setKeyText(seed !== undefined && base.mode === 'edit' && needsKeyInput(tree) ? JSON.stringify(base.entry.key) : '');
    show({ mode: 'create', text: seed ?? templateText(tree.value as Schema, new Date()), note, template: seed === undefined });
  };

  const format = () => {
    const parsed = parseJson5(textRef.current);
    if (parsed.ok) setLoad((l) => ({ text: toJson5(parsed.value), generation: l.generation + 1 }));
  };

  const confirmDelete = () =>
    exclusive(async () => {
      if (base.mode !== 'edit') return;
      const result = await deleteRecord(client, tree.name, base.entry);
      if (result.type === 'deleted') {
        const others = result.written.length - 1;
        const label = `Delete ${base.entry.text}${others > 0 ? ` and ${others} record${others === 1 ? '' : 's'} pointing to it` : ''}`;
        undo.record({ kind: 'delete', label, focus: base.entry.text, written: result.written });
        input.onDeleted(base.entry.text);
      }
      else if (result.type === 'refused') setDeleteStep({ type: 'refused', holders: result.holders });
      else {
        setDeleteStep(null);
        setOutcome({ state: 'error', text: `Not deleted: ${result.message}` });
      }
    });

  /** While creating in a tree keyed by an application function: how the typed key disagrees with the value, in words. */
  const keyProblem = (() => {
    if (base.mode !== 'create' || !keyFromFunction(tree)) return undefined;
    const key = parseKeyInput(keyText);
    const parsed = parseJson5(text);
    if ('error' in key || !parsed.ok) return undefined;
    const clash = keyClash(keySample, key.key, parsed.value);
    return clash && clashText(clash, key.key);
  })();

  const status: Status = conflict
    ? { state: 'conflict', text: outcome?.text ?? 'Changed elsewhere' }
    : outcome && (!dirty || outcome.state !== 'saved')
      ? outcome
      : base.mode === 'create'
        ? { state: 'dirty', text: 'New record, not saved yet' }
        : dirty
          ? { state: 'dirty', text: 'Edited, not saved' }
          : { state: 'clean', text: `${base.entry.text} · revision ${base.entry.revision}` };

  return {
    base,
    load,
    text,
    /** From the editor; the echo of a load is not an edit, so it keeps the status. */
    edit,
    status, dirty, busy, broken, conflict, elsewhere, keyText, setKeyText, keyProblem, keyConfirmed, setKeyConfirmed, deleteStep, setDeleteStep,
    problems: shownProblems(validation.problems, quiet), problemsText: validation.checkedText, pending: validation.pending,
    save, keepMine, takeTheirs, recreateFromEdit, revert, startCreate, format, confirmDelete,
  };
}

export type RecordSession = ReturnType<typeof useRecordSession>;
