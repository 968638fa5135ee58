/**
 * Another program's migration of the open database, as the host reports it
 * (`migration` events every ~500 ms while it runs, then `{ ended: true }`):
 * null when none runs. Opening another database forgets it (the host reports
 * the new one's, if any).
 */
import { useEffect, useState } from 'react';
import type { MigrationRunning } from '../../../app/contract/index.js';
import type { HostClient } from '../client/connect.js';

export function useMigration(client: HostClient): MigrationRunning | null {
  const [running, setRunning] = useState<MigrationRunning | null>(null);
  useEffect(() => {
    const offMigration = client.on('migration', (event) => setRunning('ended' in event ? null : event));
    const offDatabase = client.on('database', () => setRunning(null));
    return () => {
      offMigration();
      offDatabase();
    };
  }, [client]);
  return running;
}

/** Why writes are refused while it runs, for the read-only tooltips. */
export const migrationReason = (migration: Pick<MigrationRunning, 'id'>): string =>
  `Another program is migrating this database (${migration.id}): writes are refused until it finishes`;
