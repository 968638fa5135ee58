/**
 * The web host: serves the renderer and the host contract over HTTP and a
 * WebSocket on 127.0.0.1, for `npm run serve`, for `npm start` where Electron
 * is missing, and for the e2e suite. Access rules live in ./access.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createAccess, requestUrl, type Access } from './access.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { MAX_FRAME_BYTES, bridgeSockets, type SocketBridgeOptions } from './socket-bridge.js';
import { AssetMemory, resolveStaticFile } from './static-files.js';

export interface WebHostOptions extends SocketBridgeOptions {
  /** The built renderer (renderer/dist). */
  readonly rendererDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
}

export interface WebHost {
  /** The URL to open: it carries the access token. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`, the origin pages and sockets must come from. */
  readonly origin: string;
  close(): Promise<void>;
}

const LISTEN_ADDRESS = '127.0.0.1';
const SOCKET_PATH = '/ws';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LISTEN_ADDRESS, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${LISTEN_ADDRESS}:${port}`;
  const access = createAccess(port);
  const csp = contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);

  const assets = new AssetMemory(options.rendererDir);
  // ws's own UTF-8 check closes the socket (1007) without an answer; socket-bridge.ts answers such frames instead.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, skipUTF8Validation: true });
  const stopEvents = bridgeSockets(sockets, options);

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    serveHttp(request, response, access, csp, options.rendererDir, assets).catch((error: unknown) => {
      options.log?.('web host: request failed', error);
      if (!response.headersSent) refuse(response, 500, 'Internal error');
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = requestUrl(request)?.pathname !== SOCKET_PATH ? 'Not found' : access.refusal(request, 'websocket');
    if (refusal !== undefined) {
      const status = refusal === 'Not found' ? '404 Not Found' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal}\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
  });

  return {
    url: `${origin}/?token=${access.token}`,
    origin,
    async close() {
      stopEvents();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serveHttp(request: IncomingMessage, response: ServerResponse, access: Access, csp: string, rendererDir: string, assets: AssetMemory): Promise<void> {
  response.setHeader('Content-Security-Policy', csp);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  const refusal = access.refusal(request, 'http');
  if (refusal !== undefined) return refuse(response, 403, refusal);
  const url = requestUrl(request);
  if (url === undefined) return refuse(response, 400, 'Bad request');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return refuse(response, 405, 'Method not allowed');
  }
  if (access.hasTokenInQuery(url)) {
    // Trade the token for a cookie and drop it from the address bar (and from history).
    url.searchParams.delete('token');
    response.writeHead(302, { 'Set-Cookie': access.setCookieHeader(), Location: url.pathname + url.search });
    response.end();
    return;
  }
  const headOnly = request.method === 'HEAD';
  if (assets.trySend(response, url.pathname, headOnly)) return;
  const found = await resolveStaticFile(rendererDir, url.pathname);
  if ('status' in found) return refuse(response, found.status, found.reason);
  await assets.send(response, url.pathname, found.file, headOnly);
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${text}\n`);
}
