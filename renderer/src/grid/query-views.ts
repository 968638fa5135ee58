/**
 * The query views of this window, kept a while after the table leaves them:
 * Back into a filtered view finds its query still run on the host (its count
 * known at once, so its scroll offset and selection come back), instead of
 * scanning again. The least recently used are closed first; a change to a
 * tree makes its views run again when next shown.
 */
import type { RecordQuery } from '@trellis/engine/common/record-query';
import type { HostClient } from '../client/connect.js';
import { QueryView } from './core/query-view.js';

/** Views kept per window: the host keeps 16 runs for all its windows. */
const KEPT = 6;

const views = new Map<string, QueryView>();
const watched = new WeakSet<HostClient>();

export function queryViewFor(client: HostClient, tree: string, query: RecordQuery): QueryView {
  watchChanges(client);
  const key = `${tree}\n${JSON.stringify(query)}`;
  let view = views.get(key);
  if (view) views.delete(key);
  else view = new QueryView(client, tree, query);
  views.set(key, view);
  for (const [old, held] of views) {
    if (views.size <= KEPT) break;
    views.delete(old);
    held.close();
  }
  return view;
}

function watchChanges(client: HostClient): void {
  if (watched.has(client)) return;
  watched.add(client);
  client.on('changes', ({ changes, resync }) => {
    for (const view of views.values()) if (resync || changes.some((change) => change.tree === view.tree)) view.restart();
  });
  // Another database (or the same one reopened): the host has dropped every run.
  client.on('database', () => {
    for (const view of views.values()) view.restart();
  });
}
