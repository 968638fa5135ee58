/**
 * Cells that do not depend on the column's type: a null, an absent optional
 * field, a row still loading, and a record whose stored value does not decode.
 */
import type { JSX } from 'react';
import type { RecordEntry } from '../../../../app/contract/index.js';

export function NullCell(): JSX.Element {
  return <span className="cell-value cell-null">null</span>;
}

export function AbsentCell(): JSX.Element {
  return <span className="cell-value cell-absent" aria-label="not set" />;
}

export function ErrorCell({ entry }: { entry: RecordEntry }): JSX.Element {
  const problems = entry.problems ?? [];
  const message = problems.length ? problems.map((p) => `${p.path || '/'}: ${p.message}`).join('; ') : 'no value stored';
  return (
    <span className="cell-value cell-error" data-testid="cell-error" title={message}>
      ⚠ {message}
    </span>
  );
}
