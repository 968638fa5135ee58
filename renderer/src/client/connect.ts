/**
 * The one place that picks a transport: the Electron preload's bridge when it
 * is there, else a WebSocket to the web host that served this page. Either
 * way the client can take answers asked for ahead (prefetch.ts).
 */
import type { PreloadBridge } from '../../../app/contract/index.js';
import { electronClient } from './electron-client.js';
import type { Connection } from './host-client.js';
import { withPrefetch, type PrefetchingClient } from './prefetch.js';
import { WebSocketClient, webSocketUrl } from './websocket-client.js';

declare global {
  interface Window {
    readonly trellis?: PreloadBridge;
  }
}

/** Resolves once the host can be asked (the first WebSocket connection is open). */
export async function connect(): Promise<PrefetchingClient> {
  return withPrefetch(await openConnection());
}

async function openConnection(): Promise<Connection> {
  if (window.trellis) return electronClient(window.trellis);
  const client = new WebSocketClient(webSocketUrl(window.location));
  await client.start();
  return client;
}

export type { HostClient, ConnectionStatus } from './host-client.js';
export type { PrefetchingClient } from './prefetch.js';
export { DisconnectedError } from './host-client.js';
