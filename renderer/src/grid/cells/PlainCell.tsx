/** The cell most value types draw: their text, with a class to style by type. */
import type { JSX } from 'react';

export function PlainCell({ text, kind, title }: { text: string; kind: string; title?: string }): JSX.Element {
  return (
    <span className={`cell-value cell-${kind}`} title={title ?? text}>
      {text}
    </span>
  );
}
