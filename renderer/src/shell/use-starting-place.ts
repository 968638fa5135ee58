/**
 * Where the history starts: the first tree of the database. Opening another
 * database starts the history over, since its places differ.
 */
import { useEffect, useRef } from 'react';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import type { NavigationHistory } from '../state/history.js';

export function useStartingPlace(info: DatabaseInfo | null, history: NavigationHistory): void {
  const openedPath = useRef<string | null>(null);
  useEffect(() => {
    if (!info) return;
    const first = info.trees[0]?.name;
    if (openedPath.current !== info.path) {
      openedPath.current = info.path;
      if (first) history.reset({ tree: first });
    } else if (!history.current() && first) history.push({ tree: first });
  }, [info, history]);
}
