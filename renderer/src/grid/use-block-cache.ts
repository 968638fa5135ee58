/**
 * The rows behind the table for one tree, or one query on it (a filter, an
 * order), kept fresh: a `changes` event naming this tree (or a resync) reloads
 * the visible blocks and the count at once (a query runs again first), and a
 * burst of writes at most once a frame. A query's rows and count follow its
 * progress while the host is still reading.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RecordQuery } from '@trellis/engine/common/record-query';
import type { TreeSummary } from '../../../app/contract/index.js';
import type { HostClient } from '../client/connect.js';
import { BlockCache } from './core/block-cache.js';
import type { QueryView } from './core/query-view.js';
import { treeSource } from './core/sources.js';
import { BLOCK_SIZE } from './core/tree-page.js';
import { queryViewFor } from './query-views.js';

export { BLOCK_SIZE };

/** At most one reload a frame; the first change of a quiet spell reloads at once (a wait only delayed the row). */
const REFRESH_SPACING_MS = 16;
const MAX_BLOCKS = 40;

export interface TableRows {
  readonly cache: BlockCache<unknown>;
  /** The query behind the rows, when the view is filtered or sorted. */
  readonly view: QueryView | undefined;
}

export function useBlockCache(client: HostClient, tree: TreeSummary, query: RecordQuery | undefined): TableRows {
  const queryKey = query ? JSON.stringify(query) : '';
  const rows = useMemo<TableRows>(() => {
    if (!query) return { cache: new BlockCache<unknown>(treeSource(client, tree.name), { blockSize: BLOCK_SIZE, maxBlocks: MAX_BLOCKS, initialCount: tree.count }), view: undefined };
    const view = queryViewFor(client, tree.name, query);
    const known = view.current.progress;
    // A view kept from before (Back) knows its count: the rows can be laid out, and scrolled to, at once.
    const options = { blockSize: BLOCK_SIZE, maxBlocks: MAX_BLOCKS, ...(known ? { initialCount: known.matches } : {}) };
    return { cache: new BlockCache<unknown>(view, options), view };
    // A new cache only for another tree or query (queryKey stands for query); counts arrive with the pages.
  }, [client, tree.name, queryKey]);
  const { cache, view } = rows;

  useSyncExternalStore(cache.subscribe, cache.snapshot);

  useEffect(() => {
    if (!view) return undefined;
    return view.subscribe(({ progress }) => {
      if (progress) cache.resize(progress.matches, progress.done && progress.ordered);
    });
  }, [view, cache]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = -Infinity;
    const reload = () => {
      timer = undefined;
      last = performance.now();
      view?.restart();
      cache.invalidate();
    };
    const off = client.on('changes', ({ changes, resync }) => {
      if (!resync && !changes.some((change) => change.tree === tree.name)) return;
      if (timer !== undefined) return; // a reload is already due, and will read this change too
      const wait = last + REFRESH_SPACING_MS - performance.now();
      if (wait <= 0) reload();
      else timer = setTimeout(reload, wait);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [client, cache, view, tree.name]);

  return rows;
}
