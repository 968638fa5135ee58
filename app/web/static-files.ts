/**
 * Serves the built renderer (renderer/dist): files with their content types,
 * index.html for navigation paths (a single-page app), and nothing outside
 * the folder, whatever the path says. The hashed assets are kept in memory
 * once read (AssetMemory).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
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
  // The page itself must not be cached: it names the current build's assets.
  response.setHeader('Cache-Control', file.endsWith('.html') ? 'no-store' : 'no-cache');
  if (headOnly) {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

/** The build's folder of files named by a content hash (vite's `build.assetsDir`). */
const HASHED_DIR = 'assets';
/** Far above a build's assets (~5 MB with Monaco); past it, files are streamed from disk again. */
const MEMORY_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The built assets, kept in memory by URL path once read: their names carry a
 * content hash, so the bytes behind a name never change (a rebuild makes new
 * names), and the browser may cache them for good. Answering from memory
 * spares the stat, open, read and close trips through libuv's thread pool,
 * each a wait on a loaded machine, on the way to the first screen.
 */
export class AssetMemory {
  private readonly byPath = new Map<string, Buffer>();
  private bytes = 0;
  private readonly hashedDir: string;

  constructor(root: string) {
    this.hashedDir = resolve(root, HASHED_DIR) + sep;
  }

  /** Sends the asset at `pathname` when it is in memory; false when it is not. */
  trySend(response: ServerResponse, pathname: string, headOnly: boolean): boolean {
    const held = this.byPath.get(pathname);
    if (!held) return false;
    sendBytes(response, pathname, held, headOnly);
    return true;
  }

  /** Sends `file` (resolved from `pathname` by resolveStaticFile), keeping it when it is a hashed asset. */
  async send(response: ServerResponse, pathname: string, file: string, headOnly: boolean): Promise<void> {
    if (!file.startsWith(this.hashedDir) || this.bytes >= MEMORY_LIMIT_BYTES) return sendFile(response, file, headOnly);
    const bytes = await readFile(file);
    if (!this.byPath.has(pathname)) {
      this.byPath.set(pathname, bytes);
      this.bytes += bytes.length;
    }
    sendBytes(response, file, bytes, headOnly);
  }
}

function sendBytes(response: ServerResponse, name: string, bytes: Buffer, headOnly: boolean): void {
  response.writeHead(200, {
    'Content-Type': contentTypeOf(name),
    'Content-Length': bytes.length,
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
  response.end(headOnly ? undefined : bytes);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
