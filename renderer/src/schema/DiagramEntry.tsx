/** The sidebar's way to the diagram of the whole database, above the tree list. */
import type { JSX } from 'react';
import './schema-entry.css';

export function DiagramEntry({ current, onOpen }: { current: boolean; onOpen(): void }): JSX.Element {
  return (
    <button type="button" className={`diagram-entry${current ? ' current' : ''}`} data-testid="schema-diagram-entry" aria-pressed={current} onClick={onOpen} title="Every tree and the references between them">
      <span aria-hidden="true" className="diagram-entry-icon">
        ⬚→⬚
      </span>
      Schema diagram
    </button>
  );
}
