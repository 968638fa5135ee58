import { describe, expect, it } from 'vitest';
import { NO_SELECTION, clampSelection, extendTo, isSelected, selectAll, selectOne, selectedCount, toggle } from './row-selection.js';

describe('row selection', () => {
  it('a click selects one row; Shift extends from it either way, replacing the range', () => {
    const one = selectOne(5);
    expect(extendTo(one, 9).ranges).toEqual([[5, 9]]);
    expect(extendTo(extendTo(one, 9), 2).ranges).toEqual([[2, 5]]);
    expect(extendTo(NO_SELECTION, 4)).toEqual({ ranges: [[4, 4]], anchor: 4 });
  });

  it('Mod+click adds and removes single rows, merging neighbours and splitting ranges', () => {
    let selection = extendTo(selectOne(2), 6); // 2..6
    selection = toggle(selection, 7);
    expect(selection.ranges).toEqual([[2, 7]]);
    selection = toggle(selection, 4);
    expect(selection.ranges).toEqual([[2, 3], [5, 7]]);
    expect(isSelected(selection, 4)).toBe(false);
    expect(selectedCount(selection)).toBe(5);
    selection = toggle(selection, 10);
    expect(selection.ranges).toEqual([[2, 3], [5, 7], [10, 10]]);
    expect(selection.anchor).toBe(10);
    expect(extendTo(selection, 12).ranges).toEqual([[10, 12]]);
  });

  it('Mod+A covers every row as one range, however many', () => {
    const all = selectAll(1_000_000);
    expect(all.ranges).toEqual([[0, 999_999]]);
    expect(selectedCount(all)).toBe(1_000_000);
    expect(selectAll(0)).toEqual(NO_SELECTION);
  });

  it('a view that shrinks drops the rows past its end', () => {
    const selection = toggle(extendTo(selectOne(2), 6), 20);
    expect(clampSelection(selection, 5)).toEqual({ ranges: [[2, 4]], anchor: undefined });
  });
});
