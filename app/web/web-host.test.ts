import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createHost, type Host } from '../host/index.js';
import { createSampleDatabase } from '../sample/index.js';
import { MAX_MESSAGE_BYTES, startWebHost, type WebHost } from './index.js';
import { nextMessage, outcome, rawGet, writeFakeRenderer } from './fixtures/test-support.js';

let root: string;
let host: Host;
let web: WebHost;
let port: number;
let token: string;
let cookie: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'trellis-web-'));
  const rendererDir = writeFakeRenderer(root);
  const path = join(root, 'db');
  await createSampleDatabase(path, { tasks: 50 });
  host = await createHost({ path, log: () => undefined });
  web = await startWebHost({ host, rendererDir });
  const url = new URL(web.url);
  port = Number(url.port);
  token = url.searchParams.get('token') ?? '';
  const visit = await rawGet(port, `/?token=${token}`);
  cookie = String(visit.headers['set-cookie']).split(';')[0] ?? '';
});

afterAll(async () => {
  await web?.close();
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});

const connect = (headers: Record<string, string> = {}, query = '') =>
  new WebSocket(`ws://127.0.0.1:${port}/ws${query}`, { headers: { origin: `http://127.0.0.1:${port}`, cookie, ...headers } });

async function openSocket(): Promise<WebSocket> {
  const socket = connect();
  expect(await outcome(socket)).toEqual({ open: true });
  return socket;
}

describe('web host over HTTP', () => {
  it('prints a URL on 127.0.0.1 with a long random token', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    expect(web.origin).toBe(`http://127.0.0.1:${port}`);
  });

  it('trades the token for an HttpOnly SameSite=Strict cookie and redirects without it', async () => {
    const visit = await rawGet(port, `/?token=${token}&tree=users`);
    expect(visit.status).toBe(302);
    expect(visit.headers.location).toBe('/?tree=users');
    expect(String(visit.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
  });

  it('refuses requests without the token or cookie, or with a wrong one', async () => {
    expect((await rawGet(port, '/')).status).toBe(403);
    expect((await rawGet(port, '/?token=wrong')).status).toBe(403);
    expect((await rawGet(port, '/', { cookie: `${cookie.split('=')[0]}=wrong` })).status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the cookie', async () => {
    const response = await rawGet(port, '/', { cookie, host: `evil.example:${port}` });
    expect(response.status).toBe(403);
    expect(response.body).toMatch(/Host/);
    expect((await rawGet(port, '/', { cookie, host: `localhost:${port}` })).status).toBe(200);
  });

  it('serves the renderer with content types, the CSP, and index.html for app routes', async () => {
    const page = await rawGet(port, '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect((await rawGet(port, '/assets/app.js', { cookie })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawGet(port, '/assets/style.css', { cookie })).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await rawGet(port, '/trees/users', { cookie })).body).toContain('<title>Trellis</title>');
    expect((await rawGet(port, '/assets/missing.js', { cookie })).status).toBe(404);
  });

  it('keeps hashed assets in memory and lets the browser keep them; the page is never cached', async () => {
    const first = await rawGet(port, '/assets/app.js', { cookie });
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(first.headers['content-length']).toBe(String(first.body.length));
    // A name's bytes never change in a real build; the file on disk is no longer read.
    writeFileSync(join(root, 'dist', 'assets', 'app.js'), 'console.log("rebuilt");');
    const again = await rawGet(port, '/assets/app.js', { cookie });
    expect(again.body).toBe(first.body);
    expect(again.headers['content-security-policy']).toContain("script-src 'self';");
    expect((await rawGet(port, '/', { cookie })).headers['cache-control']).toBe('no-store');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/..%00/secret.txt']) {
      const response = await rawGet(port, path, { cookie });
      expect(response.body, path).not.toContain('SECRET');
      expect(response.status, path).not.toBe(200);
    }
  });
});

describe('web host over WebSocket', () => {
  it('refuses a socket without the token or cookie', async () => {
    expect(await outcome(connect({ cookie: '' }))).toEqual({ status: 403 });
  });

  it('accepts the token in the socket URL instead of the cookie', async () => {
    const socket = connect({ cookie: '' }, `?token=${token}`);
    expect(await outcome(socket)).toEqual({ open: true });
    socket.close();
  });

  it('refuses a socket from another origin or for another host', async () => {
    expect(await outcome(connect({ origin: 'http://evil.example' }))).toEqual({ status: 403 });
    expect(await outcome(connect({ origin: `http://localhost:${port}` }))).toEqual({ status: 403 });
    expect(await outcome(connect({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` }))).toEqual({ status: 403 });
  });

  it('answers a call through the host', async () => {
    const socket = await openSocket();
    socket.send(JSON.stringify({ id: 1, method: 'database.info', args: {} }));
    const answer = await nextMessage(socket, (m) => m['id'] === 1);
    expect(answer).toMatchObject({ id: 1, ok: true, result: { readOnly: false } });
    socket.send(JSON.stringify({ id: 2, method: 'no.such', args: {} }));
    expect(await nextMessage(socket, (m) => m['id'] === 2)).toMatchObject({ id: 2, ok: false, error: { code: 'UNKNOWN_METHOD' } });
    socket.close();
  });

  it('pushes host events to every client', async () => {
    const [writer, watcher] = await Promise.all([openSocket(), openSocket()]);
    const pushed = nextMessage(watcher, (m) => m['event'] === 'database');
    writer.send(JSON.stringify({ id: 3, method: 'session.setReadOnly', args: { readOnly: true } }));
    expect(await pushed).toMatchObject({ event: 'database', payload: { readOnly: true } });
    writer.send(JSON.stringify({ id: 4, method: 'session.setReadOnly', args: { readOnly: false } }));
    await nextMessage(writer, (m) => m['id'] === 4);
    writer.close();
    watcher.close();
  });

  it('answers malformed frames with BAD_REQUEST and keeps the connection', async () => {
    const socket = await openSocket();
    const badRequest = { ok: false, error: { code: 'BAD_REQUEST' } };
    socket.send('not json');
    expect(await nextMessage(socket)).toMatchObject({ id: null, ...badRequest });
    socket.send('[1, 2]');
    expect(await nextMessage(socket)).toMatchObject({ id: null, ...badRequest });
    socket.send(JSON.stringify({ id: 'x', method: 'database.info', args: {} }));
    expect(await nextMessage(socket)).toMatchObject({ id: null, ...badRequest });
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await nextMessage(socket)).toMatchObject({ id: null, ...badRequest });
    socket.send(JSON.stringify({ id: 5, method: 'records.page', args: { tree: 'tasks', limit: 'many' } }));
    expect(await nextMessage(socket, (m) => m['id'] === 5)).toMatchObject({ id: 5, ...badRequest });
    socket.send(JSON.stringify({ id: 6, method: 'database.info', args: {} }));
    expect(await nextMessage(socket, (m) => m['id'] === 6)).toMatchObject({ id: 6, ok: true });
    socket.close();
  });

  it('answers a text frame that is not valid UTF-8 with BAD_REQUEST (by its id when it leads) and keeps the connection', async () => {
    const socket = await openSocket();
    const text = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));
    const notUtf8 = { ok: false, error: { code: 'BAD_REQUEST', message: 'message is not valid UTF-8 text' } };
    // ws sends these bytes as a text frame as they are; a browser never would, a hostile client can.
    socket.send(text('{"id":8,"method":"records.validate","args":{"tree":"tasks","value":"', [0xff, 0xfe], '"}}'), { binary: false });
    expect(await nextMessage(socket, (m) => m['id'] === 8)).toMatchObject({ id: 8, ...notUtf8 });
    socket.send(text([0xc3, 0x28]), { binary: false });
    expect(await nextMessage(socket)).toMatchObject({ id: null, ...notUtf8 });
    // A UTF-16 surrogate encoded on its own (CESU-8) is not UTF-8 either.
    socket.send(text('{"id":9,"method":"database.info","args":{"x":"', [0xed, 0xa0, 0x80], '"}}'), { binary: false });
    expect(await nextMessage(socket, (m) => m['id'] === 9)).toMatchObject({ id: 9, ...notUtf8 });
    socket.send(JSON.stringify({ id: 10, method: 'database.info', args: {} }));
    expect(await nextMessage(socket, (m) => m['id'] === 10)).toMatchObject({ id: 10, ok: true });
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it('answers a message over the size limit by its id, and cuts off a frame far over it', async () => {
    const socket = await openSocket();
    socket.send(`{"id":7,"method":"records.insert","args":{"tree":"tasks","value":"${'x'.repeat(MAX_MESSAGE_BYTES)}"}}`);
    expect(await nextMessage(socket, (m) => m['id'] === 7, 15_000)).toMatchObject({ id: 7, ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/too large/) } });
    const closed = outcome(socket);
    socket.send('x'.repeat(2 * MAX_MESSAGE_BYTES + 1));
    expect(await closed).toEqual({ closed: 1009 });
  });
});
