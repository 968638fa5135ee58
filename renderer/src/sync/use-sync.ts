/**
 * The open replica's sync, followed from the host: its status (`sync.status`,
 * then `sync` events) and its check-outs (`sync.leases`, then `lease` events;
 * listed again at each connection, when the server tells them all anew).
 * Nothing is asked of a database that is not a replica.
 */
import { useEffect, useMemo, useState } from 'react';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import type { SyncStatus } from '../../../app/contract/sync.js';
import type { HostClient } from '../client/connect.js';
import { LeaseBook } from './core/lease-book.js';
import type { SyncView } from './sync-context.js';

export function useSync(client: HostClient, info: DatabaseInfo | null): SyncView {
  const replica = info?.replica;
  const path = replica ? info.path : undefined;
  const leases = useMemo(() => new LeaseBook(), [path]);
  const [status, setStatus] = useState<SyncStatus | null>(null);

  useEffect(() => {
    setStatus(null);
    if (path === undefined) return;
    let current = true;
    const offStatus = client.on('sync', (next) => current && setStatus(next));
    const offLease = client.on('lease', (change) => current && leases.apply(change));
    client.call('sync.status', {}).then(
      (answer) => current && setStatus((shown) => shown ?? answer.status),
      () => undefined,
    );
    return () => {
      current = false;
      offStatus();
      offLease();
    };
  }, [client, path, leases]);

  // At each connection the server tells every check-out again: list them then (and when first shown).
  const connected = status?.state === 'connected';
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    client.call('sync.leases', {}).then(
      (answer) => current && leases.replace(answer.leases),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, path, leases, connected]);

  return useMemo(() => ({ replica, status, leases }), [replica, status, leases]);
}
