/**
 * The commands described in app/contract/commands.ts (which Electron's native
 * menu reads too) register in the renderer's registry as they are: every key
 * of the table, pressed, finds its command.
 */
import { describe, expect, it } from 'vitest';
import { describedCommand, MENU_COMMAND_IDS } from '../../../app/contract/commands.js';
import { CommandRegistry } from './registry.js';

/** The key event a shortcut in the registry's form (`Mod+Shift+P`) stands for, on a PC. */
function pressed(keys: string): Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'> {
  const parts = keys.split('+');
  return { key: parts.at(-1) ?? '', ctrlKey: parts.includes('Mod'), metaKey: false, altKey: parts.includes('Alt'), shiftKey: parts.includes('Shift') };
}

describe('commands shared with the native menu', () => {
  it.each(MENU_COMMAND_IDS)('%s registers with its table keys, and each of them runs it', (id) => {
    const registry = new CommandRegistry();
    registry.register({ ...describedCommand(id), run: () => undefined });
    const { keys } = describedCommand(id);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(registry.match(pressed(key), false)?.id).toBe(id);
  });
});
