/**
 * Sharing a database: a server over a database file, and replicas — local
 * copies an application reads and writes with no waiting, kept in sync with
 * the server (./sync/ holds the protocol, the server's side and the replica's).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine, type OpenOptions } from './core/open.js';
import { IncompatibleSchemaError } from './errors.js';
import { createDatabase } from './open-database.js';
import { OpaqueDatabase } from './opaque/opaque-database.js';
import type { StoredTree } from './schema/catalog.js';
import { SyncConnection } from './sync/connection.js';
import { PROTOCOL_VERSION, type Welcome } from './sync/protocol.js';
import type { Engine } from './core/engine.js';
import { verifyEngine } from './integrity/verify.js';
import { openTyped, type Database, type Schema } from './typed/database.js';
import { OutboxObserver } from './sync/replica-outbox.js';
import { readState, writeState } from './sync/replica-state.js';
import { ReplicaSync, type ReplicaOptions } from './sync/replica.js';
import { startSyncServer, type SyncServerOptions } from './sync/sync-server.js';
import { issueToken, listGrants, revokeTokens, type Grant } from './sync/tokens.js';

export interface Replica<S extends Schema> {
  /** The local copy, read and written as any database: writes go to the outbox and on to the server. */
  readonly db: Database<S>;
  readonly sync: ReplicaSync;
  /** Stops syncing and closes the local copy (what is in the outbox stays for next time). */
  close(): Promise<void>;
}

/** Opens (or creates) a replica of `options.server`'s database at `path`, with the application's trees. */
export async function openReplica<S extends Schema>(path: string, declared: S, options: ReplicaOptions & OpenOptions): Promise<Replica<S>> {
  await followServerSchema(path, options);
  let engine: Engine | undefined;
  const db = await openTyped(path, declared, options, verifyEngine, (opened) => {
    engine = opened;
    opened.observer = new OutboxObserver(opened, options.clock);
  });
  return startReplica(engine!, options, db);
}

export interface OpaqueReplica {
  /** The local copy through the opaque face (what the browser uses): writes go to the outbox and on to the server. */
  readonly db: OpaqueDatabase;
  readonly sync: ReplicaSync;
  close(): Promise<void>;
}

/**
 * Opens a replica without the application's code: the trees are the server's. A new replica asks the
 * server for them first (so it must be reachable once); an existing one opens offline as well.
 */
export async function openReplicaDatabase(path: string, options: ReplicaOptions & OpenOptions): Promise<OpaqueReplica> {
  // Without code, a new replica has no trees but the server's: it must reach the server once.
  await followServerSchema(path, options, { newNeedsServer: true });
  const engine = await openEngine(path, undefined, options);
  engine.observer = new OutboxObserver(engine, options.clock);
  return startReplica(engine, options, new OpaqueDatabase(engine, verifyEngine));
}

/**
 * A replica takes the trees the server has added to since it last opened (new trees, optional fields,
 * indexes: a compatible change, applied here as opening a database with newer code applies it), so it
 * syncs with them; a new one is made with the server's trees. Nothing more: offline, refused, or a change
 * it cannot follow (the sync then says why), it opens as it is — except a new replica that has no code to
 * make its trees from (`newNeedsServer`), which fails with the server's error. The application's own
 * trees, if older, work on the newer definitions as older code does.
 */
async function followServerSchema(path: string, options: ReplicaOptions & OpenOptions, { newNeedsServer = false } = {}): Promise<void> {
  if (options.inMemory) return;
  const isNew = !existsSync(join(path, 'data.mdb'));
  let trees: Welcome['trees'];
  try {
    trees = await serverTrees(options, isNew && newNeedsServer ? undefined : FOLLOW_TIMEOUT_MS);
  } catch (error) {
    if (isNew && newNeedsServer) throw error;
    return;
  }
  // A new replica starts with the server's trees, so code older than the server's makes one as well.
  if (isNew) {
    await (await createDatabase(path, trees as Record<string, StoredTree>, options)).close();
    return;
  }
  try {
    await (await openEngine(path, { trees: Object.values(trees) as StoredTree[], derivers: new Map() }, options)).close();
  } catch (error) {
    if (!(error instanceof IncompatibleSchemaError)) throw error;
  }
}

/** How long opening a replica waits for its server to say which trees it has (then it opens offline). */
const FOLLOW_TIMEOUT_MS = 10_000;

/** The trees a server sends this token: a hello on a connection of its own. */
async function serverTrees(options: ReplicaOptions, timeoutMs?: number): Promise<Welcome['trees']> {
  const connection = await SyncConnection.open(options.server, { ca: options.ca, ...(timeoutMs ? { requestTimeoutMs: timeoutMs } : {}) });
  try {
    const welcome = await connection.request({ kind: 'hello', protocol: PROTOCOL_VERSION, clientId: randomUUID(), ...(options.token ? { token: options.token } : {}) });
    return welcome.trees;
  } finally {
    connection.close();
  }
}

async function startReplica<D extends { close(): Promise<void> }>(engine: Engine, options: ReplicaOptions, db: D): Promise<{ db: D; sync: ReplicaSync; close(): Promise<void> }> {
  // The client id is made once and kept: the server knows this replica's mutations by it.
  await engine.transaction((context) => {
    context.replicating = true;
    writeState(engine, readState(engine));
  });
  const sync = new ReplicaSync(engine, options);
  return {
    db,
    sync,
    close: async () => {
      await sync.close();
      await db.close();
    },
  };
}

export interface TrellisServer {
  readonly url: string;
  readonly serverId: string;
  /** Trees whose records must be checked out before they are changed (the `checkOut` option, or as kept in the database). */
  readonly checkOut: readonly string[];
  /** Trees where the last edit to reach the server wins (the `lastWriterWins` option, or as kept). */
  readonly lastWriterWins: readonly string[];
  /** Replicas connected now. */
  clients(): number;
  close(): Promise<void>;
}

/** Serves the database at `path` to replicas (it must exist: a server does not make a schema up). */
export async function startServer(path: string, options: SyncServerOptions & OpenOptions = {}): Promise<TrellisServer> {
  const engine = await openEngine(path, undefined, options);
  try {
    const server = await startSyncServer(engine, options);
    return {
      url: server.url,
      serverId: server.source.serverId,
      checkOut: [...server.source.checkOutTrees],
      lastWriterWins: [...server.source.lastWriterWinsTrees],
      clients: () => server.clients(),
      close: async () => {
        await server.close();
        await engine.close();
      },
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/** Issues a token for a server's database (its CLI): the token is returned once, only its hash is stored. */
export async function issueServerToken(path: string, grant: Grant): Promise<string> {
  const engine = await openEngine(path, undefined, {});
  try {
    return await issueToken(engine, grant);
  } finally {
    await engine.close();
  }
}

export async function serverGrants(path: string): Promise<Grant[]> {
  const engine = await openEngine(path, undefined, { readOnly: true });
  try {
    return listGrants(engine);
  } finally {
    await engine.close();
  }
}

export async function revokeServerTokens(path: string, user: string): Promise<number> {
  const engine = await openEngine(path, undefined, {});
  try {
    return await revokeTokens(engine, user);
  } finally {
    await engine.close();
  }
}

export type { Grant, ReplicaOptions, SyncServerOptions };
