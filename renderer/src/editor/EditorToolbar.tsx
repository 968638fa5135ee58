/** The record's actions and the status line saying what happened last. */
import type { JSX } from 'react';

export type StatusState = 'saved' | 'error' | 'conflict' | 'dirty' | 'clean';

export interface Status {
  readonly state: StatusState;
  readonly text: string;
}

/** Why a button is off, shown as its tooltip; undefined = enabled. */
export interface ToolbarActions {
  readonly save: string | undefined;
  readonly revert: string | undefined;
  readonly create: string | undefined;
  readonly duplicate: string | undefined;
  readonly delete: string | undefined;
}

export interface EditorToolbarProps {
  readonly disabled: ToolbarActions;
  readonly status: Status;
  readonly creating: boolean;
  readonly onSave: () => void;
  readonly onRevert: () => void;
  readonly onCreate: () => void;
  readonly onDuplicate: () => void;
  readonly onDelete: () => void;
}

function Action(props: { id: string; label: string; off: string | undefined; onClick: () => void; title: string }): JSX.Element {
  return (
    <button type="button" data-testid={props.id} disabled={props.off !== undefined} title={props.off ?? props.title} onClick={props.onClick}>
      {props.label}
    </button>
  );
}

export function EditorToolbar(props: EditorToolbarProps): JSX.Element {
  const { disabled } = props;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Record">
      <Action id="save-record" label={props.creating ? 'Create' : 'Save'} off={disabled.save} onClick={props.onSave} title="Save (Ctrl/Cmd+S)" />
      <Action id="revert-record" label="Revert" off={disabled.revert} onClick={props.onRevert} title="Discard your edits" />
      <span className="editor-toolbar-gap" />
      <Action id="create-record" label="New" off={disabled.create} onClick={props.onCreate} title="Create a record in this tree" />
      <Action id="duplicate-record" label="Duplicate" off={disabled.duplicate} onClick={props.onDuplicate} title="Create a copy of this record" />
      <Action id="delete-record" label="Delete…" off={disabled.delete} onClick={props.onDelete} title="Delete this record" />
      <span className="editor-status" data-testid="editor-status" data-state={props.status.state} role="status" aria-live="polite">
        {props.status.text}
      </span>
    </div>
  );
}
