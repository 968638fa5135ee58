import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { IPC_CALL } from '../contract/index.js';

// Electron's binary cannot run here: ipcMain is faked at the module boundary,
// and the handler registered by the bridge is called as Electron would call it.
const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));
const { bridgeIpc } = await import('./ipc-bridge.js');

function fakeWindow() {
  const mainFrame = { url: 'app://trellis/index.html' };
  const webContents = { mainFrame, send: vi.fn() };
  return { window: { webContents, isDestroyed: () => false } as unknown as BrowserWindow, webContents, mainFrame };
}

function fakeHost() {
  const listeners = new Map<string, (payload: unknown) => void>();
  return {
    listeners,
    host: {
      handle: vi.fn(async (method: unknown) => ({ ok: true as const, result: { method } })),
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    },
  };
}

describe('bridgeIpc', () => {
  beforeEach(() => handlers.clear());

  it('forwards calls from our main frame on app:// to the host', async () => {
    const { window, webContents, mainFrame } = fakeWindow();
    const { host } = fakeHost();
    bridgeIpc(host as never, window);
    const call = handlers.get(IPC_CALL);
    const answer = await call?.({ sender: webContents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent, 'database.info', {});
    expect(answer).toEqual({ ok: true, result: { method: 'database.info' } });
    expect(host.handle).toHaveBeenCalledWith('database.info', {});
  });

  it('answers FORBIDDEN to a subframe, another page, another origin, or a vanished frame', async () => {
    const { window, webContents, mainFrame } = fakeWindow();
    const { host } = fakeHost();
    bridgeIpc(host as never, window);
    const call = handlers.get(IPC_CALL);
    const senders = [
      { sender: webContents, senderFrame: { url: 'app://trellis/index.html' } }, // an iframe
      { sender: { mainFrame }, senderFrame: mainFrame }, // another webContents
      { sender: webContents, senderFrame: null },
    ];
    for (const event of senders) {
      expect(await call?.(event as unknown as IpcMainInvokeEvent, 'database.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    mainFrame.url = 'https://evil.example/';
    expect(await call?.({ sender: webContents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent, 'database.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(host.handle).not.toHaveBeenCalled();
  });

  it('sends host events on their own channels, and stops when disposed', () => {
    const { window, webContents } = fakeWindow();
    const { host, listeners } = fakeHost();
    const stop = bridgeIpc(host as never, window);
    listeners.get('command')?.({ id: 'palette.open' });
    expect(webContents.send).toHaveBeenCalledWith('trellis:event:command', { id: 'palette.open' });
    stop();
    expect(listeners.size).toBe(0);
    expect(handlers.has(IPC_CALL)).toBe(false);
  });
});
