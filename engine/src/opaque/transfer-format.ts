/**
 * The export file: NDJSON, one JSON document per line.
 *
 *   {"trellis":"export","format":1,"trees":{…catalog entries…},"counters":{"cities":148038}}
 *   {"tree":"cities","key":1,"value":{…text form…}}
 *   …
 *   {"trellis":"end","records":148038}
 *
 * The first line (the header) carries the trees' catalog entries, so that an
 * import can create them in a new database and refuse a database whose trees
 * differ, and the auto-increment counters, so that the next insert after an
 * import gets the key it would have got in the source. The last line (the
 * trailer) makes a cut-off file detectable. Both are optional on import: a file
 * of record lines alone (written by hand, or by another tool) imports into trees
 * that exist. Values and keys are in the opaque face's text form (timestamps as
 * ISO text, bytes as base64). Revisions are not carried: they are the target
 * database's own counter, and every imported record takes a new one.
 */
import type { StoredTree } from '../schema/catalog.js';

export const EXPORT_FORMAT = 1;

export interface ExportHeader {
  readonly trellis: 'export';
  readonly format: number;
  readonly trees: Readonly<Record<string, StoredTree>>;
  /** The last auto-increment id of each auto-keyed tree exported. */
  readonly counters: Readonly<Record<string, number>>;
}

export interface ExportTrailer {
  readonly trellis: 'end';
  readonly records: number;
}

export interface RecordLine {
  readonly tree: string;
  /** Absent: the tree makes the key (auto-increment, uuid, content hash, or a key derived from the value). */
  readonly key?: unknown;
  readonly value: unknown;
  /** A versioned record's release state, when released or given a lifecycle number (revisions stay behind: they are the source's). */
  readonly release?: PortableRelease;
}

export interface PortableRelease {
  readonly released: boolean;
  readonly lifecycle: number;
}

export function headerLine(header: ExportHeader): string {
  return JSON.stringify(header);
}

export function recordLine(tree: string, key: unknown, value: unknown, release?: PortableRelease): string {
  return JSON.stringify(release ? { tree, key, value, release } : { tree, key, value });
}

/** The header, if `parsed` (a line's JSON) is one: anything that says `"trellis":"export"`. */
export function asHeader(parsed: unknown): ExportHeader | undefined {
  const p = parsed as { trellis?: unknown } | null;
  return typeof p === 'object' && p !== null && p.trellis === 'export' ? (p as ExportHeader) : undefined;
}

export function asTrailer(parsed: unknown): ExportTrailer | undefined {
  const p = parsed as { trellis?: unknown } | null;
  return typeof p === 'object' && p !== null && p.trellis === 'end' ? (p as ExportTrailer) : undefined;
}

/**
 * Parses an export's first line for a tool that must create the database
 * before importing into it (the CLI): the header, or undefined if the line is
 * no export header. Its trees are checked when the database is created.
 */
export function parseExportHeader(line: string): ExportHeader | undefined {
  try {
    const header = asHeader(JSON.parse(line));
    return header && typeof header.trees === 'object' && header.trees !== null ? header : undefined;
  } catch {
    return undefined;
  }
}

/** JSON with object keys sorted: two catalog entries are the same tree if their canonical texts are equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Splits a stream of text (or UTF-8 bytes) into lines, without holding more than one line and one chunk. */
export async function* linesOf(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let rest = '';
  for await (const chunk of source) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
      yield rest.slice(start, end).replace(/\r$/, '');
      start = end + 1;
    }
    rest = rest.slice(start);
  }
  rest += decoder.decode();
  if (rest !== '') yield rest; // a last line without its newline (a cut-off file shows here)
}
