/**
 * A Trellis server's sockets: replicas connect over WebSocket (TLS when given
 * a certificate), say hello with a token, then pull, take snapshots, push and
 * ask for id blocks; after every commit each connected replica gets a poke.
 * Every message is checked before anything reads it; one that breaks the
 * protocol gets an error and its socket is closed, and no other is touched.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import { TrellisError } from '../errors.js';
import type { Engine } from '../core/engine.js';
import { watchChanges } from '../core/watch.js';
import { MAX_MESSAGE_BYTES, MAX_PULL_CHANGES, PROTOCOL_VERSION, checkClientMessage, type SyncRequest } from './protocol.js';
import { SyncSource, type Caller } from './source.js';
import { accessOf, grantOf, type Grant } from './tokens.js';
import { ForbiddenError, ProtocolError, UnauthorizedError } from './sync-errors.js';

export interface SyncServerOptions {
  /** 127.0.0.1 unless told otherwise. */
  readonly host?: string | undefined;
  /** 0: any free port. */
  readonly port?: number | undefined;
  /** PEM certificate and key: the server speaks wss:// only. */
  readonly tls?: { readonly cert: string; readonly key: string } | undefined;
  /** Lets every replica in without a token, with every permission: for one person on one machine. */
  readonly open?: boolean | undefined;
  /** Trees whose records must be checked out before they are changed or deleted (kept in the database; absent: as stored). */
  readonly checkOut?: readonly string[] | undefined;
  /**
   * Trees where the edit that reaches the server last wins, whatever it was based on (kept in the database;
   * absent: as stored). Elsewhere an edit of a record changed meanwhile is a conflict, never applied.
   */
  readonly lastWriterWins?: readonly string[] | undefined;
  /** The clock check-outs expire by; tests move it instead of waiting. */
  readonly clock?: (() => number) | undefined;
}

export interface SyncServer {
  readonly url: string;
  readonly source: SyncSource;
  /** Connected replicas (after their hello). */
  clients(): number;
  close(): Promise<void>;
}

interface Session {
  caller?: Caller;
  /** The token it said hello with, and the grant it had then: checked again while it stays connected. */
  token?: string | undefined;
  grant?: Grant;
}

/** How often connected replicas' tokens are looked up again: a revoked or changed one ends the connection. */
const TOKEN_CHECK_MS = 2_000;

const EVERYONE: Grant = { user: 'anyone', read: ['*'], write: ['*'], admin: true };

export async function startSyncServer(engine: Engine, options: SyncServerOptions = {}): Promise<SyncServer> {
  const source = await SyncSource.over(engine, { checkOut: options.checkOut, lastWriterWins: options.lastWriterWins });
  if (options.clock) source.now = options.clock;
  const http: HttpServer = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }) : createHttpServer();
  http.on('request', (_request, response) => response.writeHead(426, { 'content-type': 'text/plain' }).end('a Trellis server: connect a replica over WebSocket\n'));
  // Listening before the WebSocket server exists: it re-emits the HTTP server's errors, and a port in use
  // would then be an unhandled 'error' event instead of this rejection (seen: a second server on one port).
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const sockets = new WebSocketServer({ server: http, maxPayload: MAX_MESSAGE_BYTES });
  const sessions = new Map<WebSocket, Session>();

  sockets.on('connection', (socket) => {
    const session: Session = {};
    sessions.set(socket, session);
    socket.on('close', () => sessions.delete(socket));
    socket.on('error', () => socket.terminate());
    // One request at a time per replica, in order: a push is taken before the pull that follows it.
    let queue = Promise.resolve();
    socket.on('message', (data, isBinary) => {
      queue = queue.then(() => answer(socket, session, isBinary ? undefined : data.toString()));
    });
  });

  const answer = async (socket: WebSocket, session: Session, text: string | undefined): Promise<void> => {
    let message: unknown;
    try {
      message = text === undefined ? undefined : JSON.parse(text);
    } catch {
      message = undefined;
    }
    if (!checkClientMessage.Check(message)) {
      const id = typeof (message as { id?: unknown } | undefined)?.id === 'number' ? (message as { id: number }).id : 0;
      send(socket, { id, error: { code: 'PROTOCOL', message: 'not a message of the Trellis sync protocol: the connection is closed' } });
      socket.close(1008, 'protocol');
      return;
    }
    try {
      const result = await handle(session, message.request);
      send(socket, { id: message.id, result });
    } catch (error) {
      const code = error instanceof TrellisError ? error.code : 'PROTOCOL';
      const text = error instanceof Error ? error.message : String(error);
      send(socket, { id: message.id, error: { code, message: text } });
      if (code === 'UNAUTHORIZED' || code === 'PROTOCOL') socket.close(1008, code.toLowerCase());
    }
  };

  const handle = async (session: Session, request: SyncRequest): Promise<unknown> => {
    if (request.kind === 'hello') {
      if (request.protocol !== PROTOCOL_VERSION) throw protocolMismatch(request.protocol);
      const grant = options.open ? EVERYONE : grantOf(engine, request.token);
      if (!grant) throw new UnauthorizedError(request.token ? 'this token is not one the server issued' : 'a token is needed: ask the server’s administrator for one');
      session.caller = { clientId: request.clientId, user: grant.user, admin: grant.admin, access: accessOf(grant) };
      session.token = request.token;
      session.grant = grant;
      return source.welcome(session.caller);
    }
    const { caller } = session;
    if (caller === undefined) throw protocolMismatch(undefined);
    if (!grantHolds(session)) throw new UnauthorizedError('this token was revoked or its permissions changed: connect again');
    switch (request.kind) {
      case 'pull':
        return source.pull(request.since, request.limit ?? MAX_PULL_CHANGES, caller);
      case 'snapshot':
        return source.snapshot(request.after, request.limit ?? MAX_PULL_CHANGES, caller);
      case 'push':
        return source.push(caller, request.mutations);
      case 'ids':
        if (!caller.access(request.tree, 'write')) throw new ForbiddenError(`this client may not write ${request.tree}: no ids for it`);
        return source.idBlock(request.tree, request.size);
      case 'checkOut':
        return source.checkOut(caller, request.tree, request.key, request.minutes);
      case 'checkIn':
        return { removed: await source.checkIn(caller, request.tree, request.key, request.force ?? false) };
    }
  };

  // A poke per commit burst, whoever wrote (this server's pushes, or another program on its file).
  let poked = 0;
  // A replica is poked only for commits that touch a tree it may read: the others tell it nothing to pull,
  // and would tell it when other people work.
  const stopWatching = watchChanges(engine, (events) => {
    const revision = engine.revision();
    if (revision === poked) return;
    poked = revision;
    const trees = Array.isArray(events) ? [...new Set(events.map((event) => event.tree))] : undefined;
    for (const [socket, { caller }] of sessions) {
      if (caller !== undefined && (!trees || trees.some((tree) => caller.access(tree, 'read')))) send(socket, { poke: revision });
    }
  });
  // A token revoked (or its permissions changed) by the CLI while its replica is connected: the connection ends,
  // and the replica's next hello is refused (or takes the new permissions). Its requests are refused meanwhile.
  const grantHolds = (session: Session): boolean => options.open === true || isDeepStrictEqual(grantOf(engine, session.token), session.grant);
  const tokenCheck = setInterval(() => {
    for (const [socket, session] of sessions) if (session.caller !== undefined && !grantHolds(session)) socket.close(1008, 'unauthorized');
  }, TOKEN_CHECK_MS);
  tokenCheck.unref();
  const stopLeases = source.onLease((change) => {
    for (const [socket, session] of sessions) if (session.caller?.access(change.tree, 'read')) send(socket, { lease: change });
  });

  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'wss' : 'ws'}://${host}:${address.port}`,
    source,
    clients: () => [...sessions.values()].filter((s) => s.caller !== undefined).length,
    close: async () => {
      stopWatching();
      stopLeases();
      clearInterval(tokenCheck);
      for (const socket of sessions.keys()) socket.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function protocolMismatch(version: number | undefined): ProtocolError {
  return new ProtocolError(version === undefined ? 'say hello first' : `this server speaks sync protocol ${PROTOCOL_VERSION}, not ${version}`);
}
