/** The formats a selection copies as. Apart from record-format.ts, so that menus name them without loading papaparse. */
export type CopyFormat = 'json' | 'ndjson' | 'csv' | 'tsv';

export const COPY_FORMATS: readonly { format: CopyFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'tsv', label: 'TSV' },
  { format: 'json', label: 'JSON' },
  { format: 'ndjson', label: 'NDJSON' },
];
