/**
 * The record panel: Monaco with the record as JSON5, validated against the
 * stored schema by the host, with save / conflict / create / duplicate /
 * delete. State lives in useRecordSession; this file lays the parts out and
 * registers the Record commands.
 */
import { useRef, type JSX } from 'react';
import type { DatabaseInfo, RecordEntry, Transport, TreeSummary } from '../../../app/contract/index.js';
import { useCommand, useCommands } from '../commands/use-command.js';
import { lazyModule } from '../state/lazy-module.js';
import { lockedReadOnlyReason } from '../state/read-only-reason.js';
import { BrokenEntry } from './BrokenEntry.js';
import { ConflictView } from './ConflictView.js';
import { DeleteConfirm, DeleteRefused } from './DeleteDialog.js';
import { EditorToolbar, type ToolbarActions } from './EditorToolbar.js';
import { KeyField } from './KeyField.js';
import type { PaneApi } from './monaco/MonacoPane.js';
import { ProblemsList } from './ProblemsList.js';
import { ReleaseBar } from './ReleaseBar.js';
import { releasedReason } from './session/release-actions.js';
import { saveBlocked, type SaveFacts } from './session/save-gate.js';
import { needsKeyInput } from './session/session-actions.js';
import { useRecordSession, type RecordSession } from './session/use-record-session.js';
import './editor.css';

/**
 * Monaco is most of the bundle (~3.5 of 4 MB): it loads as its own chunk, so opening a
 * database paints the table without parsing it first (e2e/bench/browser-bench.ts, first
 * rows). It is fetched a moment after start-up, so the first record usually finds it ready.
 * Read without Suspense (../state/lazy-module.ts): a React.lazy pane suspended on every
 * first render of a page, and React 19 holds a suspended reveal back ~300 ms, so the first
 * record's text came ~380 ms after the click although the chunk had long been loaded.
 */
const monacoPane = lazyModule(() => import('./monaco/MonacoPane.js'));
const PRELOAD_AFTER_MS = 1_000;
// Fetched and its one editor made ahead: the first record's text then shows in the frame of the click.
if (typeof window !== 'undefined') {
  window.setTimeout(() => void monacoPane.preload().then((module) => module.warmEditor(), () => undefined), PRELOAD_AFTER_MS);
}

export interface RecordEditorProps {
  client: Transport;
  database: DatabaseInfo;
  tree: TreeSummary;
  /** null = creating a new record in `tree`. */
  record: RecordEntry | null;
  readOnly: boolean;
  /** Why this record cannot be changed here now although the database can (a replica's record another holds checked out). */
  recordReadOnlyWhy?: string | undefined;
  /** Why releases and lifecycle numbers are set elsewhere (a replica: on its server's database). */
  releaseElsewhere?: string | undefined;
  theme: 'light' | 'dark';
  /** OpaqueKey text, e.g. 'users/42': navigate there. */
  onFollow(target: string): void;
  /** After save/create/duplicate: the shell selects it. */
  onSaved(entry: RecordEntry): void;
  onDeleted(text: string): void;
}

export function RecordEditor(props: RecordEditorProps): JSX.Element {
  const readOnly = props.readOnly || props.database.readOnly;
  const lockedWhy = lockedReadOnlyReason(props.database);
  const readOnlyWhy = lockedWhy ?? 'Read-only mode is on';
  const session = useRecordSession({ client: props.client, tree: props.tree, record: props.record, writable: !readOnly, onSaved: props.onSaved, onDeleted: props.onDeleted });
  const pane = useRef<PaneApi | null>(null);
  const MonacoPane = monacoPane.use()?.MonacoPane;
  const registry = useCommands();
  const editing = session.base.mode === 'edit' ? session.base.entry : null;
  // A released record (the panel's fresh copy: releasing does not change its revision), or one this replica
  // has not checked out, is read-only like a read-only session, for this record only: Save and Delete say why;
  // New and Duplicate stay.
  const thisRecordWhy = editing ? (releasedReason(props.record) ?? props.recordReadOnlyWhy) : undefined;
  const lockWhy = readOnly ? readOnlyWhy : undefined;
  const recordWhy = lockWhy ?? thisRecordWhy;
  const disabled = disabledActions(session, lockWhy, recordWhy);

  // Every way of saving (button, menu, palette, the shell's Mod+S, Monaco's Ctrl/Cmd+S) goes
  // through here: the editor model's text at this moment, the Save button's enabled rule on it.
  const latest = useRef({ session, readOnlyWhy: recordWhy });
  latest.current = { session, readOnlyWhy: recordWhy };
  const requestSave = () => {
    const { session: now, readOnlyWhy: why } = latest.current;
    const text = pane.current?.getText() ?? now.text;
    if (saveBlocked(saveFacts(now, why), text) !== undefined) return;
    void now.save(text);
  };

  useCommand({ id: 'record.save', label: 'Save Record', group: 'Record', keys: ['Mod+S'], run: requestSave, enabled: () => disabled.save === undefined });
  useCommand({ id: 'record.revert', label: 'Revert Record', group: 'Record', run: () => void session.revert(), enabled: () => disabled.revert === undefined });
  useCommand({ id: 'record.new', label: 'New Record', group: 'Record', run: () => session.startCreate(), enabled: () => disabled.create === undefined });
  useCommand({ id: 'record.duplicate', label: 'Duplicate Record', group: 'Record', run: () => session.startCreate(session.text), enabled: () => disabled.duplicate === undefined });
  useCommand({ id: 'record.delete', label: 'Delete Record…', group: 'Record', run: () => session.setDeleteStep({ type: 'confirm' }), enabled: () => disabled.delete === undefined });
  useCommand({ id: 'record.format', label: 'Format Record', group: 'Record', run: session.format, enabled: () => recordWhy === undefined && !session.broken });

  return (
    <div className="record-editor-panel" data-mode={session.base.mode} data-conflict={session.conflict ? 'true' : undefined}>
      <EditorToolbar
        disabled={disabled}
        status={session.status}
        creating={session.base.mode === 'create'}
        onSave={requestSave}
        onRevert={() => void session.revert()}
        onCreate={() => session.startCreate()}
        onDuplicate={() => session.startCreate(session.text)}
        onDelete={() => session.setDeleteStep({ type: 'confirm' })}
      />
      {props.tree.versioned && editing && props.record ? (
        <ReleaseBar client={props.client} tree={props.tree.name} entry={props.record} readOnlyWhy={lockWhy} releaseElsewhere={props.releaseElsewhere} dirty={session.dirty} onOpen={props.onFollow} />
      ) : null}
      {session.base.mode === 'create' && needsKeyInput(props.tree) ? (
        <KeyField
          tree={props.tree.name}
          value={session.keyText}
          onChange={session.setKeyText}
          disabled={readOnly}
          problem={session.keyProblem}
          confirmed={session.keyConfirmed}
          onConfirm={session.setKeyConfirmed}
        />
      ) : null}
      <ElsewhereBanner session={session} />
      {session.deleteStep?.type === 'confirm' && editing ? (
        <DeleteConfirm
          client={props.client}
          database={props.database}
          tree={props.tree.name}
          recordKey={editing.key}
          text={editing.text}
          busy={session.busy}
          onConfirm={() => void session.confirmDelete()}
          onCancel={() => session.setDeleteStep(null)}
          onFollow={props.onFollow}
        />
      ) : null}
      {session.deleteStep?.type === 'refused' ? (
        <DeleteRefused database={props.database} tree={props.tree.name} holders={session.deleteStep.holders} onFollow={props.onFollow} onClose={() => session.setDeleteStep(null)} />
      ) : null}
      {session.broken && editing ? (
        <BrokenEntry entry={editing} />
      ) : !MonacoPane ? (
        <div className="editor-monaco" />
      ) : (
        <MonacoPane
          load={session.load}
          onChange={session.edit}
          problems={session.problems}
          readOnly={readOnly || session.conflict !== null || thisRecordWhy !== undefined}
          readOnlyMessage={thisRecordWhy ?? lockedWhy}
          theme={props.theme}
          tree={props.tree}
          client={props.client}
          onFollow={props.onFollow}
          onSave={requestSave}
          onPalette={() => registry.run('palette.open')}
          apiRef={pane}
        />
      )}
      {session.broken ? null : <ProblemsList problems={session.problems} onSelect={(p) => pane.current?.reveal(p.line, p.column)} />}
      {session.conflict ? (
        <ConflictView mine={session.text} theirs={session.conflict.theirs} theme={props.theme} onKeepMine={() => void session.keepMine()} onTakeTheirs={session.takeTheirs} />
      ) : null}
    </div>
  );
}

function saveFacts(session: RecordSession, readOnlyWhy: string | undefined): SaveFacts {
  return {
    readOnlyWhy,
    busy: session.busy,
    broken: session.broken,
    conflict: session.conflict !== null,
    mode: session.base.mode,
    baseText: session.base.text,
    problems: session.problems,
    problemsText: session.problemsText,
  };
}

/** `readOnlyWhy`: writes are off in this session; `recordWhy`: this record cannot change (that, or it is released). */
function disabledActions(session: RecordSession, readOnlyWhy: string | undefined, recordWhy: string | undefined): ToolbarActions {
  const editing = session.base.mode === 'edit';
  const busy = session.busy ? 'Working…' : undefined;
  return {
    save: saveBlocked(saveFacts(session, recordWhy), session.text),
    revert: busy ?? (session.dirty || session.conflict || session.elsewhere ? undefined : 'No changes to discard'),
    create: readOnlyWhy ?? busy,
    duplicate: readOnlyWhy ?? busy ?? (!editing ? 'Save the new record first' : session.broken ? 'The stored value does not decode' : undefined),
    delete: recordWhy ?? busy ?? (!editing ? 'Not saved yet' : undefined),
  };
}

function ElsewhereBanner({ session }: { readonly session: RecordSession }): JSX.Element | null {
  const change = session.elsewhere;
  if (!change || session.conflict) return null;
  return (
    <div className="editor-banner" role="status" data-testid="editor-elsewhere" data-kind={change.type}>
      {change.type === 'changed' ? (
        <>Changed elsewhere — saving will show both versions. Revert to load theirs.</>
      ) : (
        <>
          Deleted elsewhere. Your edit is still here.{' '}
          <button type="button" data-testid="recreate-record" onClick={() => void session.recreateFromEdit()}>
            Re-create from my edit
          </button>
        </>
      )}
    </div>
  );
}
