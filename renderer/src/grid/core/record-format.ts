/**
 * Records as text for the clipboard. JSON and NDJSON carry each record whole,
 * as `{ key, value }` (nothing lost, hidden columns included); CSV and TSV
 * carry what the table shows: a header row of the visible columns, then one
 * line per record, with nested values as JSON text in their cell and null or
 * absent fields as empty cells. Quoting is papaparse's (RFC 4180).
 */
import Papa from 'papaparse';
import type { RecordEntry } from '../../../../app/contract/index.js';
import type { GridColumn } from './columns.js';
import type { CopyFormat } from './copy-formats.js';

export type { CopyFormat };

export function formatRecords(records: readonly RecordEntry[], columns: readonly Pick<GridColumn, 'header' | 'read'>[], format: CopyFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(records.map(wholeRecord), null, 2);
    case 'ndjson':
      return records.map((record) => JSON.stringify(wholeRecord(record))).join('\n');
    case 'csv':
    case 'tsv':
      return Papa.unparse(
        { fields: columns.map((column) => column.header), data: records.map((record) => columns.map((column) => cellText(column.read(record)))) },
        { delimiter: format === 'csv' ? ',' : '\t', newline: '\n' },
      );
  }
}

/** A value as plain text: strings as they are, null and absent as nothing, anything else as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function wholeRecord(record: RecordEntry): { key: unknown; value: unknown } {
  return { key: record.key, value: record.value };
}
