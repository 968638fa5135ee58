/**
 * The scroll state of the records table: the content offset (row-window.ts) is
 * the truth, and the scroll element's scrollTop follows it. A scroll the user
 * makes (scrollbar, touch, wheel on an unscaled canvas) sets the offset from
 * scrollTop; a scroll the table makes (a key, a jump, the wheel on a scaled
 * canvas) sets the offset exactly and scrollTop to match, so where one pixel of
 * scrollTop is several of content, keyboard moves stay exact.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject, type UIEvent } from 'react';
import { clampOffset, isScaled, maxOffset, offsetFromScrollTop, offsetToShow, scrollTopFromOffset, type RowAlign, type RowGeometry } from './core/row-window.js';

export interface RowWindowOptions {
  readonly rowCount: number;
  readonly rowHeight: number;
  readonly headerHeight: number;
  /** A content offset to start at (a history entry's). */
  readonly initialOffset: number | undefined;
  /** Called with the content offset after every scroll, the user's or the table's. */
  onScroll(offset: number): void;
}

export interface RowWindow {
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly geometry: RowGeometry;
  readonly offset: number;
  readonly handleScroll: (event: UIEvent<HTMLElement>) => void;
  scrollToRow(index: number, align: RowAlign): void;
}

export function useRowWindow({ rowCount, rowHeight, headerHeight, initialOffset, onScroll }: RowWindowOptions): RowWindow {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewportHeight, setViewportHeight] = useState(0);
  const [offset, setOffset] = useState(() => Math.max(0, Math.round(initialOffset ?? 0)));
  const geometry: RowGeometry = { rowCount, rowHeight, headerHeight, viewportHeight };
  const latest = useRef({ geometry, offset, onScroll });
  latest.current = { geometry, offset, onScroll };
  /** The scrollTop the table itself last set: its scroll event is not the user's. */
  const ownScrollTop = useRef<number | undefined>(undefined);
  /**
   * The offset to come back to (Back into a view) while the canvas is still too short for it: a
   * query's rows arrive as it reads, and clamping at once would lose the place. Kept until the
   * canvas can hold it or the user scrolls.
   */
  const wanted = useRef<number | undefined>(initialOffset);
  /**
   * Whether the view shows the last row at its bottom, judged with the geometry each offset was set
   * with (the user's scroll or the table's): a view at the end stays at the end when the viewport
   * changes under it. Judging later against a remembered geometry lost the end when an offset had
   * been set with a viewport height the layout effect had not seen (End pressed as the toolbar wrapped).
   */
  const atEnd = useRef(false);
  /** The row count the view was last laid out for: rows added or removed do not pull the view to the end. */
  const laidOutRows = useRef<number | undefined>(undefined);

  /** Moves the offset and scrollTop together. */
  const apply = useCallback((next: number, element: HTMLElement, g: RowGeometry): void => {
    const target = clampOffset(next, g);
    atEnd.current = target > 0 && target >= maxOffset(g);
    const top = scrollTopFromOffset(target, g);
    if (Math.abs(element.scrollTop - top) >= 1) {
      element.scrollTop = top;
      ownScrollTop.current = element.scrollTop;
    }
    if (target !== latest.current.offset) {
      latest.current.offset = target;
      setOffset(target);
      latest.current.onScroll(target);
    }
  }, []);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return undefined;
    const measure = () => setViewportHeight(viewportHeightOf(element));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Whenever the canvas changes (rows added or removed, the viewport resized, and first of all
  // on mount), keep the offset, within bounds, and put scrollTop where it now maps to: on a
  // scaled canvas the same scrollTop would show other rows.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || viewportHeight === 0) return;
    const g = latest.current.geometry;
    const sameRows = laidOutRows.current === g.rowCount;
    laidOutRows.current = g.rowCount;
    // The last row stays in view when the viewport shrinks under it (a toolbar wrapping onto a
    // second line as the record panel opens): End then still shows the end.
    const stayAtEnd = sameRows && atEnd.current;
    const target = wanted.current ?? (stayAtEnd ? Number.MAX_SAFE_INTEGER : latest.current.offset);
    if (wanted.current !== undefined && clampOffset(target, g) === target) wanted.current = undefined;
    apply(target, element, g);
  }, [rowCount, rowHeight, headerHeight, viewportHeight, apply]);

  // On a scaled canvas the browser's wheel scroll would move the content several times the
  // wheel's distance: move the offset by that distance instead (the scrollbar stays proportional).
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return undefined;
    const onWheel = (event: WheelEvent) => {
      const g = latest.current.geometry;
      if (!isScaled(g) || event.ctrlKey || Math.abs(event.deltaY) <= Math.abs(event.deltaX)) return;
      event.preventDefault();
      const unit = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? g.rowHeight : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? g.viewportHeight - g.headerHeight : 1;
      if (event.deltaX) element.scrollLeft += event.deltaX * unit;
      apply(latest.current.offset + event.deltaY * unit, element, g);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [apply]);

  const handleScroll = useCallback((event: UIEvent<HTMLElement>) => {
    const element = event.currentTarget;
    const own = ownScrollTop.current;
    if (own !== undefined && Math.abs(element.scrollTop - own) < 0.5) return;
    ownScrollTop.current = undefined;
    wanted.current = undefined;
    const g = latest.current.geometry;
    const next = offsetFromScrollTop(element.scrollTop, g);
    atEnd.current = next > 0 && next >= maxOffset(g);
    if (next === latest.current.offset) return;
    latest.current.offset = next;
    setOffset(next);
    latest.current.onScroll(next);
  }, []);

  const scrollToRow = useCallback(
    (index: number, align: RowAlign) => {
      const element = scrollRef.current;
      if (!element) return;
      // Measured now: the viewport may have changed since the last render (the record panel's
      // toolbar wrapping as a key is pressed), and a row shown for a stale height can sit under the edge.
      const g = { ...latest.current.geometry, viewportHeight: viewportHeightOf(element) || latest.current.geometry.viewportHeight };
      wanted.current = undefined;
      apply(offsetToShow(index, latest.current.offset, g, align), element, g);
    },
    [apply],
  );

  return { scrollRef, geometry, offset, handleScroll, scrollToRow };
}

/**
 * The height rows can show in, in whole pixels, rounded down: layout heights can be fractional and
 * clientHeight rounds them up as often as not; a window a pixel taller than the viewport gets pushed
 * up by its sticky bound at the end of the canvas, and a last row laid out to a rounded-up bottom
 * is cut.
 */
function viewportHeightOf(element: HTMLElement): number {
  const frame = element.offsetHeight - element.clientHeight; // borders and a horizontal scrollbar
  return Math.max(0, Math.floor(element.getBoundingClientRect().height) - frame);
}
