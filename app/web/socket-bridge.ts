/**
 * The WebSocket side of the contract: JSON text frames carrying `{id, method,
 * args}` requests, answered with `{id, ok, result | error}` by the host, and
 * `{event, payload}` pushes of host events to every connected client. The
 * host validates methods and arguments; this file only checks the framing,
 * and answers anything malformed instead of dropping or crashing.
 */
import { isUtf8 } from 'node:buffer';
import { WebSocket, type RawData, type WebSocketServer } from 'ws';
import { EVENT_NAMES, type HostErrorPayload } from '../contract/index.js';
import type { Host } from '../host/index.js';

/** Largest request we read (well above the engine's 8 MiB value limit, since JSON text grows). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Frames past this are cut off by `ws` itself (close code 1009) before they are buffered whole. */
export const MAX_FRAME_BYTES = 2 * MAX_MESSAGE_BYTES;

type Answer = { id: number | null; ok: true; result: unknown } | { id: number | null; ok: false; error: HostErrorPayload };

export interface SocketBridgeOptions {
  readonly host: Pick<Host, 'handle' | 'on'>;
  readonly log?: (message: string, error?: unknown) => void;
}

/** Wires `sockets` to the host; returns a function that stops pushing events. */
export function bridgeSockets(sockets: WebSocketServer, options: SocketBridgeOptions): () => void {
  const { host, log } = options;
  sockets.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      void answer(data, isBinary).then((reply) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(reply));
      });
    });
    socket.on('error', (error) => log?.('web host: socket error', error));
  });

  async function answer(data: RawData, isBinary: boolean): Promise<Answer> {
    if (isBinary) return badRequest(null, 'messages must be JSON text frames');
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
    if (bytes.length > MAX_MESSAGE_BYTES) return badRequest(sniffId(bytes.subarray(0, 64).toString('latin1')), `message too large (limit ${MAX_MESSAGE_BYTES} bytes)`);
    // Checked here, not by ws (skipUTF8Validation): decoding would silently turn the bad bytes into U+FFFD.
    if (!isUtf8(bytes)) return badRequest(sniffId(bytes.subarray(0, 64).toString('latin1')), 'message is not valid UTF-8 text');
    const text = bytes.toString('utf8');
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return badRequest(sniffId(text), 'message is not valid JSON');
    }
    if (!isRecord(message) || !isRequestId(message['id'])) return badRequest(null, 'a request is {"id": <integer>, "method": <text>, "args": <object>}');
    const id = message['id'];
    try {
      const outcome = await host.handle(message['method'], message['args']);
      return { id, ...outcome };
    } catch (error) {
      // handle() is documented never to reject; if it does, the caller still gets an answer.
      log?.('web host: host.handle rejected', error);
      return { id, ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
    }
  }

  const stops = EVENT_NAMES.map((event) =>
    host.on(event, (payload) => {
      const frame = JSON.stringify({ event, payload });
      for (const client of sockets.clients) if (client.readyState === WebSocket.OPEN) client.send(frame);
    }),
  );
  return () => stops.forEach((stop) => stop());
}

function badRequest(id: number | null, message: string): Answer {
  return { id, ok: false, error: { code: 'BAD_REQUEST', message } };
}

/** The id of a request that cannot be read whole, when it leads the text as our client writes it. */
function sniffId(text: string): number | null {
  const match = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*,/.exec(text.slice(0, 64));
  return match?.[1] === undefined ? null : Number(match[1]);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRequestId = (value: unknown): value is number => Number.isSafeInteger(value);
