/**
 * Where the history starts: the place in the page's URL fragment (a reload, a
 * shared link) when it names a tree of the database, else its first tree.
 * Opening another database starts the history over, since its places differ.
 * A layout effect: the place is set before the first paint with the info, so
 * the tree's table renders in the same frame instead of after an empty one.
 */
import { useLayoutEffect, useRef } from 'react';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import { hashToPlace } from '../state/place-hash.js';
import type { NavigationHistory } from '../state/history.js';

export function useStartingPlace(info: DatabaseInfo | null, history: NavigationHistory): void {
  const openedPath = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!info) return;
    const first = info.trees[0]?.name;
    if (openedPath.current !== info.path) {
      const firstOpen = openedPath.current === null;
      openedPath.current = info.path;
      const linked = firstOpen ? hashToPlace(window.location.hash) : undefined;
      if (linked && info.trees.some((tree) => tree.name === linked.tree)) history.reset(linked);
      else if (first) history.reset({ tree: first });
    } else if (!history.current() && first) history.push({ tree: first });
  }, [info, history]);
}
