/**
 * A small layer over the table at a point (a context menu, the column menu):
 * kept inside the window, closed by Escape or a press outside it, and given
 * the keyboard on opening (its first control) so that it can be used without
 * a mouse. Whoever opened it gets focus back through onClose.
 */
import { useEffect, useLayoutEffect, useRef, useState, type JSX, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const MARGIN = 4;

export interface FloatingLayerProps {
  readonly x: number;
  readonly y: number;
  readonly role: 'menu' | 'dialog';
  readonly label: string;
  readonly testId: string;
  readonly children: ReactNode;
  onClose(): void;
}

export function FloatingLayer({ x, y, role, label, testId, children, onClose }: FloatingLayerProps): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ left: x, top: y });

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const { width, height } = element.getBoundingClientRect();
    setPlace({ left: Math.max(MARGIN, Math.min(x, window.innerWidth - width - MARGIN)), top: Math.max(MARGIN, Math.min(y, window.innerHeight - height - MARGIN)) });
    element.querySelector<HTMLElement>('button:not([disabled]), input, [tabindex="0"]')?.focus();
  }, [x, y]);

  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) close.current();
    };
    window.addEventListener('pointerdown', outside, true);
    return () => window.removeEventListener('pointerdown', outside, true);
  }, []);

  return createPortal(
    <div
      ref={ref}
      className="floating-layer"
      role={role}
      aria-label={label}
      data-testid={testId}
      style={place}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        } else if (role === 'menu' && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
          event.preventDefault();
          moveFocus(event.currentTarget, event.key === 'ArrowDown' ? 1 : -1);
        }
      }}
    >
      {children}
    </div>,
    document.body,
  );
}

/** Arrow keys walk a menu's enabled items, round the ends. */
function moveFocus(menu: HTMLElement, step: number): void {
  const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])')];
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  items[(at + step + items.length) % items.length]?.focus();
}
