/**
 * The queries a host is running: each an engine QueryRun driven in slices of a
 * few milliseconds between other work (a scan of millions of records never
 * holds the host: other calls are answered between slices), reporting its
 * progress as `query` events, at most ten a second and once at the end. The
 * matches stay here, as keys, so a view pages them by offset like a tree.
 */
import type { OpaqueDatabase, QueryRun, RecordQuery } from '@trellis/engine';
import type { HostErrorPayload, HostEvents, QueryProgressPayload } from '../contract/index.js';
import { fail, toErrorPayload } from './error-payload.js';
import type { Log } from './emitter.js';

/** Records read between looks at the clock. */
const STEP = 2_000;
/** How long one slice may hold the process before other calls get their turn. */
const SLICE_MS = 10;
const PROGRESS_SPACING_MS = 100;
/**
 * A pause between slices, in ms, for tests that must see a scan under way (the e2e suite's 100k
 * records are read in a fraction of a second otherwise): each slice then reads one step. Never set
 * in use; `TRELLIS_QUERY_PACE_MS` in the host's environment.
 */
const PACE_MS = Math.max(0, Number(process.env['TRELLIS_QUERY_PACE_MS']) || 0);
const PACED_STEP = 1_000;

/** Runs kept per host: a view opens one per filter, and old ones are dropped first. */
export const MAX_RUNS = 16;

export interface Running {
  readonly id: string;
  readonly tree: string;
  readonly run: QueryRun;
  cancelled: boolean;
  error: HostErrorPayload | undefined;
  /** Cancels the next slice, when one is due. */
  stopTimer: (() => void) | undefined;
  lastReport: number;
  lastUsed: number;
}

export class QueryRuns {
  private readonly runs = new Map<string, Running>();
  private nextId = 1;

  constructor(
    private readonly emit: (payload: HostEvents['query']) => void,
    private readonly log: Log,
  ) {}

  /** Plans the query (a bad one fails here, INVALID_QUERY), reads a first slice, and goes on in the background. */
  open(db: OpaqueDatabase, tree: string, query: RecordQuery): { id: string; plan: QueryRun['plan']; progress: QueryProgressPayload } {
    const run = db.tree(tree).query(query);
    const id = `q${this.nextId++}`;
    const running: Running = { id, tree, run, cancelled: false, error: undefined, stopTimer: undefined, lastReport: 0, lastUsed: performance.now() };
    this.runs.set(id, running);
    this.evict();
    this.slice(running);
    return { id, plan: run.plan, progress: this.progressOf(running) };
  }

  /** The run of an id, or NOT_FOUND (closed, dropped as old, or the host restarted): the view runs its query again. */
  get(id: string): Running {
    const running = this.runs.get(id);
    if (!running) fail({ code: 'NOT_FOUND', message: `Query ${id} has ended (closed, or the host restarted): run it again` });
    running.lastUsed = performance.now();
    return running;
  }

  progressOf(running: Running): QueryProgressPayload {
    const progress = running.run.progress();
    return { ...progress, ordered: running.run.ordered, cancelled: running.cancelled, ...(running.error ? { error: running.error } : {}) };
  }

  /** Stops reading; what was found stays pageable (a sort in memory sorts what it has). */
  cancel(id: string): QueryProgressPayload {
    const running = this.get(id);
    if (!running.run.progress().done && !running.error) {
      running.cancelled = true;
      running.stopTimer?.();
      running.run.stop();
      this.report(running, true);
    }
    return this.progressOf(running);
  }

  close(id: string): boolean {
    const running = this.runs.get(id);
    if (!running) return false;
    running.stopTimer?.();
    this.runs.delete(id);
    return true;
  }

  closeAll(): void {
    for (const id of [...this.runs.keys()]) this.close(id);
  }

  private slice(running: Running): void {
    running.stopTimer = undefined;
    if (running.cancelled || !this.runs.has(running.id)) return;
    const until = performance.now() + SLICE_MS;
    try {
      let done = false;
      if (PACE_MS > 0) done = running.run.step(PACED_STEP).done;
      else {
        do done = running.run.step(STEP).done;
        while (!done && performance.now() < until);
      }
      this.report(running, done);
      if (!done) running.stopTimer = this.schedule(() => this.slice(running));
    } catch (error) {
      running.error = toErrorPayload(error, `the query on ${running.tree}`, this.log);
      this.report(running, true);
    }
  }

  /** The next slice: at once after other work waiting, or after the test pace. */
  private schedule(next: () => void): () => void {
    if (PACE_MS > 0) {
      const timer = setTimeout(next, PACE_MS);
      return () => clearTimeout(timer);
    }
    const immediate = setImmediate(next);
    return () => clearImmediate(immediate);
  }

  private report(running: Running, final: boolean): void {
    const now = performance.now();
    if (!final && now - running.lastReport < PROGRESS_SPACING_MS) return;
    running.lastReport = now;
    this.emit({ id: running.id, progress: this.progressOf(running) });
  }

  private evict(): void {
    if (this.runs.size <= MAX_RUNS) return;
    const oldest = [...this.runs.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    for (const running of oldest.slice(0, this.runs.size - MAX_RUNS)) this.close(running.id);
  }
}

