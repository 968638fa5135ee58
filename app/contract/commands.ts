/**
 * The commands that Electron's native menu shows as well as the renderer's
 * command registry: described once here, read by the renderer when it
 * registers them (their `run` stays in the renderer) and by app/electron's
 * menu, which turns the keys into accelerators. Plain data, browser-safe.
 *
 * Keys are in the registry's form (`Mod+S`, `Alt+ArrowLeft`): `Mod` is Cmd on
 * macOS and Ctrl elsewhere.
 */

export interface CommandDescription {
  readonly label: string;
  /** The renderer's menu group ('File', 'Edit', 'Record', 'Go', 'View'). */
  readonly group: string;
  /** The registry's shortcuts; menus show the first. */
  readonly keys: readonly string[];
  /**
   * The one shortcut a native menu item shows, when it is not `keys[0]`, or
   * one per platform where macOS has its own convention (Cmd+[ for Back).
   */
  readonly menuKey?: string | { readonly mac: string; readonly other: string };
}

export const MENU_COMMANDS = {
  'file.open': { label: 'Open…', group: 'File', keys: ['Mod+O'] },
  'nav.back': { label: 'Back', group: 'Go', keys: ['Alt+ArrowLeft'], menuKey: { mac: 'Mod+[', other: 'Alt+ArrowLeft' } },
  'nav.forward': { label: 'Forward', group: 'Go', keys: ['Alt+ArrowRight'], menuKey: { mac: 'Mod+]', other: 'Alt+ArrowRight' } },
  'palette.open': { label: 'Command Palette…', group: 'View', keys: ['Mod+K', 'Mod+Shift+P'], menuKey: 'Mod+Shift+P' },
  // Undo and redo of this window's writes (the renderer labels them "Undo Save tasks/3"); in a text field or
  // the record editor the keys stay the field's own text undo.
  'edit.undo': { label: 'Undo Change', group: 'Edit', keys: ['Mod+Z'] },
  'edit.redo': { label: 'Redo Change', group: 'Edit', keys: ['Mod+Shift+Z', 'Mod+Y'] },
} as const satisfies Record<string, CommandDescription>;

export type MenuCommandId = keyof typeof MENU_COMMANDS;
export const MENU_COMMAND_IDS = Object.keys(MENU_COMMANDS) as MenuCommandId[];

/** A command's id, label, group and keys, ready to spread into a registry entry beside its `run`. */
export function describedCommand(id: MenuCommandId): { readonly id: MenuCommandId; readonly label: string; readonly group: string; readonly keys: readonly string[] } {
  const { label, group, keys } = MENU_COMMANDS[id];
  return { id, label, group, keys };
}
