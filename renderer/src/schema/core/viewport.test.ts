import { describe, expect, it } from 'vitest';
import { fitViewport, MAX_SCALE, MIN_SCALE, panBy, zoomAt } from './viewport.js';

describe('diagram viewport', () => {
  it('fits a large diagram into the view, centred, and keeps a small one at its own size', () => {
    expect(fitViewport({ width: 2000, height: 500 }, { width: 1000, height: 800 })).toEqual({ scale: 0.5, x: 0, y: 275 });
    expect(fitViewport({ width: 400, height: 200 }, { width: 1000, height: 800 })).toEqual({ scale: 1, x: 300, y: 300 });
    expect(fitViewport({ width: 0, height: 0 }, { width: 1000, height: 800 })).toEqual({ scale: 1, x: 0, y: 0 });
    expect(fitViewport({ width: 100_000, height: 100 }, { width: 1000, height: 800 }).scale).toBe(MIN_SCALE);
  });

  it('zooms around the pointer: the point under it stays put, within the scale limits', () => {
    const start = { scale: 1, x: 10, y: 20 };
    const zoomed = zoomAt(start, 2, 110, 220);
    // Diagram point (100, 200) was under (110, 220) and still is.
    expect(100 * zoomed.scale + zoomed.x).toBeCloseTo(110);
    expect(200 * zoomed.scale + zoomed.y).toBeCloseTo(220);
    expect(zoomAt(start, 100, 0, 0).scale).toBe(MAX_SCALE);
    expect(panBy(start, 5, -5)).toEqual({ scale: 1, x: 15, y: 15 });
  });
});
