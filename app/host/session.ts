/**
 * The host's state: the open database, the session's read-only toggle, and
 * the watcher that turns committed writes (this process's and others') into
 * `changes` events. Opening another database swaps all three, and a failed
 * open leaves the current database open and usable.
 */
import { resolve } from 'node:path';
import { openDatabase, type ChangeEvent, type OpaqueDatabase, type ResyncEvent } from '@trellis/engine';
import type { DatabaseInfo, HostEvents } from '../contract/index.js';
import { databaseInfo } from './database-info.js';
import { fail } from './error-payload.js';
import { keyText, wireKey } from './wire-forms.js';
import type { Emitter, Log } from './emitter.js';
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
}

export class Session {
  private current: { db: OpaqueDatabase; stopWatch: () => void } | undefined;
  private sessionReadOnly = false;
  private closed = false;
  /** Opens run one at a time: two overlapping ones would each close "the current" database and leak one. */
  private opening: Promise<unknown> = Promise.resolve();

  /** Queries over the open database; dropped with it. */
  readonly queries: QueryRuns;

  constructor(private readonly options: SessionOptions) {
    this.queries = new QueryRuns((payload) => options.emitter.emit('query', payload), options.log);
  }

  get path(): string {
    return this.current?.db.path ?? '';
  }

  /** The open database; NO_DATABASE when there is none (never opened, or the host closed). */
  get db(): OpaqueDatabase {
    if (!this.current) fail({ code: 'NO_DATABASE', message: this.closed ? 'The host is closed; no database is open' : 'No database is open' });
    return this.current.db;
  }

  info(): DatabaseInfo {
    return databaseInfo(this.db, this.sessionReadOnly, this.options.readOnlyForGood);
  }

  /** Writes are refused while the session's toggle is on (a database opened read-only refuses them in the engine). */
  assertWritable(): void {
    if (this.sessionReadOnly && !this.db.readOnly) {
      fail({ code: 'READ_ONLY_SESSION', message: 'This session is read-only: turn read-only off to edit' });
    }
  }

  setReadOnly(readOnly: boolean): DatabaseInfo {
    const db = this.db;
    if (!readOnly && this.options.readOnlyForGood) {
      fail({ code: 'READ_ONLY', message: 'This session was started read-only (--read-only): it stays read-only for every database it opens' });
    }
    if (!readOnly && db.readOnly) {
      fail({ code: 'READ_ONLY', message: `${db.path} was opened read-only; open it again without read-only to edit` });
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
    if (previous && previous.db.path === target) {
      await this.closeCurrent();
      try {
        this.attach(await openDatabase(target, { readOnly }));
      } catch (error) {
        this.attach(await openDatabase(target, { readOnly: previous.db.readOnly }));
        throw error;
      }
    } else {
      const next = await openDatabase(target, { readOnly });
      await this.closeCurrent();
      this.attach(next);
    }
    this.remember(target);
    this.announce();
    return this.info();
  }

  private attach(db: OpaqueDatabase): void {
    const stopWatch = db.watch((events) => this.forward(events), { intervalMs: this.options.watchIntervalMs });
    this.current = { db, stopWatch };
  }

  private async closeCurrent(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    this.queries.closeAll();
    if (!current) return;
    current.stopWatch();
    await current.db.close();
  }

  private forward(events: readonly ChangeEvent[] | ResyncEvent): void {
    let payload: HostEvents['changes'];
    if ('kind' in events) {
      payload = { revision: events.revision, changes: [], resync: true };
    } else {
      const changes = events.map((e) => ({ tree: e.tree, key: wireKey(e.key), text: keyText(e.tree, e.key), kind: e.kind, revision: e.revision, local: e.local }));
      payload = { revision: Math.max(0, ...changes.map((c) => c.revision)), changes, resync: false };
    }
    this.options.emitter.emit('changes', payload);
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
