/**
 * Keyboard navigation in the table: arrows, PageUp/PageDown, Home/End move
 * the selection (the table scrolls to keep it visible), with Shift they extend
 * it; Enter opens it.
 */
import type { KeyboardEvent } from 'react';

interface TableKeysOptions {
  readonly rowCount: number;
  readonly selectedIndex: number | undefined;
  /** Rows that fit in the viewport, for paging. */
  readonly pageRows: number;
  moveTo(index: number, extend: boolean): void;
  open(): void;
}

export function tableKeyHandler({ rowCount, selectedIndex, pageRows, moveTo, open }: TableKeysOptions) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const current = selectedIndex ?? -1;
    const last = rowCount - 1;
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = current + 1;
        break;
      case 'ArrowUp':
        next = current - 1;
        break;
      case 'PageDown':
        next = current + pageRows;
        break;
      case 'PageUp':
        next = current - pageRows;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Enter':
        if (event.shiftKey) return;
        event.preventDefault();
        if (selectedIndex !== undefined) open();
        return;
      default:
        return;
    }
    event.preventDefault();
    if (last < 0) return;
    moveTo(Math.max(0, Math.min(last, next)), event.shiftKey);
  };
}
