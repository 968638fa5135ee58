/**
 * Installs the native menu (menu-template.ts builds it without Electron).
 */
import { Menu } from 'electron';
import { menuTemplate, type MenuActions } from './menu-template.js';

export type { MenuActions };

export function installMenu(actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, process.platform === 'darwin')));
}
