/**
 * Messages on a transport. IPC and WebSocket carry the same shapes; only the
 * framing differs (IPC invoke/reply vs JSON text frames with an id).
 */
import type { HostErrorPayload } from './error-payload.js';
import type { EventName } from './event-names.js';
import type { HostEvents } from './events.js';
import type { ArgsOf, MethodName, ResultOf } from './methods.js';

export interface Request<M extends MethodName = MethodName> {
  readonly id: number;
  readonly method: M;
  readonly args: ArgsOf<M>;
}

export type Response<M extends MethodName = MethodName> =
  | { readonly id: number; readonly ok: true; readonly result: ResultOf<M> }
  | { readonly id: number; readonly ok: false; readonly error: HostErrorPayload };

export interface EventMessage<E extends EventName = EventName> {
  readonly event: E;
  readonly payload: HostEvents[E];
}

/**
 * What the renderer talks to. Both transports implement it, and so does the
 * in-process one used by tests; the renderer cannot tell them apart.
 * `call` rejects with a HostError for an error answer.
 */
export interface Transport {
  call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
}

/** The one object the Electron preload exposes as `window.trellis`: untyped at the boundary, typed by the client. */
export interface PreloadBridge {
  invoke(method: string, args: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** The file-system path of a dropped file or folder (Electron's webUtils.getPathForFile); '' when unknown. */
  pathForFile(file: File): string;
}

/** IPC channel names: one for calls, one per event. */
export const IPC_CALL = 'trellis:call';
export const ipcEventChannel = (event: EventName) => `trellis:event:${event}`;
