/**
 * What deep components (reference links, cells) need without threading props
 * through the table: the host client, the shared record lookup, and a way to
 * follow a reference.
 */
import { createContext, useContext } from 'react';
import type { HostClient } from '../client/connect.js';
import type { RecordLookup } from '../references/record-lookup.js';
import type { PlaceView } from './history.js';

export const ClientContext = createContext<HostClient | null>(null);

export function useClient(): HostClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientContext>');
  return client;
}

export interface Navigator {
  /** Goes to a record by OpaqueKey text, pushing history. */
  follow(text: string): void;
  /** Shows a tree's table (no view), its schema, or the database's diagram, pushing history. */
  showView(tree: string, view: PlaceView | undefined): void;
}

export const NavigatorContext = createContext<Navigator>({ follow: () => undefined, showView: () => undefined });

export const RecordLookupContext = createContext<RecordLookup | null>(null);

export function useRecordLookup(): RecordLookup {
  const lookup = useContext(RecordLookupContext);
  if (!lookup) throw new Error('useRecordLookup outside <RecordLookupContext>');
  return lookup;
}
