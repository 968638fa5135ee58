/**
 * The client the renderer holds (HostClient, the contract's Transport): what a
 * call takes and returns, and what is a compile error. Type-checked only.
 */
import type { Equal, Expect } from '../../engine/type-tests/expect.js';
import type { HostClient } from '../src/client/host-client.js';
import type { ArgsOf, DatabaseInfo, JsonKey, MethodName, RecordEntry, ResultOf, SyncStatus, WrittenRecord } from '../../app/contract/index.js';

declare const client: HostClient;

export type MethodNames = [
  Expect<
    Equal<
      MethodName,
      | 'database.info'
      | 'database.open'
      | 'database.recent'
      | 'session.setReadOnly'
      | 'records.page'
      | 'records.get'
      | 'records.position'
      | 'records.validate'
      | 'records.insert'
      | 'records.put'
      | 'records.delete'
      | 'records.release'
      | 'records.setLifecycle'
      | 'records.newVersion'
      | 'records.referencedBy'
      | 'records.referenceGroups'
      | 'index.lookup'
      | 'query.open'
      | 'query.page'
      | 'query.cancel'
      | 'query.close'
      | 'raw.databases'
      | 'raw.page'
      | 'raw.get'
      | 'records.applyWrites'
      | 'import.check'
      | 'import.write'
      | 'records.search'
      | 'records.resolvePath'
      | 'records.resolvePaths'
      | 'records.perform'
      | 'sync.status'
      | 'sync.outbox'
      | 'sync.conflicts'
      | 'sync.dismissConflict'
      | 'sync.keepMine'
      | 'sync.leases'
      | 'sync.checkOut'
      | 'sync.checkIn'
    >
  >,
];

export type ArgumentsAndResults = [
  Expect<Equal<keyof ArgsOf<'database.info'>, never>>, // takes no arguments
  Expect<Equal<ArgsOf<'session.setReadOnly'>, { readOnly: boolean }>>,
  Expect<Equal<ArgsOf<'records.delete'>, { tree: string; key: JsonKey; expectedRevision?: number }>>,
  Expect<Equal<ResultOf<'records.get'>, { entry: RecordEntry | null; labels?: Record<string, string> }>>,
  Expect<Equal<ArgsOf<'records.search'>, { tree: string; text: string; limit?: number }>>,
  Expect<Equal<ResultOf<'records.delete'>, { deleted: boolean; written: WrittenRecord[]; undoable: boolean }>>,
  Expect<Equal<ResultOf<'database.open'>, DatabaseInfo>>,
  Expect<Equal<ArgsOf<'records.setLifecycle'>, { tree: string; key: JsonKey; lifecycle: number; expectedRevision?: number }>>,
  Expect<Equal<ResultOf<'records.newVersion'>, { entry: RecordEntry }>>,
  Expect<Equal<RecordEntry['release'], { released: boolean; releasedAt?: number; lifecycle: number; revision?: number } | undefined>>,
  Expect<Equal<JsonKey, string | number | boolean | (string | number | boolean)[]>>,
  Expect<Equal<ArgsOf<'records.resolvePath'>, { tree: string; key: JsonKey; path: string; limit?: number }>>,
  Expect<Equal<ResultOf<'records.resolvePath'>['matches'][number]['hops'][number], { tree: string; key: JsonKey; text: string; revision: number; label?: string }>>,
  Expect<Equal<Extract<ResultOf<'records.perform'>['results'][number], { op: 'delete' }>, { op: 'delete'; deleted: boolean }>>,
  Expect<Equal<ResultOf<'sync.status'>, { status: SyncStatus | null }>>,
  Expect<Equal<ArgsOf<'sync.checkIn'>, { tree: string; key: JsonKey; force?: boolean }>>,
  Expect<Equal<ResultOf<'sync.outbox'>['transactions'][number]['records'][number]['kind'], 'insert' | 'update' | 'delete'>>,
  Expect<Equal<ResultOf<'sync.conflicts'>['conflicts'][number]['records'][number]['theirs'], RecordEntry | null>>,
  Expect<Equal<DatabaseInfo['replica'], { server: string; checkOut: string[] } | undefined>>,
];

export async function calls(): Promise<void> {
  const _got = await client.call('records.get', { tree: 'users', key: ['a', 1] });
  type _Got = Expect<Equal<typeof _got, ResultOf<'records.get'>>>;
  const _peeked = client.peek('database.info', {});
  type _Peeked = Expect<Equal<typeof _peeked, DatabaseInfo | undefined>>;

  // @ts-expect-error a method the contract does not have
  await client.call('records.fetch', { tree: 'users', key: 1 });
  // @ts-expect-error a method name is not any string
  await client.call('records.get' as string, { tree: 'users', key: 1 });
  // @ts-expect-error a required argument missing
  await client.call('records.get', { tree: 'users' });
  // @ts-expect-error an argument of the wrong type
  await client.call('records.page', { tree: 'users', limit: '10' });
  // @ts-expect-error an argument the method does not take
  await client.call('records.get', { tree: 'users', key: 1, limit: 5 });
  // @ts-expect-error a key that is not a JSON key (a Date)
  await client.call('records.get', { tree: 'users', key: new Date() });
  // @ts-expect-error another method's arguments
  await client.call('records.position', { tree: 'users', limit: 5 });
  // A batch's requests are told apart by `op`; a placeholder stands for an earlier request's key.
  await client.call('records.perform', { requests: [{ op: 'insert', tree: 'users', value: {} }, { op: 'get', tree: 'users', key: { $key: 0 } }] });
  // @ts-expect-error an insert takes no key
  await client.call('records.perform', { requests: [{ op: 'insert', tree: 'users', key: 1, value: {} }] });
  // @ts-expect-error an op the batch does not have
  await client.call('records.perform', { requests: [{ op: 'drop', tree: 'users', key: 1 }] });
  // @ts-expect-error a check-out's length is whole minutes, not text
  await client.call('sync.checkOut', { tree: 'toys', key: [1, 'ball'], minutes: '30' });
  // @ts-expect-error the result is not another method's result
  const _wrong: ResultOf<'records.delete'> = await client.call('records.get', { tree: 'users', key: 1 });
}
