/**
 * The table toolbar's Export… and Import… buttons and the same two commands
 * in the menu and palette (`tree.export`, `tree.import`), with their dialogs.
 * The export offers the whole tree and, when records are selected, those.
 */
import { lazy, Suspense, useMemo, useState, type JSX } from 'react';
import type { RecordEntry, TreeSummary } from '../../../app/contract/index.js';
import { useCommand } from '../commands/use-command.js';
import { useClient } from '../state/contexts.js';
import { entriesSource, treeSource, type RecordSource } from './core/record-source.js';
import type { WrittenRecord } from './core/run-import.js';
import './transfer.css';

// Not on the first screen: the dialogs (and papaparse) load when first opened.
const ExportDialog = lazy(() => import('./ExportDialog.js').then((m) => ({ default: m.ExportDialog })));
const ImportDialog = lazy(() => import('./ImportDialog.js').then((m) => ({ default: m.ImportDialog })));

export interface TransferControlsProps {
  readonly tree: TreeSummary;
  readonly readOnly: boolean;
  /** Records selected in the table, offered as a second source for the export. */
  readonly selection?: readonly RecordEntry[] | undefined;
  /** Extra sources (a filtered view), offered after the whole tree. */
  readonly sources?: readonly RecordSource[];
  onImported?(written: readonly WrittenRecord[]): void;
}

export function TransferControls({ tree, readOnly, selection = [], sources = [], onImported }: TransferControlsProps): JSX.Element {
  const client = useClient();
  const [open, setOpen] = useState<'export' | 'import' | null>(null);
  const allSources = useMemo(() => {
    const list: RecordSource[] = [treeSource(client, tree), ...sources];
    if (selection.length > 0) list.push(entriesSource(selection.length === 1 ? `the selected record (${selection[0]!.text})` : `the ${selection.length} selected records`, selection));
    return list;
  }, [client, tree, sources, selection]);

  useCommand({ id: 'tree.export', label: `Export ${tree.name}…`, group: 'File', run: () => setOpen('export') });
  useCommand({ id: 'tree.import', label: `Import into ${tree.name}…`, group: 'File', run: () => setOpen('import'), enabled: () => !readOnly });

  return (
    <>
      <button type="button" data-testid="export-open" onClick={() => setOpen('export')} title={`Export ${tree.name} to NDJSON, JSON or CSV`}>
        Export…
      </button>
      <button type="button" data-testid="import-open" onClick={() => setOpen('import')} disabled={readOnly} title={readOnly ? 'Read-only: turn off read-only to import' : `Import NDJSON, JSON or CSV into ${tree.name}`}>
        Import…
      </button>
      <Suspense fallback={null}>
        {open === 'export' && <ExportDialog tree={tree} sources={allSources} onClose={() => setOpen(null)} />}
        {open === 'import' && <ImportDialog tree={tree} readOnly={readOnly} onClose={() => setOpen(null)} {...(onImported ? { onImported } : {})} />}
      </Suspense>
    </>
  );
}
