/**
 * The rows behind the table for one tree (or one index filter on it), kept
 * fresh: a `changes` event naming this tree (or a resync) reloads the visible
 * blocks and the count at once, and a burst of writes at most once a frame.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { TreeSummary } from '../../../app/contract/index.js';
import type { HostClient } from '../client/connect.js';
import type { IndexFilter } from '../state/history.js';
import { BlockCache } from './core/block-cache.js';
import { indexSource, treeSource } from './core/sources.js';
import { BLOCK_SIZE } from './core/tree-page.js';

export { BLOCK_SIZE };

/** At most one reload a frame; the first change of a quiet spell reloads at once (a wait only delayed the row). */
const REFRESH_SPACING_MS = 16;
const MAX_BLOCKS = 40;

export function useBlockCache(client: HostClient, tree: TreeSummary, filter: IndexFilter | undefined): BlockCache<unknown> {
  const filterKey = filter ? JSON.stringify(filter) : '';
  const cache = useMemo(() => {
    const source = filter ? indexSource(client, tree.name, filter) : treeSource(client, tree.name);
    const options = { blockSize: BLOCK_SIZE, maxBlocks: MAX_BLOCKS, ...(filter ? {} : { initialCount: tree.count }) };
    return new BlockCache<unknown>(source, options);
    // A new cache only for another tree or filter (filterKey stands for filter); counts arrive with the pages.
  }, [client, tree.name, filterKey]);

  useSyncExternalStore(cache.subscribe, cache.snapshot);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = -Infinity;
    const reload = () => {
      timer = undefined;
      last = performance.now();
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
  }, [client, cache, tree.name]);

  return cache;
}
