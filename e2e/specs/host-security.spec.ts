/**
 * Spec 10: the web host serves only the holder of its token. Plain requests
 * from Node, not the browser: no cookie, and an Origin only when given.
 */
import { expect, test } from '../fixtures/test.js';
import { probeWebSocket } from '../fixtures/websocket-probe.js';
import type { WebHost } from '../fixtures/web-host.js';

test.beforeEach(({ hostKind }) => {
  test.skip(hostKind !== 'web', 'Electron has no web host: its renderer talks over IPC, with no token or origin to check');
});

/** The session cookie the host gives for the token URL, as a browser would store it. */
async function sessionCookie(host: WebHost): Promise<string> {
  const response = await fetch(host.url, { redirect: 'manual' });
  expect(response.status, 'the token URL itself is served').toBeLessThan(400);
  const setCookie = response.headers.getSetCookie();
  expect(setCookie.length, 'the token URL sets a session cookie').toBeGreaterThan(0);
  return setCookie.map((cookie) => cookie.split(';')[0]!).join('; ');
}

const wsUrl = (host: WebHost) => `${host.origin.replace(/^http/, 'ws')}/ws`;

test('HTTP requests without the token are refused', async ({ webHost }) => {
  const host = webHost!;
  expect((await fetch(`${host.origin}/`)).status).toBe(403);
  expect((await fetch(`${host.origin}/?token=not-the-token`)).status).toBe(403);
  expect((await fetch(`${host.origin}/index.html`)).status).toBe(403);
  expect((await fetch(host.url, { redirect: 'manual' })).status, 'the token URL itself is served').toBeLessThan(400);
});

test('a WebSocket is served only with the session cookie and the right Origin', async ({ webHost }) => {
  const host = webHost!;
  const cookie = await sessionCookie(host);

  expect(await probeWebSocket(wsUrl(host), { Cookie: cookie, Origin: host.origin }), 'cookie and own Origin').toEqual({ served: true });
  expect((await probeWebSocket(wsUrl(host), { Origin: host.origin })).served, 'no cookie').toBe(false);
  expect((await probeWebSocket(wsUrl(host), { Cookie: cookie, Origin: 'http://evil.example' })).served, 'foreign Origin').toBe(false);
  expect((await probeWebSocket(wsUrl(host), { Cookie: cookie })).served, 'no Origin').toBe(false);
});
