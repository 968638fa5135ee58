import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_CANVAS_PX,
  canvasHeight,
  contentHeight,
  isScaled,
  maxOffset,
  offsetFromScrollTop,
  offsetToShow,
  pageRows,
  rowTopInViewport,
  scrollTopFromOffset,
  visibleRows,
  type RowGeometry,
} from './row-window.js';

const ROW = 28;
const HEADER = 30;
const VIEWPORT = 700;
const geometry = (rowCount: number, viewportHeight = VIEWPORT): RowGeometry => ({ rowCount, rowHeight: ROW, headerHeight: HEADER, viewportHeight });
const maxScrollTop = (g: RowGeometry) => canvasHeight(g) - g.viewportHeight;

/** A row is fully visible when it sits between the header and the viewport's bottom. */
function fullyVisible(index: number, offset: number, g: RowGeometry): boolean {
  const top = rowTopInViewport(index, offset, g);
  return top >= g.headerHeight && top + g.rowHeight <= g.viewportHeight;
}

describe('an unscaled table (100k rows)', () => {
  const g = geometry(100_000);

  it('lays out at full height, scrollTop being the offset', () => {
    expect(isScaled(g)).toBe(false);
    expect(canvasHeight(g)).toBe(HEADER + 100_000 * ROW);
    expect(offsetFromScrollTop(12_345, g)).toBe(12_345);
    expect(scrollTopFromOffset(12_345, g)).toBe(12_345);
  });

  it('shows row 0 under the header at the top, with overscan below only', () => {
    expect(visibleRows(0, g)).toEqual({ first: 0, last: Math.ceil((VIEWPORT - HEADER) / ROW) - 1 });
    expect(visibleRows(0, g, 12)).toEqual({ first: 0, last: Math.ceil((VIEWPORT - HEADER) / ROW) - 1 + 12 });
    expect(rowTopInViewport(0, 0, g)).toBe(HEADER);
  });

  it('ends with the last row at the bottom of the viewport', () => {
    const end = offsetFromScrollTop(maxScrollTop(g), g);
    expect(end).toBe(maxOffset(g));
    expect(visibleRows(end, g, 12).last).toBe(99_999);
    expect(rowTopInViewport(99_999, end, g) + ROW).toBe(VIEWPORT);
  });

  it('keeps a visible row where it is, and scrolls just enough for one outside', () => {
    expect(offsetToShow(5, 0, g, 'auto')).toBe(0);
    const down = offsetToShow(100, 0, g, 'auto');
    expect(rowTopInViewport(100, down, g) + ROW).toBe(VIEWPORT);
    const up = offsetToShow(50, 100 * ROW, g, 'auto');
    expect(rowTopInViewport(50, up, g)).toBe(HEADER);
  });

  it('centers a jump target, clamped at both ends', () => {
    const mid = offsetToShow(50_000, 0, g, 'center');
    const top = rowTopInViewport(50_000, mid, g);
    expect(Math.abs(top + ROW / 2 - (HEADER + (VIEWPORT - HEADER) / 2))).toBeLessThanOrEqual(0.5);
    expect(offsetToShow(3, 1000, g, 'center')).toBe(0);
    expect(offsetToShow(99_998, 0, g, 'center')).toBe(maxOffset(g));
  });
});

describe('a scaled table', () => {
  for (const rowCount of [1_000_000, 10_000_000, 100_000_000]) {
    const g = geometry(rowCount);

    it(`fits ${rowCount.toLocaleString('en')} rows into the canvas cap`, () => {
      expect(isScaled(g)).toBe(true);
      expect(canvasHeight(g)).toBe(MAX_CANVAS_PX);
      expect(contentHeight(g)).toBe(HEADER + rowCount * ROW);
    });

    it(`maps the top of ${rowCount.toLocaleString('en')} rows to row 0 and the bottom to the last row`, () => {
      expect(offsetFromScrollTop(0, g)).toBe(0);
      expect(visibleRows(0, g).first).toBe(0);
      expect(rowTopInViewport(0, 0, g)).toBe(HEADER);

      const end = offsetFromScrollTop(maxScrollTop(g), g);
      expect(end).toBe(maxOffset(g));
      expect(visibleRows(end, g, 12).last).toBe(rowCount - 1);
      expect(rowTopInViewport(rowCount - 1, end, g) + ROW).toBe(VIEWPORT);
      // A fractional scrollTop a little short of the end (zoom) still reaches it.
      expect(offsetFromScrollTop(maxScrollTop(g) - 0.6, g)).toBe(maxOffset(g));
    });

    it(`puts Home and End of ${rowCount.toLocaleString('en')} rows at the scrollbar's ends`, () => {
      const home = offsetToShow(0, maxOffset(g), g, 'auto');
      expect(home).toBe(0);
      expect(scrollTopFromOffset(home, g)).toBe(0);
      const end = offsetToShow(rowCount - 1, 0, g, 'auto');
      expect(end).toBe(maxOffset(g));
      expect(scrollTopFromOffset(end, g)).toBe(maxScrollTop(g));
    });

    it(`maps a scrollbar drag on ${rowCount.toLocaleString('en')} rows proportionally`, () => {
      const half = offsetFromScrollTop(maxScrollTop(g) / 2, g);
      expect(Math.abs(half - maxOffset(g) / 2)).toBeLessThanOrEqual(1);
      // Back and forth loses less than one scrollTop pixel's worth of content.
      const scale = maxOffset(g) / maxScrollTop(g);
      for (const offset of [1, 12_345, Math.floor(maxOffset(g) / 3), maxOffset(g) - 1]) {
        const back = offsetFromScrollTop(Math.round(scrollTopFromOffset(offset, g)), g);
        expect(Math.abs(back - offset)).toBeLessThanOrEqual(scale);
      }
    });

    it(`moves one row at a time with the arrow keys through ${rowCount.toLocaleString('en')} rows`, () => {
      // The offset is kept exactly (use-row-window.ts), so each step shows the next row whole.
      let offset = 0;
      for (const index of [0, 1, 30, 31, 32, rowCount - 2, rowCount - 1]) {
        offset = offsetToShow(index, offset, g, 'auto');
        expect(fullyVisible(index, offset, g)).toBe(true);
      }
      expect(offset).toBe(maxOffset(g));
    });
  }
});

describe('row window properties', () => {
  const geometries = fc.record({
    rowCount: fc.integer({ min: 1, max: 200_000_000 }),
    rowHeight: fc.integer({ min: 10, max: 60 }),
    headerHeight: fc.integer({ min: 0, max: 60 }),
    viewportHeight: fc.integer({ min: 130, max: 3000 }),
  });

  it('shows any row whole after moving to it', () => {
    fc.assert(
      fc.property(geometries, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (g, at, from) => {
        const index = Math.floor(at * (g.rowCount - 1));
        const start = Math.floor(from * maxOffset(g));
        const offset = offsetToShow(index, start, g, 'auto');
        const top = rowTopInViewport(index, offset, g);
        // Whole, unless the table is shorter than the viewport (then the offset is 0).
        expect(top >= g.headerHeight - 1e-9 && top + g.rowHeight <= Math.max(g.viewportHeight, contentHeight(g)) + 1e-9).toBe(true);
        const { first, last } = visibleRows(offset, g);
        expect(first <= index && index <= last).toBe(true);
      }),
    );
  });

  it('maps scrollTop monotonically into [0, maxOffset], exact at both ends', () => {
    fc.assert(
      fc.property(geometries, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (g, a, b) => {
        const top = Math.max(0, canvasHeight(g) - g.viewportHeight);
        const [low, high] = a <= b ? [a * top, b * top] : [b * top, a * top];
        expect(offsetFromScrollTop(low, g)).toBeLessThanOrEqual(offsetFromScrollTop(high, g));
        expect(offsetFromScrollTop(0, g)).toBe(0);
        expect(offsetFromScrollTop(top, g)).toBe(maxOffset(g));
        expect(canvasHeight(g)).toBeLessThanOrEqual(MAX_CANVAS_PX);
      }),
    );
  });

  it('renders a range that covers the viewport and no more than overscan beyond', () => {
    fc.assert(
      fc.property(geometries, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 20 }), (g, at, overscan) => {
        const offset = Math.floor(at * maxOffset(g));
        const { first, last } = visibleRows(offset, g, overscan);
        const rowsFit = Math.ceil((g.viewportHeight - g.headerHeight) / g.rowHeight) + 1;
        expect(last - first + 1).toBeLessThanOrEqual(rowsFit + 2 * overscan);
        expect(first).toBeGreaterThanOrEqual(0);
        expect(last).toBeLessThan(g.rowCount);
        // The row under the header's bottom edge and the one at the viewport's bottom are in it.
        expect(rowTopInViewport(first, offset, g)).toBeLessThanOrEqual(g.headerHeight);
        if (last < g.rowCount - 1) expect(rowTopInViewport(last, offset, g) + g.rowHeight).toBeGreaterThanOrEqual(g.viewportHeight);
      }),
    );
  });
});

describe('edge cases', () => {
  it('has no rows to show in an empty table', () => {
    const g = geometry(0);
    expect(visibleRows(0, g, 12)).toEqual({ first: 0, last: -1 });
    expect(maxOffset(g)).toBe(0);
    expect(offsetFromScrollTop(0, g)).toBe(0);
  });

  it('does not scroll a table shorter than its viewport', () => {
    const g = geometry(5);
    expect(maxOffset(g)).toBe(0);
    expect(offsetToShow(4, 0, g, 'auto')).toBe(0);
    expect(offsetToShow(4, 0, g, 'center')).toBe(0);
    expect(visibleRows(0, g, 12)).toEqual({ first: 0, last: 4 });
  });

  it('pages by the rows that fit, less one', () => {
    expect(pageRows(geometry(100, HEADER + 10 * ROW))).toBe(9);
    expect(pageRows(geometry(100, 10))).toBe(1);
  });
});
