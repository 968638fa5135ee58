/**
 * The native menu as a template, without touching Electron (so tests run it
 * under plain Node). Items that act on the database go through the host (File ›
 * Open, Open Recent); items that are the renderer's business (back, forward,
 * the palette) send it a `command` event for its command registry to run.
 * Labels and shortcuts of the commands come from app/contract/commands.ts,
 * the table the renderer's registry reads too.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS, type MenuCommandId } from '../contract/commands.js';

export interface MenuActions {
  /** File › Open…: pick a folder and open it. */
  openDatabase(): void;
  openRecent(path: string): void;
  recentPaths(): readonly string[];
  /** Asks the renderer to run a command of its registry ('nav.back', 'nav.forward', 'palette.open'). */
  runCommand(id: MenuCommandId): void;
}

/** Electron's names for the keys the registry writes as the browser's `KeyboardEvent.key`. */
const ELECTRON_KEY_NAMES: Readonly<Record<string, string>> = { ArrowLeft: 'Left', ArrowRight: 'Right', ArrowUp: 'Up', ArrowDown: 'Down' };

/**
 * A registry shortcut (`Mod+Shift+P`) as an Electron accelerator. `Mod` is
 * CmdOrCtrl for a key shared by every platform; a key meant for one platform
 * says that platform's modifier (Cmd on macOS, Ctrl elsewhere).
 */
export function toAccelerator(keys: string, mod: 'CmdOrCtrl' | 'Cmd' | 'Ctrl'): string {
  return keys
    .split('+')
    .map((part) => (part === 'Mod' ? mod : (ELECTRON_KEY_NAMES[part] ?? part)))
    .join('+');
}

/** The accelerator of a command on this platform, from its table entry. */
export function commandAccelerator(id: MenuCommandId, isMac: boolean): string | undefined {
  const command: (typeof MENU_COMMANDS)[MenuCommandId] = MENU_COMMANDS[id];
  const menuKey = 'menuKey' in command ? command.menuKey : command.keys[0];
  if (menuKey === undefined) return undefined;
  if (typeof menuKey === 'string') return toAccelerator(menuKey, 'CmdOrCtrl');
  return isMac ? toAccelerator(menuKey.mac, 'Cmd') : toAccelerator(menuKey.other, 'Ctrl');
}

/** A menu item for a command of the table: its label and accelerator, and what a click does. */
function commandItem(id: MenuCommandId, isMac: boolean, click: () => void): MenuItemConstructorOptions {
  const accelerator = commandAccelerator(id, isMac);
  return { label: MENU_COMMANDS[id].label, ...(accelerator === undefined ? {} : { accelerator }), click };
}

export function menuTemplate(actions: MenuActions, isMac: boolean): MenuItemConstructorOptions[] {
  const recent = actions.recentPaths();
  const rendererCommand = (id: MenuCommandId) => commandItem(id, isMac, () => actions.runCommand(id));
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      // The desktop app shows the system's folder picker from the main process, not the renderer's dialog.
      commandItem('file.open', isMac, () => actions.openDatabase()),
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
    submenu: [rendererCommand('nav.back'), rendererCommand('nav.forward'), { type: 'separator' }, rendererCommand('palette.open')],
  };
  // Text editing keeps the system's roles and their keys; the window's own undo of changes to records runs the
  // renderer's commands, without accelerators of their own (Mod+Z reaches the page, which decides by focus).
  const rendererCommandWithoutKeys = (id: MenuCommandId): MenuItemConstructorOptions => ({ label: MENU_COMMANDS[id].label, click: () => actions.runCommand(id) });
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      rendererCommandWithoutKeys('edit.undo'),
      rendererCommandWithoutKeys('edit.redo'),
    ],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    edit,
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
