/**
 * The `app://` scheme that serves the built renderer to the window: a
 * standard, secure origin of its own (so relative URLs, fetch and workers
 * behave as on https), instead of file://, which would expose the whole disk
 * to the page. Every response carries the CSP.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../web/content-security-policy.js';
import { contentTypeOf, resolveStaticFile } from '../web/static-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'trellis';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves `rendererDir` at app://trellis/ (after ready). */
export function serveRenderer(rendererDir: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const text = (status: number, body: string) => new Response(body, { status, headers: { 'Content-Type': 'text/plain', 'Content-Security-Policy': csp } });
    if (url.host !== APP_HOST) return text(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    const found = await resolveStaticFile(rendererDir, url.pathname);
    if ('status' in found) return text(found.status, found.reason);
    return new Response(await readFile(found.file), {
      headers: { 'Content-Type': contentTypeOf(found.file), 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}
