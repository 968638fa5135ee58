/** A stored value that does not decode: what is wrong, and the entry as it came, read-only. */
import type { JSX } from 'react';
import type { RecordEntry } from '../../../app/contract/index.js';

export function BrokenEntry({ entry }: { readonly entry: RecordEntry }): JSX.Element {
  return (
    <section className="editor-broken" data-testid="editor-broken">
      <p>This record’s stored value does not decode, so it cannot be edited here. You can still delete it.</p>
      <ul className="editor-problems" data-testid="editor-problems">
        {(entry.problems ?? []).map((p, i) => (
          <li key={i} className="editor-problem" data-testid="editor-problem" data-line={1} data-column={1}>
            <code>{p.path || '(whole value)'}</code> {p.message}
          </li>
        ))}
      </ul>
      <pre className="editor-raw" aria-label="Raw entry">
        {JSON.stringify(entry, null, 2)}
      </pre>
    </section>
  );
}
