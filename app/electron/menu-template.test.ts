/**
 * The native menu's command items come from app/contract/commands.ts: today's
 * labels and accelerators on each platform, and a changed table entry changes
 * the menu (so nothing here restates them).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Commands from '../contract/commands.js';
import { menuTemplate, toAccelerator, type MenuActions } from './menu-template.js';

function recordingActions(): MenuActions & { ran: string[] } {
  const ran: string[] = [];
  return { ran, openDatabase: () => ran.push('openDatabase'), openRecent: (path) => ran.push(`openRecent ${path}`), recentPaths: () => [], runCommand: (id) => ran.push(id) };
}

/** The items of the submenu labelled `label`, as label → accelerator, separators as '-'. */
function itemsOf(template: MenuItemConstructorOptions[], label: string): string[] {
  const menu = template.find((item) => item.label === label);
  const submenu = (menu?.submenu ?? []) as MenuItemConstructorOptions[];
  return submenu.map((item) => (item.type === 'separator' ? '-' : `${item.label ?? item.role} ${item.accelerator ?? ''}`.trim()));
}

describe('native menu template', () => {
  afterEach(() => {
    vi.doUnmock('../contract/commands.js');
    vi.resetModules();
  });

  it.each([
    [true, ['Back Cmd+[', 'Forward Cmd+]', '-', 'Command Palette… CmdOrCtrl+Shift+P']],
    [false, ['Back Alt+Left', 'Forward Alt+Right', '-', 'Command Palette… CmdOrCtrl+Shift+P']],
  ])('Go menu on macOS=%s', (isMac, expected) => {
    expect(itemsOf(menuTemplate(recordingActions(), isMac), '&Go')).toEqual(expected);
  });

  it.each([
    [true, ['Open… CmdOrCtrl+O', 'Open Recent', '-', 'close']],
    [false, ['Open… CmdOrCtrl+O', 'Open Recent', '-', 'quit']],
  ])('File menu on macOS=%s', (isMac, expected) => {
    expect(itemsOf(menuTemplate(recordingActions(), isMac), '&File')).toEqual(expected);
  });

  it('asks the renderer to run the Go items by their table ids, and opens databases in the main process', () => {
    const actions = recordingActions();
    const template = menuTemplate(actions, false);
    for (const menu of ['&Go', '&File']) {
      const submenu = template.find((item) => item.label === menu)?.submenu as MenuItemConstructorOptions[];
      for (const item of submenu) if (item.label !== 'Open Recent') item.click?.(undefined as never, undefined, undefined as never);
    }
    expect(actions.ran).toEqual(['nav.back', 'nav.forward', 'palette.open', 'openDatabase']);
  });

  it('follows the command table when it changes', async () => {
    vi.doMock('../contract/commands.js', async (importOriginal) => {
      const real = await importOriginal<typeof Commands>();
      return {
        ...real,
        MENU_COMMANDS: {
          ...real.MENU_COMMANDS,
          'nav.back': { label: 'Step Back', group: 'Go', keys: ['Alt+ArrowUp'] },
          'palette.open': { label: 'Palette', group: 'View', keys: ['Mod+Shift+K'] },
        },
      };
    });
    vi.resetModules();
    const { menuTemplate: changedTemplate } = await import('./menu-template.js');
    expect(itemsOf(changedTemplate(recordingActions(), true), '&Go')).toEqual(['Step Back Alt+Up', 'Forward Cmd+]', '-', 'Palette CmdOrCtrl+Shift+K']);
  });

  it('writes registry keys as Electron accelerators', () => {
    expect(toAccelerator('Mod+Shift+P', 'CmdOrCtrl')).toBe('CmdOrCtrl+Shift+P');
    expect(toAccelerator('Alt+ArrowLeft', 'Ctrl')).toBe('Alt+Left');
    expect(toAccelerator('Mod+[', 'Cmd')).toBe('Cmd+[');
    expect(toAccelerator('Escape', 'CmdOrCtrl')).toBe('Escape');
  });
});
