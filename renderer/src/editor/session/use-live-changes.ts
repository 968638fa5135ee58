/**
 * Watches the host's change events for the record on screen. Events only say
 * that something changed; the record is read again to learn what (and its
 * own revision), so a local save that is already on screen is not news.
 */
import { useEffect, useRef } from 'react';
import type { RecordEntry, Transport } from '../../../../app/contract/index.js';

export type Elsewhere = { readonly type: 'changed'; readonly entry: RecordEntry } | { readonly type: 'deleted' };

export function useLiveChanges(client: Transport, tree: string, shown: RecordEntry | null, onElsewhere: (change: Elsewhere) => void): void {
  const latest = useRef({ shown, onElsewhere });
  latest.current = { shown, onElsewhere };
  useEffect(
    () =>
      client.on('changes', (payload) => {
        const entry = latest.current.shown;
        if (!entry) return;
        if (!payload.resync && !payload.changes.some((c) => c.text === entry.text)) return;
        void client
          .call('records.get', { tree, key: entry.key })
          .then(({ entry: now }) => {
            const still = latest.current.shown;
            if (!still || still.text !== entry.text) return;
            if (now === null) latest.current.onElsewhere({ type: 'deleted' });
            else if (now.revision !== still.revision) latest.current.onElsewhere({ type: 'changed', entry: now });
          })
          .catch(() => undefined); // the next event or a save will tell
      }),
    [client, tree],
  );
}
