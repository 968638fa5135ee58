/**
 * The native menu. Items that act on the database go through the host (File ›
 * Open, Open Recent); items that are the renderer's business (back, forward,
 * the palette) send it a `command` event for its command registry to run.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** File › Open…: pick a folder and open it. */
  openDatabase(): void;
  openRecent(path: string): void;
  recentPaths(): readonly string[];
  /** Asks the renderer to run a command of its registry ('nav.back', 'nav.forward', 'palette.open'). */
  runCommand(id: string): void;
}

const isMac = process.platform === 'darwin';

export function installMenu(actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions)));
}

export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const recent = actions.recentPaths();
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openDatabase() },
      {
        label: 'Open Recent',
        submenu: recent.length > 0 ? recent.map((path) => ({ label: path, click: () => actions.openRecent(path) })) : [{ label: 'No recent databases', enabled: false }],
      },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const go: MenuItemConstructorOptions = {
    label: '&Go',
    submenu: [
      { label: 'Back', accelerator: isMac ? 'Cmd+[' : 'Alt+Left', click: () => actions.runCommand('nav.back') },
      { label: 'Forward', accelerator: isMac ? 'Cmd+]' : 'Alt+Right', click: () => actions.runCommand('nav.forward') },
      { type: 'separator' },
      { label: 'Command Palette…', accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.runCommand('palette.open') },
    ],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    go,
    { role: 'windowMenu' },
  ];
}
