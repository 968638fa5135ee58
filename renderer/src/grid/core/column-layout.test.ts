import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAYOUT,
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
  fitWidth,
  layoutStorageKey,
  moveColumn,
  moveColumnBy,
  orderColumns,
  readLayout,
  setHidden,
  setWidths,
  visibleColumns,
  writeLayout,
  type LayoutStorage,
} from './column-layout.js';

const ids = ['key', 'value:name', 'value:email', 'value:team'];

function memoryStorage(): LayoutStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

describe('column layout persistence', () => {
  it('keeps one layout per database and tree, and reads back what was written', () => {
    const storage = memoryStorage();
    const people = layoutStorageKey('/data/a', 'people');
    const layout = setWidths(setHidden(ids, moveColumn(ids, DEFAULT_LAYOUT, 'value:team', 1), 'value:email', true), { 'value:name': 260 });
    writeLayout(storage, people, layout);
    expect(readLayout(storage, people)).toEqual(layout);
    expect(readLayout(storage, layoutStorageKey('/data/a', 'tasks'))).toEqual(DEFAULT_LAYOUT);
    expect(readLayout(storage, layoutStorageKey('/data/b', 'people'))).toEqual(DEFAULT_LAYOUT);
  });

  it('no path and tree name pair runs into another', () => {
    expect(layoutStorageKey('/a', 'b/c')).not.toBe(layoutStorageKey('/a/b', 'c'));
  });

  it('writing the default layout removes the entry (Reset columns)', () => {
    const storage = memoryStorage();
    const key = layoutStorageKey('/a', 't');
    writeLayout(storage, key, setWidths(DEFAULT_LAYOUT, { key: 100 }));
    expect(storage.entries.has(key)).toBe(true);
    writeLayout(storage, key, DEFAULT_LAYOUT);
    expect(storage.entries.has(key)).toBe(false);
  });

  it('reads a damaged or foreign entry as the default, and keeps what is usable of a partial one', () => {
    const storage = memoryStorage();
    storage.setItem('x', '{not json');
    expect(readLayout(storage, 'x')).toEqual(DEFAULT_LAYOUT);
    storage.setItem('y', JSON.stringify({ order: ['a', 3], widths: { a: 'wide', b: 10_000, c: 5 } }));
    expect(readLayout(storage, 'y')).toEqual({ order: ['a'], hidden: [], widths: { b: MAX_COLUMN_WIDTH, c: MIN_COLUMN_WIDTH } });
  });

  it('a storage that throws on write loses nothing but the memory of the layout', () => {
    const storage: LayoutStorage = { getItem: () => null, setItem: () => { throw new Error('quota'); }, removeItem: () => undefined };
    expect(() => writeLayout(storage, 'k', setWidths(DEFAULT_LAYOUT, { key: 90 }))).not.toThrow();
  });
});

describe('column order and visibility', () => {
  it('moves a column and keeps the others in schema order', () => {
    const moved = moveColumn(ids, DEFAULT_LAYOUT, 'value:team', 1);
    expect(orderColumns(ids, moved)).toEqual(['key', 'value:team', 'value:name', 'value:email']);
  });

  it('moving a column back to its schema place stores no order', () => {
    const moved = moveColumn(ids, DEFAULT_LAYOUT, 'value:team', 0);
    expect(moveColumn(ids, moved, 'value:team', 3).order).toEqual([]);
  });

  it('moves by one among visible columns, stepping over hidden ones, and not past the ends', () => {
    const hidden = setHidden(ids, DEFAULT_LAYOUT, 'value:email', true);
    const right = moveColumnBy(ids, hidden, 'value:name', 1);
    expect(visibleColumns(ids, right)).toEqual(['key', 'value:team', 'value:name']);
    expect(moveColumnBy(ids, right, 'key', -1)).toBe(right);
  });

  it('a column the schema adds later appears after its schema neighbour; one it dropped is ignored', () => {
    const layout = moveColumn(ids, DEFAULT_LAYOUT, 'key', 3); // name, email, team, key
    const newer = ['key', 'value:name', 'value:phone', 'value:team'];
    expect(orderColumns(newer, layout)).toEqual(['value:name', 'value:phone', 'value:team', 'key']);
  });

  it('hides and shows columns, but never the last visible one', () => {
    let layout = DEFAULT_LAYOUT;
    for (const id of ids) layout = setHidden(ids, layout, id, true);
    expect(visibleColumns(ids, layout)).toEqual(['value:team']);
    layout = setHidden(ids, layout, 'value:name', false);
    expect(visibleColumns(ids, layout)).toEqual(['value:name', 'value:team']);
  });
});

describe('fit to content', () => {
  it('is the widest content plus padding, within bounds', () => {
    expect(fitWidth([40.2, 120.5, 80], 17)).toBe(138);
    expect(fitWidth([], 16)).toBe(MIN_COLUMN_WIDTH);
    expect(fitWidth([5000], 16)).toBe(MAX_COLUMN_WIDTH);
  });
});
