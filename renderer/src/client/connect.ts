/**
 * The one place that picks a transport: the Electron preload's bridge when it
 * is there, else a WebSocket to the web host that served this page.
 */
import type { PreloadBridge } from '../../../app/contract/index.js';
import { electronClient } from './electron-client.js';
import type { HostClient } from './host-client.js';
import { WebSocketClient, webSocketUrl } from './websocket-client.js';

declare global {
  interface Window {
    readonly trellis?: PreloadBridge;
  }
}

export async function connect(): Promise<HostClient> {
  if (window.trellis) return electronClient(window.trellis);
  const client = new WebSocketClient(webSocketUrl(window.location));
  await client.start();
  return client;
}

export type { HostClient, ConnectionStatus } from './host-client.js';
export { DisconnectedError } from './host-client.js';
