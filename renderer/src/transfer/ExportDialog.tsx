/**
 * Export a tree (or the records the caller names) to NDJSON, JSON or CSV: the
 * file is built in the renderer from pages of records (core/run-export.ts),
 * with a progress bar and Cancel, then downloaded (a plain browser and
 * Electron both save an <a download>).
 */
import { useRef, useState, type JSX } from 'react';
import type { TreeSummary } from '../../../app/contract/index.js';
import { EXPORT_FORMATS, exportWriter, type ExportFormat } from './core/export-formats.js';
import type { RecordSource } from './core/record-source.js';
import { runExport, type ExportProgress } from './core/run-export.js';
import { Modal, ProgressBar } from './TransferParts.js';

const FORMAT_LABELS: Record<ExportFormat, string> = { ndjson: 'NDJSON (one record per line; imports back)', json: 'JSON (an array of {key, value})', csv: 'CSV (key and top-level fields)' };

type State = { step: 'choose' } | { step: 'running'; progress: ExportProgress } | { step: 'done'; records: number; fileName: string } | { step: 'failed'; message: string };

export function ExportDialog({ tree, sources, onClose }: { tree: TreeSummary; sources: readonly RecordSource[]; onClose(): void }): JSX.Element {
  const [format, setFormat] = useState<ExportFormat>('ndjson');
  const [sourceIndex, setSourceIndex] = useState(0);
  const [state, setState] = useState<State>({ step: 'choose' });
  const abort = useRef<AbortController | null>(null);

  const start = async () => {
    const source = sources[sourceIndex] ?? sources[0];
    if (!source) return;
    const controller = new AbortController();
    abort.current = controller;
    const writer = exportWriter(format, tree);
    setState({ step: 'running', progress: { records: 0, total: source.total } });
    try {
      const { blob, records } = await runExport(source, writer, controller.signal, (progress) => setState({ step: 'running', progress }));
      const fileName = `${tree.name}.${writer.extension}`;
      download(blob, fileName);
      setState({ step: 'done', records, fileName });
    } catch (error) {
      setState(controller.signal.aborted ? { step: 'choose' } : { step: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      abort.current = null;
    }
  };
  const cancel = () => abort.current?.abort();
  const close = () => {
    cancel();
    onClose();
  };

  return (
    <Modal label={`Export ${tree.name}`} testId="export-dialog" onClose={close}>
      <h2>Export {tree.name}</h2>
      {sources.length > 1 && (
        <fieldset className="transfer-choices" disabled={state.step === 'running'}>
          <legend>Records</legend>
          {sources.map((source, i) => (
            <label key={source.description}>
              <input type="radio" name="export-source" checked={sourceIndex === i} onChange={() => setSourceIndex(i)} />
              {source.description}
              {source.total !== undefined && <span className="muted"> ({source.total.toLocaleString()})</span>}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="transfer-choices" disabled={state.step === 'running'}>
        <legend>Format</legend>
        {EXPORT_FORMATS.map((f) => (
          <label key={f}>
            <input type="radio" name="export-format" value={f} data-testid={`export-format-${f}`} checked={format === f} onChange={() => setFormat(f)} />
            {FORMAT_LABELS[f]}
          </label>
        ))}
      </fieldset>
      {state.step === 'running' && <ProgressBar testId="export-progress" done={state.progress.records} total={state.progress.total} unit="records" />}
      {state.step === 'done' && (
        <div className="transfer-outcome" data-testid="export-done" role="status">
          Exported {state.records.toLocaleString()} records to {state.fileName}.
        </div>
      )}
      {state.step === 'failed' && (
        <div className="error-text" role="alert">
          Export failed: {state.message}
        </div>
      )}
      <div className="modal-actions">
        {state.step === 'running' ? (
          <button type="button" data-testid="export-cancel" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={close}>
            Close
          </button>
        )}
        <button type="button" className="primary" data-testid="export-start" disabled={state.step === 'running'} onClick={() => void start()}>
          Export
        </button>
      </div>
    </Modal>
  );
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file over; revoking at once can cancel the download in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
