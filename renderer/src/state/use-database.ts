/**
 * The open database's info (trees, counts, read-only state): fetched once
 * (the boot script has usually asked already), replaced by `database` events,
 * and refetched shortly after writes that change counts, so the sidebar's
 * numbers follow the data.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import { HostError } from '../../../app/contract/errors.js';
import type { HostClient } from '../client/connect.js';

const COUNT_REFRESH_MS = 200;

export interface DatabaseState {
  readonly info: DatabaseInfo | null;
  /** Why there is no info: no database open, or the host failed. */
  readonly problem: string | null;
  readonly loading: boolean;
  setInfo(info: DatabaseInfo): void;
}

export function useDatabase(client: HostClient): DatabaseState {
  // The boot script's answer, when it is here already, saves a render; the fetch below takes the same one.
  const [info, setInfo] = useState<DatabaseInfo | null>(() => client.peek('database.info', {}) ?? null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(info === null);

  const refetch = useCallback(async () => {
    try {
      setInfo(await client.call('database.info', {}));
      setProblem(null);
    } catch (error) {
      if (error instanceof HostError && error.code === 'NO_DATABASE') {
        setInfo(null);
        setProblem('No database is open. Use File › Open… to open one.');
      } else setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setLoading(false);
    }
  }, [client]);

  useEffect(() => {
    void refetch();
    const offDatabase = client.on('database', (next) => {
      setInfo(next);
      setProblem(null);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offChanges = client.on('changes', ({ changes, resync }) => {
      // Counts change only with inserts and deletes (an update, a release or a lifecycle number leaves them).
      if (!resync && !changes.some((change) => change.kind === 'insert' || change.kind === 'delete')) return;
      clearTimeout(timer);
      timer = setTimeout(() => void refetch(), COUNT_REFRESH_MS);
    });
    return () => {
      offDatabase();
      offChanges();
      clearTimeout(timer);
    };
  }, [client, refetch]);

  const set = useCallback((next: DatabaseInfo) => {
    setInfo(next);
    setProblem(null);
  }, []);

  return { info, problem, loading, setInfo: set };
}
