/**
 * Which rows of a fixed-row-height table are on screen, and how the scroll
 * position maps to them. Pure arithmetic in O(1) memory, whatever the row count
 * (a layout library keeps per-row arrays: megabytes at a million rows).
 *
 * Two coordinate systems:
 * - the content offset: where the view starts in a table laid out at full
 *   height (header, then `rowCount` rows of `rowHeight`); this is what the
 *   rest of the app stores (history's `scrollTop`);
 * - the scroll element's `scrollTop` over a canvas at most `maxCanvasHeight`
 *   tall: browsers cap element heights (Chromium ~33.5M px, Firefox ~17.9M px),
 *   so a taller table is scaled into that canvas, proportionally, with both ends
 *   exact (scrollTop 0 is offset 0, the largest scrollTop the largest offset).
 */

/**
 * Below every browser's cap on an element's height, and below 2^23 px: Chromium
 * composites scroll offsets as 32-bit floats, exact to half a pixel only up to
 * there (at 15M px the end of the canvas came out a pixel off). About 285k rows
 * of 28 px; a million rows scroll 3.5 px of content per pixel of scrollTop.
 */
export const MAX_CANVAS_PX = 8_000_000;

export interface RowGeometry {
  readonly rowCount: number;
  readonly rowHeight: number;
  /** The sticky header above the rows: it covers the top of the viewport. */
  readonly headerHeight: number;
  /** The scroll element's clientHeight. */
  readonly viewportHeight: number;
  /** Defaults to MAX_CANVAS_PX. */
  readonly maxCanvasHeight?: number;
}

export interface RowRange {
  readonly first: number;
  /** Inclusive; first - 1 when there are no rows. */
  readonly last: number;
}

export type RowAlign = 'auto' | 'center';

/** The table's height at full scale. */
export function contentHeight(g: RowGeometry): number {
  return g.headerHeight + Math.max(0, g.rowCount) * g.rowHeight;
}

/** The height to give the scrolled canvas. */
export function canvasHeight(g: RowGeometry): number {
  return Math.min(contentHeight(g), g.maxCanvasHeight ?? MAX_CANVAS_PX);
}

export function isScaled(g: RowGeometry): boolean {
  return contentHeight(g) > canvasHeight(g);
}

/** The largest content offset: the last row's bottom at the viewport's bottom. */
export function maxOffset(g: RowGeometry): number {
  return Math.max(0, contentHeight(g) - g.viewportHeight);
}

function maxScrollTop(g: RowGeometry): number {
  return Math.max(0, canvasHeight(g) - g.viewportHeight);
}

export function clampOffset(offset: number, g: RowGeometry): number {
  return Math.min(maxOffset(g), Math.max(0, Math.round(offset)));
}

/** The content offset (whole pixels) shown at a scroll element's scrollTop. */
export function offsetFromScrollTop(scrollTop: number, g: RowGeometry): number {
  const top = maxScrollTop(g);
  // Within a pixel of either end is that end: scrollTop may be fractional (zoom, device pixels).
  if (scrollTop <= 0 || top === 0) return 0;
  if (scrollTop >= top - 1) return maxOffset(g);
  return clampOffset(isScaled(g) ? (scrollTop * maxOffset(g)) / top : scrollTop, g);
}

/** The scrollTop that shows a content offset (the browser may round it; keep the offset itself). */
export function scrollTopFromOffset(offset: number, g: RowGeometry): number {
  const clamped = clampOffset(offset, g);
  if (!isScaled(g)) return clamped;
  const full = maxOffset(g);
  return full === 0 ? 0 : (clamped * maxScrollTop(g)) / full;
}

/** Rows at least partly visible below the header at `offset`, widened by `overscan` on each side. */
export function visibleRows(offset: number, g: RowGeometry, overscan = 0): RowRange {
  if (g.rowCount <= 0) return { first: 0, last: -1 };
  const lastRow = g.rowCount - 1;
  const first = Math.min(lastRow, Math.max(0, Math.floor(offset / g.rowHeight)));
  const bottom = offset + g.viewportHeight - g.headerHeight;
  const last = Math.min(lastRow, Math.max(first, Math.ceil(bottom / g.rowHeight) - 1));
  return { first: Math.max(0, first - overscan), last: Math.min(lastRow, last + overscan) };
}

/** Where the top of a rendered row sits in the viewport (below the header at its own top). */
export function rowTopInViewport(index: number, offset: number, g: RowGeometry): number {
  return g.headerHeight + index * g.rowHeight - offset;
}

/** Rows that fit below the header: the step of PageUp/PageDown. */
export function pageRows(g: RowGeometry): number {
  return Math.max(1, Math.floor((g.viewportHeight - g.headerHeight) / g.rowHeight) - 1);
}

/**
 * The offset that shows row `index`: `center` puts it mid-view; `auto` keeps
 * `offset` when the row is already fully visible, else scrolls just enough.
 */
export function offsetToShow(index: number, offset: number, g: RowGeometry, align: RowAlign): number {
  const row = Math.min(Math.max(0, index), Math.max(0, g.rowCount - 1));
  const rowsHeight = g.viewportHeight - g.headerHeight;
  const top = row * g.rowHeight; // the offset that puts the row right under the header
  if (align === 'center') return clampOffset(top - (rowsHeight - g.rowHeight) / 2, g);
  if (top < offset) return clampOffset(top, g);
  const bottom = top + g.rowHeight - rowsHeight; // the offset that puts it at the bottom
  if (bottom > offset) return clampOffset(bottom, g);
  return clampOffset(offset, g);
}
