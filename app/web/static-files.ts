/**
 * Serves the built renderer (renderer/dist): files with their content types,
 * index.html for navigation paths (a single-page app), and nothing outside
 * the folder, whatever the path says.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (file: string) => CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

export type StaticResult = { readonly file: string } | { readonly status: 400 | 404; readonly reason: string };

/**
 * The file a URL path names inside `root`, or why there is none. Paths
 * without an extension are app routes and get index.html; a missing asset is
 * a 404 (answering it with HTML would only hide the error).
 */
export async function resolveStaticFile(root: string, pathname: string): Promise<StaticResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400, reason: 'Bad request: malformed path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400, reason: 'Bad request: malformed path' };
  const base = resolve(root);
  const file = resolve(base, `.${decoded}`);
  if (file !== base && !file.startsWith(base + sep)) return { status: 404, reason: 'Not found' };
  if (await isFile(file)) return { file };
  if (extname(decoded) !== '') return { status: 404, reason: 'Not found' };
  const index = resolve(base, 'index.html');
  if (await isFile(index)) return { file: index };
  return { status: 404, reason: 'Not found: the renderer is not built (run npm run build)' };
}

export function sendFile(response: ServerResponse, file: string, headOnly: boolean): void {
  response.setHeader('Content-Type', contentTypeOf(file));
  // Hashed asset names change with each build; the page itself must not be cached.
  response.setHeader('Cache-Control', file.endsWith('.html') ? 'no-store' : 'no-cache');
  if (headOnly) {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
