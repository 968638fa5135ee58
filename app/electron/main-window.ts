/**
 * The one main window: sandboxed, context-isolated, no Node in the page,
 * loading only app://trellis/. Navigation away and new windows are refused
 * (links to the web are for the user's browser), and the window's bounds are
 * remembered between runs.
 */
import { BrowserWindow, screen, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { APP_ENTRY, APP_ORIGIN } from './app-protocol.js';
import { loadWindowState, saveWindowState, type WindowState } from './window-state.js';

/** The preload is CommonJS: a sandboxed preload cannot be an ES module. */
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

export function createMainWindow(stateFile: string): BrowserWindow {
  const state = visibleState(loadWindowState(stateFile));
  const window = new BrowserWindow({
    ...state,
    minWidth: 640,
    minHeight: 400,
    show: false,
    title: 'Trellis',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => saveWindowState(stateFile, currentState(window)));

  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(APP_ENTRY);
  return window;
}

function currentState(window: BrowserWindow): WindowState {
  // getNormalBounds: the size to restore to, not the maximized one.
  const bounds = window.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
}

/** Drops a saved position that is on no screen any more (a monitor was unplugged). */
function visibleState(state: WindowState): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const onScreen = screen.getAllDisplays().some(({ workArea: a }) => x >= a.x - 50 && y >= a.y - 50 && x < a.x + a.width - 100 && y < a.y + a.height - 100);
  return onScreen ? state : { width: state.width, height: state.height, maximized: state.maximized };
}
