/**
 * The record panel's left edge, dragged to resize the panel; the width is
 * remembered (localStorage) for every tree and database, double-click goes
 * back to the default. Not a tab stop: the tab order runs table → panel.
 */
import { useState, type JSX, type PointerEvent } from 'react';

const STORAGE_KEY = 'trellis.recordPanelWidth';
const MIN_WIDTH = 360;
/** The table keeps at least this much of the window. */
const MIN_TABLE = 240;

export function usePanelWidth(): [number | undefined, (width: number | undefined) => void] {
  const [width, setWidth] = useState<number | undefined>(() => {
    const stored = Number(safeStorage()?.getItem(STORAGE_KEY));
    return Number.isFinite(stored) && stored >= MIN_WIDTH ? stored : undefined;
  });
  const set = (next: number | undefined) => {
    setWidth(next);
    try {
      if (next === undefined) safeStorage()?.removeItem(STORAGE_KEY);
      else safeStorage()?.setItem(STORAGE_KEY, String(next));
    } catch {
      // Storage full or disabled: the width lasts as long as the page.
    }
  };
  return [width, set];
}

export function PanelResizer({ onResize }: { onResize(width: number | undefined): void }): JSX.Element {
  const [dragging, setDragging] = useState(false);
  const move = (event: PointerEvent<HTMLDivElement>) => {
    if (!dragging) return;
    const right = event.currentTarget.parentElement?.getBoundingClientRect().right ?? window.innerWidth;
    const max = Math.max(MIN_WIDTH, (event.currentTarget.parentElement?.clientWidth ?? window.innerWidth) - MIN_TABLE);
    onResize(Math.round(Math.max(MIN_WIDTH, Math.min(max, right - event.clientX))));
  };
  return (
    <div
      className={`panel-resizer${dragging ? ' resizing' : ''}`}
      data-testid="panel-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize record panel"
      title="Drag to resize, double-click for the default width"
      onPointerDown={(event) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        setDragging(true);
      }}
      onPointerMove={move}
      onPointerUp={() => setDragging(false)}
      onPointerCancel={() => setDragging(false)}
      onDoubleClick={() => onResize(undefined)}
    />
  );
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
