/**
 * The selected entry of a raw LMDB database, whole and read-only: its key and
 * its value as the chosen decoders read them (structured values pretty-printed
 * as JSON5), with their sizes; a value the decoder cannot read is shown in hex
 * with the reason. No editor: nothing here writes.
 */
import { useEffect, useState, type JSX } from 'react';
import type { RawCell, RawEntry } from '../../../app/contract/index.js';
import { useClient } from '../state/contexts.js';
import { cellText, type RawChoice } from './raw-rows.js';

interface RawRecordPanelProps {
  readonly database: string;
  readonly keyHex: string;
  /** The row's identity (`<database>/<key hex>`). */
  readonly text: string;
  readonly choice: RawChoice;
  onClose(): void;
}

type Loaded = { entry: RawEntry | null } | { error: string } | undefined;

export function RawRecordPanel({ database, keyHex, text, choice, onClose }: RawRecordPanelProps): JSX.Element {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded>(undefined);
  useEffect(() => {
    let live = true;
    client.call('raw.get', { database, key: keyHex, ...choice }).then(
      (answer) => live && setLoaded(answer),
      (error: Error) => live && setLoaded({ error: error.message }),
    );
    return () => {
      live = false;
    };
  }, [client, database, keyHex, choice]);

  const entry = loaded && 'entry' in loaded ? loaded.entry : undefined;
  return (
    <aside className="record-panel raw-record-panel" data-testid="record-panel" data-key={text} aria-label={`Entry ${text}`} tabIndex={-1}>
      <header className="record-panel-header">
        <h2 className="record-panel-title" title={entry ? entry.keyCell.text : keyHex}>
          {entry ? cellText(entry.keyCell) : keyHex}
        </h2>
        <span className="badge" title="An LMDB environment without a Trellis catalog is opened read-only">
          read-only
        </span>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Escape)" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="raw-record-body">
        {loaded === undefined && <p className="panel-message muted">Loading…</p>}
        {loaded && 'error' in loaded && <p className="panel-message broken-target">{loaded.error}</p>}
        {entry === null && <p className="panel-message broken-target">This entry is gone (another program deleted it since the page was read).</p>}
        {entry && (
          <>
            <CellSection title="Key" cell={entry.keyCell} testId="raw-record-key" />
            <CellSection title="Value" cell={entry.valueCell} testId="raw-record-value" />
            <p className="raw-key-hex muted">
              Key bytes: <code>{entry.key}</code>
            </p>
          </>
        )}
      </div>
    </aside>
  );
}

function CellSection({ title, cell, testId }: { title: string; cell: RawCell; testId: string }): JSX.Element {
  return (
    <section className="raw-cell-section">
      <h3>
        {title} <span className="muted">· {cell.decoder} · {cell.bytes.toLocaleString('en-US')} bytes</span>
      </h3>
      {cell.failed && (
        <p className="raw-decode-failed" data-testid="raw-decode-failed">
          Not readable as {cell.decoder} ({cell.reason}); shown in hex.
        </p>
      )}
      <pre className="raw-cell-text" data-testid={testId} data-failed={cell.failed}>
        {cell.text}
      </pre>
      {cell.truncated && <p className="muted">Cut at {cell.text.length.toLocaleString('en-US')} characters.</p>}
    </section>
  );
}
