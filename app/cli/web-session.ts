/**
 * Serving one database in the browser: the host, the web host, the one line
 * that says where, the browser, and a clean close on Ctrl+C. Shared by
 * `serve` and by `start` when Electron is missing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Host, ReplicaTarget } from '../host/index.js';
import { createIsolatedHost } from '../isolation/isolated-host.js';
import { rendererDistDir } from '../layout.js';
import { recentListPath } from '../paths.js';
import { startWebHost, type WebHost } from '../web/index.js';
import { browserSkipReason, openInBrowser } from './browser.js';
import { CliError, logError, printLine } from './output.js';

export interface WebSessionOptions {
  readonly path: string;
  readonly readOnly: boolean;
  readonly port: number | undefined;
  readonly openBrowser: boolean;
  /** PATH is a replica of this server (made from it when PATH holds no database yet). */
  readonly replica?: ReplicaTarget | undefined;
}

/** Said right after the address: a server in a terminal gives no other clue how it ends. */
export const STOP_HINT = 'Press Ctrl+C to stop the server.';

export async function runWebSession(options: WebSessionOptions): Promise<void> {
  let host: Host;
  try {
    // The engine runs in a child: a damaged page that ends it is answered CORRUPT, and this process serves on.
    host = await createIsolatedHost({ path: options.path, readOnly: options.readOnly, replica: options.replica, recentFile: recentListPath(), log: logError });
  } catch (error) {
    const message = (error as Error).message;
    // The engine's errors already name the path ("… is not a Trellis database: …").
    throw new CliError(1, message.includes(options.path) ? message : `cannot open ${options.path}: ${message}`);
  }
  const rendererDir = rendererDistDir();
  if (!existsSync(join(rendererDir, 'index.html'))) logError(`the renderer is not built (${rendererDir} has no index.html): run npm run build`);
  let web: WebHost;
  try {
    web = await startWebHost({ host, rendererDir, ...(options.port === undefined ? {} : { port: options.port }), log: logError });
  } catch (error) {
    await host.close();
    throw new CliError(1, `cannot start the web host: ${(error as Error).message}`);
  }
  closeOnSignals(async () => {
    await web.close();
    await host.close();
  });
  // e2e reads the URL from this line: keep its shape.
  const notes = [options.replica && `a replica of ${options.replica.server}`, options.readOnly && 'read-only'].filter(Boolean);
  printLine(`Trellis is serving ${host.path}${notes.length > 0 ? ` (${notes.join(', ')})` : ''} at ${web.url}`);
  printLine(STOP_HINT);
  const skip = browserSkipReason(options.openBrowser);
  if (skip === undefined) await openInBrowser(web.url, logError);
  else if (skip === 'no display') logError('no display here to open a browser on: open the address above in a browser on this machine');
}

/**
 * Closes on Ctrl+C / SIGTERM (LMDB is durable anyway; this releases readers and locks tidily): the web
 * session's database, or the server's sockets and file. A second Ctrl+C stops waiting.
 */
export function closeOnSignals(close: () => Promise<void>, report: (error: unknown) => void = (error) => logError('error while closing', error)): void {
  let closing = false;
  const onSignal = () => {
    if (closing) process.exit(130); // a second Ctrl+C: stop waiting
    closing = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        report(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
