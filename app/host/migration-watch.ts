/**
 * Another process's migration, shown while it runs. LMDB tells no process of
 * another's commits, and a migration writes no record the change log lists, so
 * the host reads the engine's progress record (`migrationInProgress()`, one meta
 * read) every ~500 ms from the schema event that announced it (or an open that
 * found it) until it is gone, and emits `migration` events: the progress, then
 * `{ ended: true }`. One timer at a time; stopped when the database closes.
 */
import type { OpaqueDatabase } from '@trellis/engine';
import type { HostEvents } from '../contract/index.js';
import type { Log } from './emitter.js';

export const MIGRATION_POLL_MS = 500;

export class MigrationWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A progress event went out and its end has not: the renderer is showing the banner. */
  private shown = false;

  constructor(
    private readonly emit: (payload: HostEvents['migration']) => void,
    private readonly log: Log,
    private readonly intervalMs = MIGRATION_POLL_MS,
  ) {}

  /** Looks at `db` now and keeps looking while a migration is in progress (a second call while polling changes nothing). */
  follow(db: OpaqueDatabase): void {
    if (this.timer === undefined) this.look(db);
  }

  /** The database is closing (or another one opens): no more looks; `follow` on the next one ends the banner if it has none. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A database that cannot be migrating (a raw environment) took the place of one that was. */
  clear(): void {
    this.stop();
    this.end();
  }

  private look(db: OpaqueDatabase): void {
    this.timer = undefined;
    let running: ReturnType<OpaqueDatabase['migrationInProgress']>;
    try {
      running = db.migrationInProgress();
    } catch (error) {
      this.log(`could not read the migration in progress in ${db.path}`, error);
      return;
    }
    if (!running) return this.end();
    const { id, description, version, done, total, startedAt } = running;
    this.shown = true;
    this.emit({ id, ...(description === undefined ? {} : { description }), version, done, total, startedAt });
    this.timer = setTimeout(() => this.look(db), this.intervalMs);
    this.timer.unref?.();
  }

  private end(): void {
    if (!this.shown) return;
    this.shown = false;
    this.emit({ ended: true });
  }
}
