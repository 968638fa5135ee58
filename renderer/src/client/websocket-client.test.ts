/**
 * The web transport against a real WebSocket server (the `ws` package, as the
 * web host uses). Node 20 has no global WebSocket, so the test lends it ws's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { HostError } from '../../../app/contract/index.js';
import { DisconnectedError } from './host-client.js';
import { WebSocketClient, webSocketUrl } from './websocket-client.js';

const info = { path: '/db', readOnly: false, lockedReadOnly: false, startedReadOnly: false, revision: 1, schemaVersion: 1, trees: [], history: [], migrations: [] };
let server: WebSocketServer;
let url: string;
/** Requests for this method are never answered, so a drop catches them waiting. */
const HANG = 'records.page';
/** How many HANG requests the server has received. */
let hanging = 0;

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/ws`;
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const { id, method } = JSON.parse(String(data)) as { id: number; method: string };
      if (method === 'database.info') socket.send(JSON.stringify({ id, ok: true, result: info }));
      else if (method === 'records.get') socket.send(JSON.stringify({ id, ok: false, error: { code: 'NOT_FOUND', message: 'no tree' } }));
      else if (method === HANG) hanging++;
      else socket.send(JSON.stringify({ id, ok: false, error: { code: 'UNKNOWN_METHOD', message: method } }));
    });
  });
});

afterAll(() => {
  for (const socket of server.clients) socket.terminate();
  return new Promise((resolve) => server.close(resolve));
});

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('WebSocketClient', () => {
  it('builds the socket URL from the page location', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe('ws://127.0.0.1:4000/ws');
    expect(webSocketUrl({ protocol: 'https:', host: 'x.test' })).toBe('wss://x.test/ws');
  });

  it('answers calls, throws HostError, delivers events, and survives a dropped connection', async () => {
    const client = new WebSocketClient(url);
    await client.start();
    expect(client.status()).toBe('connected');
    expect(await client.call('database.info', {})).toEqual(info);
    await expect(client.call('records.get', { tree: 'x', key: 1 })).rejects.toBeInstanceOf(HostError);

    const events: string[] = [];
    client.on('changes', ({ resync }) => events.push(`changes resync=${resync}`));
    client.on('database', ({ path }) => events.push(`database ${path}`));
    for (const socket of server.clients) socket.send(JSON.stringify({ event: 'changes', payload: { revision: 2, changes: [], resync: false } }));
    await waitFor(() => events.length === 1);

    const statuses: string[] = [];
    client.onStatus((status) => statuses.push(status));
    const waiting = client.call(HANG, { tree: 'x', limit: 1 });
    await waitFor(() => hanging === 1); // the call is at the server, unanswered
    for (const socket of server.clients) socket.terminate();
    await expect(waiting).rejects.toBeInstanceOf(DisconnectedError);
    await waitFor(() => statuses.includes('connected'));
    expect(statuses[0]).toBe('reconnecting');
    // What may have been missed comes back as events.
    await waitFor(() => events.length === 3);
    expect(events).toEqual(['changes resync=false', 'database /db', 'changes resync=true']);
    client.close();
  });
});
