import { describe, expect, it } from 'vitest';
import type { Command } from '../commands/registry.js';
import { groupCommands } from './MenuBar.js';
import { shortcutLabel } from './shortcut-label.js';

describe('menu model', () => {
  it('orders groups File, Edit, Record, Go, View, then the rest', () => {
    const command = (id: string, group: string): Command => ({ id, label: id, group, run: () => undefined });
    const groups = groupCommands([command('a', 'View'), command('b', 'Zed'), command('c', 'File'), command('d', 'Go'), command('e', 'File')]);
    expect(groups.map(([group, items]) => `${group}:${items.map((c) => c.id).join('')}`)).toEqual(['File:ce', 'Go:d', 'View:a', 'Zed:b']);
  });

  it('writes shortcuts the platform way', () => {
    expect(shortcutLabel('Mod+Shift+P', true)).toBe('⌘⇧P');
    expect(shortcutLabel('Mod+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(shortcutLabel('Alt+ArrowLeft', false)).toBe('Alt+←');
  });
});
