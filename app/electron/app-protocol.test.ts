import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeFakeRenderer } from '../web/fixtures/test-support.js';

// Electron's binary cannot run here: `protocol` is faked at the module
// boundary and the registered handler is called with real Requests.
const registered: { schemes: unknown[]; handlers: Map<string, (request: Request) => Promise<Response>> } = { schemes: [], handlers: new Map() };
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => registered.schemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => registered.handlers.set(scheme, handler),
  },
}));
const { registerAppScheme, serveRenderer, APP_ENTRY } = await import('./app-protocol.js');

const root = mkdtempSync(join(tmpdir(), 'trellis-app-protocol-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// scheme', () => {
  registerAppScheme();
  serveRenderer(writeFakeRenderer(root));
  const fetchApp = (url: string) => registered.handlers.get('app')!(new Request(url));

  it('is registered as a standard, secure scheme', () => {
    expect(registered.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('serves the renderer with its content type and the CSP', async () => {
    const page = await fetchApp(APP_ENTRY);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'; .*connect-src 'self';/);
    expect(await (await fetchApp('app://trellis/assets/app.js')).text()).toContain('console.log');
  });

  it('serves nothing for another host or outside the renderer folder', async () => {
    expect((await fetchApp('app://elsewhere/index.html')).status).toBe(404);
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const response = await fetchApp(`app://trellis${path}`);
      expect(await response.text(), path).not.toContain('SECRET');
    }
  });
});
