/**
 * Import NDJSON, JSON or CSV into a tree: pick a file, map CSV columns onto
 * fields, see a preview, check every row (the report lists each problem by
 * line and field before anything is written), then write with progress.
 * Read-only sessions cannot import (the host refuses too).
 */
import { useMemo, useRef, useState, type JSX } from 'react';
import type { TreeSummary } from '../../../app/contract/index.js';
import { useClient } from '../state/contexts.js';
import { defaultMapping, formatOf, parseImportFile, rowsFromCsv, type ColumnTarget, type ImportRow, type ParsedFile } from './core/import-parse.js';
import { checkRows, writeRows, type ImportReport, type WrittenRecord } from './core/run-import.js';
import { CsvMapping } from './CsvMapping.js';
import { ImportPreview } from './ImportPreview.js';
import { Modal, ProgressBar } from './TransferParts.js';

type Step =
  | { kind: 'ready' }
  | { kind: 'checking'; done: number }
  | { kind: 'checked'; report: ImportReport }
  | { kind: 'writing'; done: number; report: ImportReport }
  | { kind: 'done'; written: readonly WrittenRecord[] }
  | { kind: 'failed'; message: string; written: number };

export interface ImportDialogProps {
  readonly tree: TreeSummary;
  readonly readOnly: boolean;
  onClose(): void;
  /** After a write: what it replaced, record by record (for an undo). */
  onImported?(written: readonly WrittenRecord[]): void;
}

export function ImportDialog({ tree, readOnly, onClose, onImported }: ImportDialogProps): JSX.Element {
  const client = useClient();
  const [file, setFile] = useState<{ name: string; parsed: ParsedFile } | null>(null);
  const [mapping, setMapping] = useState<ColumnTarget[]>([]);
  const [step, setStep] = useState<Step>({ kind: 'ready' });
  const abort = useRef<AbortController | null>(null);

  const rows: readonly ImportRow[] = useMemo(() => {
    if (!file) return [];
    return file.parsed.format === 'csv' ? rowsFromCsv(file.parsed.cells, mapping, tree) : file.parsed.rows;
  }, [file, mapping, tree]);

  const pick = async (picked: File | undefined) => {
    if (!picked) return;
    const parsed = parseImportFile(await picked.text(), formatOf(picked.name), tree);
    setFile({ name: picked.name, parsed });
    setMapping(parsed.format === 'csv' ? defaultMapping(parsed.header, tree) : []);
    setStep({ kind: 'ready' });
  };

  const run = async <T,>(body: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> => {
    const controller = new AbortController();
    abort.current = controller;
    try {
      return await body(controller.signal);
    } finally {
      abort.current = null;
    }
  };

  const check = async () => {
    setStep({ kind: 'checking', done: 0 });
    try {
      const report = await run((signal) => checkRows(client, tree, rows, signal, (done) => setStep({ kind: 'checking', done })));
      if (report) setStep({ kind: 'checked', report: { ...report, problems: [...(file?.parsed.problems ?? []), ...report.problems] } });
    } catch (error) {
      setStep(isAbort(error) ? { kind: 'ready' } : { kind: 'failed', message: messageOf(error), written: 0 });
    }
  };

  const write = async (report: ImportReport) => {
    let done = 0;
    setStep({ kind: 'writing', done, report });
    try {
      const written = await run((signal) =>
        writeRows(client, tree, rows, report.awaited, signal, (n) => {
          done = n;
          setStep({ kind: 'writing', done: n, report });
        }),
      );
      if (written) {
        setStep({ kind: 'done', written });
        onImported?.(written);
      }
    } catch (error) {
      setStep({ kind: 'failed', message: isAbort(error) ? 'cancelled' : messageOf(error), written: done });
    }
  };

  const busy = step.kind === 'checking' || step.kind === 'writing';
  const close = () => {
    abort.current?.abort();
    onClose();
  };
  const changeMapping = (next: ColumnTarget[]) => {
    setMapping(next);
    setStep({ kind: 'ready' }); // a new mapping is a new file to check
  };

  return (
    <Modal label={`Import into ${tree.name}`} testId="import-dialog" onClose={close} wide>
      <h2>Import into {tree.name}</h2>
      {readOnly ? (
        <div className="error-text" role="alert" data-testid="import-read-only">
          This session is read-only: nothing can be imported. Turn read-only off first.
        </div>
      ) : (
        <label>
          NDJSON, JSON or CSV file
          <input type="file" data-testid="import-file" accept=".ndjson,.jsonl,.json,.csv,.tsv,.txt" disabled={busy} onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
      )}
      {file && file.parsed.format === 'csv' && <CsvMapping header={file.parsed.header} mapping={mapping} tree={tree} disabled={busy} onChange={changeMapping} />}
      {file && <ImportPreview tree={tree} rows={rows} fileName={file.name} />}
      {step.kind === 'checking' && <ProgressBar testId="import-progress" done={step.done} total={rows.length} unit="checked" />}
      {step.kind === 'writing' && <ProgressBar testId="import-progress" done={step.done} total={rows.length} unit="written" />}
      {step.kind === 'checked' && <ImportReportView report={step.report} />}
      {step.kind === 'done' && (
        <div className="transfer-outcome" role="status" data-testid="import-done">
          Imported {step.written.length.toLocaleString()} records into {tree.name} ({step.written.filter((w) => w.previous !== undefined).length.toLocaleString()} replaced).
        </div>
      )}
      {step.kind === 'failed' && (
        <div className="error-text" role="alert" data-testid="import-failed">
          Import stopped: {step.message}. {step.written > 0 ? `The first ${step.written.toLocaleString()} records were written (each page is written whole); importing the file again is safe.` : 'Nothing was written.'}
        </div>
      )}
      <div className="modal-actions">
        {busy ? (
          <button type="button" data-testid="import-cancel" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={close}>
            Close
          </button>
        )}
        {!readOnly && (
          <button type="button" data-testid="import-check" disabled={busy || rows.length === 0} onClick={() => void check()}>
            Check {rows.length > 0 ? `${rows.length.toLocaleString()} record${rows.length === 1 ? '' : 's'}` : ''}
          </button>
        )}
        {!readOnly && step.kind === 'checked' && (
          <button type="button" className="primary" data-testid="import-write" disabled={step.report.problems.length > 0} onClick={() => void write(step.report)}>
            Import {step.report.rows.toLocaleString()} records
          </button>
        )}
      </div>
    </Modal>
  );
}

function ImportReportView({ report }: { report: ImportReport }): JSX.Element {
  if (report.problems.length === 0) {
    return (
      <div className="transfer-outcome" role="status" data-testid="import-report" data-problems="0">
        {report.rows.toLocaleString()} records checked: no problems. Nothing has been written yet.
      </div>
    );
  }
  return (
    <div className="import-report" data-testid="import-report" data-problems={report.problems.length}>
      <div className="error-text">
        {report.problems.length.toLocaleString()} problem{report.problems.length === 1 ? '' : 's'} found; nothing was written. Fix the file (or the mapping) and check again.
      </div>
      <ul>
        {report.problems.map((p, i) => (
          <li key={i} data-testid="import-problem" data-line={p.line}>
            <span className="import-problem-place">
              line {p.line}
              {p.path ? ` ${p.path}` : ''}
            </span>{' '}
            {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
