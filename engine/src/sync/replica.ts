/**
 * A replica's sync loop: connect, say hello (the server's identity and schema
 * checked against what this replica pinned), catch up (pull from the log, or a
 * snapshot when too far behind), push the outbox, keep id blocks filled, then
 * wait for a poke or a local edit. Offline, it retries with a growing delay;
 * a server it must refuse (another server, bad credentials) stops it, with the
 * reason in its status. Reads and writes never wait for any of this.
 */
import type { Engine } from '../core/engine.js';
import { prefixRange } from '../storage/backend.js';
import { TrellisError } from '../errors.js';
import { SyncConnection, errorOf } from './connection.js';
import { PROTOCOL_VERSION, MAX_MUTATIONS_PER_PUSH, type Mutation, type Welcome } from './protocol.js';
import { applyChanges, applyOutcomes, applySnapshotPage, conflictKey, type SyncConflict } from './replica-apply.js';
import { idsKey, type IdBlocks } from './replica-outbox.js';
import { readState, writeState } from './replica-state.js';
import { catalogHashOf } from './source.js';
import { syncStore } from './sync-store.js';
import { OfflineError, ServerError, WrongServerError } from './sync-errors.js';
import { standing } from '../schema/compatibility.js';
import type { StoredTree } from '../schema/catalog.js';
import { DEFAULT_LEASE_MINUTES, allLeases, leaseOf, type Lease } from './leases.js';
import { takeLease, takeLeases } from './replica-leases.js';

export interface ReplicaOptions {
  /** The server's address: ws://host:port, or wss:// for TLS. */
  readonly server: string;
  readonly token?: string | undefined;
  /** PEM certificates to trust for wss:// (a self-signed server certificate). */
  readonly ca?: string | undefined;
  /** Ids asked for at a time for each auto-increment tree; refilled when half are used. Default 1,000. */
  readonly idBlockSize?: number | undefined;
  /** Records per pull or snapshot page. Default 10,000. */
  readonly pageSize?: number | undefined;
  /** The clock check-outs expire by; tests move it instead of waiting. */
  readonly clock?: (() => number) | undefined;
  /** The longest wait between attempts to reach the server (the wait doubles from 100 ms). Default 5,000. */
  readonly retryMaxMs?: number | undefined;
}

export type SyncState = 'connecting' | 'connected' | 'offline' | 'refused' | 'closed';

export interface SyncStatus {
  readonly state: SyncState;
  /** The last server revision applied here, and the last one the server told of. */
  readonly cursor: number;
  readonly serverRevision: number;
  /** Local transactions waiting to be sent. */
  readonly waiting: number;
  readonly conflicts: number;
  /** While a snapshot is taken: records in so far and in all. */
  readonly snapshot?: { readonly done: number; readonly total: number } | undefined;
  /** Why the replica is offline or refused. */
  readonly error?: { readonly code: string; readonly message: string } | undefined;
  /** Whom the server knows this replica as (its token's user), and whether that user is an administrator: as of the last connection. */
  readonly user?: string;
  readonly admin?: boolean;
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

export class ReplicaSync {
  private state: SyncState = 'connecting';
  private serverRevision = 0;
  private error: SyncStatus['error'];
  private caller: { readonly user: string; readonly admin: boolean } | undefined;
  private snapshotProgress: SyncStatus['snapshot'];
  private connection: SyncConnection | undefined;
  private wake: (() => void) | undefined;
  private closed = false;
  /** Connected with nothing left to do: caught up, outbox sent, id blocks full. */
  private idle = false;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private readonly conflictListeners = new Set<(conflicts: readonly SyncConflict[]) => void>();
  private readonly leaseListeners = new Set<(change: { readonly tree: string; readonly key: unknown; readonly lease: Lease | null }) => void>();
  private readonly running: Promise<void>;

  private readonly stopListening: () => void;

  constructor(private readonly engine: Engine, private readonly options: ReplicaOptions) {
    // After the commit, not from inside the transaction: a loop woken earlier would find the outbox as it was.
    this.stopListening = engine.onChange(() => {
      this.idle = false;
      this.emit();
      this.wake?.();
    });
    this.running = this.run();
  }

  /** This replica's id at the server, made once in its file: the `clientId` of the check-outs it holds. */
  get clientId(): string {
    return readState(this.engine).clientId;
  }

  status(): SyncStatus {
    const cursor = readState(this.engine).cursor;
    return {
      state: this.state,
      cursor,
      serverRevision: Math.max(this.serverRevision, cursor),
      waiting: this.count('outbox'),
      conflicts: this.count('conflict'),
      ...(this.snapshotProgress ? { snapshot: this.snapshotProgress } : {}),
      ...(this.error ? { error: this.error } : {}),
      ...this.caller,
    };
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Mutations the server did not apply, as they arrive (also kept: `conflicts()`). */
  onConflict(listener: (conflicts: readonly SyncConflict[]) => void): () => void {
    this.conflictListeners.add(listener);
    return () => this.conflictListeners.delete(listener);
  }

  outbox(): Mutation[] {
    return [...syncStore(this.engine).entries(prefixRange(['outbox']))].map((entry) => entry.value as Mutation);
  }

  conflicts(): SyncConflict[] {
    return [...syncStore(this.engine).entries(prefixRange(['conflict']))].map((entry) => entry.value as SyncConflict);
  }

  /** Every check-out the server has told of (a record of a check-out tree can be edited only under one's own). */
  leases(): Lease[] {
    return allLeases(this.engine);
  }

  /** Who holds a record, if anyone (an expired lease is still listed until given back: see `isLive`). */
  leaseOf(tree: string, key: unknown): Lease | undefined {
    return leaseOf(this.engine, tree, this.engine.model(tree).key.check(key));
  }

  /** Trees whose records must be checked out before they are changed. */
  checkOutTrees(): readonly string[] {
    return readState(this.engine).checkOut ?? [];
  }

  onLease(listener: (change: { readonly tree: string; readonly key: unknown; readonly lease: Lease | null }) => void): () => void {
    this.leaseListeners.add(listener);
    return () => this.leaseListeners.delete(listener);
  }

  /** Checks a record out for `minutes` (renews this replica's own); needs the server. */
  async checkOut(tree: string, key: unknown, minutes = DEFAULT_LEASE_MINUTES): Promise<Lease> {
    const lease = await this.online('check a record out').request({ kind: 'checkOut', tree, key, minutes });
    await this.tookLease(tree, key, lease);
    return lease;
  }

  /** Gives this replica's check-out back; `force` breaks another's (an administrator's token). */
  async checkIn(tree: string, key: unknown, options: { force?: boolean } = {}): Promise<boolean> {
    const { removed } = await this.online('check a record in').request({ kind: 'checkIn', tree, key, force: options.force ?? false });
    await this.tookLease(tree, key, null);
    return removed;
  }

  private online(what: string): SyncConnection {
    if (!this.connection || this.state !== 'connected') throw new OfflineError(`cannot ${what} while the server cannot be reached (${this.state})`);
    return this.connection;
  }

  private async tookLease(tree: string, key: unknown, lease: Lease | null): Promise<void> {
    await takeLease(this.engine, tree, key, lease);
    for (const listener of this.leaseListeners) listener({ tree, key, lease });
  }

  /** Forgets a conflict once the user has dealt with it. */
  async dismissConflict(mutationId: number): Promise<void> {
    await this.engine.transaction((context) => {
      context.replicating = true;
      syncStore(this.engine).remove(conflictKey(mutationId));
    });
    this.emit();
  }

  /** Resolves once connected with nothing to send and nothing known to pull; rejects if the server is refused. */
  synced(): Promise<SyncStatus> {
    return new Promise((resolve, reject) => {
      const check = (status: SyncStatus) => {
        if (status.state === 'refused' || status.state === 'closed') {
          stop();
          // The reason the server was refused, as its own error; a replica closed meanwhile will not sync.
          reject(status.state === 'refused' && status.error ? errorOf(status.error.code, status.error.message) : new OfflineError('the replica was closed before it was in sync'));
        } else if (this.idle && status.state === 'connected' && status.waiting === 0 && status.cursor >= status.serverRevision) {
          stop();
          resolve(status);
        }
      };
      const stop = this.onStatus(check);
      check(this.status());
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopListening();
    this.connection?.close();
    this.wake?.();
    await this.running;
    this.state = 'closed';
    this.emit();
  }

  private async run(): Promise<void> {
    let delay = RETRY_MIN_MS;
    while (!this.closed) {
      try {
        await this.session(() => (delay = RETRY_MIN_MS));
      } catch (error) {
        if (this.closed) break;
        const refused = error instanceof TrellisError && ['WRONG_SERVER', 'UNAUTHORIZED', 'FORBIDDEN', 'STALE_SCHEMA'].includes(error.code);
        this.state = refused ? 'refused' : 'offline';
        this.error = { code: error instanceof TrellisError ? error.code : 'OFFLINE', message: error instanceof Error ? error.message : String(error) };
        this.emit();
        if (refused) return;
      }
      if (this.closed) break;
      await this.sleep(delay);
      delay = Math.min(this.options.retryMaxMs ?? RETRY_MAX_MS, delay * 2);
    }
  }

  private async session(connected: () => void): Promise<void> {
    this.state = this.state === 'offline' ? 'offline' : 'connecting';
    const connection = await SyncConnection.open(this.options.server, { ca: this.options.ca });
    this.connection = connection;
    let lost: Error | undefined;
    connection.onClose = (error) => {
      lost = error;
      this.wake?.();
    };
    connection.onLease = (change) => void this.tookLease(change.tree, change.key, change.lease);
    connection.onPoke = (revision) => {
      this.serverRevision = Math.max(this.serverRevision, revision);
      this.wake?.();
    };
    try {
      const welcome = await connection.request({ kind: 'hello', protocol: PROTOCOL_VERSION, clientId: readState(this.engine).clientId, ...(this.options.token ? { token: this.options.token } : {}) });
      await this.pin(welcome);
      await takeLeases(this.engine, welcome.checkOut, welcome.leases);
      this.caller = { user: welcome.user, admin: welcome.admin };
      this.serverRevision = Math.max(this.serverRevision, welcome.revision);
      this.state = 'connected';
      this.error = undefined;
      connected();
      this.emit();
      while (!this.closed && !lost) {
        const woken = new Promise<void>((resolve) => (this.wake = resolve));
        this.idle = false;
        const busy = (await this.catchUp(connection)) || (await this.push(connection)) || (await this.refillIds(connection));
        this.idle = !busy && !lost;
        this.emit();
        if (!busy && !lost && !this.closed) await woken;
      }
      if (lost && !this.closed) throw lost;
    } finally {
      this.idle = false;
      connection.close();
      this.connection = undefined;
    }
  }

  /**
   * The first server is pinned; any other, or the same with a schema this replica cannot follow, is refused
   * before anything is changed. Trees the server only added to since this replica opened (openReplica and
   * openReplicaDatabase follow them when opening) need it opened again: STALE_SCHEMA, nothing changed. When the
   * trees differ from those of the last sync (the replica followed a change, or the token reads other trees),
   * every record is taken again from revision 0: a tree new here holds none of what the server has.
   */
  private async pin(welcome: Welcome): Promise<void> {
    const state = readState(this.engine);
    if (state.serverId !== undefined && state.serverId !== welcome.serverId) {
      throw new WrongServerError(`this replica belongs to server ${state.serverId}, but ${this.options.server} is server ${welcome.serverId}: refused, nothing was changed`);
    }
    const difference = schemaDifference(this.engine.catalog.trees, welcome);
    if (difference?.followable) {
      throw new ServerError('STALE_SCHEMA', `the server's schema has changed since this replica was opened (${difference.text}): open the replica again to follow it; nothing was changed`);
    }
    if (difference) throw new WrongServerError(`the server's schema is not this replica's (${difference.text}): refused, nothing was changed`);
    if (state.serverId === undefined || state.catalogHash !== welcome.catalogHash) {
      const again = state.serverId !== undefined;
      await this.engine.transaction((context) => {
        context.replicating = true;
        const { snapshot: _dropped, ...now } = readState(this.engine);
        writeState(this.engine, { ...now, serverId: welcome.serverId, catalogHash: welcome.catalogHash, ...(again ? { cursor: 0 } : {}) });
      });
    }
  }

  private async catchUp(connection: SyncConnection): Promise<boolean> {
    const limit = this.options.pageSize ?? 10_000;
    const state = readState(this.engine);
    if (state.snapshot) {
      const after = state.snapshot.after;
      const page = await connection.request({ kind: 'snapshot', limit, ...(after ? { after } : {}) });
      await applySnapshotPage(this.engine, page, after, Object.keys(this.engine.catalog.trees));
      const done = (this.snapshotProgress?.done ?? 0) + page.records.length;
      this.snapshotProgress = page.next ? { done, total: page.total } : undefined;
      return true;
    }
    if (state.cursor >= this.serverRevision) return false;
    const pulled = await connection.request({ kind: 'pull', since: state.cursor, limit });
    if (pulled.kind === 'snapshot-needed') {
      await this.engine.transaction((context) => {
        context.replicating = true;
        writeState(this.engine, { ...readState(this.engine), snapshot: { at: pulled.revision, after: null } });
      });
      this.snapshotProgress = { done: 0, total: 0 };
      return true;
    }
    await applyChanges(this.engine, pulled.changes, pulled.to);
    this.serverRevision = Math.max(this.serverRevision, pulled.to);
    return pulled.more;
  }

  private async push(connection: SyncConnection): Promise<boolean> {
    const mutations = [...syncStore(this.engine).entries({ ...prefixRange(['outbox']), limit: MAX_MUTATIONS_PER_PUSH })].map((e) => e.value as Mutation);
    if (mutations.length === 0) return false;
    const result = await connection.request({ kind: 'push', mutations });
    const conflicts = await applyOutcomes(this.engine, result.outcomes);
    if (conflicts.length > 0) for (const listener of this.conflictListeners) listener(conflicts);
    return true;
  }

  /** Asks for a block for each auto-increment tree with fewer than half a block of ids left; true if it asked. */
  private async refillIds(connection: SyncConnection): Promise<boolean> {
    const size = this.options.idBlockSize ?? 1_000;
    const store = syncStore(this.engine);
    for (const model of this.engine.models.values()) {
      if (model.stored.key.kind !== 'auto') continue;
      const blocks = (store.get(idsKey(model.name)) as IdBlocks | undefined) ?? [];
      const left = blocks.reduce((sum, [first, last]) => sum + last - first + 1, 0);
      if (left * 2 >= size) continue;
      let block;
      try {
        block = await connection.request({ kind: 'ids', tree: model.name, size });
      } catch (error) {
        if (error instanceof TrellisError && error.code === 'FORBIDDEN') continue; // a tree this user may not write
        throw error;
      }
      await this.engine.transaction((context) => {
        context.replicating = true;
        const now = (store.get(idsKey(model.name)) as IdBlocks | undefined) ?? [];
        store.put(idsKey(model.name), [...now, [block.first, block.last]]);
      });
      return true;
    }
    return false;
  }

  private count(kind: 'outbox' | 'conflict'): number {
    return syncStore(this.engine).countRange(prefixRange([kind]));
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * How this replica's trees differ from those the server sends (those the user may read), or undefined when
 * they match; a replica tree the server did not send is left alone (the user may not read it). `followable`:
 * the server only added to them (a tree this replica lacks, optional fields, indexes), as a compatible schema
 * change does, which opening the replica again applies here.
 */
function schemaDifference(local: Readonly<Record<string, StoredTree>>, welcome: Welcome): { readonly text: string; readonly followable: boolean } | undefined {
  const sent = Object.fromEntries(Object.keys(welcome.trees).map((name) => [name, local[name]]));
  if (catalogHashOf(sent) === welcome.catalogHash) return undefined;
  const missing = Object.keys(welcome.trees).filter((name) => !(name in local));
  const differing = Object.keys(welcome.trees).filter((name) => name in local && catalogHashOf({ [name]: local[name] }) !== catalogHashOf({ [name]: welcome.trees[name] }));
  const parts = [...(missing.length > 0 ? [`this replica has no tree ${missing.join(', ')}`] : []), ...(differing.length > 0 ? [`${differing.join(', ')} ${differing.length === 1 ? 'differs' : 'differ'}`] : [])];
  return { text: parts.join('; '), followable: differing.every((name) => serverAddedTo(local[name]!, welcome.trees[name] as StoredTree)) };
}

/** Whether the server's definition of a tree is this replica's with only what a compatible change adds. */
function serverAddedTo(local: StoredTree, server: StoredTree): boolean {
  try {
    return standing(local, server, new Set()).kind === 'newer';
  } catch {
    return false; // incompatible: it would need a migration
  }
}
