/**
 * The preload: the only bridge between the sandboxed page and the main
 * process. It exposes `window.trellis` (the contract's PreloadBridge) and
 * nothing else: one call channel and the allow-listed event channels.
 * CommonJS, because a sandboxed preload cannot be an ES module, and only
 * `electron` may be required here, so the two names it needs from the
 * contract are written out (type-checked against it below).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS (see above)
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';
import type { EventName, PreloadBridge } from '../contract/index.js';

const { contextBridge, ipcRenderer, webUtils } = electron;

const IPC_CALL = 'trellis:call';
const EVENT_NAMES: readonly EventName[] = ['changes', 'database', 'command', 'query', 'migration', 'sync', 'lease'];
const channelOf = (event: EventName) => `trellis:event:${event}`;

const isEventName = (name: string): name is EventName => (EVENT_NAMES as readonly string[]).includes(name);

const bridge: PreloadBridge = {
  invoke: (method, args) => ipcRenderer.invoke(IPC_CALL, method, args),
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`unknown event '${event}'`);
    const channel = channelOf(event);
    // Never hand the page the IpcRendererEvent: it would reach ipcRenderer through event.sender.
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
  pathForFile: (file) => {
    try {
      return webUtils.getPathForFile(file);
    } catch {
      return '';
    }
  },
};

contextBridge.exposeInMainWorld('trellis', bridge);
