import type { KeyboardEvent } from 'react';
import { describe, expect, it } from 'vitest';
import type { CellAction } from './cell-actions.js';
import { handleTableShortcut, type TableShortcutOptions } from './table-shortcuts.js';

const key = (name: string, modifiers: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}) =>
  ({ key: name, ctrlKey: modifiers.ctrl ?? false, metaKey: false, shiftKey: modifiers.shift ?? false, altKey: modifiers.alt ?? false }) as KeyboardEvent<HTMLElement>;

function setup(selectedCount = 1) {
  const ran: string[] = [];
  const action = (id: string, keys: string, disabled?: string): CellAction => ({ id, label: id, keys, ...(disabled ? { disabled } : {}), run: () => ran.push(id) });
  const options: TableShortcutOptions = {
    columnIds: ['key', 'value:a', 'value:b'],
    activeColumn: 'value:a',
    actions: [action('cell.copyValue', 'Mod+C'), action('cell.copyKey', 'Mod+Alt+C'), action('cell.filterByValue', 'Mod+Shift+F', 'no index'), action('cell.open', 'Enter')],
    selectedCount,
    setActiveColumn: (id) => ran.push(`column ${id}`),
    selectAll: () => ran.push('all'),
    copyRowsAsTsv: () => ran.push('rows tsv'),
    openMenu: () => ran.push('menu'),
  };
  return { ran, options };
}

// Not on a Mac here (navigator is absent in Node), so Mod is Ctrl.
describe('table shortcuts', () => {
  it('moves the current cell with ←/→, stopping at the ends', () => {
    const { ran, options } = setup();
    expect(handleTableShortcut(key('ArrowRight'), options)).toBe(true);
    expect(handleTableShortcut(key('ArrowLeft'), { ...options, activeColumn: 'key' })).toBe(true);
    expect(ran).toEqual(['column value:b', 'column key']);
  });

  it('Mod+C copies the cell with one row selected, the rows as TSV with several', () => {
    const one = setup(1);
    handleTableShortcut(key('c', { ctrl: true }), one.options);
    const many = setup(3);
    handleTableShortcut(key('c', { ctrl: true }), many.options);
    expect([one.ran, many.ran]).toEqual([['cell.copyValue'], ['rows tsv']]);
  });

  it('runs an action by its keys unless it is disabled, and leaves Enter and plain arrows to the row keys', () => {
    const { ran, options } = setup();
    expect(handleTableShortcut(key('c', { ctrl: true, alt: true }), options)).toBe(true);
    expect(handleTableShortcut(key('f', { ctrl: true, shift: true }), options)).toBe(true);
    expect(handleTableShortcut(key('Enter'), options)).toBe(false);
    expect(handleTableShortcut(key('ArrowDown', { shift: true }), options)).toBe(false);
    expect(handleTableShortcut(key('F2'), options)).toBe(true);
    expect(handleTableShortcut(key('a', { ctrl: true }), options)).toBe(true);
    expect(handleTableShortcut(key('F10', { shift: true }), options)).toBe(true);
    expect(ran).toEqual(['cell.copyKey', 'cell.open', 'all', 'menu']);
  });
});
