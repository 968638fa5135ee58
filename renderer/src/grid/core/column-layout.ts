/**
 * How the user arranged a tree's columns: their order, which are hidden and
 * the widths they dragged to. Remembered per database and tree (the storage
 * key names both), so switching trees, going back or reloading finds the
 * table as it was left. Only what the user changed is stored: a column the
 * schema adds later appears in its schema place, and one it drops is ignored.
 */

export interface ColumnLayout {
  /** Column ids in the user's order; may name columns that no longer exist. */
  readonly order: readonly string[];
  readonly hidden: readonly string[];
  readonly widths: Readonly<Record<string, number>>;
  /** Path columns the user added (grid/core/path-columns.ts), by path text, in the order added; absent: none. */
  readonly paths?: readonly string[];
}

export const DEFAULT_LAYOUT: ColumnLayout = { order: [], hidden: [], widths: {} };

export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 800;

/** The storage a layout lives in: `localStorage` in the app, a map in tests. */
export type LayoutStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** One entry per database (by its path) and tree; JSON so that no path or tree name can run into another. */
export function layoutStorageKey(databasePath: string, tree: string): string {
  return `trellis.columns:${JSON.stringify([databasePath, tree])}`;
}

/** The stored layout, or the default when there is none or it does not read as one (an older or hand-edited entry). */
export function readLayout(storage: LayoutStorage, key: string): ColumnLayout {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (typeof parsed !== 'object' || parsed === null) return DEFAULT_LAYOUT;
  const { order, hidden, widths, paths } = parsed as Record<string, unknown>;
  const pathList = [...new Set(stringList(paths))].filter((path) => path.trim() !== '').slice(0, MAX_PATHS);
  return {
    ...(pathList.length > 0 ? { paths: pathList } : {}),
    order: stringList(order),
    hidden: stringList(hidden),
    widths: Object.fromEntries(
      Object.entries(typeof widths === 'object' && widths !== null ? widths : {}).flatMap(([id, width]) =>
        typeof width === 'number' && Number.isFinite(width) ? [[id, clampWidth(width)]] : [],
      ),
    ),
  };
}

/** Writes the layout; the default one removes the entry, so "Reset columns" leaves nothing behind. */
export function writeLayout(storage: LayoutStorage, key: string, layout: ColumnLayout): void {
  try {
    if (isDefault(layout)) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(layout));
  } catch {
    // A full or disabled storage: the layout lasts as long as the page does.
  }
}

export function isDefault(layout: ColumnLayout): boolean {
  return layout.order.length === 0 && layout.hidden.length === 0 && Object.keys(layout.widths).length === 0 && (layout.paths ?? []).length === 0;
}

/** Path columns a layout keeps at most (each asks the host once per block of rows drawn). */
export const MAX_PATHS = 8;

/** Adds a path column (at the end, shown); a path already there, or one past MAX_PATHS, changes nothing. */
export function addPath(layout: ColumnLayout, path: string): ColumnLayout {
  const paths = layout.paths ?? [];
  if (paths.includes(path) || paths.length >= MAX_PATHS) return layout;
  return { ...layout, paths: [...paths, path] };
}

/** Removes a path column and what the layout remembered of it (`id`: its column id). */
export function removePath(layout: ColumnLayout, path: string, id: string): ColumnLayout {
  const paths = (layout.paths ?? []).filter((other) => other !== path);
  const { [id]: _width, ...widths } = layout.widths;
  const rest = { order: layout.order.filter((other) => other !== id), hidden: layout.hidden.filter((other) => other !== id), widths };
  return paths.length > 0 ? { ...rest, paths } : rest;
}

/**
 * The schema's columns in the user's order: those the layout orders first, in its order, then
 * the rest in schema order, each at the place after the schema neighbour it follows.
 */
export function orderColumns(schemaIds: readonly string[], layout: ColumnLayout): string[] {
  const known = new Set(schemaIds);
  const ordered = layout.order.filter((id) => known.has(id));
  const placed = new Set(ordered);
  for (const [i, id] of schemaIds.entries()) {
    if (placed.has(id)) continue;
    // After the schema column before it, wherever the user moved that one; first if none.
    const before = schemaIds.slice(0, i).reverse().find((other) => placed.has(other));
    ordered.splice(before === undefined ? 0 : ordered.indexOf(before) + 1, 0, id);
    placed.add(id);
  }
  return ordered;
}

/** The visible columns, in order. */
export function visibleColumns(schemaIds: readonly string[], layout: ColumnLayout): string[] {
  const hidden = new Set(layout.hidden);
  return orderColumns(schemaIds, layout).filter((id) => !hidden.has(id));
}

/** Moves a column to another place in the full order (hidden ones included). */
export function moveColumn(schemaIds: readonly string[], layout: ColumnLayout, id: string, toIndex: number): ColumnLayout {
  const order = orderColumns(schemaIds, layout);
  const from = order.indexOf(id);
  if (from < 0) return layout;
  order.splice(from, 1);
  order.splice(Math.max(0, Math.min(order.length, toIndex)), 0, id);
  return { ...layout, order: sameOrder(order, schemaIds) ? [] : order };
}

/** Moves a column by `delta` places among the visible ones (the keyboard's way: Move left / Move right). */
export function moveColumnBy(schemaIds: readonly string[], layout: ColumnLayout, id: string, delta: number): ColumnLayout {
  const visible = visibleColumns(schemaIds, layout);
  const at = visible.indexOf(id);
  const neighbour = visible[at + delta];
  if (at < 0 || neighbour === undefined) return layout;
  return moveColumn(schemaIds, layout, id, orderColumns(schemaIds, layout).indexOf(neighbour));
}

/** Shows or hides a column; the last visible column cannot be hidden (a table with no columns has no rows to click). */
export function setHidden(schemaIds: readonly string[], layout: ColumnLayout, id: string, hidden: boolean): ColumnLayout {
  const others = layout.hidden.filter((other) => other !== id);
  if (!hidden) return { ...layout, hidden: others };
  if (visibleColumns(schemaIds, { ...layout, hidden: [...others, id] }).length === 0) return layout;
  return { ...layout, hidden: [...others, id] };
}

export function setWidths(layout: ColumnLayout, widths: Readonly<Record<string, number>>): ColumnLayout {
  return { ...layout, widths: Object.fromEntries(Object.entries(widths).map(([id, width]) => [id, clampWidth(width)])) };
}

/** The width that shows a column's widest content: measured text widths plus the cell's padding, within bounds. */
export function fitWidth(contentWidths: readonly number[], padding: number): number {
  return clampWidth(Math.ceil(Math.max(0, ...contentWidths) + padding));
}

export function clampWidth(width: number): number {
  return Math.round(Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, width)));
}

function sameOrder(order: readonly string[], schemaIds: readonly string[]): boolean {
  return order.length === schemaIds.length && order.every((id, i) => id === schemaIds[i]);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
