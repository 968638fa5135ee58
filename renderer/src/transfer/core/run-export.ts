/**
 * Runs an export: pages from a source through a format's writer into one
 * Blob, with progress after every page and a cancel between pages.
 */
import type { RecordEntry } from '../../../../app/contract/index.js';
import type { ExportWriter } from './export-formats.js';
import type { RecordSource } from './record-source.js';

export interface ExportProgress {
  readonly records: number;
  readonly total: number | undefined;
}

export async function runExport(source: RecordSource, writer: ExportWriter, signal: AbortSignal, onProgress: (progress: ExportProgress) => void): Promise<{ blob: Blob; records: number }> {
  const parts: string[] = [writer.begin()];
  let last: RecordEntry | undefined;
  let records = 0;
  for (;;) {
    signal.throwIfAborted();
    const page = await source.next(last, signal);
    signal.throwIfAborted();
    parts.push(writer.page(page.entries));
    records += page.entries.length;
    onProgress({ records, total: source.total });
    last = page.entries.at(-1);
    if (page.done || last === undefined) break;
  }
  parts.push(writer.end());
  return { blob: new Blob(parts, { type: writer.mime }), records };
}
