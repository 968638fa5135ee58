/**
 * A replica's connection to its server: one WebSocket, requests answered in
 * any order by id, every message checked against the protocol's schemas before
 * it is believed, and a timeout on every request so a server that stops
 * answering reads as offline, never as a hang.
 */
import WebSocket from 'ws';
import { TrellisError, type TrellisErrorCode } from '../errors.js';
import { TRELLIS_ERROR_CODES } from '../common/error-codes.js';
import { CheckedOutError } from './leases.js';
import type { Static } from 'typebox';
import { MAX_MESSAGE_BYTES, checkResult, checkServerMessage, type LeaseChange, type ResultOf, type SyncRequest } from './protocol.js';
import { ForbiddenError, OfflineError, ProtocolError, ServerError, UnauthorizedError, WrongServerError } from './sync-errors.js';

export interface ConnectionOptions {
  /** PEM certificates to trust besides the system's (a server's self-signed certificate). */
  readonly ca?: string | undefined;
  readonly requestTimeoutMs?: number | undefined;
}

type Waiting = { resolve(value: unknown): void; reject(error: Error): void; kind: SyncRequest['kind']; timer: NodeJS.Timeout };

export class SyncConnection {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private closedWith: Error | undefined;
  onPoke: ((revision: number) => void) | undefined;
  onLease: ((change: Static<typeof LeaseChange>) => void) | undefined;
  onClose: ((error: Error) => void) | undefined;

  private constructor(private readonly socket: WebSocket, private readonly timeoutMs: number) {
    socket.on('message', (data, isBinary) => this.receive(isBinary ? undefined : data.toString()));
    socket.on('close', () => this.fail(new OfflineError('the connection to the server closed')));
    socket.on('error', (error) => this.fail(new OfflineError(`the connection to the server failed: ${error.message}`)));
  }

  static open(url: string, options: ConnectionOptions = {}): Promise<SyncConnection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { maxPayload: MAX_MESSAGE_BYTES, handshakeTimeout: 10_000, ...(options.ca ? { ca: options.ca } : {}) });
      const failed = (error: Error) => reject(new OfflineError(`cannot reach the server at ${url}: ${error.message}`));
      socket.once('error', failed);
      socket.once('open', () => {
        socket.off('error', failed);
        resolve(new SyncConnection(socket, options.requestTimeoutMs ?? 30_000));
      });
    });
  }

  request<K extends SyncRequest['kind']>(request: Extract<SyncRequest, { kind: K }>): Promise<ResultOf<K>> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new OfflineError(`the server did not answer a ${request.kind} request in ${this.timeoutMs} ms`));
        this.close();
      }, this.timeoutMs);
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, kind: request.kind, timer });
      this.socket.send(JSON.stringify({ id, request }));
    });
  }

  close(): void {
    this.socket.terminate();
    this.fail(new OfflineError('the connection was closed'));
  }

  private receive(text: string | undefined): void {
    let message: unknown;
    try {
      message = text === undefined ? undefined : JSON.parse(text);
    } catch {
      message = undefined;
    }
    if (!checkServerMessage.Check(message)) return this.broken('a message that is not the protocol');
    if ('poke' in message) return this.onPoke?.(message.poke);
    if ('lease' in message) return this.onLease?.(message.lease);
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    clearTimeout(waiting.timer);
    if ('error' in message) return waiting.reject(errorOf(message.error.code, message.error.message));
    if (!checkResult[waiting.kind].Check(message.result)) return this.broken(`an answer to ${waiting.kind} of the wrong shape`);
    waiting.resolve(message.result);
  }

  /** A server that breaks the protocol is not talked to further. */
  private broken(what: string): void {
    const error = new ProtocolError(`the server sent ${what}; disconnected`);
    this.fail(error);
    this.socket.terminate();
  }

  private fail(error: Error): void {
    if (!this.closedWith) {
      this.closedWith = error;
      this.onClose?.(error);
    }
    for (const [id, waiting] of this.waiting) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.waiting.delete(id);
    }
  }
}

/** The server's error as the class of its code (a code outside the closed set is a protocol problem). */
export function errorOf(code: string, message: string): TrellisError {
  switch (code) {
    case 'UNAUTHORIZED':
      return new UnauthorizedError(message);
    case 'FORBIDDEN':
      return new ForbiddenError(message);
    case 'WRONG_SERVER':
      return new WrongServerError(message);
    case 'PROTOCOL':
      return new ProtocolError(message);
    case 'OFFLINE':
      return new OfflineError(message);
    case 'CHECKED_OUT':
      return new CheckedOutError(message);
    default:
      return isErrorCode(code) ? new ServerError(code, message) : new ProtocolError(`${code}: ${message}`);
  }
}

function isErrorCode(code: string): code is TrellisErrorCode {
  return (TRELLIS_ERROR_CODES as readonly string[]).includes(code);
}
