/**
 * The three export formats, written page by page so the file is built as the
 * records arrive:
 * - NDJSON: one `{"tree","key","value"}` per line, the record lines of the
 *   engine's export (`npm run import` and this browser's import read it);
 * - JSON: one array of `{"key","value"}`;
 * - CSV: a header row, then one row per record: the key (one column, or none
 *   for a composite key, whose fields are the value's) and the value's
 *   top-level fields; text as it is, anything else as JSON (values/cell-text.ts).
 */
import Papa from 'papaparse';
import type { RecordEntry, TreeSummary } from '../../../../app/contract/index.js';
import { cellText } from '../../values/cell-text.js';

export type ExportFormat = 'ndjson' | 'json' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['ndjson', 'json', 'csv'];

export interface ExportWriter {
  readonly mime: string;
  readonly extension: string;
  begin(): string;
  page(entries: readonly RecordEntry[]): string;
  end(): string;
}

export function exportWriter(format: ExportFormat, tree: TreeSummary): ExportWriter {
  switch (format) {
    case 'ndjson':
      return {
        mime: 'application/x-ndjson',
        extension: 'ndjson',
        begin: () => '',
        page: (entries) => entries.map((e) => `${JSON.stringify({ tree: tree.name, key: e.key, value: e.value })}\n`).join(''),
        end: () => '',
      };
    case 'json': {
      let first = true;
      return {
        mime: 'application/json',
        extension: 'json',
        begin: () => '[',
        page: (entries) =>
          entries
            .map((e) => {
              const item = `${first ? '\n' : ',\n'}${JSON.stringify({ key: e.key, value: e.value })}`;
              first = false;
              return item;
            })
            .join(''),
        end: () => (first ? ']\n' : '\n]\n'),
      };
    }
    case 'csv': {
      const columns = csvColumns(tree);
      return {
        mime: 'text/csv',
        extension: 'csv',
        begin: () => `${Papa.unparse([columns.map((c) => c.header)])}\r\n`,
        page: (entries) => (entries.length === 0 ? '' : `${Papa.unparse(entries.map((e) => columns.map((c) => cellText(c.read(e)))))}\r\n`),
        end: () => '',
      };
    }
  }
}

export interface CsvColumn {
  readonly header: string;
  read(entry: RecordEntry): unknown;
}

/** `key` (unless composite: its fields are the value's), then the value's top-level fields in declaration order. */
export function csvColumns(tree: TreeSummary): CsvColumn[] {
  const key: CsvColumn[] = tree.key.kind === 'composite' ? [] : [{ header: 'key', read: (e) => e.key }];
  return [...key, ...valueFields(tree).map((name) => ({ header: name, read: (e: RecordEntry) => fieldOf(e.value, name) }))];
}

export function valueFields(tree: TreeSummary): string[] {
  const properties = tree.value['properties'];
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

function fieldOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
