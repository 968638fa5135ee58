/**
 * The host's state: the open database, the session's read-only toggle, and
 * the watcher that turns committed writes (this process's and others') into
 * `changes` events. Opening another database swaps all three, and a failed
 * open leaves the current database open and usable. An LMDB environment
 * without a Trellis catalog opens read-only through the raw reader
 * (open-either.ts): `raw` reads it, `db` and every write refuse. The host's
 * replica path opens as a replica, with its sync's feed (sync-feed.ts) beside it.
 */
import { resolve } from 'node:path';
import type { ChangeEvent, OpaqueDatabase, OpaqueReplica, RawEnvironment, ResyncEvent, SchemaEvent } from '@trellis/engine';
import type { DatabaseInfo, HostEvents } from '../contract/index.js';
import { databaseInfo, rawDatabaseInfo } from './database-info.js';
import { closeOpened, openEither, openReplicaAt, pathOf, type Opened, type ReplicaTarget } from './open-either.js';
import { SyncFeed } from './sync-feed.js';
import { fail } from './error-payload.js';
import { keyText, wireKey } from './wire-forms.js';
import type { Emitter, Log } from './emitter.js';
import { MigrationWatch } from './migration-watch.js';
import { QueryRuns } from './query-runs.js';
import type { RecentList } from './recent.js';

export interface SessionOptions {
  readonly recent: RecentList | undefined;
  readonly log: Log;
  readonly emitter: Emitter;
  /** How often to look for other processes' writes; well under a second, so the UI follows them promptly. */
  readonly watchIntervalMs: number;
  /**
   * A session started read-only (`--read-only`): every database it opens is opened
   * read-only, whatever `database.open` asks, so nothing in the contract can lift it.
   */
  readonly readOnlyForGood: boolean;
  /** How often to read another process's migration progress while it runs (500 ms by default). */
  readonly migrationPollMs?: number | undefined;
  /** The database at `path` (resolved) is a replica of this server whenever it is opened. */
  readonly replica?: (ReplicaTarget & { readonly path: string }) | undefined;
}

const FOLLOW_SCHEMA_GAP_MS = 60_000;

/** What is open, with the watcher of its changes and, for a replica, its sync's feed. */
type Current = Opened & { readonly stopWatch: () => void; readonly feed: SyncFeed | undefined };

export class Session {
  private current: Current | undefined;
  private sessionReadOnly = false;
  /** When the replica was last opened again to follow its server's schema. */
  private followedSchemaAt = 0;
  private closed = false;
  /** Opens run one at a time: two overlapping ones would each close "the current" database and leak one. */
  private opening: Promise<unknown> = Promise.resolve();

  /** Queries over the open database; dropped with it. */
  readonly queries: QueryRuns;
  /** Another process's migration of the open database, polled while it runs. */
  private readonly migration: MigrationWatch;

  constructor(private readonly options: SessionOptions) {
    this.queries = new QueryRuns((payload) => options.emitter.emit('query', payload), options.log);
    this.migration = new MigrationWatch((payload) => options.emitter.emit('migration', payload), options.log, options.migrationPollMs);
  }

  get path(): string {
    return this.current ? pathOf(this.current) : '';
  }

  /** The open Trellis database; NO_DATABASE when there is none (never opened, or the host closed), NOT_A_DATABASE for a raw environment. */
  get db(): OpaqueDatabase {
    const current = this.opened();
    if (current.kind === 'raw') {
      fail({ code: 'NOT_A_DATABASE', message: `${current.env.path} is an LMDB environment without a Trellis catalog, open read-only: it has no trees (read it with raw.page)` });
    }
    return current.db;
  }

  /** The open raw environment; NOT_A_DATABASE when a Trellis database is open (its trees are read with records.*). */
  get raw(): RawEnvironment {
    const current = this.opened();
    if (current.kind === 'trellis') fail({ code: 'NOT_A_DATABASE', message: `${current.db.path} is a Trellis database: read its trees with records.*` });
    return current.env;
  }

  /** The open replica's sync; undefined when the open database is not a replica (NO_DATABASE when none is open). */
  get sync(): SyncFeed | undefined {
    return this.opened().feed;
  }

  /** The open replica's sync; NOT_A_REPLICA when the open database is not one. */
  get replica(): SyncFeed {
    const feed = this.sync;
    if (!feed) fail({ code: 'NOT_A_REPLICA', message: `${this.path} is not a replica of a Trellis server (open one with serve PATH --server URL)` });
    return feed;
  }

  info(): DatabaseInfo {
    const current = this.opened();
    if (current.kind === 'raw') return rawDatabaseInfo(current.env, this.options.readOnlyForGood);
    const replica = current.feed && { server: current.feed.server, checkOut: current.feed.checkOutTrees() };
    return databaseInfo(current.db, this.sessionReadOnly, this.options.readOnlyForGood, replica);
  }

  /** Writes are refused while the session's toggle is on (a database opened read-only refuses them in the engine), and always in a raw environment. */
  assertWritable(): void {
    const current = this.opened();
    if (current.kind === 'raw') fail({ code: 'READ_ONLY', message: `${current.env.path} is an LMDB environment without a Trellis catalog: Trellis opens it read-only and never writes to it` });
    if (this.sessionReadOnly && !this.db.readOnly) {
      fail({ code: 'READ_ONLY_SESSION', message: 'This session is read-only: turn read-only off to edit' });
    }
  }

  setReadOnly(readOnly: boolean): DatabaseInfo {
    const current = this.opened();
    if (!readOnly && this.options.readOnlyForGood) {
      fail({ code: 'READ_ONLY', message: 'This session was started read-only (--read-only): it stays read-only for every database it opens' });
    }
    if (!readOnly && current.kind === 'raw') this.assertWritable();
    if (!readOnly && current.kind === 'trellis' && current.db.readOnly) {
      fail({ code: 'READ_ONLY', message: `${current.db.path} was opened read-only; open it again without read-only to edit` });
    }
    if (this.sessionReadOnly !== readOnly) {
      this.sessionReadOnly = readOnly;
      this.announce();
    }
    return this.info();
  }

  /**
   * Opens `path` in place of the current database. The new one is opened
   * first, so a path that is not a database leaves everything as it was;
   * the same path (e.g. to change read-only) is closed first, as LMDB wants
   * one environment per path in a process, and reopened as it was on failure.
   */
  open(path: string, readOnly = false): Promise<DatabaseInfo> {
    const next = this.opening.then(() => this.openNow(path, readOnly || this.options.readOnlyForGood));
    this.opening = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening;
    await this.closeCurrent();
  }

  private async openNow(path: string, readOnly: boolean): Promise<DatabaseInfo> {
    if (this.closed) fail({ code: 'NO_DATABASE', message: 'The host is closed; no database is open' });
    const target = resolve(path);
    const previous = this.current;
    if (previous && pathOf(previous) === target) {
      await this.closeCurrent();
      try {
        this.attach(await this.openPath(target, readOnly));
      } catch (error) {
        this.attach(await this.openPath(target, previous.kind === 'raw' || previous.db.readOnly));
        throw error;
      }
    } else {
      const next = await this.openPath(target, readOnly);
      await this.closeCurrent();
      this.attach(next);
    }
    this.remember(target);
    this.announce();
    return this.info();
  }

  /** The replica's path opens as a replica, writable for its sync: read-only is the session's toggle then. */
  private async openPath(target: string, readOnly: boolean): Promise<Opened> {
    const replica = this.options.replica;
    if (replica?.path !== target) return openEither(target, readOnly);
    const opened = await openReplicaAt(target, replica);
    if (readOnly) this.sessionReadOnly = true;
    return opened;
  }

  private attach(opened: Opened): void {
    // A raw environment has no change log to watch: its tables show what was there when read.
    const stopWatch = opened.kind === 'trellis' ? opened.db.watch((events) => this.forward(events), { intervalMs: this.options.watchIntervalMs }) : () => undefined;
    const feed = opened.kind === 'trellis' && opened.replica ? this.follow(opened.replica.opened, opened.replica.target.server) : undefined;
    this.current = { ...opened, stopWatch, feed };
    if (opened.kind === 'trellis') this.migration.follow(opened.db);
    else this.migration.clear();
  }

  private opened(): Current {
    if (!this.current) fail({ code: 'NO_DATABASE', message: this.closed ? 'The host is closed; no database is open' : 'No database is open' });
    return this.current;
  }

  private async closeCurrent(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    this.queries.closeAll();
    this.migration.stop();
    if (!current) return;
    current.stopWatch();
    current.feed?.close();
    await closeOpened(current);
  }

  private follow(replica: OpaqueReplica, server: string): SyncFeed {
    const { emitter } = this.options;
    return new SyncFeed(replica, server, {
      status: (status) => {
        emitter.emit('sync', status);
        // The server's schema moved on compatibly: opened again, the replica follows it. Once in a while only:
        // a replica that cannot follow (its server not answering the open's question) says so and waits.
        if (status.state === 'refused' && status.error?.code === 'STALE_SCHEMA' && Date.now() - this.followedSchemaAt > FOLLOW_SCHEMA_GAP_MS) {
          this.followedSchemaAt = Date.now();
          this.reopenForSchema();
        }
      },
      lease: (change) => emitter.emit('lease', change),
      checkOutTreesChanged: () => this.announce(),
    });
  }

  private forward(events: readonly ChangeEvent[] | ResyncEvent | SchemaEvent): void {
    // While another process migrates, reopening would read the old trees again: show its progress, and wait for the end of it.
    if ('kind' in events && events.kind === 'schema') return events.migrating ? this.followMigration() : this.reopenForSchema();
    let payload: HostEvents['changes'];
    if ('kind' in events) {
      payload = { revision: events.revision, changes: [], resync: true };
    } else {
      const changes = events.map((e) => ({ tree: e.tree, key: wireKey(e.key), text: keyText(e.tree, e.key), kind: e.kind, revision: e.revision, local: e.local }));
      payload = { revision: Math.max(0, ...changes.map((c) => c.revision)), changes, resync: false };
    }
    this.options.emitter.emit('changes', payload);
  }

  private followMigration(): void {
    if (this.current?.kind === 'trellis') this.migration.follow(this.current.db);
  }

  /**
   * Another process changed the schema: this handle's writes would be refused (STALE_SCHEMA), and its
   * trees are out of date. Opened again as it was, the database is announced with the new schema.
   */
  private reopenForSchema(): void {
    const current = this.current;
    if (current?.kind !== 'trellis') return;
    this.open(current.db.path, current.db.readOnly).catch((error: unknown) => this.options.log(`could not reopen ${current.db.path} after its schema changed`, error));
  }

  private announce(): void {
    try {
      this.options.emitter.emit('database', this.info());
    } catch (error) {
      this.options.log('could not describe the database for the database event', error);
    }
  }

  private remember(path: string): void {
    try {
      this.options.recent?.add(path);
    } catch (error) {
      this.options.log(`could not add ${path} to the recent list`, error);
    }
  }
}
