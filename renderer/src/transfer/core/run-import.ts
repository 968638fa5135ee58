/**
 * An import from the browser, in two steps like the engine's: every row is
 * checked (import.check, page by page) and the report shown before anything
 * is written; then the rows are written page by page (import.write), one
 * transaction each. A reference to a record later in the file is settled here,
 * against the file's own keys, and handed to each write as `awaited`.
 */
import { formatKeyText } from '@trellis/engine/common/key-text';
import type { JsonKey, TreeSummary } from '../../../../app/contract/index.js';
import { MAX_PAGE } from '../../../../app/contract/limits.js';
import type { ImportRow, RowProblem } from './import-parse.js';
import type { Caller } from './record-source.js';

export interface ImportReport {
  readonly rows: number;
  readonly problems: readonly RowProblem[];
  /** Targets the file itself provides (for the writes' `awaited`). */
  readonly awaited: readonly string[];
}

/** What an import replaced, record by record: what an undo restores (`previous` absent: the record was new). */
export interface WrittenRecord {
  readonly key: JsonKey;
  readonly text: string;
  readonly previous?: unknown;
}

const MAX_LISTED = 200;
const keyTextOf = (tree: string, key: JsonKey) => formatKeyText(tree, key);

export async function checkRows(client: Caller, tree: TreeSummary, rows: readonly ImportRow[], signal: AbortSignal, onProgress: (done: number) => void): Promise<ImportReport> {
  const problems: RowProblem[] = [];
  const inFile = new Map<string, number>();
  for (const row of rows) {
    if (row.key === undefined) continue;
    const text = keyTextOf(tree.name, row.key);
    const first = inFile.get(text);
    if (first !== undefined) problems.push({ line: row.line, path: '/key', message: `the same key as line ${first}: a key may appear once` });
    else inFile.set(text, row.line);
  }
  const awaited = new Set<string>();
  for (let start = 0; start < rows.length && problems.length < MAX_LISTED; start += MAX_PAGE) {
    signal.throwIfAborted();
    const page = rows.slice(start, start + MAX_PAGE);
    const answer = await client.call('import.check', { tree: tree.name, records: page.map(wireRecord) });
    for (const problem of answer.problems) {
      const row = page[problem.index];
      if (!row) continue;
      if (problem.path === '/key' && problem.message.startsWith('the same record as line')) continue; // counted above, across pages
      if (problem.target !== undefined && inFile.has(problem.target)) {
        awaited.add(problem.target);
        continue;
      }
      problems.push({ line: row.line, path: problem.path, message: problem.message });
    }
    onProgress(Math.min(rows.length, start + MAX_PAGE));
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows: rows.length, problems: problems.slice(0, MAX_LISTED), awaited: [...awaited] };
}

export async function writeRows(
  client: Caller,
  tree: TreeSummary,
  rows: readonly ImportRow[],
  awaited: readonly string[],
  signal: AbortSignal,
  onProgress: (done: number) => void,
): Promise<WrittenRecord[]> {
  const written: WrittenRecord[] = [];
  for (let start = 0; start < rows.length; start += MAX_PAGE) {
    signal.throwIfAborted();
    const page = rows.slice(start, start + MAX_PAGE);
    const answer = await client.call('import.write', { tree: tree.name, records: page.map(wireRecord), ...(awaited.length > 0 ? { awaited: [...awaited] } : {}) });
    written.push(...answer.written);
    onProgress(start + page.length);
  }
  return written;
}

function wireRecord(row: ImportRow): { key?: JsonKey; value: unknown } {
  return row.key === undefined ? { value: row.value } : { key: row.key, value: row.value };
}
