/**
 * A stored record of a tree keyed by an application function, to see which
 * fields hold the key (./key-agreement.ts): the record on screen, else the
 * tree's first one, read once per tree.
 */
import { useEffect, useState } from 'react';
import type { RecordEntry, Transport, TreeSummary } from '../../../../app/contract/index.js';
import { keyFromFunction } from './key-agreement.js';

export function useKeySample(client: Transport, tree: TreeSummary, shown: RecordEntry | null): RecordEntry | null {
  const [first, setFirst] = useState<RecordEntry | null>(null);
  const wanted = keyFromFunction(tree) && shown === null;
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    client.call('records.page', { tree: tree.name, limit: 1 }).then(
      ({ entries }) => live && setFirst(entries[0] ?? null),
      () => undefined, // no sample: no clash is reported, the warning still stands
    );
    return () => {
      live = false;
    };
  }, [client, tree.name, wanted]);
  return shown ?? first;
}
