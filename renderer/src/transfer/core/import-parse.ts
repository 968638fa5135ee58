/**
 * Reading an import file in the renderer: NDJSON (the engine's record lines,
 * or one value per line), JSON (an array of `{key, value}` or of values) or CSV
 * (a header row, then rows mapped onto the tree's fields by the user). Every
 * row keeps its line in the file, so the check's problems name it.
 */
import Papa from 'papaparse';
import type { JsonKey, TreeSummary } from '../../../../app/contract/index.js';
import { valueFromCell } from '../../values/cell-text.js';
import type { JsonSchema } from '../../values/value-type.js';
import { valueFields } from './export-formats.js';

export type ImportFormat = 'ndjson' | 'json' | 'csv';

/** A record to import: `key` absent where the tree makes it. `line`: 1-based, in the file. */
export interface ImportRow {
  readonly line: number;
  readonly key?: JsonKey;
  readonly value: unknown;
}

/** A problem of the file itself (not JSON, another tree's record): named by line, found before the host is asked. */
export interface RowProblem {
  readonly line: number;
  readonly path: string;
  readonly message: string;
}

export type ParsedFile =
  | { readonly format: 'ndjson' | 'json'; readonly rows: readonly ImportRow[]; readonly problems: readonly RowProblem[] }
  | { readonly format: 'csv'; readonly header: readonly string[]; readonly cells: readonly (readonly string[])[]; readonly problems: readonly RowProblem[] };

export function formatOf(fileName: string): ImportFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  return 'ndjson';
}

export function parseImportFile(text: string, format: ImportFormat, tree: TreeSummary): ParsedFile {
  if (format === 'csv') return parseCsv(text);
  const problems: RowProblem[] = [];
  const rows: ImportRow[] = [];
  if (format === 'json') {
    let items: unknown;
    try {
      items = JSON.parse(text);
    } catch (error) {
      return { format, rows, problems: [{ line: 1, path: '', message: `not JSON: ${(error as Error).message}` }] };
    }
    if (!Array.isArray(items)) return { format, rows, problems: [{ line: 1, path: '', message: 'expected an array of records' }] };
    items.forEach((item, i) => addRow(rows, problems, i + 1, item, tree));
    return { format, rows, problems };
  }
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (error) {
      problems.push({ line: i + 1, path: '', message: `not JSON: ${(error as Error).message}` });
      return;
    }
    // The engine export's header and trailer carry no record.
    if (typeof item === 'object' && item !== null && 'trellis' in item) return;
    addRow(rows, problems, i + 1, item, tree);
  });
  return { format, rows, problems };
}

/** `{tree?, key?, value}` is a record; any other JSON is the value itself. */
function addRow(rows: ImportRow[], problems: RowProblem[], line: number, item: unknown, tree: TreeSummary): void {
  const record = item as { tree?: unknown; key?: unknown; value?: unknown } | null;
  const isRecord = typeof record === 'object' && record !== null && !Array.isArray(record) && 'value' in record && Object.keys(record).every((k) => k === 'tree' || k === 'key' || k === 'value');
  if (!isRecord) {
    rows.push({ line, value: item });
    return;
  }
  if (record.tree !== undefined && record.tree !== tree.name) {
    problems.push({ line, path: '/tree', message: `a record of '${String(record.tree)}', not of '${tree.name}'` });
    return;
  }
  rows.push({ line, ...(record.key === undefined ? {} : { key: record.key as JsonKey }), value: record.value });
}

function parseCsv(text: string): ParsedFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const problems = parsed.errors.map((e) => ({ line: (e.row ?? 0) + 1, path: '', message: e.message }));
  const [header = [], ...cells] = parsed.data;
  return { format: 'csv', header, cells, problems };
}

/** Where a CSV column goes: the key, a top-level field of the value, or nowhere. */
export type ColumnTarget = { readonly kind: 'key' } | { readonly kind: 'field'; readonly field: string } | { readonly kind: 'skip' };

/** Columns named like a field (or `key`) go there; the rest are skipped until the user maps them. */
export function defaultMapping(header: readonly string[], tree: TreeSummary): ColumnTarget[] {
  const fields = new Set(valueFields(tree));
  const keyed = tree.key.kind !== 'composite';
  return header.map((name) => {
    const trimmed = name.trim();
    if (keyed && trimmed === 'key') return { kind: 'key' };
    return fields.has(trimmed) ? { kind: 'field', field: trimmed } : { kind: 'skip' };
  });
}

/** Rows of the CSV as records: each mapped cell read as its field's type (values/cell-text.ts). The header is line 1. */
export function rowsFromCsv(cells: readonly (readonly string[])[], mapping: readonly ColumnTarget[], tree: TreeSummary): ImportRow[] {
  const properties = (tree.value['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((tree.value['required'] ?? []) as string[]);
  return cells.map((row, i) => {
    const value: Record<string, unknown> = {};
    let key: unknown;
    mapping.forEach((target, column) => {
      const text = row[column] ?? '';
      if (target.kind === 'key') key = text === '' ? undefined : valueFromCell(text, tree.keySchema, true);
      else if (target.kind === 'field') {
        const cell = valueFromCell(text, properties[target.field] ?? {}, required.has(target.field));
        if (cell !== undefined) value[target.field] = cell;
      }
    });
    return { line: i + 2, ...(key === undefined ? {} : { key: key as JsonKey }), value };
  });
}
