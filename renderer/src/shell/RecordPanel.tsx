/**
 * The right-hand panel for the selected record (or a new one): its key, the
 * editor (renderer/src/editor, another owner) and "Referenced by". The record
 * is fetched here, fresh, and again when a change event names it; a key that
 * does not exist (a followed reference to a missing record) shows as broken.
 */
import { useEffect, useState, type JSX } from 'react';
import type { DatabaseInfo, RecordEntry, TreeSummary } from '../../../app/contract/index.js';
import { RecordEditor } from '../editor/RecordEditor.js';
import { ReferencedBy } from '../references/ReferencedBy.js';
import { useClient, useRecordLookup } from '../state/contexts.js';
import { keyAddressOf } from '@trellis/engine/common/key-text';
import type { Theme } from '../state/use-theme.js';
import { RecordTitle } from '../labels/RecordTitle.js';
import { PathBar } from '../paths/PathBar.js';
import { CheckOutBar } from '../sync/CheckOutBar.js';
import { checkOutReason } from '../sync/core/lease-text.js';
import { useChecksOut, useLeases, useSyncView } from '../sync/sync-context.js';

/** A replica sends record writes only (engine/src/sync/replica-outbox.ts): releases happen on the server's database. */
const RELEASE_ON_SERVER = "Set on the server's database (a program or the browser opened on its file): this replica shows the server's release state";

export interface RecordPanelProps {
  readonly database: DatabaseInfo;
  readonly tree: TreeSummary;
  /** OpaqueKey text of the record shown; null while creating a new one. */
  readonly text: string | null;
  readonly theme: Theme;
  onFollow(target: string): void;
  onSaved(entry: RecordEntry): void;
  onDeleted(text: string): void;
  onClose(): void;
}

type Loaded = { entry: RecordEntry | null } | { error: string } | undefined;

export function RecordPanel({ database, tree, text, theme, onFollow, onSaved, onDeleted, onClose }: RecordPanelProps): JSX.Element {
  const client = useClient();
  const loaded = useRecord(text);
  const address = text ? keyAddressOf(text) : undefined;
  /** undefined: not known yet; null: no such record. */
  const entry = loaded && 'entry' in loaded ? loaded.entry : undefined;
  // A replica's record of a check-out tree: read-only here unless this replica holds it now.
  const checksOut = useChecksOut(tree.name) && text !== null;
  const { replica } = useSyncView();
  const { leases, now } = useLeases();
  const checkOutWhy = checksOut && text ? checkOutReason(text, leases.of(text), now) : undefined;
  return (
    <aside className="record-panel" data-testid="record-panel" data-key={text ?? undefined} aria-label={text ? `Record ${text}` : `New record in ${tree.name}`} tabIndex={-1}>
      <header className="record-panel-header">
        {text ? <RecordTitle tree={tree} text={text} entry={entry} /> : <h2 className="record-panel-title">New record in {tree.name}</h2>}
        {entry && (
          <span className="muted" data-testid="record-revision" title={entry.schemaVersion === undefined ? undefined : `Written under schema version ${entry.schemaVersion}`}>
            rev {entry.revision}
            {entry.schemaVersion !== undefined && ` · schema v${entry.schemaVersion}`}
          </span>
        )}
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close record panel" title="Close (Esc)">
          ✕
        </button>
      </header>
      {address && entry && <PathBar database={database} tree={address.tree} recordKey={address.key} />}
      {checksOut && address && text && entry && <CheckOutBar tree={address.tree} recordKey={address.key} text={text} />}
      <div className="record-panel-body">
        {text !== null && loaded === undefined && <div className="muted panel-message">Loading…</div>}
        {loaded && 'error' in loaded && <div className="error-text panel-message">{loaded.error}</div>}
        {text !== null && entry === null && (
          <div className="panel-message broken-target" data-testid="ref-broken">
            <strong>{text}</strong> does not exist. The reference that led here is broken, or the record was deleted.
          </div>
        )}
        {(text === null || entry) && (
          <div className="record-panel-editor">
            <RecordEditor client={client} database={database} tree={tree} record={entry ?? null} readOnly={database.readOnly} recordReadOnlyWhy={checkOutWhy} releaseElsewhere={replica ? RELEASE_ON_SERVER : undefined} theme={theme} onFollow={onFollow} onSaved={onSaved} onDeleted={onDeleted} />
          </div>
        )}
        {address && entry && <ReferencedBy tree={address.tree} recordKey={address.key} database={database} />}
      </div>
    </aside>
  );
}

function useRecord(text: string | null): Loaded {
  const client = useClient();
  const lookup = useRecordLookup();
  const [loaded, setLoaded] = useState<Loaded>(undefined);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!text) return;
    return client.on('changes', ({ changes, resync }) => {
      if (resync || changes.some((change) => change.text === text)) setGeneration((g) => g + 1);
    });
  }, [client, text]);

  useEffect(() => {
    setLoaded((previous) => (previous && 'entry' in previous && previous.entry?.text === text ? previous : undefined));
    const address = text ? keyAddressOf(text) : undefined;
    if (!address) return;
    let current = true;
    client
      .call('records.get', address)
      .then(({ entry }) => {
        // A followed link to a missing record: every link to it now shows as broken.
        if (text) lookup.remember(text, entry);
        if (current) setLoaded({ entry });
      })
      .catch((error: unknown) => current && setLoaded({ error: error instanceof Error ? error.message : String(error) }));
    return () => {
      current = false;
    };
  }, [client, lookup, text, generation]);

  return loaded;
}
