import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Electron's binary cannot run here: BrowserWindow is faked at the module
// boundary, recording its options and the guards the window installs.
type Listener = (...args: unknown[]) => void;
class FakeWindow {
  static last: FakeWindow | undefined;
  readonly listeners = new Map<string, Listener>();
  readonly contentsListeners = new Map<string, Listener>();
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  loaded = '';
  readonly webContents = {
    on: (event: string, listener: Listener) => this.contentsListeners.set(event, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (this.openHandler = handler),
  };
  constructor(readonly options: Record<string, unknown>) {
    FakeWindow.last = this;
  }
  maximize() {}
  once(event: string, listener: Listener) {
    this.listeners.set(event, listener);
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, listener);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  getNormalBounds() {
    return { x: 5, y: 6, width: 1000, height: 700 };
  }
  isMaximized() {
    return false;
  }
}
const openExternal = vi.fn(async () => undefined);
vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  shell: { openExternal },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
}));
const { createMainWindow } = await import('./main-window.js');

const dir = mkdtempSync(join(tmpdir(), 'trellis-main-window-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createMainWindow', () => {
  const stateFile = join(dir, 'window-state.json');
  createMainWindow(stateFile);
  const window = FakeWindow.last!;

  it('isolates the page: sandbox, context isolation, no Node, web security, a CommonJS preload', () => {
    expect(window.options['webPreferences']).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String((window.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(window.loaded).toBe('app://trellis/index.html');
  });

  it('refuses navigation away from app:// and new windows', () => {
    const navigate = window.contentsListeners.get('will-navigate')!;
    const away = { preventDefault: vi.fn() };
    navigate(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const home = { preventDefault: vi.fn() };
    navigate(home, 'app://trellis/index.html');
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(window.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(window.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1); // only the https link went to the user's browser
  });

  it('saves its bounds when closed', () => {
    window.listeners.get('close')!();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: false });
  });
});
