/**
 * Where an export's records come from, as an async page function: the
 * exporter asks for the page after the last record it has, until the source
 * says it is done. A whole tree pages through records.page; a selection of
 * records already on screen is one page. A filtered view plugs in the same way.
 */
import type { ArgsOf, MethodName, RecordEntry, ResultOf, TreeSummary } from '../../../../app/contract/index.js';
import { MAX_PAGE } from '../../../../app/contract/limits.js';

/** The one thing a source or an import needs of the host client. */
export interface Caller {
  call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
}

export interface RecordPage {
  readonly entries: readonly RecordEntry[];
  /** No page follows this one. */
  readonly done: boolean;
}

export interface RecordSource {
  /** What is exported, for the dialog: "all records of cities". */
  readonly description: string;
  /** How many records the source holds, when known ahead (for the progress bar). */
  readonly total: number | undefined;
  /** The page after `last` (undefined: the first page). */
  next(last: RecordEntry | undefined, signal: AbortSignal): Promise<RecordPage>;
}

/** Every record of a tree in key order, `pageSize` per call (keyset paging: each page continues after the last key). */
export function treeSource(client: Caller, tree: TreeSummary, pageSize: number = MAX_PAGE): RecordSource {
  return {
    description: `all records of ${tree.name}`,
    total: tree.count,
    async next(last, signal) {
      signal.throwIfAborted();
      const page = await client.call('records.page', { tree: tree.name, limit: pageSize, ...(last ? { after: last.key } : {}) });
      return { entries: page.entries, done: !page.hasMore };
    },
  };
}

/** Records the caller holds already (a selection): one page. */
export function entriesSource(description: string, entries: readonly RecordEntry[]): RecordSource {
  return { description, total: entries.length, next: async () => ({ entries, done: true }) };
}

/** Records read by position (a filtered view's matches), `pageSize` per call, until `read` says none follow. */
export function offsetSource(
  description: string,
  total: number | undefined,
  read: (offset: number, limit: number, signal: AbortSignal) => Promise<RecordPage>,
  pageSize: number = MAX_PAGE,
): RecordSource {
  let offset = 0;
  return {
    description,
    total,
    async next(last, signal) {
      if (last === undefined) offset = 0;
      const page = await read(offset, pageSize, signal);
      offset += page.entries.length;
      return page;
    },
  };
}
