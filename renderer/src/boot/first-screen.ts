/**
 * What the first screen will ask the host for, read from the page's URL
 * before the app's code has loaded: the database info, and the first rows of
 * the tree the URL names or, when it names none of the database's trees, of
 * its first tree (the place use-starting-place.ts picks). Asking early
 * overlaps these round trips with fetching and compiling the app; a guess that
 * goes unused costs one small answer (prefetch.ts drops it).
 */
import type { ArgsOf } from '../../../app/contract/index.js';
import { BLOCK_SIZE, treePageArgs } from '../grid/core/tree-page.js';
import { hashToLocation } from '../state/browser-location.js';
import type { PrefetchingClient } from '../client/prefetch.js';

/** The table's first request for a tree without an index filter (grid/core/sources.ts, block 0). */
export function firstPageArgs(tree: string): ArgsOf<'records.page'> {
  return treePageArgs(tree, 0, BLOCK_SIZE);
}

export function prefetchFirstScreen(client: PrefetchingClient, hash: string): void {
  const linked = hashToLocation(hash);
  const prefetchPage = (tree: string) => void client.prefetch('records.page', firstPageArgs(tree)).catch(() => undefined);
  const info = client.prefetch('database.info', {});
  // A filtered view reads an index instead; its first rows are not worth guessing.
  if (linked && !linked.query) prefetchPage(linked.tree);
  info.then(
    ({ trees }) => {
      const first = trees[0]?.name;
      if (first && !trees.some((tree) => tree.name === linked?.tree)) prefetchPage(first);
    },
    () => undefined, // no database open: the app says so when it asks
  );
}
