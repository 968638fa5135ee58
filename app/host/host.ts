/**
 * The host: the one implementation of the contract in app/contract, shared
 * by the Electron main process and the web host. It owns one open database
 * at a time and answers calls through `handle`, which never rejects.
 */
import { resolve } from 'node:path';
import type { EventName, HostEvents } from '../contract/index.js';
import { dispatch, handlerTable, type HostAnswer } from './dispatch.js';
import { Emitter, type Log } from './emitter.js';
import { Session } from './session.js';
import type { ReplicaTarget } from './open-either.js';
import type { RecentList } from './recent.js';

export interface HostOptions {
  /** The database to open first. */
  path: string;
  /** The session is read-only for good: every database it opens is opened read-only, and nothing lifts it. */
  readOnly?: boolean | undefined;
  /**
   * A replica of this server: the database at `replica.path` (default: `path`, the first) is opened as one
   * (made from the server when it holds no database yet) whenever this host opens that path, its sync
   * running while it is open.
   */
  replica?: (ReplicaTarget & { readonly path?: string | undefined }) | undefined;
  /** Open the first database read-only, without making the session read-only (the engine process reopening one). */
  openReadOnly?: boolean | undefined;
  /** Where "Open Recent" is kept; every database opened is added to it. */
  recent?: RecentList | undefined;
  /** Where unexpected failures are described in full (the caller only gets a short message). */
  log?: ((message: string, error?: unknown) => void) | undefined;
  /** How often to look for other processes' writes without a file event, in ms (default 250; file events bring them within a millisecond). */
  watchIntervalMs?: number | undefined;
  /** How often to read another process's migration progress while it runs, in ms (default 500). */
  migrationPollMs?: number | undefined;
}

export interface Host {
  /** The open database's path ('' once closed). */
  readonly path: string;
  /** Validates the method and its arguments, runs it, and maps every failure to an error payload. Never rejects. */
  handle(method: unknown, args: unknown): Promise<HostAnswer>;
  on<E extends EventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
  close(): Promise<void>;
}

export type { HostAnswer };

/**
 * The watcher looks when the data file changes (a file event within a millisecond of
 * another process's commit); the timer is the fallback where file events do not come
 * (some network file systems), so it can be slow enough to cost nothing when idle.
 */
const DEFAULT_WATCH_INTERVAL_MS = 250;

const consoleLog: Log = (message, error) => console.error(`trellis host: ${message}`, ...(error === undefined ? [] : [error]));

/** Opens `options.path` (rejecting with the engine's error, e.g. NOT_A_DATABASE, if it cannot) and returns the host. */
export async function createHost(options: HostOptions): Promise<Host> {
  const log = options.log ?? consoleLog;
  const emitter = new Emitter(log);
  const session = new Session({
    recent: options.recent,
    log,
    emitter,
    watchIntervalMs: options.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS,
    readOnlyForGood: options.readOnly ?? false,
    migrationPollMs: options.migrationPollMs,
    replica: options.replica ? { ...options.replica, path: resolve(options.replica.path ?? options.path) } : undefined,
  });
  await session.open(options.path, options.openReadOnly ?? false);
  const table = handlerTable(options.recent);
  const context = { session };
  return {
    get path() {
      return session.path;
    },
    handle: (method, args) => dispatch(table, context, method, args, log),
    on: (event, listener) => emitter.on(event, listener),
    async close() {
      emitter.clear();
      await session.close();
    },
  };
}
