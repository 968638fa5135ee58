/**
 * Events a host pushes to every connected renderer.
 */
import type { DatabaseInfo, JsonKey } from './methods.js';

export interface RecordChange {
  readonly tree: string;
  readonly key: JsonKey;
  readonly text: string;
  readonly kind: 'insert' | 'update' | 'delete';
  readonly revision: number;
  /** False when another process wrote it. */
  readonly local: boolean;
}

export interface HostEvents {
  /** Committed writes, by this host or by any other process. `resync`: too many to list, re-read what is shown. */
  changes: { readonly revision: number; readonly changes: readonly RecordChange[]; readonly resync: boolean };
  /** Another database was opened in this host, or the read-only state changed. */
  database: DatabaseInfo;
  /** Electron only: a native menu item asks the renderer to run a command from its registry. */
  command: { readonly id: string };
}

export type EventName = keyof HostEvents;
export const EVENT_NAMES: readonly EventName[] = ['changes', 'database', 'command'];
