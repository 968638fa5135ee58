/**
 * The web transport: one WebSocket to `/ws` on the page's own host (the web
 * host authenticated this page with a cookie when it was first loaded). It
 * reconnects with backoff; calls waiting when the socket drops are rejected
 * with a DisconnectedError, and after a reconnect the client replays what may
 * have been missed as events (fresh database info, a `changes` resync), so the
 * rest of the renderer needs no reconnect logic of its own.
 */
// errors.js, not index.js: the index brings the method schemas (typebox), which the boot chunk does without.
import { HostError } from '../../../app/contract/errors.js';
import type { ArgsOf, EventName, HostEvents, MethodName, Response, ResultOf } from '../../../app/contract/index.js';
import { DisconnectedError, type Connection, type ConnectionStatus } from './host-client.js';
import { EventListeners, isEventName } from './listeners.js';

interface Pending {
  readonly method: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

export class WebSocketClient implements Connection {
  readonly kind = 'web';
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly events = new EventListeners();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private current: ConnectionStatus = 'connecting';
  private retryMs = FIRST_RETRY_MS;
  private everConnected = false;
  private firstOpen: { resolve(): void } | undefined;
  private closed = false;

  constructor(private readonly url: string) {}

  /** Resolves once the first connection is open; keeps retrying until then. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.firstOpen = { resolve };
      this.open();
    });
  }

  call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new DisconnectedError(method));
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject });
      socket.send(JSON.stringify({ id, method, args }));
    });
  }

  on<E extends EventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    return this.events.add(event, listener);
  }

  status(): ConnectionStatus {
    return this.current;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  pathForFile(): string {
    return '';
  }

  /** Stops for good: no more reconnects (tests, or a page being torn down). */
  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private open(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = FIRST_RETRY_MS;
      this.setStatus('connected');
      this.firstOpen?.resolve();
      this.firstOpen = undefined;
      if (this.everConnected) void this.replayAfterReconnect();
      this.everConnected = true;
    });
    socket.addEventListener('message', (message) => this.receive(message.data));
    socket.addEventListener('close', () => this.dropped(socket));
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    if ('event' in frame) {
      const { event, payload } = frame as { event: unknown; payload: unknown };
      if (isEventName(event)) this.events.emit(event, payload as HostEvents[typeof event]);
      return;
    }
    const response = frame as Response;
    const waiting = this.pending.get(response.id);
    if (!waiting) return;
    this.pending.delete(response.id);
    if (response.ok) waiting.resolve(response.result);
    else waiting.reject(new HostError(response.error));
  }

  private dropped(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.reject(new DisconnectedError(waiting.method));
    }
    if (this.closed) return;
    this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    setTimeout(() => this.open(), delay);
  }

  /** Whatever happened while we were away: the database may differ and records surely changed. */
  private async replayAfterReconnect(): Promise<void> {
    try {
      const info = await this.call('database.info', {});
      this.events.emit('database', info);
    } catch {
      // No database open, or dropped again: the next 'database' event or reconnect brings it.
    }
    this.events.emit('changes', { revision: 0, changes: [], resync: true });
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.current) return;
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
