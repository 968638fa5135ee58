/**
 * A nested object or list in a cell: its one-line summary, and on hover (after
 * a short pause) a card with the whole value as JSON5, as the editor writes it.
 */
import { useEffect, useRef, useState, type JSX } from 'react';
import { createPortal } from 'react-dom';

const HOVER_DELAY_MS = 350;
const CARD_WIDTH = 360;

export function NestedCell({ kind, text, value }: { kind: string; text: string; value: unknown }): JSX.Element {
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <>
      <span
        className={`cell-value cell-${kind}`}
        data-testid="nested-cell"
        onMouseEnter={(event) => {
          const element = event.currentTarget;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => setAnchor(element.getBoundingClientRect()), HOVER_DELAY_MS);
        }}
        onMouseLeave={() => {
          clearTimeout(timer.current);
          setAnchor(null);
        }}
      >
        {text}
      </span>
      {anchor && <ValueCard value={value} anchor={anchor} />}
    </>
  );
}

function ValueCard({ value, anchor }: { value: unknown; anchor: DOMRect }): JSX.Element {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  useEffect(() => {
    let current = true;
    // The editor's JSON5 writer comes with the record panel's chunk, fetched soon after start-up.
    void import('../../editor/text/json5-text.js').then(({ toJson5 }) => current && setText(toJson5(value))).catch(() => undefined);
    return () => {
      current = false;
    };
  }, [value]);
  const left = Math.max(4, Math.min(anchor.left, window.innerWidth - CARD_WIDTH - 8));
  const below = anchor.bottom + 4;
  const style = below > window.innerHeight * 0.6 ? { left, bottom: window.innerHeight - anchor.top + 4 } : { left, top: below };
  return createPortal(
    <pre className="value-card" data-testid="value-card" role="tooltip" style={{ ...style, width: CARD_WIDTH }}>
      {text}
    </pre>,
    document.body,
  );
}
