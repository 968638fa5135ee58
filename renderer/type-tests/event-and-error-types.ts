/**
 * Events and error payloads as the renderer's client sees them: Static<> of
 * the contract's schemas, names and payloads checked at compile time.
 */
import type { SyncState, SyncStatus as EngineSyncStatus, TrellisErrorCode } from '@trellis/engine';
import type { Equal, Expect } from '../../engine/type-tests/expect.js';
import type { HostClient } from '../src/client/host-client.js';
import type {
  DatabaseInfo,
  ErrorCode,
  EventName,
  HolderDetail,
  HostError,
  HostErrorPayload,
  HostEvents,
  HostOnlyErrorCode,
  IssueDetail,
  JsonKey,
  Lease,
  MenuCommandId,
  MigrationRunning,
  RecordChange,
  RecordEntry,
  SyncStatus,
} from '../../app/contract/index.js';

declare const client: HostClient;

export type Events = [
  Expect<Equal<EventName, 'changes' | 'database' | 'command' | 'query' | 'migration' | 'sync' | 'lease'>>,
  Expect<Equal<HostEvents['sync'], SyncStatus>>,
  // The replica's states are the engine's, and each of its status fields crosses as it is.
  Expect<Equal<SyncStatus['state'], SyncState>>,
  Expect<Equal<Omit<SyncStatus, 'state' | 'snapshot' | 'error'>, Omit<{ -readonly [K in keyof EngineSyncStatus]: EngineSyncStatus[K] }, 'state' | 'snapshot' | 'error'>>>,
  Expect<Equal<HostEvents['lease'], { tree: string; key: JsonKey; text: string; lease: Lease | null }>>,
  Expect<Equal<Lease, { tree: string; key: JsonKey; text: string; user: string; mine: boolean; since: number; expires: number }>>,
  Expect<Equal<HostEvents['migration'], MigrationRunning | { ended: true }>>,
  Expect<Equal<MigrationRunning, { id: string; description?: string; version: number; done: number; total: number; startedAt: string }>>,
  Expect<Equal<HostEvents['query']['progress']['matches'], number>>,
  Expect<Equal<HostEvents['changes'], { revision: number; changes: RecordChange[]; resync: boolean }>>,
  Expect<Equal<HostEvents['database'], DatabaseInfo>>,
  Expect<Equal<HostEvents['command'], { id: MenuCommandId }>>,
  Expect<Equal<MenuCommandId, 'file.open' | 'nav.back' | 'nav.forward' | 'palette.open' | 'edit.undo' | 'edit.redo'>>,
  Expect<
    Equal<RecordChange, { tree: string; key: JsonKey; text: string; kind: 'insert' | 'update' | 'delete' | 'release' | 'lifecycle'; revision: number; local: boolean }>
  >,
];

export function listeners(): void {
  client.on('changes', (_payload) => {
    type _Payload = Expect<Equal<typeof _payload, HostEvents['changes']>>;
  });
  client.on('command', (_command) => {
    type _Id = Expect<Equal<typeof _command.id, MenuCommandId>>;
  });
  // @ts-expect-error an event the contract does not have
  client.on('change', () => undefined);
  // @ts-expect-error a listener for another event's payload
  client.on('database', (payload: { id: string }) => payload.id);
  // @ts-expect-error a changes payload has no `tree`
  client.on('changes', (payload) => payload.tree);
  // @ts-expect-error the payload's fields have their types
  client.on('changes', (payload: { revision: string; changes: RecordChange[]; resync: boolean }) => payload);
}

export type Errors = [
  Expect<Equal<ErrorCode, TrellisErrorCode | HostOnlyErrorCode>>,
  Expect<Equal<HostError['code'], ErrorCode>>,
  Expect<Equal<IssueDetail, { path: string; message: string }>>,
  Expect<Equal<HolderDetail, { tree: string; key: JsonKey; text: string; path: string; label?: string }>>,
  Expect<
    Equal<
      HostErrorPayload,
      {
        code: ErrorCode;
        message: string;
        issues?: IssueDetail[];
        holders?: HolderDetail[];
        current?: RecordEntry | null;
        pathProblem?: { step: number; text: string; reason: string; at?: number; record?: string };
        request?: number;
      }
    >
  >,
];

export const conflict: HostErrorPayload = { code: 'CONFLICT', message: 'stale', current: null };
// @ts-expect-error a code outside the closed set
export const unknownCode: HostErrorPayload = { code: 'OOPS', message: 'no' };
// @ts-expect-error holders of the wrong shape
export const badHolders: HostErrorPayload = { code: 'REFERENCED', message: 'held', holders: [{ tree: 'pets' }] };
