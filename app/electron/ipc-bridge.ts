/**
 * The IPC side of the contract: one `invoke` channel answered by the host,
 * and one channel per host event. Only our own page in our main window's main
 * frame may call; anything else (an iframe, a page that got there somehow)
 * gets FORBIDDEN.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES, IPC_CALL, ipcEventChannel } from '../contract/index.js';
import type { Host } from '../host/index.js';
import { APP_HOST, APP_SCHEME } from './app-protocol.js';

export function bridgeIpc(host: Pick<Host, 'handle' | 'on'>, window: BrowserWindow): () => void {
  ipcMain.handle(IPC_CALL, async (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event, window)) return { ok: false, error: { code: 'FORBIDDEN', message: 'calls are accepted only from the Trellis window' } };
    return host.handle(method, args);
  });
  const stops = EVENT_NAMES.map((name) =>
    host.on(name, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(ipcEventChannel(name), payload);
    }),
  );
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    stops.forEach((stop) => stop());
  };
}

function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  if (frame === null || window.isDestroyed()) return false;
  return event.sender === window.webContents && frame === window.webContents.mainFrame && isAppUrl(frame.url);
}

/** Compared by parts: Node's URL gives custom schemes the origin 'null', so `origin` cannot be compared. */
function isAppUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
