/**
 * The table's multi-row selection, by row position: sorted, disjoint,
 * inclusive ranges and the anchor that Shift extends from. Ranges, not a set
 * of rows, so that "all rows" of a million-row tree costs one pair of numbers
 * (the rows themselves are fetched only when copied, and only up to a limit).
 */

export type RowRange = readonly [first: number, last: number];

export interface RowSelection {
  readonly ranges: readonly RowRange[];
  /** Where Shift+click and Shift+arrow extend from. */
  readonly anchor: number | undefined;
}

export const NO_SELECTION: RowSelection = { ranges: [], anchor: undefined };

/** A plain click: that row alone. */
export function selectOne(index: number): RowSelection {
  return { ranges: [[index, index]], anchor: index };
}

/** Shift+click or Shift+arrow: every row from the anchor to this one, replacing the rest (as file managers do). */
export function extendTo(selection: RowSelection, index: number): RowSelection {
  const anchor = selection.anchor ?? index;
  return { ranges: [[Math.min(anchor, index), Math.max(anchor, index)]], anchor };
}

/** Mod+click: adds or removes one row, which becomes the anchor. */
export function toggle(selection: RowSelection, index: number): RowSelection {
  if (!isSelected(selection, index)) return { ranges: normalise([...selection.ranges, [index, index]]), anchor: index };
  const ranges = selection.ranges.flatMap(([first, last]): RowRange[] => {
    if (index < first || index > last) return [[first, last]];
    return [
      ...(first < index ? [[first, index - 1] as const] : []),
      ...(index < last ? [[index + 1, last] as const] : []),
    ];
  });
  return { ranges, anchor: index };
}

/** Mod+A: every row of the view, whether loaded or not. */
export function selectAll(rowCount: number): RowSelection {
  return rowCount > 0 ? { ranges: [[0, rowCount - 1]], anchor: 0 } : NO_SELECTION;
}

export function isSelected(selection: RowSelection, index: number): boolean {
  return selection.ranges.some(([first, last]) => index >= first && index <= last);
}

export function selectedCount(selection: RowSelection): number {
  return selection.ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0);
}

/** Drops what lies past the last row (the view shrank). */
export function clampSelection(selection: RowSelection, rowCount: number): RowSelection {
  const ranges = selection.ranges.flatMap(([first, last]): RowRange[] => (first < rowCount ? [[first, Math.min(last, rowCount - 1)]] : []));
  return { ranges, anchor: selection.anchor !== undefined && selection.anchor < rowCount ? selection.anchor : undefined };
}

/** Sorted, with overlapping and touching ranges merged. */
function normalise(ranges: readonly RowRange[]): RowRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [first, last] of sorted) {
    const previous = out.at(-1);
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else out.push([first, last]);
  }
  return out;
}
